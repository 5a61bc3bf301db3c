// ECS deployments → the rollout summary `status` leads with: which revision is rolling out, how far it got,
// and whether the circuit breaker gave up on it.
import type { Deployment } from '@aws-sdk/client-ecs';
import type { DeploymentSummary, RolloutSummary } from './model';
import { iso } from './time';

/** The revision number at the end of a task definition ARN (`.../family:12` → 12). */
export function revisionOf(taskDefinitionArn: string | undefined): number | undefined {
  const m = taskDefinitionArn?.match(/:(\d+)$/);
  return m ? Number(m[1]) : undefined;
}

/** `family:revision` of a task definition ARN. */
export function taskDefinitionName(arn: string | undefined): string {
  if (!arn) return '';
  return arn.includes('task-definition/')
    ? arn.slice(arn.indexOf('task-definition/') + 'task-definition/'.length)
    : arn;
}

export function summarizeDeployment(d: Deployment): DeploymentSummary {
  return {
    id: d.id ?? '',
    status: d.status ?? 'UNKNOWN',
    taskDefinition: taskDefinitionName(d.taskDefinition),
    revision: revisionOf(d.taskDefinition),
    desired: d.desiredCount ?? 0,
    running: d.runningCount ?? 0,
    pending: d.pendingCount ?? 0,
    failed: d.failedTasks ?? 0,
    rolloutState: d.rolloutState,
    rolloutStateReason: d.rolloutStateReason,
    createdAt: iso(d.createdAt),
    updatedAt: iso(d.updatedAt),
  };
}

/** PRIMARY first, then the older (ACTIVE) ones, newest first. */
export function orderDeployments(deployments: DeploymentSummary[]): DeploymentSummary[] {
  const rank = (d: DeploymentSummary) => (d.status === 'PRIMARY' ? 0 : 1);
  return [...deployments].sort((a, b) => rank(a) - rank(b) || (b.createdAt ?? '').localeCompare(a.createdAt ?? ''));
}

const counts = (d: DeploymentSummary) =>
  [
    `${d.running}/${d.desired} running`,
    d.pending > 0 ? `${d.pending} pending` : '',
    d.failed > 0 ? `${d.failed} failed to start` : '',
  ]
    .filter(Boolean)
    .join(', ');

/**
 * The rollout in one line. Services without a rollout state (CODE_DEPLOY, EXTERNAL, or very old ones) are judged
 * by their counts: one deployment with every task running is a finished rollout.
 */
export function summarizeRollout(deployments: DeploymentSummary[]): RolloutSummary {
  const ordered = orderDeployments(deployments);
  const primary = ordered.find((d) => d.status === 'PRIMARY') ?? ordered[0];
  if (!primary) return { state: 'IN_PROGRESS', text: 'no deployment yet' };
  const rev = primary.revision !== undefined ? `revision ${primary.revision}` : primary.taskDefinition || primary.id;
  const older = ordered.filter((d) => d !== primary);
  const draining = older.reduce((n, d) => n + d.running, 0);
  if (primary.rolloutState === 'FAILED') {
    const reason = primary.rolloutStateReason ? `: ${primary.rolloutStateReason}` : '';
    const rolledBack = older.length > 0 ? `; ${draining} task(s) of the previous deployment still running` : '';
    return { state: 'FAILED', revision: primary.revision, text: `${rev} failed${reason}${rolledBack}` };
  }
  const done =
    primary.rolloutState === 'COMPLETED' ||
    (primary.rolloutState === undefined && older.length === 0 && primary.running >= primary.desired);
  if (done && older.length === 0) {
    return { state: 'COMPLETED', revision: primary.revision, text: `${rev} is deployed: ${counts(primary)}` };
  }
  const rest = older.length > 0 ? `; ${older.length} older deployment(s) with ${draining} task(s) running` : '';
  return { state: 'IN_PROGRESS', revision: primary.revision, text: `rolling out ${rev}: ${counts(primary)}${rest}` };
}
