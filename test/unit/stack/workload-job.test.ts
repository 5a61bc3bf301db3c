// Scheduled Job stacks: schedule translation to EventBridge, the state machine that applies retries and the
// timeout, and how the task is run (Fargate network settings, EC2 capacity and placement).
import type { ScheduledJob } from '../../../src/manifest/schemas';
import { buildScheduledJobStack } from '../../../src/stack/workload';
import { eventBridgeCron, scheduleExpression } from '../../../src/stack/workload/schedule';
import { EC2_CAPACITY, environment, inputOf, load, ofType, props } from './workload-fixtures';

const job = (extra: object, env?: ReturnType<typeof environment>) =>
  buildScheduledJobStack(
    inputOf(
      load<ScheduledJob>({
        name: 'report',
        type: 'Scheduled Job',
        image: { location: 'busybox' },
        on: { schedule: '@daily' },
        ...extra,
      }),
      env,
    ),
  );

/** The state machine definition with the `${!Name}` placeholders as Step Functions will see them. */
function definition(s: ReturnType<typeof job>): any {
  const text = props(s, 'StateMachine').DefinitionString['Fn::Sub'] as string;
  return JSON.parse(text.replace(/\$\{!/g, '${'));
}

describe('schedules', () => {
  it.each([
    ['@hourly', 'cron(0 * * * ? *)'],
    ['@daily', 'cron(0 0 * * ? *)'],
    ['@midnight', 'cron(0 0 * * ? *)'],
    ['@weekly', 'cron(0 0 ? * 1 *)'],
    ['@monthly', 'cron(0 0 1 * ? *)'],
    ['@yearly', 'cron(0 0 1 1 ? *)'],
    ['@annually', 'cron(0 0 1 1 ? *)'],
    ['@every 1h', 'rate(1 hour)'],
    ['@every 90m', 'rate(90 minutes)'],
    ['@every 1m', 'rate(1 minute)'],
    ['@every 48h', 'rate(2 days)'],
    ['rate(5 minutes)', 'rate(5 minutes)'],
    ['cron(0 9 ? * MON-FRI *)', 'cron(0 9 ? * MON-FRI *)'],
    ['0 9 * * 1-5', 'cron(0 9 ? * 2-6 *)'],
    ['0 12 * * MON', 'cron(0 12 ? * MON *)'],
    ['*/15 * * * *', 'cron(*/15 * * * ? *)'],
    ['30 2 1 * *', 'cron(30 2 1 * ? *)'],
    ['0 0 * * 0', 'cron(0 0 ? * 1 *)'],
    ['0 0 * * 7', 'cron(0 0 ? * 1 *)'],
    ['0 0 * * 5-7', 'cron(0 0 ? * 6,7,1 *)'],
    ['0 0 * * */2', 'cron(0 0 ? * 1,3,5,7 *)'],
    ['0 0 * * 1,3', 'cron(0 0 ? * 2,4 *)'],
  ])('%s → %s', (schedule, expected) => {
    expect(scheduleExpression(schedule)).toBe(expected);
  });

  it('has no expression for none', () => {
    expect(scheduleExpression('none')).toBeUndefined();
  });

  it('keeps the day of month when the day of week is open', () => {
    expect(eventBridgeCron('0 0 15 * ?')).toBe('0 0 15 * ? *');
  });
});

describe('Scheduled Job stack', () => {
  it('starts a state machine on the schedule, which runs the task with retries and a timeout', () => {
    const s = job({ on: { schedule: '0 9 * * 1-5' }, retries: 3, timeout: '1h30m' });
    expect(props(s, 'Rule')).toMatchObject({
      ScheduleExpression: 'cron(0 9 ? * 2-6 *)',
      State: 'ENABLED',
      Targets: [{ Arn: { Ref: 'StateMachine' }, Id: 'statemachine', RoleArn: { 'Fn::GetAtt': ['RuleRole', 'Arn'] } }],
    });
    const def = definition(s);
    expect(def.TimeoutSeconds).toBe(5400);
    const task = def.States[def.StartAt];
    expect(task.Resource).toBe('arn:${AWS::Partition}:states:::ecs:runTask.sync');
    expect(task.Retry).toEqual([
      { ErrorEquals: ['States.ALL'], IntervalSeconds: 10, MaxAttempts: 3, BackoffRate: 1.5 },
    ]);
    expect(task.Parameters).toMatchObject({
      Cluster: '${Cluster}',
      TaskDefinition: '${TaskDefinition}',
      LaunchType: 'FARGATE',
      NetworkConfiguration: {
        AwsvpcConfiguration: {
          Subnets: ['${Subnets}'],
          AssignPublicIp: '${AssignPublicIp}',
          SecurityGroups: ['${SecurityGroups}'],
        },
      },
    });
    const subs = props(s, 'StateMachine').DefinitionSubstitutions;
    expect(subs.TaskDefinition).toEqual({ Ref: 'TaskDefinition' });
    expect(subs.AssignPublicIp).toBe('ENABLED');
    expect(ofType(s, 'AWS::IAM::Role').sort()).toEqual(['ExecutionRole', 'RuleRole', 'StateMachineRole', 'TaskRole']);
    expect(ofType(s, 'AWS::ECS::Service')).toEqual([]);
  });

  it('neither retries nor times out unless asked', () => {
    const task = definition(job({}));
    expect(task.TimeoutSeconds).toBeUndefined();
    expect(task.States[task.StartAt].Retry).toBeUndefined();
  });

  it('keeps a disabled rule for schedule none', () => {
    expect(props(job({ on: { schedule: 'none' } }), 'Rule')).toMatchObject({ State: 'DISABLED' });
  });

  it('runs on EC2 capacity with placement', () => {
    const s = job(
      {
        launch_type: 'EC2',
        network: { mode: 'bridge' },
        placement: { strategies: [{ type: 'binpack', field: 'memory' }], constraints: [{ type: 'distinctInstance' }] },
      },
      environment(EC2_CAPACITY),
    );
    const params = definition(s).States['Run the task'].Parameters;
    expect(params.CapacityProviderStrategy).toEqual([{ CapacityProvider: '${CapacityProvider0}', Weight: 1 }]);
    expect(params.LaunchType).toBeUndefined();
    expect(params.NetworkConfiguration).toBeUndefined();
    expect(params.PlacementStrategy).toEqual([{ Type: 'binpack', Field: 'memory' }]);
    expect(params.PlacementConstraints).toEqual([{ Type: 'distinctInstance' }]);
    expect(props(s, 'StateMachine').DefinitionSubstitutions.CapacityProvider0).toEqual({
      'Fn::ImportValue': { 'Fn::Sub': '${AppName}-${EnvName}-EC2CapacityProvider' },
    });
    expect(props(s, 'TaskDefinition')).toMatchObject({ NetworkMode: 'bridge', RequiresCompatibilities: ['EC2'] });
  });

  it('lets the state machine run only its own task definition in the environment cluster', () => {
    const statements = props(job({}), 'StateMachineRole').Policies[0].PolicyDocument.Statement;
    const run = statements.find((st: any) => st.Action === 'ecs:RunTask');
    expect(run.Resource).toEqual({ Ref: 'TaskDefinition' });
    expect(run.Condition.ArnEquals['ecs:cluster']).toBeDefined();
  });
});

describe('schedules EventBridge cannot express', () => {
  it('refuses a day of month and a day of week together', () => {
    expect(() => scheduleExpression('0 0 */2 * 1')).toThrow(/day of month and the day of week/);
  });
});
