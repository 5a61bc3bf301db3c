// Runs a TypeScript file directly (swc, no type-check): for debugging scripts, e.g. `node scripts/dev/run-ts.js x.ts`.
const swc = require('@swc/core'); const Module = require('module'); const fs = require('fs');
const orig = Module._extensions['.js'];
Module._extensions['.ts'] = function (m, filename) { const out = swc.transformSync(fs.readFileSync(filename, 'utf8'), { filename, jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }); m._compile(out.code, filename); };
const origResolve = Module._resolveFilename;
Module._resolveFilename = function (req, parent, ...rest) { try { return origResolve.call(this, req, parent, ...rest); } catch (e) { if (req.endsWith('.js')) return origResolve.call(this, req.slice(0, -3), parent, ...rest); throw e; } };
require(require('path').resolve(process.argv[2]));
