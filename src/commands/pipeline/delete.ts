// `mycopilot pipeline delete`: remove a deployed pipeline (its stack). The manifest stays in the workspace.
import { BaseCommand } from '../../cli/base-command';
import { confirmDeletion } from '../../cli/confirm-delete';
import { deleteFlags, openCommandSession } from '../../cli/deploy-command';
import { resolveWorkspaceApp } from '../../cli/workspace-context';
import { pipelineNameFlag } from './show';

export default class PipelineDelete extends BaseCommand {
  static override summary = 'Delete a deployed pipeline; its manifest stays in the workspace.';
  static override description =
    'Deletes the stack pipeline-<app>-<name>: the pipeline, its build projects and roles, and the connection it created. The CloudFormation role it gave to the stacks it deployed is kept, so those stacks can still be updated and deleted. The workloads it deployed keep running.';
  static override examples = [
    { description: 'Delete the pipeline "release".', command: '<%= config.bin %> <%= command.id %> --name release' },
    { description: 'Without asking.', command: '<%= config.bin %> <%= command.id %> --name release --yes' },
  ];
  static override flags = { ...pipelineNameFlag, ...deleteFlags };

  async run(): Promise<void> {
    const { flags } = await this.parse(PipelineDelete);
    const { workspace, app } = resolveWorkspaceApp(flags.app);
    const { pipelineIdentity } = await import('../../deploy/pipeline-render.js');
    const id = await pipelineIdentity({ workspace, app }, flags.name);
    if (!(await confirmDeletion(`pipeline ${id.name} (stack ${id.stackName})`, flags.yes))) return;
    const { deleteStackAndWait } = await import('../../deploy/environment.js');
    const session = await openCommandSession(this.out, flags);
    try {
      const deleted = await deleteStackAndWait(session, id.stackName);
      this.out.line(
        deleted ? `✔ Deleted pipeline ${id.name}.` : `Pipeline ${id.name} was not deployed; nothing to delete.`,
      );
    } finally {
      session.close();
    }
  }
}
