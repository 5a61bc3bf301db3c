// `mycopilot job ls`: the jobs of an application, marking those of this workspace.
import { BaseCommand } from '../../cli/base-command';
import { lsFlags } from '../../status/flags';

export default class JobLs extends BaseCommand {
  static override summary = 'List the jobs of an application (from its records, so Copilot-created ones show).';
  static override examples = [
    { description: 'Jobs of the workspace application.', command: '<%= config.bin %> <%= command.id %>' },
  ];
  static override flags = lsFlags('jobs');

  async run(): Promise<void> {
    const { flags } = await this.parse(JobLs);
    const { listWorkloadsCommand } = await import('../../show/command.js');
    await listWorkloadsCommand(this.out, flags, 'job');
  }
}
