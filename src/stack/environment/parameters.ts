// The environment stack's parameters and the conditions they drive. Which workloads need a load balancer, EFS or
// NAT is a parameter, not template text, so adding a workload changes parameter values and leaves the template alone.
// So are the IDs and ARNs of existing resources the manifest imports (VPC, subnets, certificates, buckets): typed
// where CloudFormation has a type for them, so that it checks at deploy that they exist, and two environments that
// differ only in those IDs have the same template.
// So are the CIDR blocks and named Availability Zones of the VPC mycopilot creates (network-plan.ts), the manifest's or
// Copilot's defaults: two environments that differ only in those have the same template too.
import type { PathSegment } from '../../manifest/node';
import { EnvironmentStackInput, RenderError } from '../inputs';
import { Equals, Not, Parameter, Ref, Select, Value } from '../template';
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
  /** ARN of the certificate mycopilot issues in us-east-1 for the static-assets alias (without `cdn.certificate`). */
  cdnCertificate: 'CDNCertificateArn',
  /** ID of the region's CloudFront origin-facing managed prefix list (only when ingress is limited to the CDN). */
  cloudFrontPrefixList: 'CloudFrontOriginPrefixListId',
  /** AMI of the EC2 container instances, resolved from a public SSM parameter (only with capacity.ec2). */
  instanceAmi: 'InstanceAMI',
  // Existing resources the manifest imports (see importedParameter): only in templates of manifests that have them.
  importedVpc: 'ImportedVpcId',
  importedPublicSubnets: 'ImportedPublicSubnetIds',
  importedPrivateSubnets: 'ImportedPrivateSubnetIds',
  importedInternalAlbSubnets: 'ImportedInternalALBSubnetIds',
  importedCdnCertificate: 'ImportedCDNCertificateArn',
  importedStaticAssetsBucket: 'ImportedStaticAssetsBucketDomain',
  importedPublicAlbCertificates: 'ImportedPublicALBCertificateArns',
  importedAccessLogsBucket: 'ImportedAccessLogsBucketName',
  importedInternalAlbCertificates: 'ImportedInternalALBCertificateArns',
  // The VPC mycopilot creates (see createdNetwork in network-plan.ts): only when it creates one.
  /** The VPC's IPv4 CIDR block: `network.vpc.cidr`, or Copilot's default 10.0.0.0/16. */
  vpcCidr: 'VPCCIDR',
  /** The public subnets' blocks: `network.vpc.subnets.public[].cidr`, or carved out of the VPC block. */
  publicSubnetCidrs: 'PublicSubnetCIDRs',
  /** The private subnets' blocks: `network.vpc.subnets.private[].cidr`, or carved out of the VPC block. */
  privateSubnetCidrs: 'PrivateSubnetCIDRs',
  /** The Availability Zones the manifest names for public subnets (only when it names some). */
  publicSubnetAzs: 'PublicSubnetAZs',
  /** The Availability Zones the manifest names for private subnets (only when it names some). */
  privateSubnetAzs: 'PrivateSubnetAZs',
  // The application's domain (only when the application has one; empty offline, filled by the deploy).
  /** `<app>.<domain>`, the application's zone name. */
  appDnsName: 'AppDNSName',
  /** ID of the application's hosted zone `<app>.<domain>` (an output of `<app>-infrastructure`). */
  appDnsZone: 'AppDNSZoneID',
  /** ID of the hosted zone of the domain itself (the application record's domainHostedZoneID). */
  domainZone: 'DomainHostedZoneID',
} as const;

export const CONDITION = {
  alb: 'CreateALB',
  internalAlb: 'CreateInternalALB',
  efs: 'CreateEFS',
  nat: 'CreateNATGateways',
  cdnAliases: 'HasCDNAliases',
  /** The certificate mycopilot issues for the static-assets alias exists (CDNCertificateArn is set). */
  cdnCertificate: 'HasCDNCertificate',
  /** The static-assets alias's DNS records: the distribution, the application's domain and the certificate exist. */
  cdnAliasRecords: 'CreateStaticAssetsAliasRecords',
  /** The application has a domain: the environment's hosted zone and certificate. */
  delegateDns: 'DelegateDNS',
  /** The public load balancer's HTTPS listener with the environment's certificate. */
  appCertificate: 'CreateHTTPSListenerWithAppCertificate',
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

/** What CloudFormation checks of a parameter's value at deploy, besides its type (of each item of a list). */
export type ParameterConstraint = Pick<Parameter, 'AllowedPattern' | 'ConstraintDescription'>;

/**
 * An existing resource named by the manifest field `field` (or another value the manifest gives, such as a CIDR
 * block), as a parameter whose value is the manifest's: the `Ref` to use in its place.
 */
export function importedParameter(
  parts: StackParts,
  name: string,
  type: Parameter['Type'],
  field: string,
  what: string,
  value: string,
  constraint: ParameterConstraint = {},
): Value {
  parts.parameter(
    name,
    { Type: type, Description: `${what} (${field} in the environment manifest).`, ...constraint },
    value,
  );
  return Ref(name);
}

/**
 * Existing resources listed in a manifest field, as one list parameter (`List<...>` or CommaDelimitedList) whose value
 * is the manifest's list joined by commas: the `Ref` of the whole list, and an `Fn::Select` of each item.
 */
export function importedListParameter(
  parts: StackParts,
  name: string,
  type: Parameter['Type'],
  field: string,
  what: string,
  values: { value: string; path: PathSegment[] }[],
  constraint: ParameterConstraint = {},
): { list: Value; items: Value[] } {
  // A list parameter's value is split on commas: a comma in a value would make two values of it.
  for (const { value, path } of values) {
    if (value.includes(',')) throw new RenderError(path, `"${value}" cannot contain a comma`);
  }
  const list = importedParameter(parts, name, type, field, what, values.map((v) => v.value).join(','), constraint);
  return { list, items: values.map((_, i) => Select(i, list)) };
}
