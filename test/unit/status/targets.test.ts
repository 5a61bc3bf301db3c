// Load balancer targets matched to tasks: awsvpc by IP, bridge by EC2 instance and host port.
import type { TaskSummary } from '../../../src/status/model';
import { matchTargets, targetGroupName } from '../../../src/status/targets';

const task = (id: string, extra: Partial<TaskSummary>): TaskSummary => ({
  id,
  arn: `arn:aws:ecs:us-west-2:1:task/c/${id}`,
  lastStatus: 'RUNNING',
  desiredStatus: 'RUNNING',
  health: 'UNKNOWN',
  ports: [],
  targets: [],
  ...extra,
});

const TG = 'arn:aws:elasticloadbalancing:us-west-2:1:targetgroup/shop-test-api-ABC/0123456789abcdef';
const TG2 = 'arn:aws:elasticloadbalancing:us-west-2:1:targetgroup/shop-test-api-admin/fedcba9876543210';

describe('matchTargets', () => {
  it('matches awsvpc tasks by their ENI address, and keeps targets no task is (a stopped task draining)', () => {
    const tasks = [task('t1', { privateIp: '10.0.1.12' }), task('t2', { privateIp: '10.0.2.7' })];
    const entries = matchTargets(
      [
        {
          arn: TG,
          targets: [
            {
              Target: { Id: '10.0.2.7', Port: 8080, AvailabilityZone: 'us-west-2b' },
              TargetHealth: { State: 'healthy' },
            },
            {
              Target: { Id: '10.0.1.12', Port: 8080 },
              TargetHealth: {
                State: 'unhealthy',
                Reason: 'Target.ResponseCodeMismatch',
                Description: 'Health checks failed with these codes: [502]',
              },
            },
            {
              Target: { Id: '10.0.3.3', Port: 8080 },
              TargetHealth: { State: 'draining', Reason: 'Target.DeregistrationInProgress' },
            },
          ],
        },
      ],
      tasks,
    );
    expect(entries).toEqual([
      {
        targetGroup: 'shop-test-api-ABC',
        targetGroupArn: TG,
        target: '10.0.2.7',
        port: 8080,
        availabilityZone: 'us-west-2b',
        state: 'healthy',
        reason: undefined,
        description: undefined,
        taskId: 't2',
      },
      expect.objectContaining({
        target: '10.0.1.12',
        state: 'unhealthy',
        reason: 'Target.ResponseCodeMismatch',
        taskId: 't1',
      }),
      expect.objectContaining({ target: '10.0.3.3', state: 'draining', taskId: undefined }),
    ]);
    expect(tasks[0].targets).toEqual([{ targetGroup: 'shop-test-api-ABC', state: 'unhealthy' }]);
    expect(tasks[1].targets).toEqual([{ targetGroup: 'shop-test-api-ABC', state: 'healthy' }]);
  });

  it('tells bridge tasks on one instance apart by their host port', () => {
    const tasks = [
      task('b1', { ec2InstanceId: 'i-0aaa', ports: [{ container: 'api', containerPort: 80, hostPort: 32768 }] }),
      task('b2', { ec2InstanceId: 'i-0aaa', ports: [{ container: 'api', containerPort: 80, hostPort: 32771 }] }),
      task('b3', { ec2InstanceId: 'i-0bbb', ports: [{ container: 'api', containerPort: 80, hostPort: 32768 }] }),
    ];
    const entries = matchTargets(
      [
        {
          arn: TG,
          targets: [
            { Target: { Id: 'i-0aaa', Port: 32771 }, TargetHealth: { State: 'healthy' } },
            {
              Target: { Id: 'i-0bbb', Port: 32768 },
              TargetHealth: { State: 'initial', Reason: 'Elb.RegistrationInProgress' },
            },
            { Target: { Id: 'i-0aaa', Port: 32768 }, TargetHealth: { State: 'healthy' } },
            { Target: { Id: 'i-0aaa', Port: 40000 }, TargetHealth: { State: 'unused' } },
          ],
        },
        { arn: TG2, targets: [{ Target: { Id: 'i-0aaa', Port: 32768 }, TargetHealth: { State: 'unhealthy' } }] },
      ],
      tasks,
    );
    expect(entries.map((e) => [e.targetGroup, e.target, e.port, e.taskId, e.state])).toEqual([
      ['shop-test-api-ABC', 'i-0aaa', 32771, 'b2', 'healthy'],
      ['shop-test-api-ABC', 'i-0bbb', 32768, 'b3', 'initial'],
      ['shop-test-api-ABC', 'i-0aaa', 32768, 'b1', 'healthy'],
      ['shop-test-api-ABC', 'i-0aaa', 40000, undefined, 'unused'],
      ['shop-test-api-admin', 'i-0aaa', 32768, 'b1', 'unhealthy'],
    ]);
    expect(tasks[0].targets).toEqual([
      { targetGroup: 'shop-test-api-ABC', state: 'healthy' },
      { targetGroup: 'shop-test-api-admin', state: 'unhealthy' },
    ]);
  });

  it('names a target group by the name in its ARN', () => {
    expect(targetGroupName(TG)).toBe('shop-test-api-ABC');
    expect(targetGroupName('not-an-arn')).toBe('not-an-arn');
  });
});
