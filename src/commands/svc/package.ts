// `mycopilot svc package`: render a service's CloudFormation template offline.
import { BaseCommand } from '../../cli/base-command';
import { packageWorkload, workloadPackageFlags } from '../../cli/package-flags';
import { SERVICE_TYPES } from '../../manifest/types';

export default class SvcPackage extends BaseCommand {
  static override summary = 'Print or write the CloudFormation template of a service for an environment, offline.';
  static override description =
    'Needs no AWS credentials: account and Region stay CloudFormation pseudo parameters, and the environment comes from copilot/environments/<env>/manifest.yml (defaults when there is none).';
  static override examples = [
    {
      description: 'Print the template of "api" in "test".',
      command: '<%= config.bin %> <%= command.id %> --name api --env test',
    },
    {
      description: 'Write template and parameters for CI.',
      command:
        '<%= config.bin %> <%= command.id %> --name api --env prod --tag $(git rev-parse --short HEAD) --output-dir infrastructure',
    },
  ];
  static override flags = workloadPackageFlags('Service');

  async run(): Promise<void> {
    const { flags } = await this.parse(SvcPackage);
    await packageWorkload(this.out, flags, [...SERVICE_TYPES]);
  }
}
