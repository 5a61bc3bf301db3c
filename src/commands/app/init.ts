// `mycopilot app init`: start an application in this directory (copilot/.workspace) and in AWS.
import { Args, Flags } from '@oclif/core';
import * as path from 'node:path';
import { awsFlags, BaseCommand } from '../../cli/base-command';
import { openCommandSession } from '../../cli/deploy-command';
import { terminalPrompter } from '../../cli/prompt';
import { checkName, initWorkspace } from '../../workspace/init';

export default class AppInit extends BaseCommand {
  static override summary =
    'Start an application: the workspace its environments and workloads belong to, and its records in AWS.';
  static override description =
    "Writes copilot/.workspace naming the application, then records it in SSM Parameter Store (Copilot's layout) and creates its image repositories and artifact bucket. With --offline only the workspace is written; the first `env deploy` creates the rest.";
  static override examples = [
    {
      description: 'Start the application "shop" here and in AWS.',
      command: '<%= config.bin %> <%= command.id %> shop',
    },
    {
      description:
        'Start "shop" with the domain example.com (a public Route 53 hosted zone of the account): services get HTTPS under shop.example.com.',
      command: '<%= config.bin %> <%= command.id %> shop --domain example.com',
    },
    {
      description: 'Only write the workspace (no AWS account needed).',
      command: '<%= config.bin %> <%= command.id %> shop --offline',
    },
  ];
  static override args = {
    name: Args.string({ description: 'Application name (lowercase letters, digits, hyphens).' }),
  };
  static override flags = {
    offline: Flags.boolean({ description: 'Write the workspace only; create nothing in AWS.', default: false }),
    domain: Flags.string({
      description:
        "A domain with a public Route 53 hosted zone in this account: the application gets the zone <app>.<domain> delegated from it, each environment <env>.<app>.<domain> and a certificate for its services' aliases.",
    }),
    ...awsFlags,
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(AppInit);
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
    if (flags.offline) return;
    const [{ initApplication }, { builtWorkloads }] = await Promise.all([
      import('../../deploy/application.js'),
      import('../../deploy/render.js'),
    ]);
    const session = await openCommandSession(this.out, flags);
    try {
      const workloads = await builtWorkloads({ workspace, app: name, env: 'default' });
      const { record } = await initApplication(session, { app: name, workloads, domain: flags.domain });
      if (record.domain) this.out.line(`✔ Hosted zone ${name}.${record.domain}, delegated from ${record.domain}.`);
      this.out.line(`✔ Application "${name}" is ready in account ${record.account}.`);
    } finally {
      session.close();
    }
  }
}
