// Turns a located workload and a query into a ReadPlan: which streams (all, a container's, some tasks', the
// latest stopped task's, a job's latest runs') and which time window.
import type { StackApi } from '../aws/cloudformation';
import { MycopilotError } from '../errors';
import { environmentStackName, workloadStackName } from '../stack/naming';
import type { RunTask } from './job-runs';
import type { LocatedWorkload } from './locate';
import type { LogQuery } from './query';
import type { ReadPlan } from './read';
import type { LogSource, StreamInfo } from './source';
import { containerPrefix, isTaskStream, parseStreamName, shortTaskId, STREAM_PREFIX } from './streams';
import type { TaskLookup } from './tasks';

export interface SelectContext {
  stacks(): Promise<StackApi>;
  source: LogSource;
  tasks: TaskLookup;
  /** A note for the user (stderr): which task --previous picked, which runs --last found. */
  note?(text: string): void;
}

/** How many recent tasks an error lists. */
const RECENT = 5;

export async function planRead(ctx: SelectContext, w: LocatedWorkload, query: LogQuery): Promise<ReadPlan> {
  const base: ReadPlan = {
    group: w.group.name,
    selection: w.appRunner || query.logGroup?.startsWith('/') ? {} : { prefix: containerPrefix(query.container) },
    start: query.startTime,
    end: query.endTime,
    pattern: query.filter,
    limit: query.limit,
  };
  if (query.tasks.length > 0) {
    const names = await taskStreams(ctx, w, query.tasks, query.container);
    if (names.length === 0) throw await noStreams(ctx, w, `task ${query.tasks.join(', ')}`);
    return { ...base, selection: { names } };
  }
  if (query.previous) return previousTask(ctx, w, query, base);
  if (query.last !== undefined) return latestRuns(ctx, w, query, base);
  return base;
}

/** Streams of tasks given by ID or ID start: by name prefix when the container is known, else by listing. */
async function taskStreams(
  ctx: SelectContext,
  w: LocatedWorkload,
  tasks: string[],
  container?: string,
): Promise<string[]> {
  if (container) {
    const found = await Promise.all(
      tasks.map((t) => ctx.source.streams(w.group.name, { prefix: `${containerPrefix(container)}${t}` })),
    );
    return found.flat().map((s) => s.name);
  }
  const all = await ctx.source.streams(w.group.name, { prefix: `${STREAM_PREFIX}/` });
  return all.map((s) => s.name).filter((s) => isTaskStream(s, tasks));
}

async function previousTask(
  ctx: SelectContext,
  w: LocatedWorkload,
  query: LogQuery,
  base: ReadPlan,
): Promise<ReadPlan> {
  const envStack = await (await ctx.stacks()).describeStack(environmentStackName(w.app, w.env));
  const cluster = envStack?.outputs.ClusterId;
  if (!cluster)
    throw new MycopilotError('NOT_FOUND', `environment "${w.env}" has no ECS cluster to look for stopped tasks in`, {
      hint: `Its stack ${environmentStackName(w.app, w.env)} has no ClusterId output: redeploy it with mycopilot env deploy --name ${w.env}`,
    });
  const task = await ctx.tasks.lastStoppedTask(cluster, workloadStackName(w.app, w.env, w.name));
  if (!task)
    throw new MycopilotError('NOT_FOUND', `no stopped task of ${w.name} in ${w.env}`, {
      hint: 'ECS lists stopped tasks for about an hour; for older ones, read by time: --since 1d',
    });
  ctx.note?.(
    `Task ${shortTaskId(task.id)} stopped${task.stopped ? ` at ${new Date(task.stopped).toISOString()}` : ''}${task.reason ? `: ${task.reason}` : ''}`,
  );
  const names = await runStreams(ctx, w, [task], query.container);
  if (names.length === 0) throw await noStreams(ctx, w, `the stopped task ${task.id}`);
  return { ...base, selection: { names }, start: maxDefined(base.start, task.started) };
}

