// `mycopilot env delete`: remove an environment once nothing runs in it.
import { Flags } from '@oclif/core';
import { BaseCommand } from '../../cli/base-command';
import { confirmDeletion } from '../../cli/confirm-delete';
import { deleteFlags, openCommandSession } from '../../cli/deploy-command';
import { resolveWorkspaceApp } from '../../cli/workspace-context';

export default class EnvDelete extends BaseCommand {
  static override summary = 'Delete an environment (its workloads must be deleted first).';
  static override examples = [
    { description: 'Delete "test".', command: '<%= config.bin %> <%= command.id %> --name test --yes' },
  ];
  static override flags = {
    name: Flags.string({ char: 'n', description: 'Environment name.', required: true }),
    ...deleteFlags,
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(EnvDelete);
    const { app } = resolveWorkspaceApp(flags.app);
    if (!(await confirmDeletion(`environment ${flags.name} of ${app}`, flags.yes))) return;
    const { deleteEnvironment } = await import('../../deploy/environment.js');
    const session = await openCommandSession(this.out, flags);
    try {
      await deleteEnvironment(session, app, flags.name);
      this.out.line(`✔ Deleted environment ${flags.name}.`);
    } finally {
      session.close();
    }
  }
}
