// The Node 20 compile cache (src/startup/compile-cache.ts), exercised in child processes as bin/run.js uses it:
// a first run compiles and saves, a second runs from the cache, an edit is compiled again, and what the hook
// must leave to Node (ES modules, `import(`, files outside the root) still loads.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { cacheFile, readCache, writeCache } from '../../../src/startup/compile-cache';
import { REPO_ROOT, tempDir } from '../../helpers/cli';

const HOOK = path.join(REPO_ROOT, 'dist', 'startup', 'compile-cache.js');

interface Run {
  stats: { hits: number; misses: number };
  out: unknown;
}

function project(): { root: string; cache: string; outside: string } {
  const base = tempDir('mycopilot-cc-');
  const root = path.join(base, 'pkg');
  const outside = path.join(base, 'elsewhere');
  mkdirSync(root);
  mkdirSync(outside);
  writeFileSync(path.join(root, 'a.js'), "const b = require('./b.js');\nmodule.exports = { a: 1, b: b.value };\n");
  writeFileSync(path.join(root, 'b.js'), 'exports.value = "first";\n');
  writeFileSync(path.join(outside, 'c.js'), 'module.exports = 3;\n');
  return { root, cache: path.join(base, 'cache'), outside };
}

function run(root: string, cache: string, entry: string): Run {
  const script = `
    const { enableCompileCache } = require(${JSON.stringify(HOOK)});
    const stats = enableCompileCache(${JSON.stringify(root)}, ${JSON.stringify(cache)});
    Promise.resolve(require(${JSON.stringify(entry)})).then((out) => {
      process.stdout.write(JSON.stringify({ stats, out }));
    });`;
  const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as Run;
}

describe('compile cache', () => {
  it('compiles on the first run, runs from the cache on the second, and compiles an edited module again', () => {
    const { root, cache } = project();
    const entry = path.join(root, 'a.js');
    const first = run(root, cache, entry);
    expect(first).toEqual({ stats: { hits: 0, misses: 2 }, out: { a: 1, b: 'first' } });
    expect(existsSync(cacheFile(cache))).toBe(true);
    expect([...readCache(cacheFile(cache)).keys()].sort()).toEqual([entry, path.join(root, 'b.js')]);

    const second = run(root, cache, entry);
    expect(second).toEqual({ stats: { hits: 2, misses: 0 }, out: { a: 1, b: 'first' } });

    writeFileSync(path.join(root, 'b.js'), 'exports.value = "edited";\n');
    const third = run(root, cache, entry);
    expect(third).toEqual({ stats: { hits: 1, misses: 1 }, out: { a: 1, b: 'edited' } });
    expect(run(root, cache, entry).stats).toEqual({ hits: 2, misses: 0 });
  });

  it('leaves modules outside the root, with import(), and ES modules to Node', () => {
    const { root, cache, outside } = project();
    writeFileSync(path.join(root, 'm.mjs'), 'export const answer = 42;\n');
    writeFileSync(
      path.join(root, 'dyn.js'),
      `module.exports = import('./m.mjs').then((m) => ({ answer: m.answer, c: require(${JSON.stringify(path.join(outside, 'c.js'))}) }));\n`,
    );
    for (let i = 0; i < 2; i++) {
      const r = run(root, cache, path.join(root, 'dyn.js'));
      expect(r.out).toEqual({ answer: 42, c: 3 });
      expect(r.stats).toEqual({ hits: 0, misses: 0 });
    }
  });

  it('takes a missing, foreign or truncated cache file for an empty cache', () => {
    const dir = tempDir('mycopilot-cc-');
    const file = cacheFile(dir);
    expect(readCache(file).size).toBe(0);
    writeCache(file, new Map([['/x.js', { hash: 'h', data: Buffer.from('bytes') }]]));
    expect(readCache(file).get('/x.js')?.data.toString()).toBe('bytes');
    writeFileSync(file, Buffer.from([1, 2]));
    expect(readCache(file).size).toBe(0);
    writeFileSync(file, 'not a cache at all');
    expect(readCache(file).size).toBe(0);
  });

  it('recovers from a damaged cache file by compiling again', () => {
    const { root, cache } = project();
    const entry = path.join(root, 'a.js');
    run(root, cache, entry);
    writeFileSync(cacheFile(cache), 'garbage');
    expect(run(root, cache, entry)).toEqual({ stats: { hits: 0, misses: 2 }, out: { a: 1, b: 'first' } });
    expect(run(root, cache, entry).stats).toEqual({ hits: 2, misses: 0 });
  });
});
