// The two IAM roles of a task. ExecutionRole is what ECS uses to start it (pull images, write logs, read
// secrets and env files), limited to this workload's own resources. TaskRole is the one role the containers
// get; every piece that needs a permission at run time (exec, EFS, SNS, SQS, X-Ray) adds an inline policy.
import { resource } from '../template';
import type { Workload } from './workload';

const ASSUMED_BY_TASKS = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' }],
};

/** Lets `svc exec` open sessions in the containers (ECS Exec), as Copilot's ExecuteCommand policy did. */
export function allowExec(w: Workload): void {
  w.parts.taskPolicies.push({
    PolicyName: 'ExecuteCommand',
    PolicyDocument: {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: [
            'ssmmessages:CreateControlChannel',
            'ssmmessages:OpenControlChannel',
            'ssmmessages:CreateDataChannel',
            'ssmmessages:OpenDataChannel',
          ],
          Resource: '*',
        },
        {
          Effect: 'Allow',
          Action: ['logs:CreateLogStream', 'logs:DescribeLogGroups', 'logs:DescribeLogStreams', 'logs:PutLogEvents'],
          Resource: '*',
        },
      ],
    },
  });
}

/** Permissions of the X-Ray collector sidecar. */
export function allowTracing(w: Workload): void {
  w.parts.taskPolicies.push({
    PolicyName: 'AWSDistroOpenTelemetryPolicy',
    PolicyDocument: {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: [
            'logs:PutLogEvents',
            'logs:CreateLogGroup',
            'logs:CreateLogStream',
            'logs:DescribeLogStreams',
            'logs:DescribeLogGroups',
            'xray:PutTraceSegments',
            'xray:PutTelemetryRecords',
            'xray:GetSamplingRules',
            'xray:GetSamplingTargets',
            'xray:GetSamplingStatisticSummaries',
          ],
          Resource: '*',
        },
      ],
    },
  });
}

/** Adds ExecutionRole and TaskRole with the policies gathered while rendering the rest of the stack. */
export function addRoles(w: Workload): void {
  w.parts.add(
    'ExecutionRole',
    resource('AWS::IAM::Role', `An IAM role for ECS to start the tasks of ${w.name}`, {
      AssumeRolePolicyDocument: ASSUMED_BY_TASKS,
      Policies: w.parts.executionPolicies,
    }),
  );
  w.parts.add(
    'TaskRole',
    resource('AWS::IAM::Role', `An IAM role for the containers of ${w.name}`, {
      AssumeRolePolicyDocument: ASSUMED_BY_TASKS,
      Policies: [
        {
          // Copilot's guard: workload code never manages IAM.
          PolicyName: 'DenyIAM',
          PolicyDocument: {
            Version: '2012-10-17',
            Statement: [{ Effect: 'Deny', Action: 'iam:*', Resource: '*' }],
          },
        },
        ...w.parts.taskPolicies,
      ],
    }),
  );
}
