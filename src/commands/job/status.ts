// `mycopilot job status`: schedule, next run and recent executions of a deployed Scheduled Job.
import { BaseCommand } from '../../cli/base-command';
import { statusFlags } from '../../status/flags';

export default class JobStatus extends BaseCommand {
  static override summary = 'Show the status of a deployed job: its schedule, next run and recent executions.';
  static override examples = [
    { description: 'Status of "report" in "prod".', command: '<%= config.bin %> <%= command.id %> -n report -e prod' },
  ];
  static override flags = statusFlags('Job');

  async run(): Promise<void> {
    const { flags } = await this.parse(JobStatus);
    const { statusCommand } = await import('../../status/command.js');
    await statusCommand(this.out, flags, 'job');
  }
}
