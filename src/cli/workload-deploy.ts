// The shared run of `svc deploy` and `job deploy`.
import { Flags } from '@oclif/core';
import { execFileSync } from 'node:child_process';
import { ManifestType } from '../manifest/schemas';
import { templateToYaml } from '../stack/template';
import { Output } from '../ui/output';
import { deployFlags, diffConfirm, openCommandSession, templateDiff } from './deploy-command';
import { checkEnvironmentName, resolveWorkspaceApp } from './workspace-context';

export function workloadDeployFlags(kind: 'Service' | 'Job') {
  return {
    name: Flags.string({ char: 'n', description: `${kind} name.`, required: true }),
    env: Flags.string({ char: 'e', description: 'Environment name.', required: true }),
    tag: Flags.string({ description: 'Image tag (default: the git short SHA, or "latest" outside git).' }),
    'skip-placement-check': Flags.boolean({
      description: 'EC2 launch type: deploy even when the placement preview finds tasks that could not be placed.',
      default: false,
    }),
    engine: Flags.string({
      description: 'Container engine: docker, podman or finch.',
      env: 'MYCOPILOT_CONTAINER_ENGINE',
      options: ['docker', 'podman', 'finch'],
    }),
    ...deployFlags,
  };
}

export interface WorkloadDeployFlags {
  name: string;
  env: string;
  tag?: string;
  engine?: string;
  'skip-placement-check': boolean;
  app?: string;
  profile?: string;
  region?: string;
  force: boolean;
  'no-rollback': boolean;
  detach: boolean;
  diff: boolean;
  yes: boolean;
}

/** The git short SHA of the workspace, the default image tag. */
export function defaultTag(dir: string): string {
  try {
    return (
      execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
        cwd: dir,
        stdio: ['ignore', 'pipe', 'ignore'],
        encoding: 'utf8',
      }).trim() || 'latest'
    );
  } catch {
    return 'latest';
  }
}

export async function deployWorkloadCommand(
  out: Output,
  flags: WorkloadDeployFlags,
  kinds: ManifestType[],
): Promise<void> {
  const { workspace, app } = resolveWorkspaceApp(flags.app);
  checkEnvironmentName(workspace, flags.env);
  const [{ deployWorkload }, { renderWorkload }, { imagePublisher }, { deployHash, templateWithHash }] =
    await Promise.all([
      import('../deploy/workload.js'),
      import('../deploy/render.js'),
      import('../deploy/images.js'),
      import('../deploy/stack-deploy.js'),
    ]);
  const session = await openCommandSession(out, flags);
  try {
    const ctx = { workspace, app, env: flags.env };
    const tag = () => flags.tag ?? defaultTag(workspace.root);
    const confirm = diffConfirm(out, flags, async () => {
      const { stack } = await renderWorkload(ctx, { name: flags.name, tag: tag() });
      const before = (await session.stacks.describeStack(stack.stackName))
        ? await session.stacks.getTemplate(stack.stackName)
        : '';
      return templateDiff(stack.stackName, before, templateToYaml(templateWithHash(stack, deployHash(stack))));
    });
    const result = await deployWorkload(session, ctx, {
      name: flags.name,
      tag,
      kinds,
      force: flags.force,
      noRollback: flags['no-rollback'],
      detach: flags.detach,
      confirm,
      images: imagePublisher(session, workspace, { engine: flags.engine }),
      skipPlacementCheck: flags['skip-placement-check'],
    });
    const what = `${result.type} ${flags.name} in ${flags.env}`;
    if (result.outcome.result === 'deployed') out.line(`✔ Deployed ${what}.`);
    else if (result.outcome.result === 'unchanged')
      out.line(
        result.redeployed ? `✔ ${what} is unchanged; a new deployment was started.` : `✔ ${what} is up to date.`,
      );
    else if (result.outcome.result === 'detached') out.line(`${what} is deploying.`);
  } finally {
    session.close();
  }
}
