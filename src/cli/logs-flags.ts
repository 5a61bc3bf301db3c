// Flags and the shared run of `svc logs` and `job logs`. Only the pure query parsing is loaded up front; the
// AWS side (src/logs/run.ts) is imported when the command runs, so `--help` loads no SDK module.
import { Flags } from '@oclif/core';
import { setFlagsFromString } from 'node:v8';
import { buildQuery, DEFAULT_LIMIT, LogFlags, MAX_EXECUTIONS, MAX_LIMIT } from '../logs/query';
import { Workspace } from '../workspace/workspace';
import { awsFlags } from './base-command';
import { appFlag } from './workspace-context';

export function logsFlags(kind: 'Service' | 'Job') {
  return {
    name: Flags.string({
      char: 'n',
      description: `${kind} name (default: the workspace's only ${kind.toLowerCase()}).`,
    }),
    env: Flags.string({ char: 'e', description: "Environment name (default: the application's only environment)." }),
    ...appFlag,
    since: Flags.string({
      description: 'Only events newer than this: 30s, 5m, 1h, 2d (or sums such as 1h30m).',
      helpValue: 'DURATION',
    }),
    'start-time': Flags.string({
      description: 'Only events at or after this RFC3339 time, e.g. 2024-05-01T12:00:00Z.',
      helpValue: 'TIME',
    }),
    'end-time': Flags.string({ description: 'Only events at or before this RFC3339 time.', helpValue: 'TIME' }),
    limit: Flags.string({
      description: `Print only the newest N events of the window (1 to ${MAX_LIMIT}; default ${DEFAULT_LIMIT} when no time flag is given).`,
      helpValue: 'N',
    }),
    follow: Flags.boolean({
      char: 'f',
      description: 'Keep printing new events as they arrive (Live Tail, or polling every second), until Ctrl-C.',
      default: false,
    }),
    tasks: Flags.string({
      description: 'Only these ECS tasks: IDs or the short IDs printed in front of each line, comma-separated.',
      helpValue: 'ID,...',
    }),
    previous: Flags.boolean({ description: 'The task that stopped last (why did it crash?).', default: false }),
    container: Flags.string({ description: 'Only this container (e.g. a sidecar); default: every container.' }),
    filter: Flags.string({
      description: 'CloudWatch Logs filter pattern, e.g. ERROR, "?ERROR ?WARN", or { $.level = "error" }.',
      helpValue: 'PATTERN',
    }),
    json: Flags.boolean({
      description: 'One JSON object per line: timestamp, stream, task, container, message.',
      default: false,
    }),
    ...awsFlags,
  };
}

export const serviceLogsFlags = {
  ...logsFlags('Service'),
  'log-group': Flags.string({
    description: 'App Runner: application (default) or system; or any log group name starting with /.',
    helpValue: 'GROUP',
  }),
};

export const jobLogsFlags = {
  ...logsFlags('Job'),
  last: Flags.string({
    description: `Logs of the N latest runs (1 to ${MAX_EXECUTIONS}; default 1 when no other flag picks what to show).`,
    helpValue: 'N',
  }),
};

export interface LogsCommandFlags extends LogFlags {
  name?: string;
  env?: string;
  app?: string;
  profile?: string;
  region?: string;
}

export async function logsCommand(flags: LogsCommandFlags, kind: 'service' | 'job'): Promise<void> {
  const query = buildQuery(flags, Date.now(), kind);
  const workspace = Workspace.find();
  const app = flags.app ?? (workspace ?? Workspace.require()).requireApplicationName();
  // The workspace's workloads pick --name only when it is the workspace's own application.
  const local =
    workspace && (!flags.app || workspace.applicationName() === flags.app)
      ? workspace.workloads().map((w) => ({ name: w.name, type: w.type }))
      : undefined;
  keepHeapSmall();
  const { runLogs } = await import('../logs/run.js');
  await runLogs(
    { profile: flags.profile, region: flags.region },
    { app, env: flags.env, name: flags.name, kind, query, local },
  );
}

/**
 * A log reader allocates a page's worth of objects per page and keeps almost none of them, while V8 lets the
 * old generation grow to several times its live size between full collections: a 100,000-event read went past
 * 150 MB of RSS. Growing it 10% at a time keeps the peak near 125 MB at no measurable cost (bench/logs.js).
 * The factor is read at every collection; it is set before the SDK loads so that the first ones use it.
 */
function keepHeapSmall(): void {
  setFlagsFromString('--heap-growing-percent=10');
}
