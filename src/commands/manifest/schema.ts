// `mycopilot manifest schema`: print or write the JSON Schema of a manifest type, for editors.
import { Args, Flags } from '@oclif/core';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { BaseCommand } from '../../cli/base-command';
import { usageError } from '../../errors';
import { manifestJsonSchema } from '../../manifest/json-schema';
import { MANIFEST_TYPES, ManifestType, schemaFileStem } from '../../manifest/schemas';

export default class ManifestSchema extends BaseCommand {
  static override summary = 'Print the JSON Schema of a manifest type, or write all of them.';
  static override description =
    'Editors with the YAML language server complete and check manifests that start with `# yaml-language-server: $schema=<url or path>`; `init` writes that line.';
  static override examples = [
    {
      description: 'Print the schema of Load Balanced Web Service manifests.',
      command: '<%= config.bin %> <%= command.id %> "Load Balanced Web Service"',
    },
    {
      description: 'Write every schema into ./schemas.',
      command: '<%= config.bin %> <%= command.id %> --output-dir schemas',
    },
  ];
  static override args = {
    type: Args.string({
      description: `Manifest type: ${MANIFEST_TYPES.join(', ')} (or its file stem, e.g. backend-service).`,
    }),
  };
  static override flags = {
    'output-dir': Flags.string({
      char: 'o',
      description: 'Write <type>.schema.json for every type into this directory.',
    }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(ManifestSchema);
    if (flags['output-dir']) {
      mkdirSync(flags['output-dir'], { recursive: true });
      for (const type of MANIFEST_TYPES) {
        const file = path.join(flags['output-dir'], `${schemaFileStem(type)}.schema.json`);
        writeFileSync(file, JSON.stringify(manifestJsonSchema(type), null, 2) + '\n');
        this.out.line(`✔ Wrote ${file}`);
      }
      return;
    }
    if (!args.type)
      throw usageError(
        'name a manifest type, or pass --output-dir to write all of them',
        `Types: ${MANIFEST_TYPES.join(', ')}.`,
      );
    const type = MANIFEST_TYPES.find(
      (t) => t.toLowerCase() === args.type!.toLowerCase() || schemaFileStem(t) === args.type,
    );
    if (!type) throw usageError(`unknown manifest type "${args.type}"`, `Types: ${MANIFEST_TYPES.join(', ')}.`);
    this.out.line(JSON.stringify(manifestJsonSchema(type as ManifestType), null, 2));
  }
}
