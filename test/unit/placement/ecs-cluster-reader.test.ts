// The SDK reader behind `placement preview --cluster`, on a mocked ECS client: every page of the list calls,
// Describe calls in batches of 100, SDK dates turned into the CLI's strings, and failures named by what was read.
import {
  DescribeContainerInstancesCommand,
  DescribeTasksCommand,
  ECSClient,
  ListContainerInstancesCommand,
  ListTasksCommand,
} from '@aws-sdk/client-ecs';
import { mockClient } from 'aws-sdk-client-mock';
import { SdkEcsClusterReader } from '../../../src/aws/ecs-cluster-reader';
import { MycopilotError } from '../../../src/errors';
import { LiveClusterSource, previewPlacement } from '../../../src/placement';

const ecsMock = mockClient(ECSClient);
const ecs = new ECSClient({ region: 'us-east-1' });
const ARN = (i: number) => `arn:aws:ecs:us-east-1:111122223333:container-instance/prod/${String(i).padStart(4, '0')}`;
const TASK = (i: number) => `arn:aws:ecs:us-east-1:111122223333:task/prod/${String(i).padStart(4, '0')}`;

function instance(arn: string, i: number) {
  return {
    containerInstanceArn: arn,
    ec2InstanceId: `i-${i}`,
    status: 'ACTIVE',
    agentConnected: true,
    runningTasksCount: 1,
    registeredAt: new Date('2024-03-04T09:15:27.918Z'),
    attributes: [{ name: 'ecs.availability-zone', value: i % 2 ? 'us-east-1b' : 'us-east-1a' }],
    remainingResources: [
      { name: 'CPU', type: 'INTEGER', integerValue: 1024 },
      { name: 'MEMORY', type: 'INTEGER', integerValue: 2048 },
    ],
  };
}

/** Pages of `size` ARNs, linked by nextToken = the index of the next page. */
function paged(all: string[], size: number, token: string | undefined) {
  const start = token === undefined ? 0 : Number(token);
  const next = start + size < all.length ? String(start + size) : undefined;
  return { page: all.slice(start, start + size), nextToken: next };
}

beforeEach(() => ecsMock.reset());

