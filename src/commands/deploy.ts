// `mycopilot deploy`: everything one environment needs, in order, independent workloads at once.
import { Flags } from '@oclif/core';
import { awsFlags, BaseCommand } from '../cli/base-command';
import { openCommandSession } from '../cli/deploy-command';
import { defaultTag } from '../cli/workload-deploy';
import { appFlag, checkEnvironmentName, resolveWorkspaceApp } from '../cli/workspace-context';
import { MycopilotError, usageError } from '../errors';

export default class Deploy extends BaseCommand {
  static override summary =
    'Deploy the environment (if missing or out of date) and then workloads, in parallel where independent.';
  static override examples = [
    {
      description: 'Deploy every workload of the workspace to "test".',
      command: '<%= config.bin %> <%= command.id %> --env test --all',
    },
    {
      description: 'Deploy two services.',
      command: '<%= config.bin %> <%= command.id %> --env prod --name api --name web',
    },
  ];
  static override flags = {
    env: Flags.string({ char: 'e', description: 'Environment name.', required: true }),
    name: Flags.string({ char: 'n', description: 'Workload to deploy (repeatable).', multiple: true }),
    all: Flags.boolean({ description: 'Deploy every workload of the workspace.', default: false }),
    tag: Flags.string({ description: 'Image tag (default: the git short SHA).' }),
    engine: Flags.string({
      description: 'Container engine: docker, podman or finch.',
      env: 'MYCOPILOT_CONTAINER_ENGINE',
      options: ['docker', 'podman', 'finch'],
    }),
    force: Flags.boolean({ description: 'Start new ECS deployments of unchanged services.', default: false }),
    concurrency: Flags.integer({ description: 'Stacks deployed at once.', default: 4, min: 1, max: 16 }),
    ...appFlag,
    ...awsFlags,
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(Deploy);
    if (!flags.all && !flags.name?.length) throw usageError('name the workloads to deploy with --name, or pass --all');
    const { workspace, app } = resolveWorkspaceApp(flags.app);
    checkEnvironmentName(workspace, flags.env);
    for (const name of flags.name ?? []) workspace.requireWorkload(name);
    const [{ deployAll }, { imagePublisher }] = await Promise.all([
      import('../deploy/all.js'),
      import('../deploy/images.js'),
    ]);
    const session = await openCommandSession(this.out, flags);
    try {
      const result = await deployAll(
        session,
        { workspace, app, env: flags.env },
        {
          names: flags.all ? undefined : flags.name,
          tag: flags.tag ?? defaultTag(workspace.root),
          images: imagePublisher(session, workspace, { engine: flags.engine }),
          concurrency: flags.concurrency,
          force: flags.force,
        },
      );
      this.out.line(`Environment ${flags.env}: ${result.environment}.`);
      for (const w of result.workloads)
        this.out.line(w.error ? `✘ ${w.name}: ${w.error.message}` : `✔ ${w.name}: ${w.result!.outcome.result}`);
      const failed = result.workloads.filter((w) => w.error);
      if (failed.length > 0)
        throw new MycopilotError('DEPLOY', `${failed.length} of ${result.workloads.length} workloads failed to deploy`);
    } finally {
      session.close();
    }
  }
}
