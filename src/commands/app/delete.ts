// `mycopilot app delete`: remove an application and everything it deployed.
import { BaseCommand } from '../../cli/base-command';
import { confirmDeletion } from '../../cli/confirm-delete';
import { deleteFlags, openCommandSession } from '../../cli/deploy-command';
import { resolveWorkspaceApp } from '../../cli/workspace-context';

export default class AppDelete extends BaseCommand {
  static override summary =
    'Delete an application: every workload in every environment, the environments, images and records.';
  static override description = 'The copilot/ directory is kept.';
  static override examples = [
    {
      description: "Delete everything of the workspace's application.",
      command: '<%= config.bin %> <%= command.id %> --yes',
    },
  ];
  static override flags = deleteFlags;

  async run(): Promise<void> {
    const { flags } = await this.parse(AppDelete);
    const { app } = resolveWorkspaceApp(flags.app);
    if (!(await confirmDeletion(`application ${app} and everything it deployed`, flags.yes))) return;
    const { deleteApplication } = await import('../../deploy/delete.js');
    const session = await openCommandSession(this.out, flags);
    try {
      await deleteApplication(session, app);
      this.out.line(`✔ Deleted application ${app}.`);
    } finally {
      session.close();
    }
  }
}
