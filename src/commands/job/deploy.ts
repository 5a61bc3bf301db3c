// `mycopilot job deploy`: build and push the images, then create or update the job's stack.
import { BaseCommand } from '../../cli/base-command';
import { deployWorkloadCommand, workloadDeployFlags } from '../../cli/workload-deploy';

export default class JobDeploy extends BaseCommand {
  static override summary =
    'Deploy a scheduled job to an environment: build and push its images, then update its stack.';
  static override examples = [
    {
      description: 'Deploy "report" to "prod".',
      command: '<%= config.bin %> <%= command.id %> --name report --env prod',
    },
  ];
  static override flags = workloadDeployFlags('Job');

  async run(): Promise<void> {
    const { flags } = await this.parse(JobDeploy);
    await deployWorkloadCommand(this.out, flags, ['Scheduled Job']);
  }
}
