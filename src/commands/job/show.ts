// `mycopilot job show`: a job's configuration per environment, variable and secret names.
import { BaseCommand } from '../../cli/base-command';
import { showFlags } from '../../status/flags';

export default class JobShow extends BaseCommand {
  static override summary = 'Show a job: configuration per environment, variable and secret names.';
  static override examples = [
    { description: 'Show "report".', command: '<%= config.bin %> <%= command.id %> -n report' },
  ];
  static override flags = showFlags('Job');

  async run(): Promise<void> {
    const { flags } = await this.parse(JobShow);
    const { showWorkloadCommand } = await import('../../show/command.js');
    await showWorkloadCommand(this.out, flags, 'job');
  }
}
