// The environment stack's parameters and the conditions they drive. Which workloads need a load balancer, EFS or
// NAT is a parameter, not template text, so adding a workload changes parameter values and leaves the template alone.
import type { EnvironmentStackInput } from '../inputs';
import { Equals, Not, Ref } from '../template';
import type { StackParts } from './parts';

export const PARAM = {
  app: 'AppName',
  env: 'EnvironmentName',
  albWorkloads: 'ALBWorkloads',
  internalAlbWorkloads: 'InternalALBWorkloads',
  efsWorkloads: 'EFSWorkloads',
  natWorkloads: 'NATWorkloads',
  /** Domain names CloudFront answers for besides the static-assets alias (only with `cdn.certificate`). */
  cdnAliases: 'Aliases',
  /** ID of the region's CloudFront origin-facing managed prefix list (only when ingress is limited to the CDN). */
  cloudFrontPrefixList: 'CloudFrontOriginPrefixListId',
  /** AMI of the EC2 container instances, resolved from a public SSM parameter (only with capacity.ec2). */
  instanceAmi: 'InstanceAMI',
} as const;

export const CONDITION = {
  alb: 'CreateALB',
  internalAlb: 'CreateInternalALB',
  efs: 'CreateEFS',
  nat: 'CreateNATGateways',
  cdnAliases: 'HasCDNAliases',
} as const;

/** Workload names as a parameter value: sorted and without repeats, so the caller's order changes nothing. */
export function workloadList(names: string[]): string {
  return [...new Set(names)].sort().join(',');
}

export function addBaseParameters(parts: StackParts, input: EnvironmentStackInput): void {
  const list = (description: string) => ({ Type: 'String' as const, Description: description, Default: '' });
  parts.parameter(PARAM.app, { Type: 'String', Description: 'Name of the application.' }, input.app);
  parts.parameter(PARAM.env, { Type: 'String', Description: 'Name of the environment.' }, input.env);
  const { needs } = input;
  parts.parameter(
    PARAM.albWorkloads,
    list('Comma-separated workloads behind the public load balancer; empty: no public load balancer.'),
    workloadList(needs.albWorkloads),
  );
  parts.parameter(
    PARAM.internalAlbWorkloads,
    list('Comma-separated workloads behind the internal load balancer; empty: no internal load balancer.'),
    workloadList(needs.internalAlbWorkloads),
  );
  parts.parameter(
    PARAM.efsWorkloads,
    list('Comma-separated workloads using the managed EFS file system; empty: no file system.'),
    workloadList(needs.efsWorkloads),
  );
  parts.parameter(
    PARAM.natWorkloads,
    list('Comma-separated workloads in private subnets that reach the internet; empty: no NAT gateways.'),
    workloadList(needs.natWorkloads),
  );
}

/** `<parameter> is not empty`, the test behind every optional part. */
export function notEmpty(parameter: string) {
  return Not(Equals(Ref(parameter), ''));
}
