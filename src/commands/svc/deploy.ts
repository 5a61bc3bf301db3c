// `mycopilot svc deploy`: build and push the images, then create or update the service's stack.
import { BaseCommand } from '../../cli/base-command';
import { deployWorkloadCommand, workloadDeployFlags } from '../../cli/workload-deploy';
import { SERVICE_TYPES } from '../../manifest/types';

export default class SvcDeploy extends BaseCommand {
  static override summary = 'Deploy a service to an environment: build and push its images, then update its stack.';
  static override description =
    "Images are built with docker (or --engine podman/finch), tagged with the git short SHA and `latest`, pushed to the application's ECR repository and referenced by digest. An unchanged service creates no change set; --force starts a new ECS deployment instead.";
  static override examples = [
    { description: 'Deploy "api" to "test".', command: '<%= config.bin %> <%= command.id %> --name api --env test' },
    {
      description: 'Review, then deploy to prod with podman.',
      command: '<%= config.bin %> <%= command.id %> --name api --env prod --diff --engine podman',
    },
    {
      description: 'Restart the tasks without changing anything.',
      command: '<%= config.bin %> <%= command.id %> --name api --env test --force',
    },
  ];
  static override flags = workloadDeployFlags('Service');

  async run(): Promise<void> {
    const { flags } = await this.parse(SvcDeploy);
    await deployWorkloadCommand(this.out, flags, [...SERVICE_TYPES]);
  }
}
