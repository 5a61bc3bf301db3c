// Step 4a: read the tree the way Copilot's decoder did, guided by the schema:
//  - YAML 1.1 booleans (`yes`, `off`, `on` …) are booleans where the schema expects one;
//  - any scalar is text where the schema expects text (`PORT: 8080` under `variables`);
//  - keys the schema does not know are collected as warnings (Copilot ignored them silently).
import { z } from 'zod';
import { PathSegment, Pos, toPlain, YEntry, YNode } from './node';

export interface UnknownKey {
  path: PathSegment[];
  key: string;
  pos: Pos;
  suggestion?: string;
}

const YAML11_BOOLEANS: Record<string, boolean> = {};
for (const w of ['y', 'yes', 'on', 'true']) for (const f of forms(w)) YAML11_BOOLEANS[f] = true;
for (const w of ['n', 'no', 'off', 'false']) for (const f of forms(w)) YAML11_BOOLEANS[f] = false;
function forms(word: string): string[] {
  return [word, word[0].toUpperCase() + word.slice(1), word.toUpperCase()];
}

type Def = { type: string; [k: string]: unknown };
const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** Peels wrappers that do not change the shape of the value. */
function unwrap(schema: z.ZodType): z.ZodType {
  let s = schema;
  for (;;) {
    const def = defOf(s);
    if (['optional', 'nullable', 'default', 'readonly', 'catch', 'nonoptional', 'prefault'].includes(def.type)) {
      s = def.innerType as z.ZodType;
    } else if (def.type === 'lazy') {
      s = (def.getter as () => z.ZodType)();
    } else if (def.type === 'pipe') {
      s = def.in as z.ZodType;
    } else {
      return s;
    }
  }
}

export function normalize(schema: z.ZodType, node: YNode, path: PathSegment[] = [], unknown: UnknownKey[] = []): YNode {
  const s = unwrap(schema);
  const def = defOf(s);
  switch (def.type) {
    case 'boolean':
      if (node.kind === 'scalar' && node.plain && typeof node.value === 'string' && node.value in YAML11_BOOLEANS) {
        return { ...node, value: YAML11_BOOLEANS[node.value] };
      }
      return node;
    case 'string':
      return asText(node);
    case 'enum':
    case 'literal': {
      const values = (def.type === 'enum' ? Object.values(def.entries as object) : (def.values as unknown[])) ?? [];
      return values.some((v) => typeof v === 'string') ? asText(node) : node;
    }
    case 'array':
      if (node.kind !== 'seq') return node;
      return {
        ...node,
        items: node.items.map((item, i) => normalize(def.element as z.ZodType, item, [...path, i], unknown)),
      };
    case 'record': {
      if (node.kind !== 'map') return node;
      const entries = new Map<string, YEntry>();
      for (const [key, entry] of node.entries) {
        entries.set(key, {
          ...entry,
          node: normalize(def.valueType as z.ZodType, entry.node, [...path, key], unknown),
        });
      }
      return { ...node, entries };
    }
    case 'object': {
      if (node.kind !== 'map') return node;
      const shape = def.shape as Record<string, z.ZodType>;
      const entries = new Map<string, YEntry>();
      for (const [key, entry] of node.entries) {
        const field = shape[key];
        if (field) {
          entries.set(key, { ...entry, node: normalize(field, entry.node, [...path, key], unknown) });
        } else {
          unknown.push({ path: [...path, key], key, pos: entry.keyPos, suggestion: closest(key, Object.keys(shape)) });
          entries.set(key, entry);
        }
      }
      return { ...node, entries };
    }
    case 'union':
      return normalizeUnion(def.options as z.ZodType[], node, path, unknown);
    case 'intersection': {
      // Both sides see the node; only keys unknown to both are reported.
      const left: UnknownKey[] = [];
      const right: UnknownKey[] = [];
      const once = normalize(def.left as z.ZodType, node, path, left);
      const twice = normalize(def.right as z.ZodType, once, path, right);
      const rightKeys = new Set(right.map((u) => JSON.stringify(u.path)));
      unknown.push(...left.filter((u) => rightKeys.has(JSON.stringify(u.path))));
      return twice;
    }
    default:
      return node;
  }
}

/** Picks the union member the node was meant as: the first that accepts it, else the first of the same shape. */
function normalizeUnion(options: z.ZodType[], node: YNode, path: PathSegment[], unknown: UnknownKey[]): YNode {
  let fallback: { node: YNode; unknown: UnknownKey[] } | undefined;
  for (const option of options) {
    const found: UnknownKey[] = [];
    const candidate = normalize(option, node, path, found);
    if (option.safeParse(toPlain(candidate)).success) {
      unknown.push(...found);
      return candidate;
    }
    if (!fallback && sameShape(option, node)) fallback = { node: candidate, unknown: found };
  }
  if (fallback) {
    unknown.push(...fallback.unknown);
    return fallback.node;
  }
  return node;
}

/** Whether a schema expects a map, a list or a scalar like the node is. */
export function sameShape(schema: z.ZodType, node: YNode): boolean {
  const type = defOf(unwrap(schema)).type;
  if (type === 'union') return (defOf(unwrap(schema)).options as z.ZodType[]).some((o) => sameShape(o, node));
  if (node.kind === 'map') return type === 'object' || type === 'record' || type === 'intersection';
  if (node.kind === 'seq') return type === 'array' || type === 'tuple';
  return !['object', 'record', 'intersection', 'array', 'tuple'].includes(type);
}

function asText(node: YNode): YNode {
  if (node.kind !== 'scalar' || node.value === null || typeof node.value === 'string') return node;
  return { ...node, value: node.source ?? String(node.value) };
}

/** The known key a misspelt one most likely meant, if any is close enough. */
export function closest(key: string, known: string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  const k = key.toLowerCase();
  for (const candidate of known) {
    const c = candidate.toLowerCase();
    const d = editDistance(k, c);
    const limit = Math.max(1, Math.floor(Math.max(k.length, c.length) / 3));
    const related = d <= limit || (k.length >= 4 && (c.startsWith(k) || k.startsWith(c)));
    if (related && d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return prev[b.length];
}
