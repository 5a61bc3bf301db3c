// The ECS rollout lines a service deploy prints while CloudFormation updates the service.
import { DescribeServicesCommand, DescribeServicesCommandOutput, ECSClient } from '@aws-sdk/client-ecs';
import { mockClient } from 'aws-sdk-client-mock';
import { AwsClients } from '../../../src/aws/clients';
import { StackEventRecord } from '../../../src/aws/cloudformation';
import { rolloutLine, rolloutWatcher, serviceOfArn } from '../../../src/deploy/rollout';
import { DeploySession } from '../../../src/deploy/session';

const ecs = mockClient(ECSClient);
const ARN = 'arn:aws:ecs:us-west-2:123456789012:service/shop-test-Cluster-1/shop-test-api-Service-9';
const event = (status: string, physicalId = ARN): StackEventRecord => ({
  id: status,
  timestamp: new Date(),
  logicalId: 'Service',
  physicalId,
  type: 'AWS::ECS::Service',
  status,
});

const primary = (
  running: number,
  pending: number,
  rolloutState: 'IN_PROGRESS' | 'COMPLETED',
): DescribeServicesCommandOutput => ({
  $metadata: {},
  services: [
    {
      deployments: [
        {
          status: 'PRIMARY',
          desiredCount: 2,
          runningCount: running,
          pendingCount: pending,
          failedTasks: 0,
          rolloutState,
        },
      ],
    },
  ],
});

describe('rollout', () => {
  beforeEach(() => ecs.reset());

  it('reads the cluster and service from a service ARN', () => {
    expect(serviceOfArn(ARN)).toEqual({ cluster: 'shop-test-Cluster-1', service: 'shop-test-api-Service-9' });
    expect(serviceOfArn('not-an-arn')).toBeUndefined();
  });

  it('formats counts and the circuit breaker verdict', () => {
    expect(
      rolloutLine({
        desiredCount: 3,
        runningCount: 1,
        pendingCount: 2,
        failedTasks: 1,
        rolloutState: 'FAILED',
        rolloutStateReason: 'ECS deployment circuit breaker: tasks failed to start.',
      }),
    ).toBe(
      '  ECS rollout: 1/3 running, 2 pending, 1 failed — FAILED: ECS deployment circuit breaker: tasks failed to start.',
    );
  });

  it('reports while the service is in progress, once per change, and stays quiet otherwise', async () => {
    ecs
      .on(DescribeServicesCommand)
      .resolvesOnce(primary(0, 2, 'IN_PROGRESS'))
      .resolvesOnce(primary(0, 2, 'IN_PROGRESS'))
      .resolves(primary(2, 0, 'COMPLETED'));
    const lines: string[] = [];
    const session = { clients: new AwsClients({ region: 'us-west-2' }) } as unknown as DeploySession;
    const reporter = { info: (t: string) => lines.push(t), changes: () => undefined, event: () => undefined };
    const watch = rolloutWatcher(session);
    await watch([], reporter);
    await watch([event('UPDATE_IN_PROGRESS')], reporter);
    await watch([event('UPDATE_IN_PROGRESS')], reporter);
    await watch([event('UPDATE_IN_PROGRESS')], reporter);
    await watch([event('UPDATE_IN_PROGRESS'), event('UPDATE_COMPLETE')], reporter);
    expect(lines).toEqual([
      '  ECS rollout: 0/2 running, 2 pending, 0 failed — IN_PROGRESS',
      '  ECS rollout: 2/2 running, 0 pending, 0 failed — COMPLETED',
    ]);
    expect(ecs.commandCalls(DescribeServicesCommand)[0].args[0].input).toEqual({
      cluster: 'shop-test-Cluster-1',
      services: ['shop-test-api-Service-9'],
    });
    expect(ecs.commandCalls(DescribeServicesCommand)).toHaveLength(3);
  });
});
