// Rollout summaries from ECS deployments.
import type { Deployment } from '@aws-sdk/client-ecs';
import { revisionOf, summarizeDeployment, summarizeRollout } from '../../../src/status/rollout';
import { ago } from './fixtures';

const TD = 'arn:aws:ecs:us-west-2:123456789012:task-definition/shop-test-api:';

const deployment = (status: string, revision: number, extra: Partial<Deployment> = {}) =>
  summarizeDeployment({
    id: `ecs-svc/${revision}`,
    status,
    taskDefinition: TD + revision,
    desiredCount: 3,
    runningCount: 3,
    pendingCount: 0,
    failedTasks: 0,
    createdAt: ago(600 - revision),
    updatedAt: ago(60),
    ...extra,
  });

describe('summarizeRollout', () => {
  it('a finished rollout names the revision and the counts', () => {
    expect(summarizeRollout([deployment('PRIMARY', 7, { rolloutState: 'COMPLETED' })])).toEqual({
      state: 'COMPLETED',
      revision: 7,
      text: 'revision 7 is deployed: 3/3 running',
    });
  });

  it('a rollout in progress counts pending and failed tasks and the older deployment still running', () => {
    const summary = summarizeRollout([
      deployment('ACTIVE', 7, { runningCount: 2 }),
      deployment('PRIMARY', 8, { rolloutState: 'IN_PROGRESS', runningCount: 1, pendingCount: 2, failedTasks: 1 }),
    ]);
    expect(summary).toEqual({
      state: 'IN_PROGRESS',
      revision: 8,
      text: 'rolling out revision 8: 1/3 running, 2 pending, 1 failed to start; 1 older deployment(s) with 2 task(s) running',
    });
  });

  it('a failed rollout carries the circuit breaker reason', () => {
    const summary = summarizeRollout([
      deployment('PRIMARY', 9, {
        rolloutState: 'FAILED',
        rolloutStateReason: 'ECS deployment circuit breaker: tasks failed to start.',
        runningCount: 0,
        failedTasks: 6,
      }),
      deployment('ACTIVE', 8),
    ]);
    expect(summary).toEqual({
      state: 'FAILED',
      revision: 9,
      text: 'revision 9 failed: ECS deployment circuit breaker: tasks failed to start.; 3 task(s) of the previous deployment still running',
    });
  });

  it('without a rollout state (CODE_DEPLOY, EXTERNAL) judges by the counts', () => {
    expect(summarizeRollout([deployment('PRIMARY', 3)]).state).toBe('COMPLETED');
    expect(summarizeRollout([deployment('PRIMARY', 3, { runningCount: 1 })]).state).toBe('IN_PROGRESS');
    expect(summarizeRollout([])).toEqual({ state: 'IN_PROGRESS', text: 'no deployment yet' });
  });

  it('reads revisions from task definition ARNs', () => {
    expect(revisionOf(TD + '12')).toBe(12);
    expect(revisionOf(undefined)).toBeUndefined();
    expect(deployment('PRIMARY', 4)).toMatchObject({ taskDefinition: 'shop-test-api:4', revision: 4 });
  });
});
