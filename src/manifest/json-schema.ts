// JSON Schema for editors (yaml-language-server), generated from the same zod schemas that validate.
// Adds what the YAML layer accepts beyond the zod types: YAML 1.1 booleans, and the `environments:` block
// whose entries may override any field.
import { z } from 'zod';
import { ManifestType, manifestSchemas, schemaFileStem } from './schemas';

export const SCHEMA_BASE_URL = 'https://raw.githubusercontent.com/mycopilot/mycopilot/main/manifests';

const YAML11_BOOLEAN_WORDS = [
  'yes',
  'Yes',
  'YES',
  'no',
  'No',
  'NO',
  'on',
  'On',
  'ON',
  'off',
  'Off',
  'OFF',
  'y',
  'Y',
  'n',
  'N',
];

type JsonSchema = Record<string, unknown>;

export function manifestJsonSchema(type: ManifestType): JsonSchema {
  const schema = z.toJSONSchema(manifestSchemas[type], {
    target: 'draft-07',
    io: 'input',
    unrepresentable: 'any',
    override: (ctx) => {
      const def = (ctx.zodSchema as unknown as { _zod: { def: { type: string } } })._zod.def;
      if (def.type === 'boolean') {
        delete ctx.jsonSchema.type;
        ctx.jsonSchema.anyOf = [{ type: 'boolean' }, { enum: YAML11_BOOLEAN_WORDS }];
      }
    },
  }) as JsonSchema;
  schema.$id = `${SCHEMA_BASE_URL}/${schemaFileStem(type)}.schema.json`;
  schema.title = `${type} manifest`;
  if (type !== 'Pipeline' && schema.properties) {
    const overridable = withoutRequired(structuredClone(stripMeta(schema)));
    (schema.properties as JsonSchema).environments = {
      description:
        'Per-environment overrides: any field set under `environments.<env>` replaces or merges into the base value for that environment.',
      type: 'object',
      additionalProperties: overridable,
    };
  }
  return schema;
}

function stripMeta(schema: JsonSchema): JsonSchema {
  const { $schema: _s, $id: _i, title: _t, ...rest } = schema;
  return rest;
}

/** An override may set any single field: nothing in it is required. */
function withoutRequired(value: unknown): JsonSchema {
  if (Array.isArray(value)) return value.map(withoutRequired) as unknown as JsonSchema;
  if (value === null || typeof value !== 'object') return value as JsonSchema;
  const out: JsonSchema = {};
  for (const [k, v] of Object.entries(value)) if (k !== 'required') out[k] = withoutRequired(v);
  return out;
}

/** The `# yaml-language-server` line that `init` puts first in the manifests it writes. */
export function schemaComment(type: ManifestType): string {
  return `# yaml-language-server: $schema=${SCHEMA_BASE_URL}/${schemaFileStem(type)}.schema.json`;
}
