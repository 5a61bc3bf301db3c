// `mycopilot svc show`: a service's endpoints, configuration per environment, variable and secret names.
import { BaseCommand } from '../../cli/base-command';
import { showFlags } from '../../status/flags';

export default class SvcShow extends BaseCommand {
  static override summary = 'Show a service: endpoints, configuration per environment, variable and secret names.';
  static override description =
    'Read from what is deployed: the stack of each environment, its template and outputs, and the task definition ' +
    'ECS runs. Variables and secrets are listed by name (secrets with their SSM parameter or secret ARN), never by value.';
  static override examples = [
    { description: 'Everywhere "api" is deployed.', command: '<%= config.bin %> <%= command.id %> --name api' },
    {
      description: 'Only in "prod", with the resources of its stack, as JSON.',
      command: '<%= config.bin %> <%= command.id %> -n api -e prod --resources --json',
    },
  ];
  static override flags = showFlags('Service');

  async run(): Promise<void> {
    const { flags } = await this.parse(SvcShow);
    const { showWorkloadCommand } = await import('../../show/command.js');
    await showWorkloadCommand(this.out, flags, 'service');
  }
}
