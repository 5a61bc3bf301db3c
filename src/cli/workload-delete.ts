// The shared run of `svc delete` and `job delete`.
import { Flags } from '@oclif/core';
import { Output } from '../ui/output';
import { confirmDeletion } from './confirm-delete';
import { deleteFlags, openCommandSession } from './deploy-command';
import { resolveWorkspaceApp } from './workspace-context';

export function workloadDeleteFlags(kind: 'Service' | 'Job') {
  return {
    name: Flags.string({ char: 'n', description: `${kind} name.`, required: true }),
    env: Flags.string({
      char: 'e',
      description: 'Only from this environment (default: every environment, and its images).',
    }),
    ...deleteFlags,
  };
}

export async function deleteWorkloadCommand(
  out: Output,
  flags: { name: string; env?: string; app?: string; yes: boolean; profile?: string; region?: string },
): Promise<void> {
  const { app } = resolveWorkspaceApp(flags.app);
  const what = flags.env
    ? `${flags.name} from ${flags.env}`
    : `${flags.name} from every environment of ${app}, with its images`;
  if (!(await confirmDeletion(what, flags.yes))) return;
  const { deleteWorkload } = await import('../deploy/delete.js');
  const session = await openCommandSession(out, flags);
  try {
    const { deletedFrom } = await deleteWorkload(session, app, flags.name, flags.env ? [flags.env] : undefined);
    out.line(
      deletedFrom.length
        ? `✔ Deleted ${flags.name} from ${deletedFrom.join(', ')}.`
        : `${flags.name} was not deployed${flags.env ? ` in ${flags.env}` : ''}; nothing to delete.`,
    );
  } finally {
    session.close();
  }
}
