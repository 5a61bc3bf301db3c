// The committed manifests/*.schema.json are what the schemas generate, and they accept real manifests.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { manifestJsonSchema } from '../../../src/manifest/json-schema';
import { MANIFEST_TYPES, schemaFileStem } from '../../../src/manifest/schemas';
import { REPO_ROOT } from '../../helpers/cli';

describe('manifests/*.schema.json', () => {
  it.each(MANIFEST_TYPES.map((t) => [t]))(
    '%s is up to date (run `npm run schemas` after changing a schema)',
    (type) => {
      const file = path.join(REPO_ROOT, 'manifests', `${schemaFileStem(type)}.schema.json`);
      const committed = JSON.parse(readFileSync(file, 'utf8'));
      expect(committed).toEqual(JSON.parse(JSON.stringify(manifestJsonSchema(type))));
    },
  );

  it('accepts YAML 1.1 booleans and lets environments override any field without required ones', () => {
    const schema = manifestJsonSchema('Backend Service') as any;
    expect(schema.properties.exec.anyOf ?? schema.properties.exec).toBeDefined();
    const text = JSON.stringify(schema.properties.exec);
    expect(text).toContain('"yes"');
    expect(schema.properties.environments.additionalProperties.required).toBeUndefined();
    expect(schema.required).toEqual(expect.arrayContaining(['name', 'type']));
  });
});
