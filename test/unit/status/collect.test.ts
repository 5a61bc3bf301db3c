// `status` collection over mocked SDK clients: an ECS service on EC2 (bridge) with a rollout in progress,
// stopped tasks, targets and alarms; an App Runner service; a Scheduled Job deployed by Copilot (short-form
// template tags, schedule in a parameter); and the errors that name what exists.
import { AppRunnerClient, DescribeServiceCommand, ListOperationsCommand } from '@aws-sdk/client-apprunner';
import {
  CloudFormationClient,
  DescribeStacksCommand,
  GetTemplateCommand,
  ListStackResourcesCommand,
} from '@aws-sdk/client-cloudformation';
import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import {
  DescribeContainerInstancesCommand,
  DescribeServicesCommand,
  DescribeTasksCommand,
  ECSClient,
  ListTasksCommand,
} from '@aws-sdk/client-ecs';
import { DescribeTargetHealthCommand, ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { ListExecutionsCommand, SFNClient } from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { statusCollector } from '../../../src/status/collect';
import { ago, mockedSources, NOW, resource, stackOf } from './fixtures';

const cfn = mockClient(CloudFormationClient);
const ecs = mockClient(ECSClient);
const elb = mockClient(ElasticLoadBalancingV2Client);
const cw = mockClient(CloudWatchClient);
const apprunner = mockClient(AppRunnerClient);
const sfn = mockClient(SFNClient);

beforeEach(() => {
  for (const m of [cfn, ecs, elb, cw, apprunner, sfn]) m.reset();
  cfn
    .on(DescribeStacksCommand)
    .rejects(Object.assign(new Error('Stack with id x does not exist'), { name: 'ValidationError' }));
});

const CLUSTER = 'shop-test-Cluster-1A2B';
const SERVICE_ARN = `arn:aws:ecs:us-west-2:123456789012:service/${CLUSTER}/shop-test-api-Service-9Z`;
const TG = 'arn:aws:elasticloadbalancing:us-west-2:123456789012:targetgroup/shop-te-Targe-XYZ/0a1b';
const TD = 'arn:aws:ecs:us-west-2:123456789012:task-definition/shop-test-api:';
const CI = `arn:aws:ecs:us-west-2:123456789012:container-instance/${CLUSTER}/`;
const TASK = `arn:aws:ecs:us-west-2:123456789012:task/${CLUSTER}/`;

function givenStack(name: string, extra: Record<string, unknown> = {}) {
  cfn.on(DescribeStacksCommand, { StackName: name }).resolves({ Stacks: [stackOf(name, extra)] as never });
}

function givenEcsService() {
  givenStack('shop-test-api');
  cfn.on(ListStackResourcesCommand, { StackName: 'shop-test-api' }).resolves({
    StackResourceSummaries: [
      resource('TaskDefinition', 'AWS::ECS::TaskDefinition', TD + '8'),
      resource('TargetGroup', 'AWS::ElasticLoadBalancingV2::TargetGroup', TG),
      resource('CPURollbackAlarm', 'AWS::CloudWatch::Alarm', 'shop-test-api-CopilotRollbackCPUAlarm'),
      resource('Service', 'AWS::ECS::Service', SERVICE_ARN),
    ],
  });
  ecs.on(DescribeServicesCommand).resolves({
    services: [
      {
        serviceArn: SERVICE_ARN,
        serviceName: 'shop-test-api-Service-9Z',
        status: 'ACTIVE',
        desiredCount: 2,
        runningCount: 2,
        pendingCount: 1,
        capacityProviderStrategy: [{ capacityProvider: 'shop-test-EC2CapacityProvider', weight: 1 }],
        taskDefinition: TD + '8',
        loadBalancers: [{ targetGroupArn: TG, containerName: 'api', containerPort: 80 }],
        deploymentConfiguration: { alarms: { alarmNames: ['team-p99-latency'], enable: true, rollback: true } },
        deployments: [
          {
            id: 'ecs-svc/7',
            status: 'ACTIVE',
            taskDefinition: TD + '7',
            desiredCount: 2,
            runningCount: 1,
            pendingCount: 0,
            failedTasks: 0,
            createdAt: ago(3600),
            updatedAt: ago(90),
          },
          {
            id: 'ecs-svc/8',
            status: 'PRIMARY',
            taskDefinition: TD + '8',
            desiredCount: 2,
            runningCount: 1,
            pendingCount: 1,
            failedTasks: 2,
            rolloutState: 'IN_PROGRESS',
            rolloutStateReason: 'ECS deployment ecs-svc/8 in progress.',
            createdAt: ago(300),
            updatedAt: ago(30),
          },
        ],
        events: Array.from({ length: 15 }, (_, i) => ({
          id: `e${i}`,
          createdAt: ago(10 * (i + 1)),
          message: `event ${i}`,
        })),
      },
    ],
  });
  ecs.on(ListTasksCommand, { desiredStatus: 'RUNNING' }).resolves({ taskArns: [TASK + 'new1', TASK + 'old1'] });
  ecs.on(ListTasksCommand, { desiredStatus: 'STOPPED' }).resolves({ taskArns: [TASK + 'dead1', TASK + 'dead2'] });
  ecs.on(DescribeTasksCommand).resolves({
    tasks: [
      {
        taskArn: TASK + 'old1',
        group: 'service:shop-test-api-Service-9Z',
        taskDefinitionArn: TD + '7',
        lastStatus: 'RUNNING',
        desiredStatus: 'RUNNING',
        healthStatus: 'HEALTHY',
        startedAt: ago(3000),
        launchType: 'EC2',
        capacityProviderName: 'shop-test-EC2CapacityProvider',
        containerInstanceArn: CI + 'ci-a',
        containers: [{ name: 'api', networkBindings: [{ containerPort: 80, hostPort: 32768 }] }],
      },
      {
        taskArn: TASK + 'new1',
        group: 'service:shop-test-api-Service-9Z',
        taskDefinitionArn: TD + '8',
        lastStatus: 'RUNNING',
        desiredStatus: 'RUNNING',
        healthStatus: 'UNKNOWN',
        startedAt: ago(100),
        launchType: 'EC2',
        capacityProviderName: 'shop-test-EC2CapacityProvider',
        containerInstanceArn: CI + 'ci-a',
        containers: [{ name: 'api', networkBindings: [{ containerPort: 80, hostPort: 32790 }] }],
      },
      {
        taskArn: TASK + 'dead1',
        group: 'service:shop-test-api-Service-9Z',
        lastStatus: 'STOPPED',
        desiredStatus: 'STOPPED',
        stoppedReason: 'Task failed container health checks',
        stopCode: 'TaskFailedToStart',
        stoppedAt: ago(200),
      },
      {
        taskArn: TASK + 'dead2',
        group: 'service:shop-test-api-Service-9Z',
        lastStatus: 'STOPPED',
        desiredStatus: 'STOPPED',
        stoppedReason: 'Task failed container health checks',
        stopCode: 'TaskFailedToStart',
        stoppedAt: ago(150),
      },
      // Another service's task in the same cluster, which an emulator's ListTasks may not filter out.
      { taskArn: TASK + 'other', group: 'service:shop-test-worker', lastStatus: 'RUNNING' },
    ],
  });
  ecs.on(DescribeContainerInstancesCommand).resolves({
    containerInstances: [
      {
        containerInstanceArn: CI + 'ci-a',
        ec2InstanceId: 'i-0aaa',
        attributes: [{ name: 'ecs.availability-zone', value: 'us-west-2a' }],
      },
    ],
  });
  elb.on(DescribeTargetHealthCommand, { TargetGroupArn: TG }).resolves({
    TargetHealthDescriptions: [
      { Target: { Id: 'i-0aaa', Port: 32768 }, TargetHealth: { State: 'healthy' } },
      {
        Target: { Id: 'i-0aaa', Port: 32790 },
        TargetHealth: { State: 'unhealthy', Reason: 'Target.Timeout', Description: 'Request timed out' },
      },
    ],
  });
  cw.on(DescribeAlarmsCommand).resolves({
    MetricAlarms: [
      { AlarmName: 'team-p99-latency', StateValue: 'OK', StateUpdatedTimestamp: ago(7200) },
      {
        AlarmName: 'shop-test-api-CopilotRollbackCPUAlarm',
        StateValue: 'ALARM',
        StateReason: 'Threshold Crossed: 2 datapoints [91.2, 88.0] were >= 80.0',
        StateUpdatedTimestamp: ago(120),
      },
    ],
  });
}

describe('status of an ECS service', () => {
  it('collects rollout, tasks, stopped tasks, targets matched to tasks, alarms and events', async () => {
    givenEcsService();
    const collect = await statusCollector(mockedSources(), { app: 'shop', env: 'test', name: 'api', kind: 'service' });
    const status = await collect();
    expect(status).toEqual({
      kind: 'ecs',
      app: 'shop',
      env: 'test',
      name: 'api',
      type: 'Load Balanced Web Service',
      stack: {
        name: 'shop-test-api',
        status: 'UPDATE_COMPLETE',
        statusReason: undefined,
        updatedAt: ago(600).toISOString(),
      },
      cluster: CLUSTER,
      serviceName: 'shop-test-api-Service-9Z',
      serviceArn: SERVICE_ARN,
      status: 'ACTIVE',
      desired: 2,
      running: 2,
      pending: 1,
      launchType: undefined,
      capacityProviders: ['shop-test-EC2CapacityProvider'],
      taskDefinition: 'shop-test-api:8',
      rollout: {
        state: 'IN_PROGRESS',
        revision: 8,
        text: 'rolling out revision 8: 1/2 running, 1 pending, 2 failed to start; 1 older deployment(s) with 1 task(s) running',
      },
      deployments: [
        expect.objectContaining({
          id: 'ecs-svc/8',
          status: 'PRIMARY',
          revision: 8,
          failed: 2,
          rolloutState: 'IN_PROGRESS',
        }),
        expect.objectContaining({ id: 'ecs-svc/7', status: 'ACTIVE', revision: 7, running: 1 }),
      ],
      tasks: [
        {
          id: 'old1',
          arn: TASK + 'old1',
          revision: 7,
          lastStatus: 'RUNNING',
          desiredStatus: 'RUNNING',
          health: 'HEALTHY',
          startedAt: ago(3000).toISOString(),
          capacityProvider: 'shop-test-EC2CapacityProvider',
          launchType: 'EC2',
          availabilityZone: 'us-west-2a',
          privateIp: undefined,
          containerInstance: 'ci-a',
          ec2InstanceId: 'i-0aaa',
          ports: [{ container: 'api', containerPort: 80, hostPort: 32768 }],
          targets: [{ targetGroup: 'shop-te-Targe-XYZ', state: 'healthy' }],
        },
        expect.objectContaining({
          id: 'new1',
          revision: 8,
          targets: [{ targetGroup: 'shop-te-Targe-XYZ', state: 'unhealthy' }],
        }),
      ],
      stoppedTasks: [
        {
          reason: 'Task failed container health checks',
          count: 2,
          stopCodes: ['TaskFailedToStart'],
          containerExits: [],
          sampleTaskIds: ['dead2', 'dead1'],
          lastStoppedAt: ago(150).toISOString(),
        },
      ],
      targets: [
        expect.objectContaining({ target: 'i-0aaa', port: 32768, state: 'healthy', taskId: 'old1' }),
        expect.objectContaining({
          target: 'i-0aaa',
          port: 32790,
          state: 'unhealthy',
          reason: 'Target.Timeout',
          taskId: 'new1',
        }),
      ],
      alarms: [
        {
          name: 'shop-test-api-CopilotRollbackCPUAlarm',
          state: 'ALARM',
          reason: 'Threshold Crossed: 2 datapoints [91.2, 88.0] were >= 80.0',
          updatedAt: ago(120).toISOString(),
          source: 'stack',
        },
        {
          name: 'team-p99-latency',
          state: 'OK',
          reason: undefined,
          updatedAt: ago(7200).toISOString(),
          source: 'rollback',
        },
      ],
      events: Array.from({ length: 10 }, (_, i) => ({ at: ago(10 * (i + 1)).toISOString(), message: `event ${i}` })),
    });
    // What was asked: the service by ARN in its cluster, both task lists, alarms by name in one call.
    expect(ecs.commandCalls(DescribeServicesCommand)[0].args[0].input).toEqual({
      cluster: CLUSTER,
      services: [SERVICE_ARN],
    });
    expect(ecs.commandCalls(ListTasksCommand).map((c) => c.args[0].input)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          cluster: CLUSTER,
          serviceName: 'shop-test-api-Service-9Z',
          desiredStatus: 'RUNNING',
        }),
        expect.objectContaining({
          cluster: CLUSTER,
          serviceName: 'shop-test-api-Service-9Z',
          desiredStatus: 'STOPPED',
        }),
      ]),
    );
    expect(cw.commandCalls(DescribeAlarmsCommand)[0].args[0].input.AlarmNames).toEqual([
      'shop-test-api-CopilotRollbackCPUAlarm',
      'team-p99-latency',
    ]);
    // --json prints the model: these keys, in this order, with times as ISO strings.
    const json = JSON.parse(JSON.stringify(status)) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual([
      'kind',
      'app',
      'env',
      'name',
      'type',
      'stack',
      'cluster',
      'serviceName',
      'serviceArn',
      'status',
      'desired',
      'running',
      'pending',
      'capacityProviders',
      'taskDefinition',
      'rollout',
      'deployments',
      'tasks',
      'stoppedTasks',
      'targets',
      'alarms',
      'events',
    ]);
    expect(json.tasks).toEqual(status.kind === 'ecs' ? status.tasks.map((t) => JSON.parse(JSON.stringify(t))) : []);
  });

  it('describes tasks in batches of 100', async () => {
    givenEcsService();
    const many = Array.from({ length: 150 }, (_, i) => TASK + `t${i}`);
    ecs.on(ListTasksCommand, { desiredStatus: 'RUNNING' }).resolves({ taskArns: many });
    ecs.on(ListTasksCommand, { desiredStatus: 'STOPPED' }).resolves({ taskArns: [] });
    const collect = await statusCollector(mockedSources(), { app: 'shop', env: 'test', name: 'api', kind: 'service' });
    await collect();
    expect(ecs.commandCalls(DescribeTasksCommand).map((c) => c.args[0].input.tasks!.length)).toEqual([100, 50]);
  });

  it('finds the cluster in the environment stack when the service ARN has the old format', async () => {
    givenEcsService();
    givenStack('shop-test', { Outputs: [{ OutputKey: 'ClusterId', OutputValue: 'shop-test-Cluster-OLD' }] });
    cfn.on(ListStackResourcesCommand, { StackName: 'shop-test-api' }).resolves({
      StackResourceSummaries: [
        resource('Service', 'AWS::ECS::Service', 'arn:aws:ecs:us-west-2:123456789012:service/api'),
      ],
    });
    const collect = await statusCollector(mockedSources(), { app: 'shop', env: 'test', name: 'api', kind: 'service' });
    expect(await collect()).toMatchObject({ cluster: 'shop-test-Cluster-OLD' });
  });
});

