// `mycopilot env deploy`: create or update an environment's stack.
import { Flags } from '@oclif/core';
import { BaseCommand } from '../../cli/base-command';
import { deployFlags, diffConfirm, openCommandSession, templateDiff } from '../../cli/deploy-command';
import { resolveWorkspaceApp } from '../../cli/workspace-context';
import { templateToYaml } from '../../stack/template';

export default class EnvDeploy extends BaseCommand {
  static override summary = 'Create or update an environment: network, cluster, load balancers as its workloads need.';
  static override description =
    "Creates the application's records and image repositories first if this is its first deploy. An unchanged environment costs one API call and creates no change set.";
  static override examples = [
    { description: 'Deploy the "test" environment.', command: '<%= config.bin %> <%= command.id %> --name test' },
    {
      description: 'Review the template changes first.',
      command: '<%= config.bin %> <%= command.id %> --name prod --diff',
    },
  ];
  static override flags = {
    name: Flags.string({ char: 'n', description: 'Environment name.', required: true }),
    ...deployFlags,
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(EnvDeploy);
    const { workspace, app } = resolveWorkspaceApp(flags.app);
    const { deployEnvironment } = await import('../../deploy/environment.js');
    const { initApplication } = await import('../../deploy/application.js');
    const { renderEnvironment, builtWorkloads } = await import('../../deploy/render.js');
    const { deployHash, templateWithHash } = await import('../../deploy/stack-deploy.js');
    const session = await openCommandSession(this.out, flags);
    try {
      const ctx = { workspace, app, env: flags.name };
      await initApplication(session, { app, workloads: await builtWorkloads(ctx) });
      const confirm = diffConfirm(this.out, flags, async () => {
        const stack = await renderEnvironment(ctx);
        const before = (await session.stacks.describeStack(stack.stackName))
          ? await session.stacks.getTemplate(stack.stackName)
          : '';
        return templateDiff(stack.stackName, before, templateToYaml(templateWithHash(stack, deployHash(stack))));
      });
      const outcome = await deployEnvironment(session, ctx, {
        force: flags.force,
        noRollback: flags['no-rollback'],
        detach: flags.detach,
        confirm,
      });
      if (outcome.result === 'deployed') this.out.line(`✔ Environment ${flags.name} deployed.`);
      else if (outcome.result === 'unchanged') this.out.line(`✔ Environment ${flags.name} is up to date.`);
    } finally {
      session.close();
    }
  }
}
