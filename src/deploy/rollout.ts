// While CloudFormation updates an ECS service, report its rollout: tasks desired, running, pending and
// failed, and the deployment circuit breaker's verdict. One DescribeServices call per poll, only while the
// Service resource is in progress, and a line only when something changed.
import type { StackEventRecord } from '../aws/cloudformation';
import { DeploySession } from './session';
import { DeployReporter } from './stack-deploy';

export interface RolloutDeployment {
  status?: string;
  desiredCount?: number;
  runningCount?: number;
  pendingCount?: number;
  failedTasks?: number;
  rolloutState?: string;
  rolloutStateReason?: string;
}

/** One line for the newest (PRIMARY) deployment of a service. */
export function rolloutLine(d: RolloutDeployment): string {
  return `  ECS rollout: ${rolloutSummary(d)}`;
}

/** The counts and the circuit breaker's verdict: `1/2 running, 1 pending, 0 failed — IN_PROGRESS`. */
export function rolloutSummary(d: RolloutDeployment): string {
  const counts = `${d.runningCount ?? 0}/${d.desiredCount ?? 0} running, ${d.pendingCount ?? 0} pending, ${d.failedTasks ?? 0} failed`;
  const state = d.rolloutState ? ` — ${d.rolloutState}${d.rolloutStateReason ? `: ${d.rolloutStateReason}` : ''}` : '';
  return `${counts}${state}`;
}

/** A reporter that shows a service's rollout itself (the TTY progress tree) instead of as an info line. */
export interface RolloutReporter {
  rollout(logicalId: string, deployment: RolloutDeployment): void;
}

function showsRollouts(reporter: DeployReporter): reporter is DeployReporter & RolloutReporter {
  return typeof (reporter as Partial<RolloutReporter>).rollout === 'function';
}

/** `cluster/service` from a service ARN (`arn:aws:ecs:<region>:<account>:service/<cluster>/<service>`). */
export function serviceOfArn(arn: string): { cluster: string; service: string } | undefined {
  const m = arn.match(/:service\/([^/]+)\/(.+)$/);
  return m ? { cluster: m[1], service: m[2] } : undefined;
}

export function rolloutWatcher(
  session: DeploySession,
): (events: StackEventRecord[], reporter: DeployReporter) => Promise<void> {
  let last = '';
  return async (events, reporter) => {
    const service = [...events].reverse().find((e) => e.logicalId === 'Service' && e.type === 'AWS::ECS::Service');
    if (!service || !service.status.endsWith('_IN_PROGRESS') || !service.physicalId) return;
    const target = serviceOfArn(service.physicalId);
    if (!target) return;
    const ecs = await session.clients.ecs();
    const { DescribeServicesCommand } = await import('@aws-sdk/client-ecs');
    const out = await ecs.send(new DescribeServicesCommand({ cluster: target.cluster, services: [target.service] }));
    const primary = out.services?.[0]?.deployments?.find((d) => d.status === 'PRIMARY');
    if (!primary) return;
    const line = rolloutLine(primary);
    if (line !== last) {
      if (showsRollouts(reporter)) reporter.rollout(service.logicalId, primary);
      else reporter.info(line);
    }
    last = line;
  };
}
