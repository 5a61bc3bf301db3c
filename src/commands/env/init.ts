// `mycopilot env init`: write an environment manifest.
import { Flags } from '@oclif/core';
import * as path from 'node:path';
import { BaseCommand } from '../../cli/base-command';
import { terminalPrompter } from '../../cli/prompt';
import { askName } from '../../cli/workload-flags';
import { initEnvironment } from '../../workspace/init';
import { Workspace } from '../../workspace/workspace';

export default class EnvInit extends BaseCommand {
  static override summary = 'Write the manifest of a new environment (copilot/environments/<name>/manifest.yml).';
  static override description = 'Creates nothing in AWS: `mycopilot env deploy --name <name>` does.';
  static override examples = [
    { description: 'A new environment with its own VPC.', command: '<%= config.bin %> <%= command.id %> --name test' },
    {
      description: 'Use an existing VPC and subnets.',
      command:
        '<%= config.bin %> <%= command.id %> --name prod --import-vpc-id vpc-0abc --import-public-subnets subnet-1,subnet-2 --import-private-subnets subnet-3,subnet-4',
    },
  ];
  static override flags = {
    name: Flags.string({ char: 'n', description: 'Environment name.' }),
    'import-vpc-id': Flags.string({ description: 'ID of an existing VPC to use.' }),
    'import-public-subnets': Flags.string({
      description: 'Comma-separated public subnet IDs of that VPC.',
      dependsOn: ['import-vpc-id'],
    }),
    'import-private-subnets': Flags.string({
      description: 'Comma-separated private subnet IDs of that VPC.',
      dependsOn: ['import-vpc-id'],
    }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(EnvInit);
    const ws = Workspace.require();
    ws.requireApplicationName();
    const name = await askName(terminalPrompter, 'environment', flags.name);
    const split = (v?: string) =>
      v
        ? v
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
        : undefined;
    const file = initEnvironment(ws, {
      name,
      vpcId: flags['import-vpc-id'],
      publicSubnets: split(flags['import-public-subnets']),
      privateSubnets: split(flags['import-private-subnets']),
    });
    const rel = path.relative(process.cwd(), file.path);
    this.out.line(file.written ? `✔ Wrote ${rel}` : `${rel} exists; left as it is.`);
    this.out.line(`Next: mycopilot env deploy --name ${name}`);
  }
}