/** `job logs --last N`: the tasks of the job's N latest executions; or, without Step Functions, the latest tasks. */
async function latestRuns(ctx: SelectContext, w: LocatedWorkload, query: LogQuery, base: ReadPlan): Promise<ReadPlan> {
  const count = query.last ?? 1;
  const machine = await (await ctx.stacks()).physicalId(workloadStackName(w.app, w.env, w.name), 'StateMachine');
  const runs = machine ? await ctx.tasks.jobRuns(machine, count) : [];
  const withTasks = runs.filter((r) => r.tasks.length > 0);
  if (withTasks.length > 0) {
    for (const r of withTasks.slice().reverse())
      ctx.note?.(
        `Run ${r.name}: ${r.status}, started ${new Date(r.started).toISOString()}, task ${r.tasks.map((t) => shortTaskId(t.id)).join(', ')}`,
      );
    const names = await runStreams(
      ctx,
      w,
      withTasks.flatMap((r) => r.tasks),
      query.container,
    );
    if (names.length > 0) {
      const start = Math.min(...withTasks.map((r) => r.started));
      const running = withTasks.some((r) => r.stopped === undefined);
      const end = running ? undefined : Math.max(...withTasks.map((r) => r.stopped!));
      return {
        ...base,
        selection: { names },
        start: maxDefined(base.start, start),
        end: query.follow ? undefined : minDefined(base.end, end),
      };
    }
  }
  // No execution history to go by (the state machine is gone, or the job ran otherwise): the tasks whose
  // streams were written last.
  const latest = await ctx.source.streams(w.group.name, { newestFirst: true, max: 50 });
  const tasks = latestTasks(latest, count, query.container);
  if (tasks.length === 0)
    throw new MycopilotError(
      'NOT_FOUND',
      `${w.name} has not run in ${w.env} yet: no task has written to ${w.group.name}`,
      {
        hint: runs.length
          ? `Its latest execution (${runs[0].name}) is ${runs[0].status} and has started no task.`
          : undefined,
      },
    );
  const first = Math.min(...tasks.flatMap((t) => t.streams.map((s) => s.firstEvent ?? Infinity)));
  return {
    ...base,
    selection: { names: tasks.flatMap((t) => t.streams.map((s) => s.name)) },
    start: maxDefined(base.start, Number.isFinite(first) ? first : undefined),
  };
}

/** The `count` tasks whose streams were written last, newest first. */
export function latestTasks(
  streams: StreamInfo[],
  count: number,
  container?: string,
): { id: string; streams: StreamInfo[] }[] {
  const byTask = new Map<string, StreamInfo[]>();
  for (const s of streams) {
    if (!s.name.startsWith(containerPrefix(container))) continue;
    const { task } = parseStreamName(s.name);
    byTask.set(task, [...(byTask.get(task) ?? []), s]);
  }
  const lastOf = (list: StreamInfo[]) => Math.max(...list.map((s) => s.lastEvent ?? 0));
  return [...byTask]
    .sort((a, b) => lastOf(b[1]) - lastOf(a[1]))
    .slice(0, count)
    .map(([id, list]) => ({ id, streams: list }));
}

/** Streams of known tasks: `copilot/<container>/<id>` for each container that wrote one. */
async function runStreams(
  ctx: SelectContext,
  w: LocatedWorkload,
  tasks: RunTask[],
  container?: string,
): Promise<string[]> {
  const lists = await Promise.all(
    tasks.map(async (t) => {
      const containers = container ? [container] : t.containers;
      if (containers.length === 0) return taskStreams(ctx, w, [t.id]);
      const found = await Promise.all(
        containers.map((c) => ctx.source.streams(w.group.name, { prefix: `${containerPrefix(c)}${t.id}` })),
      );
      return found.flat().map((s) => s.name);
    }),
  );
  return [...new Set(lists.flat())];
}

async function noStreams(ctx: SelectContext, w: LocatedWorkload, what: string): Promise<MycopilotError> {
  const recent = latestTasks(await ctx.source.streams(w.group.name, { newestFirst: true, max: 50 }), RECENT);
  return new MycopilotError('NOT_FOUND', `no log streams of ${what} in ${w.group.name}`, {
    hint: recent.length
      ? `Tasks that wrote logs most recently: ${recent.map((t) => `${shortTaskId(t.id)} (${[...new Set(t.streams.map((s) => parseStreamName(s.name).container))].join(', ')})`).join(', ')}.`
      : `${w.group.name} has no log streams yet.`,
  });
}

function maxDefined(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined ? b : b === undefined ? a : Math.max(a, b);
}

function minDefined(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined ? b : b === undefined ? a : Math.min(a, b);
}
