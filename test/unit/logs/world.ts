// A mocked AWS account for the locate/select tests: SSM records, stacks, log groups and streams, ECS tasks,
// Step Functions executions, all behind aws-sdk-client-mock.
import {
  CloudFormationClient,
  DescribeStackResourceCommand,
  DescribeStacksCommand,
} from '@aws-sdk/client-cloudformation';
import {
  CloudWatchLogsClient,
  DescribeLogGroupsCommand,
  DescribeLogStreamsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { ECSClient } from '@aws-sdk/client-ecs';
import { SFNClient } from '@aws-sdk/client-sfn';
import { GetParameterCommand, GetParametersByPathCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { StackApi } from '../../../src/aws/cloudformation';
import { CloudWatchLogSource } from '../../../src/logs/cloudwatch-source';
import { AwsTaskLookup } from '../../../src/logs/tasks';
import { Store } from '../../../src/store/store';

export const ssm = mockClient(SSMClient);
export const cfn = mockClient(CloudFormationClient);
export const logs = mockClient(CloudWatchLogsClient);
export const ecs = mockClient(ECSClient);
export const sfn = mockClient(SFNClient);

export interface World {
  apps: string[];
  envs: Record<string, string[]>;
  workloads: Record<string, { name: string; type: string }[]>;
  /** Stack name → outputs (and resources by logical ID). */
  stacks: Record<string, { outputs?: Record<string, string>; resources?: Record<string, string> }>;
  groups: string[];
  /** Log group → its streams. */
  streams?: Record<string, { name: string; first?: number; last?: number }[]>;
}

export function setWorld(w: World): void {
  for (const m of [ssm, cfn, logs, ecs, sfn]) m.reset();
  const params = new Map<string, string>();
  for (const app of w.apps) {
    params.set(
      `/copilot/applications/${app}`,
      JSON.stringify({ name: app, account: '1', domain: '', domainHostedZoneID: '', version: '1.0' }),
    );
    for (const env of w.envs[app] ?? [])
      params.set(
        `/copilot/applications/${app}/environments/${env}`,
        JSON.stringify({ app, name: env, region: 'us-west-2' }),
      );
    for (const wl of w.workloads[app] ?? [])
      params.set(`/copilot/applications/${app}/components/${wl.name}`, JSON.stringify({ app, ...wl }));
  }
  ssm.on(GetParameterCommand).callsFake(({ Name }) => {
    const Value = params.get(Name);
    if (Value === undefined) throw Object.assign(new Error('not found'), { name: 'ParameterNotFound' });
    return { Parameter: { Name, Value } };
  });
  ssm.on(GetParametersByPathCommand).callsFake(({ Path, Recursive }) => ({
    Parameters: [...params]
      .filter(([n]) => n.startsWith(`${Path}/`) && (Recursive || !n.slice(Path.length + 1).includes('/')))
      .map(([Name, Value]) => ({ Name, Value })),
  }));
  cfn.on(DescribeStacksCommand).callsFake(({ StackName }) => {
    const s = w.stacks[StackName];
    if (!s) throw Object.assign(new Error(`Stack with id ${StackName} does not exist`), { name: 'ValidationError' });
    return {
      Stacks: [
        {
          StackName,
          StackStatus: 'CREATE_COMPLETE',
          CreationTime: new Date(),
          Outputs: Object.entries(s.outputs ?? {}).map(([OutputKey, OutputValue]) => ({ OutputKey, OutputValue })),
        },
      ],
    };
  });
  cfn.on(DescribeStackResourceCommand).callsFake(({ StackName, LogicalResourceId }) => {
    const id = w.stacks[StackName]?.resources?.[LogicalResourceId];
    if (!id)
      throw Object.assign(new Error(`Resource ${LogicalResourceId} does not exist for stack ${StackName}`), {
        name: 'ValidationError',
      });
    return { StackResourceDetail: { PhysicalResourceId: id } };
  });
  logs.on(DescribeLogGroupsCommand).callsFake(({ logGroupNamePrefix }) => ({
    logGroups: w.groups
      .filter((g) => g.startsWith(logGroupNamePrefix ?? ''))
      .map((g) => ({ logGroupName: g, arn: `arn:aws:logs:us-west-2:1:log-group:${g}:*`, creationTime: 1 })),
  }));
  logs.on(DescribeLogStreamsCommand).callsFake(({ logGroupName, logStreamNamePrefix, orderBy }) => {
    let list = (w.streams?.[logGroupName] ?? []).filter((s) => s.name.startsWith(logStreamNamePrefix ?? ''));
    if (orderBy === 'LastEventTime') list = [...list].sort((a, b) => (b.last ?? 0) - (a.last ?? 0));
    return {
      logStreams: list.map((s) => ({
        logStreamName: s.name,
        firstEventTimestamp: s.first,
        lastEventTimestamp: s.last,
      })),
    };
  });
}

export function context(notes: string[] = []) {
  return {
    store: new Store(new SSMClient({ region: 'us-west-2' })),
    stacks: async () => new StackApi(new CloudFormationClient({ region: 'us-west-2' })),
    source: new CloudWatchLogSource(new CloudWatchLogsClient({ region: 'us-west-2' })),
    tasks: new AwsTaskLookup(
      async () => new ECSClient({ region: 'us-west-2' }),
      async () => new SFNClient({ region: 'us-west-2' }),
    ),
    note: (t: string) => notes.push(t),
  };
}
