// `mycopilot svc logs`: a service's logs from CloudWatch Logs, every task interleaved in time order, streamed
// as pages arrive; --follow for new events within a second.
import { BaseCommand } from '../../cli/base-command';
import { logsCommand, serviceLogsFlags } from '../../cli/logs-flags';

export default class SvcLogs extends BaseCommand {
  static override summary = "Print a service's logs, or follow them.";
  static override description =
    "Reads the service's log group (/copilot/<app>-<env>-<name>; App Runner: its application or system group). Each line starts with the task's short ID, in a colour of its own, and the container. Without --since, --start-time or --end-time the newest 10 events are printed; --limit changes how many.";
  static override examples = [
    {
      description: 'The newest 10 events of "api" in "test".',
      command: '<%= config.bin %> <%= command.id %> --name api --env test',
    },
    {
      description: 'The last hour, then follow.',
      command: '<%= config.bin %> <%= command.id %> -n api -e test --since 1h --follow',
    },
    {
      description: 'Why did the last task stop?',
      command: '<%= config.bin %> <%= command.id %> -n api -e prod --previous --limit 100',
    },
    {
      description: 'Errors of one task, as JSON lines.',
      command: '<%= config.bin %> <%= command.id %> -n api -e prod --tasks 1a2b3c4d --filter ERROR --since 2d --json',
    },
  ];
  static override flags = serviceLogsFlags;

  async run(): Promise<void> {
    const { flags } = await this.parse(SvcLogs);
    await logsCommand(flags, 'service');
  }
}
