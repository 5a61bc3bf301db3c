#!/usr/bin/env node
// Writes dist/manifest/build-id.json after a build: a hash of the compiled manifest code and the versions of the
// libraries it uses. Loaded manifests are cached under this id (src/manifest/cached-load.ts), so a build that
// changes how manifests load never reads what an older one cached.
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const dir = path.join(root, 'dist', 'manifest');
const hash = crypto.createHash('sha256');
const files = fs.readdirSync(dir, { recursive: true }).filter((f) => f.endsWith('.js')).sort();
for (const file of files) hash.update(file).update(fs.readFileSync(path.join(dir, file)));
for (const lib of ['zod', 'yaml']) hash.update(`${lib}@${require(`${lib}/package.json`).version}`);
fs.writeFileSync(path.join(dir, 'build-id.json'), JSON.stringify({ id: hash.digest('hex').slice(0, 32) }) + '\n');
