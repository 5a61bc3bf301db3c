// `mycopilot svc delete`: remove a service from one or every environment.
import { BaseCommand } from '../../cli/base-command';
import { deleteWorkloadCommand, workloadDeleteFlags } from '../../cli/workload-delete';

export default class SvcDelete extends BaseCommand {
  static override summary = 'Delete a service from an environment, or from all of them with its images.';
  static override examples = [
    {
      description: 'Remove "api" from "test" only.',
      command: '<%= config.bin %> <%= command.id %> --name api --env test',
    },
    {
      description: 'Remove "api" everywhere, images included, without asking.',
      command: '<%= config.bin %> <%= command.id %> --name api --yes',
    },
  ];
  static override flags = workloadDeleteFlags('Service');

  async run(): Promise<void> {
    const { flags } = await this.parse(SvcDelete);
    await deleteWorkloadCommand(this.out, flags);
  }
}
