// What every workload piece needs to know about the workload being rendered: its names, manifest,
// environment and the facts derived from them once (EC2 or Fargate, network mode, OS), plus the
// render-time checks that depend on the environment (placement on Fargate, EC2 without capacity).
import type { BackendService, LoadBalancedWebService, ScheduledJob, WorkerService } from '../../manifest/schemas';
import type { EnvironmentManifest } from '../../manifest/schemas';
import { isArm, isWindows, runsOnEc2 } from '../../manifest/values';
import { RenderError, WorkloadStackInput } from '../inputs';
import { StackParts } from './parts';

export type EcsManifest = LoadBalancedWebService | BackendService | WorkerService | ScheduledJob;
export type WorkloadType = EcsManifest['type'];
export type NetworkMode = 'awsvpc' | 'bridge' | 'host';

export interface Workload<M extends EcsManifest = EcsManifest> {
  readonly input: WorkloadStackInput<M>;
  readonly app: string;
  readonly env: string;
  readonly name: string;
  readonly type: WorkloadType;
  readonly manifest: M;
  readonly environment: EnvironmentManifest;
  /** Tasks run on the environment's EC2 capacity (launch_type EC2 or an EC2 capacity provider). */
  readonly ec2: boolean;
  readonly networkMode: NetworkMode;
  readonly windows: boolean;
  readonly arm: boolean;
  readonly parts: StackParts;
}

/** Derives the facts of a workload and refuses what its environment cannot run. */
export function workloadOf<M extends EcsManifest>(input: WorkloadStackInput<M>): Workload<M> {
  const m = input.manifest;
  const ec2 = runsOnEc2(m as unknown as Record<string, unknown>);
  const w: Workload<M> = {
    input,
    app: input.app,
    env: input.env,
    name: input.name,
    type: m.type,
    manifest: m,
    environment: input.environment,
    ec2,
    networkMode: m.network?.mode ?? 'awsvpc',
    windows: isWindows(m.platform),
    arm: isArm(m.platform),
    parts: new StackParts(),
  };
  checkCapacity(w);
  const described = (what: string) => ({ Type: 'String' as const, Description: what });
  w.parts.param('AppName', described('Name of the application.'), w.app);
  w.parts.param('EnvName', described('Name of the environment.'), w.env);
  w.parts.param('WorkloadName', described('Name of the workload.'), w.name);
  return w;
}

/**
 * The schema already refuses placement on Fargate; this guards callers that skip validation. EC2 capacity is an
 * environment setting, so only the render (which sees the environment manifest) can tell it is missing.
 */
function checkCapacity(w: Workload): void {
  const m = w.manifest;
  if (m.placement !== undefined && !w.ec2) {
    throw new RenderError(
      ['placement'],
      'placement strategies and constraints need EC2 capacity; Fargate places tasks itself',
      'set `launch_type: EC2` (or an EC2 entry in `capacity_providers`), or remove `placement`',
    );
  }
  if (w.ec2 && !w.environment.capacity?.ec2) {
    const index = (m.capacity_providers ?? []).findIndex((p) => p.provider === 'EC2');
    const path = m.launch_type === 'EC2' || index < 0 ? ['launch_type'] : ['capacity_providers', index, 'provider'];
    throw new RenderError(
      path,
      `${w.name} runs on EC2, but environment "${w.env}" has no EC2 capacity`,
      'add `capacity.ec2` (instance_types, max) to the environment manifest and deploy the environment first',
    );
  }
}

/** Whether the workload serves traffic through a load balancer, Service Connect or service discovery. */
export function isService(w: Workload): boolean {
  return w.type !== 'Scheduled Job';
}