describe('status of an App Runner service', () => {
  it('reports its status, URL and latest operation', async () => {
    const arn = 'arn:aws:apprunner:us-west-2:123456789012:service/shop-test-front/abc';
    givenStack('shop-test-front', {
      Outputs: [
        { OutputKey: 'ServiceArn', OutputValue: arn },
        { OutputKey: 'ServiceURL', OutputValue: 'https://abc.us-west-2.awsapprunner.com' },
      ],
    });
    cfn.on(ListStackResourcesCommand).resolves({
      StackResourceSummaries: [resource('Service', 'AWS::AppRunner::Service', arn)],
    });
    apprunner.on(DescribeServiceCommand, { ServiceArn: arn }).resolves({
      Service: {
        ServiceArn: arn,
        ServiceName: 'shop-test-front',
        ServiceId: 'abc',
        ServiceUrl: 'abc.us-west-2.awsapprunner.com',
        Status: 'OPERATION_IN_PROGRESS',
        CreatedAt: ago(86_400),
        UpdatedAt: ago(45),
      } as never,
    });
    apprunner.on(ListOperationsCommand).resolves({
      OperationSummaryList: [{ Type: 'UPDATE_SERVICE', Status: 'IN_PROGRESS', StartedAt: ago(45) }],
    });
    const collect = await statusCollector(mockedSources(), {
      app: 'shop',
      env: 'test',
      name: 'front',
      kind: 'service',
    });
    expect(await collect()).toEqual({
      kind: 'apprunner',
      app: 'shop',
      env: 'test',
      name: 'front',
      type: 'Request-Driven Web Service',
      stack: expect.objectContaining({ name: 'shop-test-front' }),
      serviceArn: arn,
      status: 'OPERATION_IN_PROGRESS',
      url: 'https://abc.us-west-2.awsapprunner.com',
      updatedAt: ago(45).toISOString(),
      latestOperation: {
        type: 'UPDATE_SERVICE',
        status: 'IN_PROGRESS',
        startedAt: ago(45).toISOString(),
        endedAt: undefined,
      },
    });
    expect(apprunner.commandCalls(ListOperationsCommand)[0].args[0].input).toEqual({ ServiceArn: arn, MaxResults: 1 });
  });
});

