// What the deploy and delete commands share: their flags, opening a session with progress output and
// Ctrl-C handling, and `--diff` (show the template diff, then ask).
import { Flags } from '@oclif/core';
import type { ResourceChange } from '../aws/cloudformation';
import type { DeploySession } from '../deploy/session';
import { usageError } from '../errors';
import { Output } from '../ui/output';
import { awsFlags } from './base-command';
import { isInteractive, terminalPrompter } from './prompt';
import { appFlag } from './workspace-context';

export const deployFlags = {
  ...awsFlags,
  ...appFlag,
  force: Flags.boolean({
    description: 'Deploy even when nothing changed (services: start a new ECS deployment).',
    default: false,
  }),
  'no-rollback': Flags.boolean({
    description: 'Keep a failed stack as it failed instead of rolling back, to inspect it.',
    default: false,
  }),
  detach: Flags.boolean({ description: 'Return once the deployment has started.', default: false }),
  diff: Flags.boolean({ description: 'Show the template diff and ask before deploying.', default: false }),
  yes: Flags.boolean({
    char: 'y',
    description: 'Answer yes to every question (with --diff: deploy without asking).',
    default: false,
  }),
};

export const deleteFlags = {
  ...awsFlags,
  ...appFlag,
  yes: Flags.boolean({ char: 'y', description: 'Delete without asking.', default: false }),
};

/** Opens the AWS session of a deploy command; SDK clients load here, not at startup. */
export async function openCommandSession(
  out: Output,
  flags: { profile?: string; region?: string },
): Promise<DeploySession & { close(): void }> {
  const [{ openSession }, { LineReporter }, { ProcessInterrupts }] = await Promise.all([
    import('../deploy/session.js'),
    import('../ui/deploy-reporter.js'),
    import('../deploy/interrupts.js'),
  ]);
  const interrupts = new ProcessInterrupts();
  const session = await openSession(
    { profile: flags.profile, region: flags.region },
    out,
    (prefix) => new LineReporter({ prefix }),
    { interrupts },
  );
  return { ...session, close: () => interrupts.dispose() };
}

/** The `confirm` step of a deploy for --diff / --yes: prints the template diff and asks. */
export function diffConfirm(
  out: Output,
  flags: { diff: boolean; yes: boolean },
  diffText: () => Promise<string>,
): ((changes: ResourceChange[]) => Promise<boolean>) | undefined {
  if (!flags.diff) return undefined;
  if (!flags.yes && !isInteractive())
    throw usageError(
      '--diff asks before deploying, and there is no terminal to ask on',
      'Add --yes to deploy after showing the diff.',
    );
  return async () => {
    out.line(await diffText());
    if (flags.yes) return true;
    return terminalPrompter.confirm('yes', 'Deploy these changes?', false);
  };
}

/** A unified diff of two template texts, for --diff. */
export async function templateDiff(name: string, before: string, after: string): Promise<string> {
  const { createTwoFilesPatch } = await import('diff');
  const patch = createTwoFilesPatch(`${name} (deployed)`, `${name} (new)`, before, after, '', '', { context: 3 });
  return patch.split('\n').slice(2).join('\n').trim() || '(templates are identical)';
}
