// `mycopilot svc status`: rollout, tasks, stopped tasks, target health, alarms and events of a deployed service.
import { BaseCommand } from '../../cli/base-command';
import { statusFlags } from '../../status/flags';

export default class SvcStatus extends BaseCommand {
  static override summary = 'Show the status of a deployed service: rollout, tasks, target health, alarms, events.';
  static override description =
    'ECS services: the rollout of the current deployment, running tasks (revision, health, capacity, AZ, address), ' +
    'tasks stopped in the last hour grouped by reason, load balancer targets matched to tasks, alarms and recent ' +
    'service events. App Runner services: status, URL and latest operation. Scheduled Jobs: schedule, next run and ' +
    'recent executions.';
  static override examples = [
    { description: 'Status of "api" in "test".', command: '<%= config.bin %> <%= command.id %> --name api --env test' },
    {
      description: 'Follow a rollout, refreshing every 3 seconds until Ctrl-C.',
      command: '<%= config.bin %> <%= command.id %> -n api -e prod --watch --interval 3',
    },
    { description: 'For scripts.', command: '<%= config.bin %> <%= command.id %> -n api -e test --json' },
  ];
  static override flags = statusFlags('Service');

  async run(): Promise<void> {
    const { flags } = await this.parse(SvcStatus);
    const { statusCommand } = await import('../../status/command.js');
    await statusCommand(this.out, flags, 'service');
  }
}
