// Reads a deployed template (GetTemplate) back into plain objects: JSON, mycopilot's long-form YAML, or the
// short-form tags Copilot's templates use (`!Ref`, `!Sub`, `!GetAtt`), so that what is read from a stack
// Copilot deployed looks the same as from one mycopilot deployed.
import { parseDocument } from 'yaml';
import type { ScalarTag, CollectionTag } from 'yaml';

export type TemplateValue = unknown;

export interface ParsedTemplate {
  Parameters?: Record<string, { Default?: unknown }>;
  Resources?: Record<string, { Type?: string; Condition?: string; Properties?: Record<string, TemplateValue> }>;
  Outputs?: Record<string, { Value?: TemplateValue }>;
}

const INTRINSICS = [
  'Base64',
  'Cidr',
  'FindInMap',
  'GetAZs',
  'ImportValue',
  'Join',
  'Select',
  'Split',
  'Sub',
  'If',
  'Equals',
  'Not',
  'And',
  'Or',
];

type Tag = ScalarTag | CollectionTag;

function plain(value: unknown): unknown {
  return value && typeof (value as { toJSON?: unknown }).toJSON === 'function'
    ? (value as { toJSON(): unknown }).toJSON()
    : value;
}

function tags(): Tag[] {
  const each = (tag: string, resolve: (v: unknown) => unknown): Tag[] => [
    { tag, resolve: (v: string) => resolve(v) } as ScalarTag,
    { tag, collection: 'seq', resolve: (v: unknown) => resolve(plain(v)) } as unknown as CollectionTag,
    { tag, collection: 'map', resolve: (v: unknown) => resolve(plain(v)) } as unknown as CollectionTag,
  ];
  return [
    ...INTRINSICS.flatMap((name) => each(`!${name}`, (v) => ({ [`Fn::${name}`]: v }))),
    ...each('!Ref', (v) => ({ Ref: v })),
    ...each('!Condition', (v) => ({ Condition: v })),
    ...each('!GetAtt', (v) => ({
      'Fn::GetAtt': typeof v === 'string' ? [v.slice(0, v.indexOf('.')), v.slice(v.indexOf('.') + 1)] : v,
    })),
  ];
}

/** The template as objects; an empty template when the text is not one (nothing to show beats failing). */
export function parseTemplate(text: string): ParsedTemplate {
  try {
    const doc = parseDocument(text, { customTags: tags(), logLevel: 'silent', uniqueKeys: false });
    if (doc.errors.length > 0) return {};
    const value = doc.toJS() as unknown;
    return value && typeof value === 'object' ? (value as ParsedTemplate) : {};
  } catch {
    return {};
  }
}

/** A literal string, or `Ref` of a stack parameter resolved with the deployed parameter values. */
export function literal(value: TemplateValue, parameters: Record<string, string>): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const ref = (value as { Ref?: unknown } | null)?.Ref;
  if (typeof ref === 'string' && ref in parameters) return parameters[ref];
  return undefined;
}

/** Resources of a type, by logical ID. */
export function resourcesOfType(template: ParsedTemplate, type: string): [string, Record<string, TemplateValue>][] {
  return Object.entries(template.Resources ?? {})
    .filter(([, r]) => r.Type === type)
    .map(([id, r]) => [id, r.Properties ?? {}]);
}
