// svc logs against a local endpoint (moto): a log group made by a workload stack, events written with
// PutLogEvents into several task streams, read back through the real wire protocol: order across streams,
// limits, time windows, task and container selection, filters, --json, and --follow by polling.
import { CreateStackCommand } from '@aws-sdk/client-cloudformation';
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  PutLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { CloudWatchLogSource } from '../../src/logs/cloudwatch-source';
import type { LogEvent } from '../../src/logs/event';
import { readAndFollow } from '../../src/logs/follow';
import { eventFormatter, JsonLogLine } from '../../src/logs/format';
import { locateWorkload, LocateContext } from '../../src/logs/locate';
import { buildQuery, LogFlags } from '../../src/logs/query';
import { readWindow } from '../../src/logs/read';
import { planRead } from '../../src/logs/select';
import type { TaskLookup } from '../../src/logs/tasks';
import { describeWithMoto, localSession, LocalSession, seedRecords } from '../helpers/aws-local';

const APP = 'logsint';
const GROUP = `/copilot/${APP}-test-api`;
const JOB_GROUP = `/copilot/${APP}-test-report`;
const JOB_TASKS = [
  'aa11bb22cc33dd44ee55ff6600112233',
  'bb22cc33dd44ee55ff66001122334455',
  'cc33dd44ee55ff660011223344556677',
];
const TASKS = [
  '1a2b3c4d5e6f70819293a4b5c6d7e8f9',
  '9f8e7d6c5b4a39281706f5e4d3c2b1a0',
  '0a0b0c0d0e0f10111213141516171819',
];
const NOW = Date.now();
const T0 = NOW - 30 * 60_000;

/** 60 events per task stream, one every 10 s from T0 + task index; the envoy sidecar of task 0 logs too. */
function written(): { stream: string; events: { timestamp: number; message: string }[] }[] {
  const streams = TASKS.map((task, t) => ({
    stream: `copilot/api/${task}`,
    events: Array.from({ length: 60 }, (_, i) => ({
      timestamp: T0 + i * 10_000 + t,
      message: `${i % 20 === 7 ? 'ERROR' : 'INFO'} request ${i} on task ${t}`,
    })),
  }));
  streams.push({
    stream: `copilot/envoy/${TASKS[0]}`,
    events: [{ timestamp: T0 + 5, message: 'envoy started' }],
  });
  return streams;
}

const noTasks: TaskLookup = { lastStoppedTask: async () => undefined, jobRuns: async () => [] };

