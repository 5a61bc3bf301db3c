// Previewing a rendered workload: its task definition and its service's placement against a cluster snapshot.
// `placement preview --name` and the deploy-time check (checkWorkloadPlacement) share it.
import { ClusterSnapshot, PlacementRequest, PlacementStrategySpec, PlacementConstraintSpec } from './model';
import { previewPlacement } from './engine/run';
import { PlacementRegistry } from './registry';
import { PlacementResult } from './result';
import { InstanceSource } from './sources/instance-source';
import {
  deployedServiceName,
  hasTaskDefinition,
  placementTargetFromStack,
  RenderedWorkloadStack,
  WorkloadPlacementTarget,
} from './sources/rendered-workload';

/** What the command line may change about a workload's own request. */
export interface WorkloadRequestOverrides {
  count?: number;
  serviceName?: string;
  group?: string;
  /** Replace the manifest's strategies / constraints when given (even empty lists are "given"). */
  strategies?: PlacementStrategySpec[];
  constraints?: PlacementConstraintSpec[];
  subnetAzs?: string[];
}

/** The request ECS would see when the workload deploys onto this cluster, and notes on what was assumed. */
export function workloadRequest(
  target: WorkloadPlacementTarget,
  cluster: ClusterSnapshot,
  overrides: WorkloadRequestOverrides = {},
): { request: PlacementRequest; notes: string[] } {
  const notes: string[] = [];
  const placementStrategy = overrides.strategies ?? target.strategies;
  const placementConstraints = overrides.constraints ?? target.constraints;
  const common = { placementStrategy, placementConstraints, subnetAzs: overrides.subnetAzs };
  const count = overrides.count ?? target.desiredCount ?? 1;
  if (overrides.count === undefined && target.desiredCount === undefined) {
    notes.push(`The desired count of ${target.label} is not known offline: 1 task previewed (set --count).`);
  }
  if (!target.isService) {
    return { request: { api: 'RunTask', count, group: overrides.group, ...common }, notes };
  }
  if (overrides.group) return { request: { api: 'CreateService', count, group: overrides.group, ...common }, notes };
  let serviceName = overrides.serviceName ?? deployedServiceName(target, cluster.tasks);
  const deployed = serviceName !== undefined && cluster.tasks.some((t) => t.group === `service:${serviceName}`);
  if (serviceName === undefined) {
    serviceName = `${target.stackName}-Service`;
    notes.push(
      cluster.tasksKnown
        ? `No running task belongs to a service named ${serviceName}-…: previewed as a new service (pass --service with the deployed name to count its tasks).`
        : `CloudFormation names the service ${serviceName}-<suffix>; without running tasks (--tasks or --cluster) its existing tasks are not counted.`,
    );
  }
  if (deployed) {
    notes.push(
      `The service's running tasks keep their resources while the ${count} new task(s) are placed, as during a rolling deployment (maximum percent 200).`,
    );
  }
  return {
    request: { api: deployed ? 'UpdateService' : 'CreateService', count, serviceName, ...common },
    notes,
  };
}

/** The result with notes added after the engine's own (what the caller had to assume). */
export function withNotes(result: PlacementResult, notes: string[]): PlacementResult {
  if (notes.length === 0) return result;
  const all = [...result.notes, ...notes.filter((n) => !result.notes.includes(n))];
  return new PlacementResult(result.summary, result.placements, result.failures, result.byAz, result.byInstance, all);
}

/** The last line of a preview: the verdict a script or a reader looks for first. */
export function placementVerdict(result: PlacementResult): string {
  const total = result.summary.count;
  if (result.failures.length === 0) return total === 0 ? 'Nothing to place (count 0).' : `All ${total} task(s) placed.`;
  const reasons = [...new Set(result.failures.map((f) => f.reason))].join(', ');
  return `✘ ${result.failures.length} of ${total} task(s) could not be placed (${reasons}).`;
}

export interface PlacementCheck {
  result: PlacementResult;
  placedAll: boolean;
  /** The rendered preview is left to the caller (renderPlacement); this is its verdict line. */
  verdict: string;
}

/**
 * Deploy-time check: would ECS place every task of this rendered workload on the cluster as it is now?
 * Undefined when the workload has no EC2 tasks (Fargate, App Runner, S3): there is nothing to check.
 */
export async function checkWorkloadPlacement(
  stack: RenderedWorkloadStack,
  workload: string,
  cluster: InstanceSource,
  options: { seed?: number; registry?: PlacementRegistry } = {},
): Promise<PlacementCheck | undefined> {
  if (!hasTaskDefinition(stack)) return undefined;
  const target = placementTargetFromStack(stack, workload);
  if (!target.runsOnEc2) return undefined;
  const snapshot = await cluster.load();
  const { request, notes } = workloadRequest(target, snapshot);
  const result = withNotes(
    previewPlacement(snapshot, target.taskDefinition, request, { seed: options.seed, registry: options.registry }),
    notes,
  );
  return { result, placedAll: result.failures.length === 0, verdict: placementVerdict(result) };
}
