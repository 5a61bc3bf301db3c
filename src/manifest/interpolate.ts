// Step 2: replace `${VAR}` in scalar values with environment variables, as Copilot did.
// `\${VAR}` is kept literally. An undefined variable is an error at its position.
import { parse as parseYamlValue } from 'yaml';
import { Pos, YNode } from './node';

export interface InterpolationProblem {
  pos: Pos;
  variable: string;
}

const REFERENCE = /(\\?)\$\{([^}]*)\}/g;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Returns a new tree with every reference replaced; `problems` lists the undefined or malformed ones. */
export function interpolate(
  node: YNode,
  vars: Readonly<Record<string, string | undefined>>,
  problems: InterpolationProblem[],
): YNode {
  switch (node.kind) {
    case 'seq':
      return { ...node, items: node.items.map((item) => interpolate(item, vars, problems)) };
    case 'map': {
      const entries = new Map();
      for (const [key, entry] of node.entries) {
        entries.set(key, { keyPos: entry.keyPos, node: interpolate(entry.node, vars, problems) });
      }
      return { ...node, entries };
    }
    case 'scalar': {
      if (typeof node.value !== 'string' || !node.value.includes('${')) return node;
      let changed = false;
      const text = node.value.replace(REFERENCE, (whole, escape: string, name: string) => {
        changed = true;
        if (escape) return whole.slice(1);
        const value = NAME.test(name) ? vars[name] : undefined;
        if (value === undefined) {
          problems.push({ pos: node.pos, variable: name });
          return whole;
        }
        return value;
      });
      if (!changed) return node;
      // A plain scalar is read as if the value had been written in its place: `count: ${N}` is a number
      // and `subnets: ${IDS}` with IDS='["a","b"]' a list.
      return node.plain ? retype(text, node.pos) : { ...node, value: text, source: text };
    }
  }
}

function retype(text: string, pos: Pos): YNode {
  const trimmed = text.trim();
  if (trimmed.startsWith('[')) {
    try {
      const list = parseYamlValue(trimmed);
      if (Array.isArray(list) && list.every((v) => v === null || typeof v !== 'object')) {
        return {
          kind: 'seq',
          items: list.map((v) => ({ kind: 'scalar', value: v ?? null, plain: false, source: String(v), pos })),
          pos,
        };
      }
    } catch {
      // not a list after all: keep it as text
    }
  }
  let value: string | number | boolean | null = text;
  try {
    const parsed = parseYamlValue(text);
    if (parsed === null || typeof parsed === 'number' || typeof parsed === 'boolean') value = parsed;
  } catch {
    value = text;
  }
  return { kind: 'scalar', value, plain: true, source: text, pos };
}
