// `mycopilot app show`: an application's environments and workloads, and where each workload is deployed.
import { Flags } from '@oclif/core';
import { BaseCommand } from '../../cli/base-command';
import { readFlags } from '../../status/flags';

export default class AppShow extends BaseCommand {
  static override summary = 'Show an application: its environments, its workloads and where each is deployed.';
  static override examples = [
    { description: 'The workspace application.', command: '<%= config.bin %> <%= command.id %>' },
    { description: 'Another one, as JSON.', command: '<%= config.bin %> <%= command.id %> --name shop --json' },
  ];
  static override flags = {
    name: Flags.string({ char: 'n', description: 'Application name (default: from copilot/.workspace).' }),
    ...readFlags,
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(AppShow);
    const { showApplicationCommand } = await import('../../show/command.js');
    await showApplicationCommand(this.out, flags);
  }
}
