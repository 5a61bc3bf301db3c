// Keeps V8's compiled code for the CLI's modules between runs. A no-op `svc deploy` is mostly Node start-up, and
// most of that is compiling the ~450 modules it loads (oclif, zod, yaml, the SDK, our own); with the cache they load
// from bytecode. Node ≥ 22.1 does this itself (module.enableCompileCache, used by bin/run.js); this hook is for
// Node 20. The published hooks (v8-compile-cache and its fork) break the `import()` that oclif itself uses: a
// script compiled by vm has no dynamic-import callback. This one leaves modules that use `import(` to Node.
//
// One file per Node version holds every module's cached data, keyed by path and checked against a hash of the
// source, so an edited or upgraded module is simply compiled again. It is rewritten only when something was
// compiled fresh, atomically, so parallel runs never read a torn file.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import Module from 'node:module';
import * as path from 'node:path';
import * as vm from 'node:vm';

interface Entry {
  hash: string;
  data: Buffer;
}

/** What one run did, for tests and for deciding whether to write. */
export interface CompileCacheStats {
  /** Modules run from cached bytecode. */
  hits: number;
  /** Modules compiled from source (new, changed, or rejected by V8). */
  misses: number;
}

const FORMAT = 'mycopilot-compile-cache-1';

type CompileFn = (this: Module, content: string, filename: string, ...rest: unknown[]) => unknown;

interface ModuleInternals {
  _compile: CompileFn;
}
interface ModuleStatics {
  wrap(source: string): string;
  _resolveFilename(request: string, parent: Module, isMain: boolean, options?: unknown): string;
  _resolveLookupPaths(request: string, parent: Module): string[] | null;
  _extensions: NodeJS.RequireExtensions;
  _cache: NodeJS.Dict<NodeModule>;
}

/** The cache file for this Node version and architecture inside `dir`. */
export function cacheFile(dir: string): string {
  return path.join(dir, `${FORMAT}-${process.version}-${process.arch}.bin`);
}

/** Reads a cache file; a missing, foreign or truncated file is an empty cache. */
export function readCache(file: string): Map<string, Entry> {
  const entries = new Map<string, Entry>();
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch {
    return entries;
  }
  try {
    const headerLength = bytes.readUInt32LE(0);
    const header = JSON.parse(bytes.subarray(4, 4 + headerLength).toString('utf8')) as {
      format: string;
      entries: [string, string, number, number][];
    };
    if (header.format !== FORMAT) return entries;
    const base = 4 + headerLength;
    for (const [filename, hash, offset, length] of header.entries) {
      if (base + offset + length > bytes.length) return new Map();
      entries.set(filename, { hash, data: bytes.subarray(base + offset, base + offset + length) });
    }
  } catch {
    return new Map();
  }
  return entries;
}

/** Writes a cache file atomically (temporary file, then rename). */
export function writeCache(file: string, entries: Map<string, Entry>): void {
  const index: [string, string, number, number][] = [];
  const blobs: Buffer[] = [];
  let offset = 0;
  for (const [filename, { hash, data }] of entries) {
    index.push([filename, hash, offset, data.length]);
    blobs.push(data);
    offset += data.length;
  }
  const header = Buffer.from(JSON.stringify({ format: FORMAT, entries: index }), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32LE(header.length, 0);
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, Buffer.concat([length, header, ...blobs]), { mode: 0o600 });
  fs.renameSync(temporary, file);
}

// V8 checks cached data against little more than the source's length: an edit that keeps the length needs this.
function sourceHash(content: string): string {
  // crypto.hash (Node ≥ 20.12) hashes in one call, about twice as fast as a Hash object for module sources.
  return typeof crypto.hash === 'function'
    ? crypto.hash('sha1', content, 'base64')
    : crypto.createHash('sha1').update(content).digest('base64');
}

/**
 * Installs the hook for modules under `root` (the package folder, node_modules included) and saves new bytecode
 * to `dir` when the process exits. Returns the live counters.
 */
export function enableCompileCache(root: string, dir: string): CompileCacheStats {
  const stats: CompileCacheStats = { hits: 0, misses: 0 };
  const file = cacheFile(dir);
  const entries = readCache(file);
  const fresh = new Map<string, { hash: string; script: vm.Script }>();
  const statics = Module as unknown as ModuleStatics;
  const proto = Module.prototype as unknown as ModuleInternals;
  const original = proto._compile;
  const prefix = root.endsWith(path.sep) ? root : root + path.sep;

  proto._compile = function compile(this: Module, content: string, filename: string, ...rest: unknown[]) {
    // Only plain CommonJS is ours to compile: Node passes a format when it loads an ES module through require().
    // A hashbang line is only valid at the very start of a script, and the wrapper would move it. Node 20 loses a
    // script's dynamic-import callback when it is built from cached data, so modules with `import(` compile as usual.
    if (
      (rest[0] !== undefined && rest[0] !== 'commonjs') ||
      !filename.startsWith(prefix) ||
      content.startsWith('#!') ||
      content.includes('import(')
    ) {
      return original.call(this, content, filename, ...rest);
    }
    const hash = sourceHash(content);
    const cached = entries.get(filename);
    const script = new vm.Script(statics.wrap(content), {
      filename,
      cachedData: cached?.hash === hash ? cached.data : undefined,
    });
    if (cached?.hash === hash && !script.cachedDataRejected) stats.hits++;
    else {
      stats.misses++;
      fresh.set(filename, { hash, script });
    }
    const wrapper = script.runInThisContext({ displayErrors: true }) as (...args: unknown[]) => unknown;
    return wrapper.call(this.exports, this.exports, requireFor(this, statics), this, filename, path.dirname(filename));
  };

  process.once('exit', () => {
    if (fresh.size === 0) return;
    // Taken at exit, the data also covers the functions that ran, not just the top level.
    for (const [filename, { hash, script }] of fresh) entries.set(filename, { hash, data: script.createCachedData() });
    try {
      writeCache(file, entries);
    } catch {
      // A read-only or full cache folder only costs speed.
    }
  });
  return stats;
}

function requireFor(mod: Module, statics: ModuleStatics): NodeJS.Require {
  const require = ((id: string) => mod.require(id)) as NodeJS.Require;
  const resolve = ((request: string, options?: unknown) =>
    statics._resolveFilename(request, mod, false, options)) as NodeJS.RequireResolve;
  resolve.paths = (request: string) => statics._resolveLookupPaths(request, mod);
  require.resolve = resolve;
  require.main = process.mainModule;
  require.extensions = statics._extensions;
  require.cache = statics._cache;
  return require;
}