describe('SdkEcsClusterReader', () => {
  const instanceArns = Array.from({ length: 250 }, (_, i) => ARN(i));
  const taskArns = Array.from({ length: 130 }, (_, i) => TASK(i));

  beforeEach(() => {
    ecsMock.on(ListContainerInstancesCommand).callsFake((input: { nextToken?: string }) => {
      const { page, nextToken } = paged(instanceArns, 100, input.nextToken);
      return { containerInstanceArns: page, nextToken };
    });
    ecsMock.on(DescribeContainerInstancesCommand).callsFake((input: { containerInstances: string[] }) => ({
      containerInstances: input.containerInstances.map((arn) => instance(arn, instanceArns.indexOf(arn))),
      failures: [],
    }));
    ecsMock.on(ListTasksCommand).callsFake((input: { nextToken?: string }) => {
      const { page, nextToken } = paged(taskArns, 100, input.nextToken);
      return { taskArns: page, nextToken };
    });
    ecsMock.on(DescribeTasksCommand).callsFake((input: { tasks: string[] }) => ({
      tasks: input.tasks.map((arn) => ({
        taskArn: arn,
        containerInstanceArn: instanceArns[taskArns.indexOf(arn)],
        group: 'service:web',
        lastStatus: 'RUNNING',
        desiredStatus: 'RUNNING',
        cpu: '256',
        memory: '512',
        createdAt: new Date('2024-03-05T00:00:00Z'),
      })),
    }));
  });

  it('follows nextToken through every page of both lists, asking for RUNNING tasks', async () => {
    const reader = new SdkEcsClusterReader(ecs);
    expect(await reader.listContainerInstanceArns('prod')).toEqual(instanceArns);
    expect(await reader.listTaskArns('prod')).toEqual(taskArns);
    const listCalls = ecsMock.commandCalls(ListContainerInstancesCommand).map((c) => c.args[0].input);
    expect(listCalls).toEqual([
      { cluster: 'prod', nextToken: undefined, maxResults: 100 },
      { cluster: 'prod', nextToken: '100', maxResults: 100 },
      { cluster: 'prod', nextToken: '200', maxResults: 100 },
    ]);
    const taskCalls = ecsMock.commandCalls(ListTasksCommand).map((c) => c.args[0].input);
    expect(taskCalls.map((i) => [i.desiredStatus, i.nextToken])).toEqual([
      ['RUNNING', undefined],
      ['RUNNING', '100'],
    ]);
  });

  it('splits Describe calls into batches of 100 and answers in the CLI shape (dates as ISO strings)', async () => {
    const reader = new SdkEcsClusterReader(ecs);
    const out = (await reader.describeContainerInstances('prod', instanceArns)) as {
      containerInstances: { registeredAt: unknown }[];
    };
    const sizes = ecsMock
      .commandCalls(DescribeContainerInstancesCommand)
      .map((c) => c.args[0].input.containerInstances!.length);
    expect(sizes).toEqual([100, 100, 50]);
    expect(out.containerInstances).toHaveLength(250);
    expect(out.containerInstances[0].registeredAt).toBe('2024-03-04T09:15:27.918Z');
  });

  it('feeds LiveClusterSource: 250 instances and 130 tasks in 3 + 2 Describe calls, then a preview', async () => {
    const cluster = await new LiveClusterSource(new SdkEcsClusterReader(ecs), 'prod').load();
    expect(cluster.instances).toHaveLength(250);
    expect(cluster.tasks).toHaveLength(130);
    expect(cluster.instances[0].registeredAt).toBe('2024-03-04T09:15:27.918Z');
    expect(ecsMock.commandCalls(DescribeContainerInstancesCommand)).toHaveLength(3);
    expect(ecsMock.commandCalls(DescribeTasksCommand).map((c) => c.args[0].input.tasks!.length)).toEqual([100, 30]);
    const result = previewPlacement(
      cluster,
      {
        family: 'web',
        networkMode: 'bridge',
        cpu: 256,
        memory: 512,
        gpu: 0,
        staticPorts: [],
        dynamicPorts: 1,
        requiresAttributes: [],
        placementConstraints: [],
        requiresCompatibilities: ['EC2'],
        notes: [],
      },
      { api: 'UpdateService', serviceName: 'web', count: 2 },
    );
    // 130 of the 250 instances run a web task: the spread puts the new ones on instances that run none.
    expect(result.placements).toHaveLength(2);
    for (const p of result.placements) expect(Number(p.ec2InstanceId.slice(2))).toBeGreaterThanOrEqual(130);
  });

  it('turns an SDK failure into one line naming what was being read', async () => {
    ecsMock
      .on(ListContainerInstancesCommand)
      .rejects(Object.assign(new Error('Cluster not found.'), { name: 'ClusterNotFoundException' }));
    const e = await new SdkEcsClusterReader(ecs).listContainerInstanceArns('nope').catch((err: unknown) => err);
    expect(e).toBeInstanceOf(MycopilotError);
    expect((e as MycopilotError).message).toBe(
      'list the container instances of cluster nope failed: ClusterNotFoundException: Cluster not found.',
    );
  });

  it('gives the permission hint on AccessDenied from a Describe call', async () => {
    ecsMock
      .on(DescribeTasksCommand)
      .rejects(
        Object.assign(new Error('not authorized to perform: ecs:DescribeTasks'), { name: 'AccessDeniedException' }),
      );
    const e = (await new SdkEcsClusterReader(ecs)
      .describeTasks('prod', [TASK(1)])
      .catch((err: unknown) => err)) as MycopilotError;
    expect(e.message).toBe(
      'describe the tasks of cluster prod failed: AccessDeniedException: not authorized to perform: ecs:DescribeTasks',
    );
    expect(e.hint).toMatch(/lacks a permission/);
  });
});
