// `mycopilot job logs`: a scheduled job's logs, by run (Step Functions executions → their ECS tasks) or by time.
import { BaseCommand } from '../../cli/base-command';
import { jobLogsFlags, logsCommand } from '../../cli/logs-flags';

export default class JobLogs extends BaseCommand {
  static override summary = "Print a scheduled job's logs: its latest runs, or a time window.";
  static override description =
    "Without a time flag, prints the logs of the job's latest run (--last N for more), found through the executions of its state machine. With --since, --start-time or --end-time it reads the job's log group by time, like svc logs.";
  static override examples = [
    {
      description: 'The latest run of "report" in "prod".',
      command: '<%= config.bin %> <%= command.id %> --name report --env prod',
    },
    { description: 'The last three runs.', command: '<%= config.bin %> <%= command.id %> -n report -e prod --last 3' },
    {
      description: 'Everything of the last day, following.',
      command: '<%= config.bin %> <%= command.id %> -n report -e prod --since 1d --follow',
    },
  ];
  static override flags = jobLogsFlags;

  async run(): Promise<void> {
    const { flags } = await this.parse(JobLogs);
    await logsCommand(flags, 'job');
  }
}
