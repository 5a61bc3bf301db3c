// `mycopilot app init`: start an application in this directory (copilot/.workspace).
import { Args } from '@oclif/core';
import * as path from 'node:path';
import { BaseCommand } from '../../cli/base-command';
import { terminalPrompter } from '../../cli/prompt';
import { checkName, initWorkspace } from '../../workspace/init';

export default class AppInit extends BaseCommand {
  static override summary = 'Start an application: the workspace that its environments and workloads belong to.';
  static override description =
    'Writes copilot/.workspace naming the application. Run it at the root of your project; services and jobs get their own directories under copilot/.';
  static override examples = [
    { description: 'Start the application "shop" here.', command: '<%= config.bin %> <%= command.id %> shop' },
  ];
  static override args = {
    name: Args.string({ description: 'Application name (lowercase letters, digits, hyphens).' }),
  };

  async run(): Promise<void> {
    const { args } = await this.parse(AppInit);
    const name =
      args.name ??
      (await terminalPrompter.input('name', "What is the application's name?", {
        validate: (v) => checkName('app', v),
      }));
    const { workspace, created } = initWorkspace(process.cwd(), name);
    const where = path.relative(process.cwd(), workspace.copilotDir) || '.';
    this.out.line(
      created
        ? `✔ Created application "${name}" in ${where}/.workspace`
        : `Application "${name}" already set up in ${where}/.workspace`,
    );
  }
}
