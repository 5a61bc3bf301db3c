// How a Scheduled Job runs: an EventBridge rule starts a Step Functions state machine on the schedule, and the
// state machine runs the task (ecs:runTask.sync), retries it `retries` times when it fails and stops it after
// `timeout` (the whole run, retries included), as Copilot did. Step Functions rather than an EventBridge
// ECS target because only it can wait for the task to end, so that the timeout and the retries can exist.
import { durationToMs } from '../../manifest/values';
import type { ScheduledJob } from '../../manifest/schemas';
import { importFromEnv } from '../exports';
import { GetAtt, Join, Ref, Sub, resource } from '../template';
import type { Value } from '../template';
import { awsvpcConfiguration, capacity, placement } from './network';
import { scheduleExpression } from './schedule';
import { TASK_DEFINITION, LOG_GROUP } from './task-definition';
import type { Workload } from './workload';

const STATE_MACHINE = 'StateMachine';
const RUN_TASK = 'Run the task';

const clusterArn = () =>
  Sub('arn:${AWS::Partition}:ecs:${AWS::Region}:${AWS::AccountId}:cluster/${Cluster}', {
    Cluster: importFromEnv('ClusterId'),
  });

/** The RunTask parameters and the substitutions their `${...}` placeholders take. */
function runTask(w: Workload): { parameters: Record<string, unknown>; substitutions: Record<string, Value> } {
  const substitutions: Record<string, Value> = {
    Cluster: importFromEnv('ClusterId'),
    TaskDefinition: Ref(TASK_DEFINITION),
  };
  const parameters: Record<string, unknown> = {
    Cluster: '${Cluster}',
    TaskDefinition: '${TaskDefinition}',
    PropagateTags: 'TASK_DEFINITION',
    'Group.$': '$$.Execution.Name',
  };
  const where = capacity(w);
  if (where.LaunchType) {
    parameters.LaunchType = where.LaunchType;
    parameters.PlatformVersion = 'LATEST';
  } else {
    parameters.CapacityProviderStrategy = where.CapacityProviderStrategy!.map((p, i) => {
      if (typeof p.CapacityProvider === 'string') return p;
      substitutions[`CapacityProvider${i}`] = p.CapacityProvider;
      return { ...p, CapacityProvider: `\${CapacityProvider${i}}` };
    });
  }
  if (w.networkMode === 'awsvpc') {
    const vpc = awsvpcConfiguration(w);
    // A list goes in as one string: the elements joined with '","' inside ["..."].
    substitutions.Subnets = Join('","', vpc.Subnets as Value[]);
    substitutions.AssignPublicIp = vpc.AssignPublicIp;
    const awsvpc: Record<string, unknown> = { Subnets: ['${Subnets}'], AssignPublicIp: '${AssignPublicIp}' };
    if (vpc.SecurityGroups) {
      substitutions.SecurityGroups = Join('","', vpc.SecurityGroups);
      awsvpc.SecurityGroups = ['${SecurityGroups}'];
    }
    parameters.NetworkConfiguration = { AwsvpcConfiguration: awsvpc };
  }
  const p = placement(w);
  if (p.constraints) parameters.PlacementConstraints = p.constraints;
  if (p.strategies) parameters.PlacementStrategy = p.strategies;
  return { parameters, substitutions };
}

/**
 * The definition as `Fn::Sub` text: the partition is substituted by CloudFormation, the other placeholders are
 * kept (`${!Name}` → `${Name}`) for DefinitionSubstitutions.
 */
function definition(w: Workload<ScheduledJob>, parameters: Record<string, unknown>): Value {
  const m = w.manifest;
  const task: Record<string, unknown> = {
    Type: 'Task',
    Resource: 'arn:${AWS::Partition}:states:::ecs:runTask.sync',
    Parameters: parameters,
  };
  if (m.retries) {
    task.Retry = [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 10, MaxAttempts: m.retries, BackoffRate: 1.5 }];
  }
  task.End = true;
  const text = JSON.stringify(
    {
      Version: '1.0',
      Comment: `Run the task of ${w.name}`,
      ...(m.timeout ? { TimeoutSeconds: Math.round(durationToMs(m.timeout) / 1000) } : {}),
      StartAt: RUN_TASK,
      States: { [RUN_TASK]: task },
    },
    null,
    2,
  );
  return Sub(text.replace(/\$\{(?!AWS::)/g, '${!'));
}

