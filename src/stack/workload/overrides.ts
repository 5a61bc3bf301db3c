// `taskdef_overrides`: Copilot's escape hatch that sets any property of the rendered task definition.
// A path is dot-separated keys, each optionally indexed: `Key[2]` (an existing element) or `Key[-]` (a new
// element at the end). Missing maps are created on the way; rules apply in order.
import { RenderError } from '../inputs';
import type { Value } from '../template';

const SEGMENT = /^([a-zA-Z0-9_-]+)(?:\[(\d+|-)\])?$/;

type Rule = { path: string; value?: unknown };

/** Applies the rules to the TaskDefinition properties in place. */
export function applyTaskDefOverrides(properties: Record<string, Value>, rules: Rule[] | undefined): void {
  (rules ?? []).forEach((rule, i) => {
    try {
      applyRule(properties, rule.path, rule.value);
    } catch (err) {
      throw new RenderError(['taskdef_overrides', i, 'path'], `cannot apply override: ${(err as Error).message}`);
    }
  });
}

function isMap(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function applyRule(root: Record<string, unknown>, path: string, value: unknown): void {
  const segments = path.split('.').map((raw) => {
    const m = SEGMENT.exec(raw);
    if (!m) throw new Error(`"${raw}" is not a segment such as Key, Key[0] or Key[-]`);
    return { key: m[1], index: m[2] };
  });
  let node: Record<string, unknown> = root;
  segments.forEach(({ key, index }, i) => {
    const last = i === segments.length - 1;
    if (index === undefined) {
      if (last) {
        node[key] = value;
        return;
      }
      if (!isMap(node[key])) {
        if (node[key] !== undefined) throw new Error(`${key} is not a map`);
        node[key] = {};
      }
      node = node[key] as Record<string, unknown>;
      return;
    }
    if (node[key] === undefined) node[key] = [];
    const list = node[key];
    if (!Array.isArray(list)) throw new Error(`${key} is not a list`);
    let at: number;
    if (index === '-') {
      at = list.length;
      list.push(last ? value : {});
    } else {
      at = Number(index);
      if (at >= list.length) throw new Error(`${key}[${at}] is out of range (${key} has ${list.length} elements)`);
      if (last) list[at] = value;
    }
    if (!last) {
      if (!isMap(list[at])) throw new Error(`${key}[${at}] is not a map`);
      node = list[at] as Record<string, unknown>;
    }
  });
}