describe('status of a Scheduled Job', () => {
  const machine = 'arn:aws:states:us-west-2:123456789012:stateMachine:shop-test-report';
  // Copilot's template: short-form tags and the schedule passed as a parameter.
  const copilotTemplate = [
    'Parameters:',
    '  Schedule: { Type: String }',
    'Resources:',
    '  StateMachine:',
    '    Type: AWS::StepFunctions::StateMachine',
    '    Properties:',
    "      StateMachineName: !Sub '${AppName}-${EnvName}-${WorkloadName}'",
    '  Rule:',
    '    Type: AWS::Events::Rule',
    '    Properties:',
    '      ScheduleExpression: !Ref Schedule',
    '      Targets:',
    '        - Arn: !Ref StateMachine',
    '          RoleArn: !GetAtt RuleRole.Arn',
    '',
  ].join('\n');

  function givenJob(templateBody: string, parameters: Record<string, string> = {}) {
    givenStack('shop-test-report', {
      Parameters: Object.entries(parameters).map(([ParameterKey, ParameterValue]) => ({
        ParameterKey,
        ParameterValue,
      })),
    });
    cfn.on(ListStackResourcesCommand).resolves({
      StackResourceSummaries: [
        resource('TaskDefinition', 'AWS::ECS::TaskDefinition', TD + '1'),
        resource('StateMachine', 'AWS::StepFunctions::StateMachine', machine),
        resource('Rule', 'AWS::Events::Rule', 'shop-test-report-Rule-1'),
      ],
    });
    cfn.on(GetTemplateCommand).resolves({ TemplateBody: templateBody });
  }

  it('reads the schedule through the stack parameter, computes the next run and lists executions', async () => {
    givenJob(copilotTemplate, { Schedule: 'cron(0 9 ? * MON-FRI *)' });
    sfn.on(ListExecutionsCommand).resolves({
      executions: [
        { executionArn: 'e3', stateMachineArn: machine, name: 'run-3', status: 'RUNNING', startDate: ago(30) },
        {
          executionArn: 'e2',
          stateMachineArn: machine,
          name: 'run-2',
          status: 'FAILED',
          startDate: ago(86_400),
          stopDate: ago(86_400 - 95),
        },
        {
          executionArn: 'e1',
          stateMachineArn: machine,
          name: 'run-1',
          status: 'SUCCEEDED',
          startDate: ago(2 * 86_400),
          stopDate: ago(2 * 86_400 - 60),
        },
      ],
    });
    const collect = await statusCollector(mockedSources(), { app: 'shop', env: 'test', name: 'report', kind: 'job' });
    expect(await collect()).toEqual({
      kind: 'job',
      app: 'shop',
      env: 'test',
      name: 'report',
      type: 'Scheduled Job',
      stack: expect.objectContaining({ name: 'shop-test-report' }),
      stateMachineArn: machine,
      // NOW is Saturday 2026-11-28 12:00 UTC: the next weekday 09:00 is Monday.
      schedule: { expression: 'cron(0 9 ? * MON-FRI *)', enabled: true, nextRun: '2026-11-30T09:00:00.000Z' },
      lastOutcome: 'FAILED',
      executions: [
        {
          name: 'run-3',
          status: 'RUNNING',
          startedAt: ago(30).toISOString(),
          stoppedAt: undefined,
          durationSeconds: undefined,
        },
        {
          name: 'run-2',
          status: 'FAILED',
          startedAt: ago(86_400).toISOString(),
          stoppedAt: ago(86_305).toISOString(),
          durationSeconds: 95,
        },
        expect.objectContaining({ name: 'run-1', status: 'SUCCEEDED', durationSeconds: 60 }),
      ],
    });
    expect(sfn.commandCalls(ListExecutionsCommand)[0].args[0].input).toEqual({
      stateMachineArn: machine,
      maxResults: 10,
    });
  });

  it('a disabled rule (schedule: none) has no next run', async () => {
    givenJob(
      JSON.stringify({
        Resources: {
          StateMachine: { Type: 'AWS::StepFunctions::StateMachine', Properties: {} },
          Rule: { Type: 'AWS::Events::Rule', Properties: { ScheduleExpression: 'rate(1 day)', State: 'DISABLED' } },
        },
      }),
    );
    sfn.on(ListExecutionsCommand).resolves({ executions: [] });
    const collect = await statusCollector(mockedSources(), { app: 'shop', env: 'test', name: 'report', kind: 'job' });
    expect(await collect()).toMatchObject({
      schedule: { expression: 'rate(1 day)', enabled: false, nextRun: undefined },
      lastOutcome: undefined,
      executions: [],
    });
  });
});

