// The run of `svc status` and `job status`, loaded by the commands only when they run (it loads the SDK):
// resolve what to look at, collect once (or keep collecting with --watch), print text or JSON.
import { colors, Output, useColor } from '../ui/output';
import { statusCollector } from './collect';
import { chooseEnvironment, chooseWorkload, localWorkspace, openSources, resolveApp } from './context';
import type { WorkloadKind } from './locate';
import type { WorkloadStatus } from './model';
import { renderStatus } from './render';
import { utcSecond } from './time';
import { watch } from './watch';

export interface StatusFlags {
  name?: string;
  env?: string;
  app?: string;
  json: boolean;
  watch: boolean;
  interval: number;
  events: number;
  profile?: string;
  region?: string;
}

export async function statusCommand(out: Output, flags: StatusFlags, kind: WorkloadKind): Promise<void> {
  const local = localWorkspace();
  const app = resolveApp(flags.app, local);
  const sources = await openSources(flags);
  const name = await chooseWorkload(sources, app, kind, flags.name, local);
  const env = await chooseEnvironment(sources, app, flags.env);
  const collect = await statusCollector(sources, { app, env, name, kind, events: flags.events });
  const color = useColor(process.stdout);

  if (!flags.watch) {
    const status = await collect();
    if (flags.json) out.json(status);
    else out.line(renderStatus(status, { now: sources.now(), color }).join('\n'));
    return;
  }

  // JSON lines and non-terminals get one block per refresh; a terminal gets the frame redrawn in place.
  const tty = Boolean(process.stdout.isTTY) && !flags.json;
  const every = `every ${flags.interval}s`;
  await watch<WorkloadStatus>({
    intervalMs: flags.interval * 1000,
    collect,
    render: (status, at) =>
      flags.json
        ? [JSON.stringify(status)]
        : [
            colors.dim(`${utcSecond(at)} · refreshing ${every} · Ctrl-C to stop`, color),
            ...renderStatus(status, { now: at, color }),
          ],
    renderError: (err, at) =>
      flags.json
        ? [JSON.stringify({ error: (err as Error).message ?? String(err), at: at.toISOString() })]
        : [`${utcSecond(at)} · refresh failed (trying again ${every}): ${(err as Error).message ?? err}`],
    screen: {
      write: (text) => process.stdout.write(text),
      tty,
      separate: !flags.json,
      // Read at each frame: the terminal may have been resized.
      get columns() {
        return process.stdout.columns;
      },
      get rows() {
        return process.stdout.rows;
      },
    },
    now: () => sources.now(),
    onInterrupt: (handler) => {
      process.on('SIGINT', handler);
      return () => process.off('SIGINT', handler);
    },
  });
}
