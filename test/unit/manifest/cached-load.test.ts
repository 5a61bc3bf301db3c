// Loaded manifests kept between runs (src/manifest/cached-load.ts): a hit gives what loading gives, minus the
// tree; anything the key covers (text, environment, build) misses; manifests that read variables, or that
// have errors, are never kept.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { cacheable, loadManifestFileCached, useManifestCache } from '../../../src/manifest/cached-load';
import { loadManifest } from '../../../src/manifest/load';
import { CORPUS, CORPUS_VARS, tempDir } from '../../helpers/cli';

const SERVICE = `name: api
type: Backend Service
image:
  location: nginx
  port: 80
variables:
  WHERE: \${COPILOT_ENVIRONMENT_NAME}
environments:
  prod:
    count: 3
`;

function setup(text = SERVICE): { file: string; dir: string } {
  const work = tempDir('mycopilot-mc-');
  const file = path.join(work, 'manifest.yml');
  writeFileSync(file, text);
  const dir = path.join(work, 'cache');
  useManifestCache({ dir, build: 'build-1' });
  return { file, dir };
}

const entries = (dir: string) => {
  try {
    return readdirSync(dir).filter((n) => n.endsWith('.json'));
  } catch {
    return [];
  }
};

afterEach(() => useManifestCache(undefined));

describe('manifest cache', () => {
  it('answers the second load from the cache with the same manifest, warnings and environments', async () => {
    const { file, dir } = setup(SERVICE.replace('port: 80', 'port: 80\n  portt: 81'));
    const first = await loadManifestFileCached({ file, env: 'prod', app: 'demo' });
    expect(first.errors).toEqual([]);
    expect(first.tree).toBeDefined();
    expect(first.warnings.map((w) => w.path)).toEqual(['image.portt']);
    expect(entries(dir)).toHaveLength(1);

    const second = await loadManifestFileCached({ file, env: 'prod', app: 'demo' });
    expect(second.tree).toBeUndefined(); // from the cache: no positions kept
    const { tree: _tree, ...rest } = first;
    expect(second).toStrictEqual(rest);
    expect((second.manifest as { variables: unknown }).variables).toEqual({ WHERE: 'prod' });
  });

  it('misses when the text, the environment, the application or the build differ', async () => {
    const { file, dir } = setup();
    await loadManifestFileCached({ file, env: 'prod', app: 'demo' });
    const other = await loadManifestFileCached({ file, env: 'test', app: 'demo' });
    expect(other.tree).toBeDefined();
    expect((other.manifest as { count?: unknown }).count).toBeUndefined();
    expect((await loadManifestFileCached({ file, env: 'prod', app: 'other' })).tree).toBeDefined();

    writeFileSync(file, SERVICE.replace('count: 3', 'count: 4'));
    const edited = await loadManifestFileCached({ file, env: 'prod', app: 'demo' });
    expect(edited.tree).toBeDefined();
    expect((edited.manifest as { count: unknown }).count).toBe(4);

    useManifestCache({ dir, build: 'build-2' });
    expect((await loadManifestFileCached({ file, env: 'prod', app: 'demo' })).tree).toBeDefined();
    expect(entries(dir)).toHaveLength(5);
  });

  it('never keeps a manifest that reads other variables, so a changed variable is seen', async () => {
    const { file, dir } = setup(SERVICE.replace('${COPILOT_ENVIRONMENT_NAME}', '${REGION_NAME}'));
    const first = await loadManifestFileCached({ file, env: 'prod', vars: { REGION_NAME: 'one' } });
    const second = await loadManifestFileCached({ file, env: 'prod', vars: { REGION_NAME: 'two' } });
    expect((first.manifest as { variables: unknown }).variables).toEqual({ WHERE: 'one' });
    expect((second.manifest as { variables: unknown }).variables).toEqual({ WHERE: 'two' });
    expect(entries(dir)).toEqual([]);
  });

  it('never keeps a manifest with errors, and reports them with positions', async () => {
    const { file, dir } = setup(SERVICE.replace('port: 80', 'port: eighty'));
    for (let i = 0; i < 2; i++) {
      const loaded = await loadManifestFileCached({ file, env: 'prod' });
      expect(loaded.errors[0]?.position).toMatchObject({ line: 5 });
    }
    expect(entries(dir)).toEqual([]);
  });

  it('is off unless turned on', async () => {
    const { file, dir } = setup();
    useManifestCache(undefined);
    await loadManifestFileCached({ file, env: 'prod' });
    expect((await loadManifestFileCached({ file, env: 'prod' })).tree).toBeDefined();
    expect(entries(dir)).toEqual([]);
  });

  it('tells which texts can be kept', () => {
    expect(cacheable('name: a\nv: ${COPILOT_APPLICATION_NAME}-${COPILOT_ENVIRONMENT_NAME}\n')).toBe(true);
    expect(cacheable('name: a\nv: ${TAG}\n')).toBe(false);
    expect(cacheable('v: "$\\\n{TAG}"\n')).toBe(false); // joined across an escaped line break
    expect(cacheable('v: "\\x24{TAG}"\n')).toBe(false);
    expect(cacheable('v: "\\u0024{TAG}"\n')).toBe(false);
    expect(cacheable('v: price in $\n')).toBe(false);
  });

  it('keeps every corpus manifest as loading gives it: nothing is lost in JSON', () => {
    const walk = (dir: string): string[] =>
      readdirSync(dir).flatMap((e) => {
        const full = path.join(dir, e);
        return statSync(full).isDirectory() ? walk(full) : /\.ya?ml$/.test(e) ? [full] : [];
      });
    let checked = 0;
    for (const file of walk(CORPUS)) {
      const text = readFileSync(file, 'utf8');
      const loaded = loadManifest({ file, text, app: 'demo', vars: CORPUS_VARS });
      for (const env of [undefined, ...loaded.environments]) {
        const one = env ? loadManifest({ file, text, env, app: 'demo', vars: CORPUS_VARS }) : loaded;
        if (one.manifest === undefined) continue;
        expect(JSON.parse(JSON.stringify(one.manifest))).toStrictEqual(one.manifest);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(60);
  });
});