describeWithMoto('svc logs against a local endpoint', () => {
  let session: LocalSession;
  let logs: CloudWatchLogsClient;
  let ctx: LocateContext & { tasks: TaskLookup };

  beforeAll(async () => {
    session = await localSession();
    logs = await session.clients.logs();
    await seedRecords(session, APP, 'test', [{ name: 'api', type: 'Backend Service' }]);
    // The log group comes from the workload stack, as a deploy makes it.
    const cfn = await session.clients.cloudFormation();
    await cfn.send(
      new CreateStackCommand({
        StackName: `${APP}-test-api`,
        TemplateBody: JSON.stringify({
          Resources: {
            LogGroup: { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: GROUP, RetentionInDays: 30 } },
          },
        }),
      }),
    );
    for (const s of written()) {
      await logs.send(new CreateLogStreamCommand({ logGroupName: GROUP, logStreamName: s.stream }));
      await logs.send(new PutLogEventsCommand({ logGroupName: GROUP, logStreamName: s.stream, logEvents: s.events }));
    }
    // A scheduled job that ran three times; each run's task wrote its own stream.
    await session.store.createWorkload({ app: APP, name: 'report', type: 'Scheduled Job' });
    await logs.send(new CreateLogGroupCommand({ logGroupName: JOB_GROUP }));
    for (const [run, task] of JOB_TASKS.entries()) {
      const stream = `copilot/report/${task}`;
      await logs.send(new CreateLogStreamCommand({ logGroupName: JOB_GROUP, logStreamName: stream }));
      await logs.send(
        new PutLogEventsCommand({
          logGroupName: JOB_GROUP,
          logStreamName: stream,
          logEvents: [0, 1].map((i) => ({ timestamp: T0 + run * 600_000 + i, message: `run ${run} line ${i}` })),
        }),
      );
    }
    ctx = {
      store: session.store,
      stacks: async () => session.stacks,
      source: new CloudWatchLogSource(logs),
      tasks: noTasks,
    };
  });

  async function read(flags: LogFlags, name = 'api', kind: 'service' | 'job' = 'service'): Promise<JsonLogLine[]> {
    const query = buildQuery({ ...flags, json: true }, Date.now(), kind);
    const w = await locateWorkload(ctx, { app: APP, env: 'test', name, kind, query });
    const plan = await planRead(ctx, w, query);
    const format = eventFormatter({ json: true, color: false });
    const lines: JsonLogLine[] = [];
    await readWindow(ctx.source, plan, { write: (events) => events.forEach((e) => lines.push(JSON.parse(format(e)))) });
    return lines;
  }

  it('reads every stream, interleaved in timestamp order, as --json lines', async () => {
    const lines = await read({ since: '1h' });
    expect(lines).toHaveLength(3 * 60 + 1);
    const times = lines.map((l) => Date.parse(l.timestamp));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(lines[0]).toEqual({
      timestamp: new Date(T0).toISOString(),
      stream: `copilot/api/${TASKS[0]}`,
      task: TASKS[0],
      container: 'api',
      message: 'INFO request 0 on task 0',
    });
    expect(lines.slice(1, 4).map((l) => l.task)).toEqual([TASKS[1], TASKS[2], TASKS[0]]);
    expect(lines[3].container).toBe('envoy');
  });

  it('without a time flag prints the newest 10; --limit N the newest N', async () => {
    const label = (i: number, t: number) => `INFO request ${i} on task ${t}`;
    expect((await read({})).map((l) => l.message)).toEqual([
      label(56, 2),
      ...[57, 58, 59].flatMap((i) => [0, 1, 2].map((t) => label(i, t))),
    ]);
    expect((await read({ limit: '4', since: '1h' })).map((l) => l.message)).toEqual([
      label(58, 2),
      label(59, 0),
      label(59, 1),
      label(59, 2),
    ]);
  });

  it('keeps to the time window', async () => {
    const start = new Date(T0 + 100_000).toISOString();
    const end = new Date(T0 + 150_000).toISOString();
    const lines = await read({ 'start-time': start, 'end-time': end });
    expect(lines.map((l) => l.message)).toEqual([
      ...[10, 11, 12, 13, 14].flatMap((i) => [0, 1, 2].map((t) => `INFO request ${i} on task ${t}`)),
      // Both ends are inclusive: task 0's request 15 is at the end time exactly.
      'INFO request 15 on task 0',
    ]);
    const lastMinute = await read({ since: '1m' });
    expect(lastMinute).toEqual([]);
  });

  it('selects tasks by short ID, a container, and a filter pattern', async () => {
    const one = await read({ since: '1h', tasks: TASKS[1].slice(0, 8) });
    expect(new Set(one.map((l) => l.task))).toEqual(new Set([TASKS[1]]));
    expect(one).toHaveLength(60);
    const envoy = await read({ since: '1h', container: 'envoy' });
    expect(envoy.map((l) => l.message)).toEqual(['envoy started']);
    const errors = await read({ since: '1h', filter: 'ERROR' });
    expect(errors).toHaveLength(3 * 3);
    expect(errors.every((l) => l.message.startsWith('ERROR'))).toBe(true);
  });

  it('job logs: the latest run, or the last N, found by the streams written last (no state machine here)', async () => {
    expect((await read({}, 'report', 'job')).map((l) => l.message)).toEqual(['run 2 line 0', 'run 2 line 1']);
    expect((await read({ last: '2' }, 'report', 'job')).map((l) => l.message)).toEqual([
      'run 1 line 0',
      'run 1 line 1',
      'run 2 line 0',
      'run 2 line 1',
    ]);
  });

  it('says what exists when pointed at a service that does not', async () => {
    const query = buildQuery({}, Date.now());
    await expect(
      locateWorkload(ctx, { app: APP, env: 'test', name: 'web', kind: 'service', query }),
    ).rejects.toMatchObject({
      message: `no service "web" in application "${APP}"`,
      hint: `Services of ${APP}: api.`,
    });
    await expect(
      locateWorkload(ctx, { app: APP, env: 'prod', name: 'api', kind: 'service', query }),
    ).rejects.toMatchObject({
      message: `environment "prod" of application "${APP}" has not been deployed`,
    });
  });

  it('--follow prints a new event once, within 2 s, by polling (moto has no Live Tail)', async () => {
    const query = buildQuery({ follow: true, limit: '2' }, Date.now());
    const w = await locateWorkload(ctx, { app: APP, env: 'test', name: 'api', kind: 'service', query });
    const plan = await planRead(ctx, w, query);
    const printed: LogEvent[] = [];
    const notes: string[] = [];
    const stop = new AbortController();
    const following = readAndFollow(
      ctx.source,
      plan,
      { write: (events) => void printed.push(...events) },
      stop.signal,
      {
        groupArn: w.group.arn,
        pollMs: 200,
        note: (t) => notes.push(t),
      },
    );
    const until = async (check: () => boolean) => {
      for (let i = 0; i < 300 && !check(); i++) await new Promise((r) => setTimeout(r, 50));
    };
    await until(() => printed.length >= 2);
    const stream = `copilot/api/${TASKS[2]}`;
    await logs.send(
      new PutLogEventsCommand({
        logGroupName: GROUP,
        logStreamName: stream,
        logEvents: [{ timestamp: Date.now(), message: 'fresh' }],
      }),
    );
    const written = Date.now();
    await until(() => printed.some((e) => e.message === 'fresh'));
    expect(Date.now() - written).toBeLessThan(2000);
    // Live Tail's start fails (the SDK retries it for a few seconds) while polling goes on; the polls re-read
    // the window many times meanwhile and still print each event once.
    await until(() => notes.length > 0);
    stop.abort();
    await following;
    expect(printed.map((e) => e.message)).toEqual(['INFO request 59 on task 1', 'INFO request 59 on task 2', 'fresh']);
    expect(notes[0]).toMatch(/^Live Tail is not available \(.*\); polling every 0.2 s\.$/);
  });
});