describe('what does not exist', () => {
  it('a workload the application does not have: lists the ones of that kind', async () => {
    await expect(
      statusCollector(mockedSources(), { app: 'shop', env: 'test', name: 'apii', kind: 'service' }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'application "shop" has no service "apii"',
      hint: 'Services of shop: api, worker, front.',
    });
    await expect(
      statusCollector(mockedSources(), { app: 'shop', env: 'test', name: 'nightly', kind: 'job' }),
    ).rejects.toMatchObject({ hint: 'Jobs of shop: report.' });
  });

  it('a workload not deployed in the environment: where it is deployed and what is deployed there', async () => {
    givenStack('shop-prod-api');
    givenStack('shop-test-worker');
    await expect(
      statusCollector(mockedSources(), { app: 'shop', env: 'test', name: 'api', kind: 'service' }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'service "api" is not deployed in environment "test" of "shop"',
      hint: 'api is deployed in: prod. Deployed in test: worker.',
    });
  });

  it('an environment or application that does not exist is the store error', async () => {
    await expect(
      statusCollector(mockedSources(), { app: 'shop', env: 'staging', name: 'api', kind: 'service' }),
    ).rejects.toMatchObject({ message: 'environment "staging" of application "shop" has not been deployed' });
    await expect(
      statusCollector(mockedSources(), { app: 'shoe', env: 'test', name: 'api', kind: 'service' }),
    ).rejects.toMatchObject({ message: 'application "shoe" does not exist' });
  });

  it('an ECS service deleted behind the stack says so', async () => {
    givenEcsService();
    ecs.on(DescribeServicesCommand).resolves({ services: [{ serviceArn: SERVICE_ARN, status: 'INACTIVE' }] });
    const collect = await statusCollector(mockedSources(), { app: 'shop', env: 'test', name: 'api', kind: 'service' });
    await expect(collect()).rejects.toMatchObject({ message: 'the ECS service of api in test no longer exists' });
  });
});

it('NOW is a Saturday (the job test depends on it)', () => {
  expect(NOW.getUTCDay()).toBe(6);
});
