// `mycopilot job package`: render a scheduled job's CloudFormation template offline.
import { BaseCommand } from '../../cli/base-command';
import { packageWorkload, workloadPackageFlags } from '../../cli/package-flags';

export default class JobPackage extends BaseCommand {
  static override summary = 'Print or write the CloudFormation template of a job for an environment, offline.';
  static override description = 'Needs no AWS credentials; see `svc package`.';
  static override examples = [
    {
      description: 'Write the template of "report" in "prod".',
      command: '<%= config.bin %> <%= command.id %> --name report --env prod --output-dir infrastructure',
    },
  ];
  static override flags = workloadPackageFlags('Job');

  async run(): Promise<void> {
    const { flags } = await this.parse(JobPackage);
    await packageWorkload(this.out, flags, ['Scheduled Job']);
  }
}
