// Which streams and window a query reads: --tasks by short ID, --previous (ECS: the task that stopped last),
// job logs --last (Step Functions executions → their tasks), and the fallback to the latest streams.
import { DescribeTasksCommand, ListTasksCommand } from '@aws-sdk/client-ecs';
import { GetExecutionHistoryCommand, ListExecutionsCommand } from '@aws-sdk/client-sfn';
import { locateWorkload } from '../../../src/logs/locate';
import { buildQuery, LogFlags } from '../../../src/logs/query';
import { planRead } from '../../../src/logs/select';
import { MycopilotError } from '../../../src/errors';
import { context, ecs, setWorld, sfn, World } from './world';

const T1 = 'aaaa1111bbbb2222cccc3333dddd4444';
const T2 = 'eeee5555ffff6666aaaa7777bbbb8888';
const T3 = 'cccc9999dddd0000eeee1111ffff2222';
const API = '/copilot/shop-test-api';
const JOB = '/copilot/shop-test-report';
const MACHINE = 'arn:aws:states:us-west-2:1:stateMachine:shop-test-report';

const world: World = {
  apps: ['shop'],
  envs: { shop: ['test'] },
  workloads: {
    shop: [
      { name: 'api', type: 'Backend Service' },
      { name: 'report', type: 'Scheduled Job' },
    ],
  },
  stacks: {
    'shop-test': { outputs: { ClusterId: 'shop-test-Cluster' } },
    'shop-test-api': {},
    'shop-test-report': { resources: { StateMachine: MACHINE } },
  },
  groups: [API, JOB],
  streams: {
    [API]: [
      { name: `copilot/api/${T1}`, first: 100, last: 500 },
      { name: `copilot/envoy/${T1}`, first: 100, last: 400 },
      { name: `copilot/api/${T2}`, first: 600, last: 900 },
      { name: `copilot/api/${T3}`, first: 50, last: 90 },
    ],
    [JOB]: [
      { name: `copilot/report/${T1}`, first: 1000, last: 1100 },
      { name: `copilot/report/${T2}`, first: 2000, last: 2100 },
      { name: `copilot/report/${T3}`, first: 3000, last: 3100 },
    ],
  },
};

async function plan(flags: LogFlags, name = 'api', kind: 'service' | 'job' = 'service', notes: string[] = []) {
  const ctx = context(notes);
  const query = buildQuery(flags, Date.now(), kind);
  const w = await locateWorkload(ctx, { app: 'shop', env: 'test', name, kind, query });
  return planRead(ctx, w, query);
}

beforeEach(() => setWorld(world));

describe('planRead', () => {
  it('reads every container of every task by default; --container narrows to one', async () => {
    expect(await plan({ since: '1h' })).toMatchObject({
      group: API,
      selection: { prefix: 'copilot/' },
      limit: undefined,
    });
    expect((await plan({ container: 'envoy' })).selection).toEqual({ prefix: 'copilot/envoy/' });
  });

  it('--tasks takes short IDs and finds their streams in every container', async () => {
    const p = await plan({ tasks: `${T1.slice(0, 8)},${T2.slice(0, 6)}` });
    expect(p.selection.names).toEqual([`copilot/api/${T1}`, `copilot/envoy/${T1}`, `copilot/api/${T2}`]);
    expect((await plan({ tasks: T1.slice(0, 8), container: 'envoy' })).selection.names).toEqual([
      `copilot/envoy/${T1}`,
    ]);
  });

  it('--tasks matching nothing lists the tasks that wrote last', async () => {
    const e = (await plan({ tasks: '99999999' }).catch((err) => err)) as MycopilotError;
    expect(e.message).toBe(`no log streams of task 99999999 in ${API}`);
    expect(e.hint).toBe('Tasks that wrote logs most recently: eeee5555 (api), aaaa1111 (api, envoy), cccc9999 (api).');
  });

  it('--previous reads the task that stopped last, from when it started', async () => {
    ecs.on(ListTasksCommand).resolves({
      taskArns: [
        `arn:aws:ecs:us-west-2:1:task/shop-test-Cluster/${T1}`,
        `arn:aws:ecs:us-west-2:1:task/shop-test-Cluster/${T3}`,
      ],
    });
    ecs.on(DescribeTasksCommand).resolves({
      tasks: [
        {
          taskArn: `arn:aws:ecs:us-west-2:1:task/c/${T3}`,
          startedAt: new Date(40),
          stoppedAt: new Date(95),
          containers: [{ name: 'api' }],
        },
        {
          taskArn: `arn:aws:ecs:us-west-2:1:task/c/${T1}`,
          startedAt: new Date(90),
          stoppedAt: new Date(510),
          stoppedReason: 'Essential container in task exited',
          containers: [{ name: 'api' }, { name: 'envoy' }],
        },
      ],
    });
    const notes: string[] = [];
    const p = await plan({ previous: true }, 'api', 'service', notes);
    expect(ecs.commandCalls(ListTasksCommand)[0].args[0].input).toMatchObject({
      cluster: 'shop-test-Cluster',
      family: 'shop-test-api',
      desiredStatus: 'STOPPED',
    });
    expect(p).toMatchObject({
      selection: { names: [`copilot/api/${T1}`, `copilot/envoy/${T1}`] },
      start: 90,
      limit: 10,
    });
    expect(notes).toEqual(['Task aaaa1111 stopped at 1970-01-01T00:00:00.510Z: Essential container in task exited']);
  });

  it('--previous with no stopped task says so and how to read older logs', async () => {
    ecs.on(ListTasksCommand).resolves({ taskArns: [] });
    const e = (await plan({ previous: true }).catch((err) => err)) as MycopilotError;
    expect(e.message).toBe('no stopped task of api in test');
    expect(e.hint).toMatch(/--since 1d/);
  });
});

