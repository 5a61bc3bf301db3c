// `mycopilot env show`: an environment's network, cluster, load balancers and the workloads deployed in it.
import { Flags } from '@oclif/core';
import { BaseCommand } from '../../cli/base-command';
import { readFlags } from '../../status/flags';

export default class EnvShow extends BaseCommand {
  static override summary = 'Show an environment: its network, cluster, load balancers and what is deployed in it.';
  static override examples = [
    { description: 'Show "test".', command: '<%= config.bin %> <%= command.id %> --name test' },
    {
      description: 'With the resources of its stack.',
      command: '<%= config.bin %> <%= command.id %> -n test --resources',
    },
  ];
  static override flags = {
    name: Flags.string({ char: 'n', description: 'Environment name (asked, or the only one, when omitted).' }),
    resources: Flags.boolean({ description: 'Also list the resources of its stack.', default: false }),
    ...readFlags,
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(EnvShow);
    const { showEnvironmentCommand } = await import('../../show/command.js');
    await showEnvironmentCommand(this.out, flags);
  }
}
