// `mycopilot env ls`: the environments of an application, marking those with a manifest in this workspace.
import { BaseCommand } from '../../cli/base-command';
import { readFlags } from '../../status/flags';

export default class EnvLs extends BaseCommand {
  static override summary = 'List the environments of an application.';
  static override examples = [
    { description: 'Environments of the workspace application.', command: '<%= config.bin %> <%= command.id %>' },
  ];
  static override flags = readFlags;

  async run(): Promise<void> {
    const { flags } = await this.parse(EnvLs);
    const { listEnvironmentsCommand } = await import('../../show/command.js');
    await listEnvironmentsCommand(this.out, flags);
  }
}
