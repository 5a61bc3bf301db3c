// `mycopilot app ls`: the applications in this account and Region (Copilot's too), marking this workspace's.
import { BaseCommand } from '../../cli/base-command';
import { awsFlags, jsonFlag } from '../../cli/base-command';

export default class AppLs extends BaseCommand {
  static override summary = 'List the applications in this account and Region, Copilot-created ones included.';
  static override examples = [{ description: 'As JSON.', command: '<%= config.bin %> <%= command.id %> --json' }];
  static override flags = { ...awsFlags, ...jsonFlag };

  async run(): Promise<void> {
    const { flags } = await this.parse(AppLs);
    const { listApplicationsCommand } = await import('../../show/command.js');
    await listApplicationsCommand(this.out, flags);
  }
}
