// What the stack builders take. Builders are pure: these plain inputs in, a RenderedStack out, no I/O.
// Everything that must be read from AWS or the workspace first (listener-rule priorities in use, which
// workloads need a load balancer or NAT) is resolved by the caller and passed here, so no template needs a
// Lambda-backed custom resource to find it out.
import type {
  BackendService,
  EnvironmentManifest,
  LoadBalancedWebService,
  RequestDrivenWebService,
  ScheduledJob,
  StaticSite,
  WorkerService,
} from '../manifest/schemas';
import type { PathSegment } from '../manifest/node';
import { MycopilotError } from '../errors';

/** What an environment's workloads need from it; drives the environment stack's parameters. */
export interface EnvironmentNeeds {
  /** Workloads behind the public ALB (Load Balanced Web Services with http). */
  albWorkloads: string[];
  /** Workloads behind the internal ALB (Backend Services with http). */
  internalAlbWorkloads: string[];
  /** Workloads that mount a managed EFS file system (`efs: true` / uid-gid form). */
  efsWorkloads: string[];
  /** Workloads placed in private subnets that need outbound internet access through NAT gateways. */
  natWorkloads: string[];
}

export const NO_NEEDS: EnvironmentNeeds = {
  albWorkloads: [],
  internalAlbWorkloads: [],
  efsWorkloads: [],
  natWorkloads: [],
};

export interface EnvironmentStackInput {
  app: string;
  env: string;
  /** The environment's validated manifest (a default `{name, type: Environment}` when the workspace has none). */
  manifest: EnvironmentManifest;
  needs: EnvironmentNeeds;
}

/** Image of a container built from a Dockerfile: pushed to the workload's ECR repository. */
export interface BuiltImage {
  /** Tag to deploy (git short SHA, `--tag`, or `latest`). */
  tag: string;
  /** `sha256:...` when the image was pushed in this deploy; the template then references it by digest. */
  digest?: string;
}

export interface WorkloadStackInput<M> {
  app: string;
  env: string;
  name: string;
  /** The workload's validated manifest, with the environment's overrides applied. */
  manifest: M;
  /** The target environment's manifest, for what it provides (certificates → HTTPS, capacity.ec2, imported VPC). */
  environment: EnvironmentManifest;
  /** Images built for this workload, by container name (the main container has the workload's name). */
  images: Record<string, BuiltImage>;
  /**
   * ALB listener-rule priorities for this workload's rules, in the order its rules are rendered
   * (main `http` rule first, then `additional_rules`). The deploy picks free ones from the live listener;
   * `package` picks deterministic ones from the workspace order.
   */
  rulePriorities: number[];
}

export type LoadBalancedWebServiceInput = WorkloadStackInput<LoadBalancedWebService>;
export type BackendServiceInput = WorkloadStackInput<BackendService>;
export type WorkerServiceInput = WorkloadStackInput<WorkerService>;
export type ScheduledJobInput = WorkloadStackInput<ScheduledJob>;
export type RequestDrivenWebServiceInput = WorkloadStackInput<RequestDrivenWebService>;
export type StaticSiteInput = WorkloadStackInput<StaticSite>;

/**
 * A manifest that validates but cannot be rendered for the chosen environment (placement on Fargate, an EFS volume
 * with no file system, an alias without a domain, ...). `path` is the manifest field; the caller turns it into
 * file:line:column.
 */
export class RenderError extends MycopilotError {
  readonly path: PathSegment[];
  constructor(path: PathSegment[], message: string, hint?: string) {
    super('RENDER', message, { hint });
    this.name = 'RenderError';
    this.path = path;
  }
}
