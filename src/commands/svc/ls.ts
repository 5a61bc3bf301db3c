// `mycopilot svc ls`: the services of an application, marking those of this workspace.
import { BaseCommand } from '../../cli/base-command';
import { lsFlags } from '../../status/flags';

export default class SvcLs extends BaseCommand {
  static override summary = 'List the services of an application (from its records, so Copilot-created ones show).';
  static override examples = [
    { description: 'Services of the workspace application.', command: '<%= config.bin %> <%= command.id %>' },
    { description: 'Of another application, as JSON.', command: '<%= config.bin %> <%= command.id %> -a shop --json' },
  ];
  static override flags = lsFlags('services');

  async run(): Promise<void> {
    const { flags } = await this.parse(SvcLs);
    const { listWorkloadsCommand } = await import('../../show/command.js');
    await listWorkloadsCommand(this.out, flags, 'service');
  }
}
