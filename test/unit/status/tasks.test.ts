// Task rows and stopped tasks grouped by why they stopped.
import type { Task } from '@aws-sdk/client-ecs';
import { groupStoppedTasks, instancesByArn, summarizeTask } from '../../../src/status/tasks';
import { ago } from './fixtures';

const ARN = 'arn:aws:ecs:us-west-2:123456789012:task/shop-test-Cluster/';

const stopped = (id: string, reason: string | undefined, secondsAgo: number, extra: Partial<Task> = {}): Task => ({
  taskArn: ARN + id,
  lastStatus: 'STOPPED',
  desiredStatus: 'STOPPED',
  stoppedReason: reason,
  stoppedAt: ago(secondsAgo),
  ...extra,
});

describe('groupStoppedTasks', () => {
  const health = 'Task failed ELB health checks in (target-group arn:aws:elasticloadbalancing:tg/shop-api/1)';
  const oom = 'Essential container in task exited';

  it('groups by reason, the largest group first, samples the three most recently stopped', () => {
    const groups = groupStoppedTasks([
      stopped('a1', health, 300),
      stopped('a2', health, 60),
      stopped('b1', oom, 30, {
        stopCode: 'EssentialContainerExited',
        containers: [
          { name: 'api', exitCode: 137, reason: 'OutOfMemoryError: Container killed due to memory usage' },
          { name: 'sidecar', exitCode: 0 },
        ],
      }),
      stopped('a3', health, 600),
      stopped('a4', health, 120),
    ]);
    expect(groups).toEqual([
      {
        reason: health,
        count: 4,
        stopCodes: [],
        containerExits: [],
        sampleTaskIds: ['a2', 'a4', 'a1'],
        lastStoppedAt: ago(60).toISOString(),
      },
      {
        reason: oom,
        count: 1,
        stopCodes: ['EssentialContainerExited'],
        containerExits: ['api: exit 137 (OutOfMemoryError: Container killed due to memory usage)'],
        sampleTaskIds: ['b1'],
        lastStoppedAt: ago(30).toISOString(),
      },
    ]);
  });

  it('puts tasks without a reason together, and breaks count ties by the most recent stop', () => {
    const groups = groupStoppedTasks([
      stopped('x', undefined, 100),
      stopped('y', '  ', 90),
      stopped('z', 'Scaling activity initiated by (deployment ecs-svc/1)', 10, {
        stopCode: 'ServiceSchedulerInitiated',
      }),
      stopped('w', 'Scaling activity initiated by (deployment ecs-svc/1)', 20, {
        stopCode: 'ServiceSchedulerInitiated',
      }),
    ]);
    expect(groups.map((g) => [g.reason, g.count, g.stopCodes])).toEqual([
      ['Scaling activity initiated by (deployment ecs-svc/1)', 2, ['ServiceSchedulerInitiated']],
      ['(no reason given)', 2, []],
    ]);
  });

  it('is empty when nothing stopped', () => {
    expect(groupStoppedTasks([])).toEqual([]);
  });
});

describe('summarizeTask', () => {
  it('reads an awsvpc Fargate task: ENI address, revision, health, capacity provider', () => {
    const task: Task = {
      taskArn: ARN + '0123456789abcdef0123456789abcdef',
      taskDefinitionArn: 'arn:aws:ecs:us-west-2:123456789012:task-definition/shop-test-api:7',
      lastStatus: 'RUNNING',
      desiredStatus: 'RUNNING',
      healthStatus: 'HEALTHY',
      startedAt: ago(720),
      capacityProviderName: 'FARGATE_SPOT',
      launchType: 'FARGATE',
      availabilityZone: 'us-west-2b',
      attachments: [
        {
          type: 'ElasticNetworkInterface',
          details: [
            { name: 'subnetId', value: 'subnet-1' },
            { name: 'privateIPv4Address', value: '10.0.1.12' },
          ],
        },
      ],
      containers: [{ name: 'api', networkBindings: [] }],
    };
    expect(summarizeTask(task, new Map())).toEqual({
      id: '0123456789abcdef0123456789abcdef',
      arn: task.taskArn,
      revision: 7,
      lastStatus: 'RUNNING',
      desiredStatus: 'RUNNING',
      health: 'HEALTHY',
      startedAt: ago(720).toISOString(),
      capacityProvider: 'FARGATE_SPOT',
      launchType: 'FARGATE',
      availabilityZone: 'us-west-2b',
      privateIp: '10.0.1.12',
      containerInstance: undefined,
      ec2InstanceId: undefined,
      ports: [],
      targets: [],
    });
  });

  it('reads a bridge EC2 task: its container instance, EC2 instance, AZ and dynamic host ports', () => {
    const ci = 'arn:aws:ecs:us-west-2:123456789012:container-instance/shop-test-Cluster/9f8e7d6c';
    const instances = instancesByArn([
      {
        containerInstanceArn: ci,
        ec2InstanceId: 'i-0abc',
        attributes: [{ name: 'ecs.availability-zone', value: 'us-west-2c' }],
      },
    ]);
    const summary = summarizeTask(
      {
        taskArn: ARN + 'bridge1',
        lastStatus: 'RUNNING',
        launchType: 'EC2',
        containerInstanceArn: ci,
        containers: [{ name: 'api', networkBindings: [{ containerPort: 8080, hostPort: 32768, protocol: 'tcp' }] }],
      },
      instances,
    );
    expect(summary).toMatchObject({
      containerInstance: '9f8e7d6c',
      ec2InstanceId: 'i-0abc',
      availabilityZone: 'us-west-2c',
      privateIp: undefined,
      health: 'UNKNOWN',
      ports: [{ container: 'api', containerPort: 8080, hostPort: 32768 }],
    });
  });
});
