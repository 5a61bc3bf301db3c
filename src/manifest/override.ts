// Step 3: apply `environments.<env>` overrides with Copilot's rules.
//  - a scalar set in the override wins, even `false`, `0` or "";
//  - maps merge key by key; lists are replaced whole;
//  - a value of another form replaces the base (count: 3 vs count: {range: ..}, http: false vs a map, ...);
//  - an empty override (`key:` with no value) changes nothing;
//  - keys that are alternatives of one another (image.build vs image.location) drop their sibling.
import { YEntry, YMap, YNode } from './node';

/**
 * Maps (by the key they sit under) whose keys come in sets that exclude each other, as Copilot's merge had
 * them: setting a key of one set in an override drops the keys of the other sets from the base.
 */
const ALTERNATIVE_KEYS: Record<string, string[][]> = {
  '': [['launch_type'], ['capacity_providers']], // the top level
  image: [['build'], ['location']],
  count: [
    ['spot'],
    ['range', 'cooldown', 'cpu_percentage', 'memory_percentage', 'requests', 'response_time', 'queue_delay'],
  ],
  efs: [
    ['uid', 'gid'],
    ['id', 'root_dir', 'auth'],
  ],
};

export const OVERRIDES_KEY = 'environments';

/** The environments an `environments:` block names, in the order written. */
export function overrideEnvironments(root: YMap): string[] {
  const block = root.entries.get(OVERRIDES_KEY)?.node;
  return block?.kind === 'map' ? [...block.entries.keys()] : [];
}

/** The manifest as seen by `env`: the base without its `environments:` block, with that env's overrides merged. */
export function applyOverrides(root: YMap, env: string | undefined): YMap {
  const base: YMap = { ...root, entries: new Map(root.entries) };
  base.entries.delete(OVERRIDES_KEY);
  if (!env) return base;
  const override = root.entries.get(OVERRIDES_KEY)?.node;
  const forEnv = override?.kind === 'map' ? override.entries.get(env)?.node : undefined;
  if (!forEnv || forEnv.kind !== 'map') return base;
  return mergeMaps(base, forEnv, '');
}

function merge(base: YNode, override: YNode, key: string | undefined): YNode {
  if (override.kind === 'scalar' && override.value === null) return base;
  if (base.kind === 'map' && override.kind === 'map') return mergeMaps(base, override, key);
  return override;
}

function mergeMaps(base: YMap, override: YMap, key: string | undefined): YMap {
  const entries = new Map<string, YEntry>(base.entries);
  for (const [k, entry] of override.entries) {
    if (k === OVERRIDES_KEY) continue;
    const existing = entries.get(k);
    if (entry.node.kind === 'scalar' && entry.node.value === null) continue;
    const sets = ALTERNATIVE_KEYS[key ?? ''] ?? [];
    const own = sets.find((set) => set.includes(k));
    if (own) for (const other of sets) if (other !== own) for (const drop of other) entries.delete(drop);
    entries.set(k, existing ? { keyPos: entry.keyPos, node: merge(existing.node, entry.node, k) } : entry);
  }
  return { ...base, entries };
}