export function addSchedule(w: Workload<ScheduledJob>): void {
  const { parameters, substitutions } = runTask(w);
  w.parts.add(
    STATE_MACHINE,
    resource('AWS::StepFunctions::StateMachine', `A state machine that runs ${w.name}, with its retries and timeout`, {
      StateMachineName: Sub('${AppName}-${EnvName}-${WorkloadName}'),
      RoleArn: GetAtt('StateMachineRole', 'Arn'),
      LoggingConfiguration: {
        Destinations: [{ CloudWatchLogsLogGroup: { LogGroupArn: GetAtt(LOG_GROUP, 'Arn') } }],
        IncludeExecutionData: true,
        Level: 'ALL',
      },
      DefinitionString: definition(w, parameters),
      DefinitionSubstitutions: substitutions,
    }),
  );
  const onCluster = { ArnEquals: { 'ecs:cluster': clusterArn() } };
  w.parts.add(
    'StateMachineRole',
    resource('AWS::IAM::Role', `An IAM role for the state machine of ${w.name} to run its task`, {
      AssumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: 'states.amazonaws.com' }, Action: 'sts:AssumeRole' }],
      },
      Policies: [
        {
          PolicyName: 'RunTask',
          PolicyDocument: {
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Action: 'iam:PassRole',
                Resource: [GetAtt('ExecutionRole', 'Arn'), GetAtt('TaskRole', 'Arn')],
              },
              { Effect: 'Allow', Action: 'ecs:RunTask', Resource: Ref(TASK_DEFINITION), Condition: onCluster },
              { Effect: 'Allow', Action: ['ecs:StopTask', 'ecs:DescribeTasks'], Resource: '*', Condition: onCluster },
              {
                // CloudWatch Logs log delivery has no resource-level permissions.
                Effect: 'Allow',
                Action: [
                  'logs:CreateLogDelivery',
                  'logs:GetLogDelivery',
                  'logs:UpdateLogDelivery',
                  'logs:DeleteLogDelivery',
                  'logs:ListLogDeliveries',
                  'logs:PutResourcePolicy',
                  'logs:DescribeResourcePolicies',
                  'logs:DescribeLogGroups',
                ],
                Resource: '*',
              },
              {
                // The managed rule through which runTask.sync learns that the task stopped.
                Effect: 'Allow',
                Action: ['events:PutTargets', 'events:PutRule', 'events:DescribeRule'],
                Resource: Sub(
                  'arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:rule/StepFunctionsGetEventsForECSTaskRule',
                ),
              },
            ],
          },
        },
      ],
    }),
  );

  const expression = scheduleExpression(w.manifest.on.schedule);
  w.parts.add(
    'Rule',
    resource(
      'AWS::Events::Rule',
      expression
        ? `An EventBridge rule that starts ${w.name} on ${expression}`
        : `A disabled EventBridge rule for ${w.name} (schedule: none)`,
      {
        // `none` keeps a disabled rule (EventBridge needs some expression), so that the job can be run by hand.
        ScheduleExpression: expression ?? 'rate(1 day)',
        State: expression ? 'ENABLED' : 'DISABLED',
        Targets: [{ Arn: Ref(STATE_MACHINE), Id: 'statemachine', RoleArn: GetAtt('RuleRole', 'Arn') }],
      },
    ),
  );
  w.parts.add(
    'RuleRole',
    resource('AWS::IAM::Role', `An IAM role for EventBridge to start the state machine of ${w.name}`, {
      AssumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: 'sts:AssumeRole' }],
      },
      Policies: [
        {
          PolicyName: 'StartStateMachine',
          PolicyDocument: {
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Action: 'states:StartExecution', Resource: Ref(STATE_MACHINE) }],
          },
        },
      ],
    }),
  );
}