describe('job logs --last', () => {
  const history = (task: string, containers = [{ Name: 'report' }]) => ({
    events: [
      { id: 1, timestamp: new Date(), type: 'ExecutionStarted' as const },
      {
        id: 2,
        timestamp: new Date(),
        type: 'TaskSubmitted' as const,
        taskSubmittedEventDetails: {
          resourceType: 'ecs',
          resource: 'runTask.sync',
          output: JSON.stringify({
            Tasks: [{ TaskArn: `arn:aws:ecs:us-west-2:1:task/c/${task}`, Containers: containers }],
          }),
        },
      },
    ],
  });

  it('reads the tasks of the latest executions, within their run times', async () => {
    sfn.on(ListExecutionsCommand).resolves({
      executions: [
        {
          executionArn: 'e3',
          stateMachineArn: MACHINE,
          name: 'run-3',
          status: 'SUCCEEDED',
          startDate: new Date(2990),
          stopDate: new Date(3200),
        },
        {
          executionArn: 'e2',
          stateMachineArn: MACHINE,
          name: 'run-2',
          status: 'FAILED',
          startDate: new Date(1990),
          stopDate: new Date(2200),
        },
      ],
    });
    sfn.on(GetExecutionHistoryCommand, { executionArn: 'e3' }).resolves(history(T3));
    sfn.on(GetExecutionHistoryCommand, { executionArn: 'e2' }).resolves(history(T2));
    const notes: string[] = [];
    const p = await plan({ last: '2' }, 'report', 'job', notes);
    expect(sfn.commandCalls(ListExecutionsCommand)[0].args[0].input).toEqual({
      stateMachineArn: MACHINE,
      maxResults: 2,
    });
    expect(p).toMatchObject({
      group: JOB,
      selection: { names: [`copilot/report/${T3}`, `copilot/report/${T2}`] },
      start: 1990,
      end: 3200,
      limit: undefined,
    });
    expect(notes[0]).toMatch(/^Run run-2: FAILED, started .*, task eeee5555$/);
  });

  it('defaults to the latest run', async () => {
    sfn.on(ListExecutionsCommand).resolves({
      executions: [
        { executionArn: 'e3', stateMachineArn: MACHINE, name: 'run-3', status: 'RUNNING', startDate: new Date(2990) },
      ],
    });
    sfn.on(GetExecutionHistoryCommand).resolves(history(T3));
    expect(await plan({}, 'report', 'job')).toMatchObject({
      selection: { names: [`copilot/report/${T3}`] },
      start: 2990,
      end: undefined,
    });
  });

  it('without executions to go by, reads the tasks that wrote last', async () => {
    sfn.on(ListExecutionsCommand).rejects(Object.assign(new Error('gone'), { name: 'StateMachineDoesNotExist' }));
    const p = await plan({ last: '2' }, 'report', 'job');
    expect(p).toMatchObject({ selection: { names: [`copilot/report/${T3}`, `copilot/report/${T2}`] }, start: 2000 });
  });
});
