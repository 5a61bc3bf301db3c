// The YAML tree every manifest step works on: plain values plus the source position of every node,
// so that interpolation, overrides and validation can all point at file:line:column.

export interface Pos {
  line: number;
  column: number;
}

export interface YScalar {
  kind: 'scalar';
  value: string | number | boolean | null;
  /** Written without quotes: only plain scalars are YAML 1.1 booleans or retyped after interpolation. */
  plain: boolean;
  /** The scalar as written, for fields that read any scalar as text (`PORT: 8080` in `variables`). */
  source?: string;
  pos: Pos;
}

export interface YEntry {
  keyPos: Pos;
  node: YNode;
}

export interface YMap {
  kind: 'map';
  entries: Map<string, YEntry>;
  pos: Pos;
}

export interface YSeq {
  kind: 'seq';
  items: YNode[];
  pos: Pos;
}

export type YNode = YScalar | YMap | YSeq;
export type PathSegment = string | number;

export function toPlain(node: YNode): unknown {
  switch (node.kind) {
    case 'scalar':
      return node.value;
    case 'seq':
      return node.items.map(toPlain);
    case 'map': {
      const out: Record<string, unknown> = {};
      for (const [key, entry] of node.entries) out[key] = toPlain(entry.node);
      return out;
    }
  }
}

/**
 * The position to report for `path`: the node itself when it exists; for a missing key, its parent map.
 * `keyPos` asks for the key's position instead of the value's (used for unknown-key warnings).
 */
export function positionAt(root: YNode, path: readonly PathSegment[], keyPos = false): Pos {
  let node: YNode = root;
  let pos = root.pos;
  for (const segment of path) {
    if (node.kind === 'map' && node.entries.has(String(segment))) {
      const entry = node.entries.get(String(segment))!;
      pos = keyPos || entry.node.kind === 'map' ? entry.keyPos : entry.node.pos;
      node = entry.node;
    } else if (node.kind === 'seq' && typeof segment === 'number' && node.items[segment]) {
      node = node.items[segment];
      pos = node.pos;
    } else {
      break;
    }
  }
  return pos;
}

export function getChild(node: YNode | undefined, key: string): YNode | undefined {
  return node?.kind === 'map' ? node.entries.get(key)?.node : undefined;
}

export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out ? `.${segment}` : segment;
  }
  return out;
}
