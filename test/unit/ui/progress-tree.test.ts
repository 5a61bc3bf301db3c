// The deploy progress tree: events, descriptions, change set and rollouts to lines, without a terminal.
import { StackEventRecord } from '../../../src/aws/cloudformation';
import { renderProgressTree, visibleWidth } from '../../../src/ui/progress-tree';

const STACK = 'shop-test-api';
let clock = 0;
const ev = (logicalId: string, status: string, type = 'AWS::IAM::Role', reason?: string): StackEventRecord => ({
  id: `${logicalId}-${status}-${clock}`,
  timestamp: new Date(1_700_000_000_000 + 1000 * clock++),
  logicalId,
  type,
  status,
  reason,
});
const stackEv = (status: string) => ev(STACK, status, 'AWS::CloudFormation::Stack');
const descriptions = {
  TaskRole: 'An IAM role for the task',
  Service: 'An ECS service to run and maintain your tasks',
  TargetGroup: 'A target group for the load balancer',
};

beforeEach(() => {
  clock = 0;
});

describe('renderProgressTree', () => {
  it('puts the stack at the root and each resource beneath it with its description and status', () => {
    const events = [
      stackEv('UPDATE_IN_PROGRESS'),
      ev('TaskRole', 'UPDATE_IN_PROGRESS'),
      ev('TaskRole', 'UPDATE_COMPLETE'),
      ev('Service', 'UPDATE_IN_PROGRESS', 'AWS::ECS::Service'),
    ];
    const lines = renderProgressTree({
      stackName: STACK,
      events,
      descriptions,
      changes: [
        { action: 'Modify', logicalId: 'TaskRole', type: 'AWS::IAM::Role' },
        { action: 'Modify', logicalId: 'Service', type: 'AWS::ECS::Service' },
        { action: 'Add', logicalId: 'TargetGroup', type: 'AWS::ElasticLoadBalancingV2::TargetGroup' },
      ],
      rollouts: {
        Service: { desiredCount: 2, runningCount: 1, pendingCount: 1, failedTasks: 0, rolloutState: 'IN_PROGRESS' },
      },
    });
    expect(lines).toEqual([
      '… shop-test-api  UPDATE_IN_PROGRESS  1/3 · 3s',
      '├─ ✔ An IAM role for the task (TaskRole)  UPDATE_COMPLETE',
      '├─ … An ECS service to run and maintain your tasks (Service)  UPDATE_IN_PROGRESS',
      '│  └─ rollout: 1/2 running, 1 pending, 0 failed — IN_PROGRESS',
      '└─ · A target group for the load balancer (TargetGroup)  not started',
    ]);
  });

  it('shows a failure with its reason, and the first failure under the tree', () => {
    const events = [
      stackEv('CREATE_IN_PROGRESS'),
      ev('TaskRole', 'CREATE_IN_PROGRESS'),
      ev('TargetGroup', 'CREATE_FAILED', 'AWS::ElasticLoadBalancingV2::TargetGroup', 'Invalid health check path'),
      ev('TaskRole', 'CREATE_FAILED', 'AWS::IAM::Role', 'Resource creation cancelled'),
      stackEv('ROLLBACK_IN_PROGRESS'),
      ev('TaskRole', 'DELETE_COMPLETE'),
      stackEv('ROLLBACK_COMPLETE'),
    ];
    expect(renderProgressTree({ stackName: STACK, events, descriptions })).toEqual([
      '↺ shop-test-api  ROLLBACK_COMPLETE  1/2 · 6s',
      '├─ ✔ An IAM role for the task (TaskRole)  DELETE_COMPLETE',
      '└─ ✘ A target group for the load balancer (TargetGroup)  CREATE_FAILED — Invalid health check path',
      '✘ first failure: A target group for the load balancer (TargetGroup): Invalid health check path',
    ]);
  });

  it("shows the circuit breaker's verdict under the service", () => {
    const events = [stackEv('UPDATE_IN_PROGRESS'), ev('Service', 'UPDATE_IN_PROGRESS', 'AWS::ECS::Service')];
    const lines = renderProgressTree({
      stackName: STACK,
      events,
      descriptions,
      rollouts: {
        Service: {
          desiredCount: 2,
          runningCount: 0,
          pendingCount: 0,
          failedTasks: 3,
          rolloutState: 'FAILED',
          rolloutStateReason: 'ECS deployment circuit breaker: tasks failed to start.',
        },
      },
    });
    expect(lines.at(-1)).toBe(
      '   └─ rollout: 0/2 running, 0 pending, 3 failed — FAILED: ECS deployment circuit breaker: tasks failed to start.',
    );
  });

  it('folds the changes that never started once the stack is done', () => {
    const changes = ['TaskRole', 'Service', 'TargetGroup'].map((logicalId) => ({
      action: 'Add',
      logicalId,
      type: 'AWS::X',
    }));
    const done = [stackEv('CREATE_IN_PROGRESS'), ev('TaskRole', 'CREATE_COMPLETE'), stackEv('CREATE_COMPLETE')];
    expect(renderProgressTree({ stackName: STACK, events: done, descriptions, changes })).toEqual([
      '✔ shop-test-api  CREATE_COMPLETE  1/3 · 2s',
      '├─ ✔ An IAM role for the task (TaskRole)  CREATE_COMPLETE',
      '└─ · 2 more in the change set, with no events reported',
    ]);
    const failed = [stackEv('CREATE_IN_PROGRESS'), ev('TaskRole', 'CREATE_FAILED', 'AWS::IAM::Role', 'denied')];
    failed.push(stackEv('ROLLBACK_COMPLETE'));
    expect(renderProgressTree({ stackName: STACK, events: failed, descriptions, changes })[2]).toBe(
      '└─ · 2 more in the change set, not started',
    );
  });

  it('marks nested stacks', () => {
    const events = [
      stackEv('CREATE_IN_PROGRESS'),
      ev('AddonsStack', 'CREATE_IN_PROGRESS', 'AWS::CloudFormation::Stack'),
    ];
    expect(renderProgressTree({ stackName: STACK, events, descriptions: {} })[1]).toBe(
      '└─ … AddonsStack (AWS::CloudFormation::Stack) nested stack  CREATE_IN_PROGRESS',
    );
  });

  it('fits lines in the width, shortening the label before the status', () => {
    const events = [stackEv('UPDATE_IN_PROGRESS'), ev('Service', 'UPDATE_IN_PROGRESS', 'AWS::ECS::Service')];
    const lines = renderProgressTree({ stackName: STACK, events, descriptions }, { width: 40 });
    expect(lines[1]).toBe('└─ … An ECS service…  UPDATE_IN_PROGRESS'); // the label gives way, the status stays
    expect(lines.every((l) => visibleWidth(l) <= 40)).toBe(true);
    const narrow = renderProgressTree({ stackName: STACK, events, descriptions }, { width: 30 });
    expect(narrow[1]).toBe('└─ … An ECS service to run an…');
  });

  it('folds what matters least into one line when taller than allowed, keeping failures and work in progress', () => {
    const events = [stackEv('UPDATE_IN_PROGRESS')];
    for (let i = 1; i <= 8; i++) events.push(ev(`Done${i}`, 'UPDATE_COMPLETE'));
    events.push(ev('Busy', 'UPDATE_IN_PROGRESS'));
    events.push(ev('Broken', 'UPDATE_FAILED', 'AWS::IAM::Role', 'Access denied'));
    const lines = renderProgressTree({ stackName: STACK, events, descriptions: {} }, { maxLines: 6 });
    expect(lines).toEqual([
      '… shop-test-api  UPDATE_IN_PROGRESS  8/10 · 10s',
      '├─ ✔ Done8 (AWS::IAM::Role)  UPDATE_COMPLETE',
      '├─ … Busy (AWS::IAM::Role)  UPDATE_IN_PROGRESS',
      '├─ ✘ Broken (AWS::IAM::Role)  UPDATE_FAILED — Access denied',
      '└─ … 7 more: 7 done',
      '✘ first failure: Broken (AWS::IAM::Role): Access denied',
    ]);
  });

  it('colors statuses unless told not to', () => {
    const events = [stackEv('UPDATE_IN_PROGRESS'), ev('TaskRole', 'UPDATE_COMPLETE')];
    const colored = renderProgressTree({ stackName: STACK, events, descriptions }, { color: true });
    expect(colored[1]).toContain('\u001b[32mUPDATE_COMPLETE\u001b[0m');
    expect(visibleWidth(colored[1])).toBe(
      visibleWidth(renderProgressTree({ stackName: STACK, events, descriptions })[1]),
    );
    expect(renderProgressTree({ stackName: STACK, events, descriptions }).join('')).not.toContain('\u001b');
  });
});
