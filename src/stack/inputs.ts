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
import type { RenderedStack } from './template';
import { MycopilotError, SourcePosition } from '../errors';
import type { AppDomain } from './app-domain';

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
  /**
   * The application has a domain (`app init --domain`): the environment gets its hosted zone `<env>.<app>.<D>` and
   * an ACM certificate for it and for `publicAliases`, behind the condition that the AppDNSName parameter is set.
   */
  appDomain?: AppDomain;
  /** `http.alias` names of the workloads behind the public load balancer, for the certificate. */
  publicAliases?: string[];
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
  /**
   * Values only AWS knows, read by the deploy for the manifest fields that ask for them (`http.alb`,
   * `network.vpc.placement.subnets.from_tags`). They only fill parameters: the template is the same without them,
   * and `package` (offline) leaves those parameters empty.
   */
  lookups?: DeployLookups;
  /**
   * The application has a domain, so the environment's public load balancer has an HTTPS listener with a certificate
   * for the aliases under it (see EnvironmentStackInput.appDomain). Set by the render when the workload has public
   * aliases and the environment imports no certificate: offline assumed, at deploy read from the application record.
   */
  appDomain?: AppDomain;
}

/** An existing Application Load Balancer of the environment's VPC (`http.alb`), as the deploy found it. */
export interface ImportedAlb {
  arn: string;
  /** `app/<name>/<id>`: the CloudWatch dimension and the autoscaling resource label. */
  fullName: string;
  dnsName: string;
  canonicalHostedZoneId: string;
  /** Its security groups, sorted. */
  securityGroups: string[];
  /** Its HTTP listener on port 80, if any. */
  httpListenerArn?: string;
  /** Its HTTPS listener on port 443, if any (at least one of the two is there). */
  httpsListenerArn?: string;
}

/** What the deploy looked up for a workload; see WorkloadStackInput.lookups. */
export interface DeployLookups {
  importedAlb?: ImportedAlb;
  /** IDs of the environment VPC's subnets that carry the tags of `network.vpc.placement.subnets.from_tags`, sorted. */
  subnetsFromTags?: string[];
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

/**
 * A value rendered as written that does not look like what AWS expects there (`vpc-12345`, `cert-1`, an ARN with a
 * 10-digit account): AWS, not the builder, is the judge of whether it exists, so this is no RenderError. `path` is the
 * manifest field; the caller adds its `position` (file:line:column), as it does for a RenderError.
 */
export interface RenderWarning {
  path: PathSegment[];
  /** The value as written (and as rendered). */
  value: string;
  message: string;
  /** What a well-formed value looks like. */
  hint?: string;
  position?: SourcePosition;
}

/** Collects RenderWarnings while a builder runs; the builder returns them on its RenderedStack. */
export class RenderWarnings {
  readonly list: RenderWarning[] = [];

  add(warning: RenderWarning): void {
    this.list.push(warning);
  }

  /** `stack` with the collected warnings attached (none: the stack unchanged, no `warnings` key). */
  attach(stack: RenderedStack): RenderedStack {
    return this.list.length > 0 ? { ...stack, warnings: [...(stack.warnings ?? []), ...this.list] } : stack;
  }
}
