// `mycopilot job delete`: remove a job from one or every environment.
import { BaseCommand } from '../../cli/base-command';
import { deleteWorkloadCommand, workloadDeleteFlags } from '../../cli/workload-delete';

export default class JobDelete extends BaseCommand {
  static override summary = 'Delete a job from an environment, or from all of them with its images.';
  static override examples = [
    {
      description: 'Remove "report" from "test" only.',
      command: '<%= config.bin %> <%= command.id %> --name report --env test',
    },
    {
      description: 'Remove "report" everywhere, images included, without asking.',
      command: '<%= config.bin %> <%= command.id %> --name report --yes',
    },
  ];
  static override flags = workloadDeleteFlags('Job');

  async run(): Promise<void> {
    const { flags } = await this.parse(JobDelete);
    await deleteWorkloadCommand(this.out, flags);
  }
}
