// `mycopilot pipeline deploy`: create or update the stack `pipeline-<app>-<name>`, then see the source
// connection through its handshake.
import { Flags } from '@oclif/core';
import { BaseCommand } from '../../cli/base-command';
import { deployFlags, diffConfirm, openCommandSession, templateDiff } from '../../cli/deploy-command';
import { resolveWorkspaceApp } from '../../cli/workspace-context';
import { usageError } from '../../errors';
import { pipelineNameFlag } from './show';

export default class PipelineDeploy extends BaseCommand {
  static override summary = 'Create or update a pipeline in CodePipeline.';
  static override description = [
    'Creates the image repositories and the artifact bucket of the application first if needed. An unchanged pipeline costs one API call and creates no change set.',
    'A GitHub or Bitbucket source needs a CodeStar connection. One the stack creates starts PENDING: the command says where to authorize it in the console, waits for it (--connection-timeout), and starts the pipeline once it is AVAILABLE.',
  ].join('\n\n');
  static override examples = [
    { description: 'Deploy the pipeline "release".', command: '<%= config.bin %> <%= command.id %> --name release' },
    {
      description: 'Review the template changes first.',
      command: '<%= config.bin %> <%= command.id %> --name release --diff',
    },
    {
      description: 'In CI: do not wait for a connection handshake.',
      command: '<%= config.bin %> <%= command.id %> --name release --connection-timeout 0',
    },
  ];
  static override flags = {
    ...pipelineNameFlag,
    ...deployFlags,
    'connection-timeout': Flags.integer({
      description: 'Minutes to wait for a PENDING source connection to be authorized; 0 does not wait.',
      default: 30,
      min: 0,
    }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(PipelineDeploy);
    if (flags['connection-timeout'] > 24 * 60) {
      throw usageError('--connection-timeout: at most 1440 minutes (a day)', 'e.g. --connection-timeout 30');
    }
    const { workspace, app } = resolveWorkspaceApp(flags.app);
    const { findPipeline, renderPipeline } = await import('../../deploy/pipeline-render.js');
    const { deployPipeline } = await import('../../deploy/pipeline-deploy.js');
    const { deployHash, templateWithHash } = await import('../../deploy/stack-deploy.js');
    const { templateToYaml } = await import('../../stack/template.js');
    const ctx = { workspace, app };
    const entry = findPipeline(workspace, flags.name);
    const session = await openCommandSession(this.out, flags);
    try {
      const confirm = diffConfirm(this.out, flags, async () => {
        const { stack } = await renderPipeline(ctx, entry);
        const before = (await session.stacks.describeStack(stack.stackName))
          ? await session.stacks.getTemplate(stack.stackName)
          : '';
        return templateDiff(stack.stackName, before, templateToYaml(templateWithHash(stack, deployHash(stack))));
      });
      const result = await deployPipeline(session, ctx, entry, {
        force: flags.force,
        noRollback: flags['no-rollback'],
        detach: flags.detach,
        confirm,
        connectionTimeoutMs: flags['connection-timeout'] * 60_000,
      });
      const name = result.plan.manifest.name;
      const where = result.pipelineName ? ` (CodePipeline ${result.pipelineName})` : '';
      if (result.outcome.result === 'deployed') this.out.line(`✔ Pipeline ${name} deployed${where}.`);
      else if (result.outcome.result === 'unchanged') this.out.line(`✔ Pipeline ${name} is up to date${where}.`);
      if (result.startedExecution)
        this.out.line(`✔ Started a run of ${result.pipelineName}: ${result.startedExecution}`);
      if (result.outcome.result !== 'declined')
        this.out.line(`Follow it with: mycopilot pipeline status --name ${name}`);
    } finally {
      session.close();
    }
  }
}
