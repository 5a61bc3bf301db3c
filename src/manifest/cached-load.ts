// Loaded manifests kept between runs. A deploy of an unchanged workload spends most of its time starting up, and
// loading the YAML parser and building the schemas is a large part of that; a manifest that loaded cleanly before
// is read back from the cache instead, and neither library is loaded.
//
// An entry is keyed by everything its loading reads: the text, the file name shown in messages, the application,
// the environment and the build of the manifest code (dist/manifest/build-id.json, written by the build). Loading
// also reads environment variables for ${VAR}, which the key cannot cover, so a manifest that may refer to any
// variable other than ${COPILOT_APPLICATION_NAME} and ${COPILOT_ENVIRONMENT_NAME} is never cached. Entries carry no
// positions: a caller that needs the tree (to place a render error) loads the file again without the cache.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { LoadedManifest, LoadOptions } from './load';

/** Where entries live and which build of the manifest code wrote them. */
export interface ManifestCache {
  dir: string;
  build: string;
}

/** The most entries kept; past it, the older half is removed when an entry is written. */
const MAX_ENTRIES = 400;

let active: ManifestCache | undefined;

/** Turns the cache on (bin/run.js does, with the build's id) or off (undefined). Off unless turned on. */
export function useManifestCache(cache: ManifestCache | undefined): void {
  active = cache;
}

/** The cache for `dir` with the build id the build wrote next to this module; undefined when there is none. */
export function manifestCacheIn(dir: string): ManifestCache | undefined {
  try {
    const { id } = JSON.parse(fs.readFileSync(path.join(__dirname, 'build-id.json'), 'utf8')) as { id?: string };
    return id ? { dir, build: id } : undefined;
  } catch {
    return undefined;
  }
}

/** True when loading `text` reads no environment variable except the two the key covers. */
export function cacheable(text: string): boolean {
  const rest = text.replace(/\$\{COPILOT_(APPLICATION|ENVIRONMENT)_NAME\}/g, '');
  // A `$` anywhere else may start a reference, also across an escaped line break; YAML escapes can write one too.
  return !rest.includes('$') && !/\\(x24|u0024|U00000024)/i.test(rest);
}

type Entry = Pick<LoadedManifest, 'type' | 'env' | 'manifest' | 'environments' | 'warnings'>;

function entryFile(cache: ManifestCache, options: LoadOptions, text: string): string {
  const key = createHash('sha256')
    .update(JSON.stringify([cache.build, options.file, options.app ?? null, options.env ?? null, text]))
    .digest('hex');
  return path.join(cache.dir, `${key}.json`);
}

/** loadManifestFile, answered from the cache when it can be. */
export async function loadManifestFileCached(options: LoadOptions): Promise<LoadedManifest> {
  const cache = active;
  const load = async (text?: string) =>
    (await import('./load.js')).loadManifestFile(text === undefined ? options : { ...options, text });
  if (!cache) return load();
  let text: string;
  try {
    text = options.text ?? (await readFile(options.file, 'utf8'));
  } catch {
    return load(); // the loader words the error
  }
  if (!cacheable(text)) return load(text);
  const file = entryFile(cache, options, text);
  try {
    const entry = JSON.parse(await readFile(file, 'utf8')) as Entry;
    return { file: options.file, ...entry, errors: [] };
  } catch {
    // Not cached yet, or unreadable: load it and keep it.
  }
  const loaded = await load(text);
  if (loaded.errors.length === 0 && loaded.manifest !== undefined) {
    const { type, env, manifest, environments, warnings } = loaded;
    writeEntry(cache, file, { type, env, manifest, environments, warnings });
  }
  return loaded;
}

function writeEntry(cache: ManifestCache, file: string, entry: Entry): void {
  try {
    fs.mkdirSync(cache.dir, { recursive: true, mode: 0o700 });
    const temporary = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, JSON.stringify(entry), { mode: 0o600 });
    fs.renameSync(temporary, file);
    prune(cache.dir);
  } catch {
    // A read-only or full cache folder only costs speed.
  }
}

function prune(dir: string): void {
  const names = fs.readdirSync(dir).filter((n) => n.endsWith('.json'));
  if (names.length <= MAX_ENTRIES) return;
  const byAge = names
    .map((n) => ({ n, t: fs.statSync(path.join(dir, n)).mtimeMs }))
    .sort((a, b) => a.t - b.t)
    .slice(0, names.length - MAX_ENTRIES / 2);
  for (const { n } of byAge) fs.rmSync(path.join(dir, n), { force: true });
}
