// Step 1: YAML text → YNode tree with positions. Keys are always strings (so `on:` stays the Scheduled Job
// key); YAML 1.1 booleans in values are resolved later against the schema, as Copilot's decoder did.
import {
  Alias,
  Document,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  Node,
  parseDocument,
  Scalar,
} from 'yaml';
import { Diagnostic } from '../errors';
import { Pos, YEntry, YMap, YNode } from './node';

export interface ParseResult {
  root?: YNode;
  diagnostics: Diagnostic[];
}

export function parseYaml(file: string, text: string): ParseResult {
  const at = (pos: Pos, message: string): ParseResult => ({
    diagnostics: [{ position: { file, ...pos }, path: '', message }],
  });
  if (text.includes('\u0000') || text.includes('\uFFFD')) {
    return at({ line: 1, column: 1 }, 'this is not a text file; a manifest is YAML text (UTF-8)');
  }
  if (text.trim() === '' || /^(\s*#.*\n?)*\s*$/.test(text)) {
    return at(
      { line: 1, column: 1 },
      'the file is empty; a manifest is a YAML map that starts with `name:` and `type:`',
    );
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, merge: true, prettyErrors: false, uniqueKeys: true });
  const posOf = (offset: number): Pos => {
    const p = lineCounter.linePos(offset);
    return { line: p.line, column: p.col };
  };
  // Later syntax errors mostly follow from the first: report that one.
  const problems = doc.errors.slice(0, 1);
  if (problems.length > 0) {
    return {
      diagnostics: problems.map((e) => ({
        position: { file, ...posOf(e.pos[0]) },
        path: '',
        message: `YAML syntax: ${firstLine(e.message)}`,
      })),
    };
  }
  if (!doc.contents) return at({ line: 1, column: 1 }, 'the file has no YAML content');
  const converter = new Converter(doc, posOf);
  const root = converter.convert(doc.contents as Node);
  if (converter.diagnostics.length > 0) {
    return {
      diagnostics: converter.diagnostics.map((d) => ({ position: { file, ...d.pos }, path: '', message: d.message })),
    };
  }
  if (root.kind !== 'map') {
    return at(root.pos, `expected a YAML map of fields (name: ..., type: ...), found a ${describeKind(root)}`);
  }
  return { root, diagnostics: [] };
}

function firstLine(message: string): string {
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}

export function describeKind(node: YNode): string {
  if (node.kind === 'map') return 'map';
  if (node.kind === 'seq') return 'list';
  return node.value === null ? 'empty value' : `${typeof node.value} (${JSON.stringify(node.value)})`;
}

class Converter {
  readonly diagnostics: { pos: Pos; message: string }[] = [];
  private readonly resolving = new Set<Node>();

  constructor(
    private readonly doc: Document,
    private readonly posOf: (offset: number) => Pos,
  ) {}

  convert(node: Node | Alias | null | undefined, fallback: Pos = { line: 1, column: 1 }): YNode {
    if (node === null || node === undefined) return { kind: 'scalar', value: null, plain: true, pos: fallback };
    if (isAlias(node)) {
      const target = node.resolve(this.doc);
      if (!target || this.resolving.has(target)) {
        this.diagnostics.push({ pos: this.pos(node, fallback), message: `alias *${node.source} cannot be resolved` });
        return { kind: 'scalar', value: null, plain: true, pos: this.pos(node, fallback) };
      }
      this.resolving.add(target);
      const converted = this.convert(target, this.pos(node, fallback));
      this.resolving.delete(target);
      return converted;
    }
    const pos = this.pos(node, fallback);
    if (isScalar(node)) return this.scalar(node, pos);
    if (isSeq(node)) return { kind: 'seq', items: node.items.map((item) => this.convert(item as Node, pos)), pos };
    if (isMap(node)) {
      const map: YMap = { kind: 'map', entries: new Map(), pos };
      const merged: [string, YEntry][] = [];
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const keyNode = pair.key as Node | null;
        const keyPos = keyNode ? this.pos(keyNode, pos) : pos;
        // `<<: *anchor` merge keys: entries of the merged map(s), overridden by the map's own keys.
        if (
          isScalar(keyNode) &&
          (typeof keyNode.value === 'symbol' || (keyNode.value === '<<' && keyNode.type === 'PLAIN'))
        ) {
          const sources = isSeq(pair.value) ? pair.value.items : [pair.value];
          for (const source of sources) {
            const value = this.convert(source as Node, keyPos);
            if (value.kind === 'map') merged.push(...value.entries);
            else this.diagnostics.push({ pos: keyPos, message: 'a `<<` merge key takes a map or a list of maps' });
          }
          continue;
        }
        const key = isScalar(keyNode) ? String(keyNode.value ?? '') : keyNode ? String(keyNode) : '';
        map.entries.set(key, { keyPos, node: this.convert(pair.value as Node, keyPos) });
      }
      for (const [key, entry] of merged) if (!map.entries.has(key)) map.entries.set(key, entry);
      return map;
    }
    this.diagnostics.push({ pos, message: 'unsupported YAML node' });
    return { kind: 'scalar', value: null, plain: true, pos };
  }

  private scalar(node: Scalar, pos: Pos): YNode {
    const v = node.value;
    const value =
      v === null || v === undefined ? null : typeof v === 'number' || typeof v === 'boolean' ? v : String(v);
    const source = typeof node.source === 'string' ? node.source : undefined;
    return { kind: 'scalar', value, plain: node.type === 'PLAIN' || node.type === undefined, source, pos };
  }

  private pos(node: Node | Alias, fallback: Pos): Pos {
    return node.range ? this.posOf(node.range[0]) : fallback;
  }
}
