// Parameters of workload templates whose values only AWS knows. The deploy fills them from a lookup
// (src/deploy/lookups.ts); `package`, offline, leaves them empty. Only names here, so that `package` can list them
// without loading a builder.

/** An existing Application Load Balancer (`http.alb`): its listeners, security groups, DNS name and zone. */
export const IMPORTED_ALB_PARAMETERS = {
  httpListener: 'ImportedALBHTTPListenerArn',
  httpsListener: 'ImportedALBHTTPSListenerArn',
  securityGroups: 'ImportedALBSecurityGroups',
  dnsName: 'ImportedALBDNSName',
  hostedZone: 'ImportedALBCanonicalHostedZoneID',
  fullName: 'ImportedALBFullName',
} as const;

/** The environment VPC's subnets that carry the tags of `network.vpc.placement.subnets.from_tags`. */
export const SUBNETS_FROM_TAGS_PARAMETER = 'SubnetsFromTags';

/** The environment's: the application's domain, zone and the domain's zone (`app init --domain`). */
export const APP_DOMAIN_PARAMETERS = ['AppDNSName', 'AppDNSZoneID', 'DomainHostedZoneID'] as const;

const FIELDS: { field: string; names: string[] }[] = [
  { field: 'http.alb', names: Object.values(IMPORTED_ALB_PARAMETERS) },
  // HostedZoneID: the zone the CloudFront certificate is validated in. (Not a workload's AppDomainName: empty, it
  // renders a service without a default name, which is what most applications have.)
  { field: "the application's domain, from its record", names: [...APP_DOMAIN_PARAMETERS, 'HostedZoneID'] },
  { field: 'the CloudFront certificate env deploy issues in us-east-1', names: ['CDNCertificateArn'] },
  { field: 'network.vpc.placement.subnets.from_tags', names: [SUBNETS_FROM_TAGS_PARAMETER] },
];

/** The looked-up parameters a template declares, by the manifest field that asks for them. */
export function lookedUpParameters(
  declared: Record<string, unknown> | undefined,
): { field: string; names: string[] }[] {
  return FIELDS.map(({ field, names }) => ({ field, names: names.filter((n) => declared?.[n] !== undefined) })).filter(
    (f) => f.names.length > 0,
  );
}

/** The line `package` prints about them (none when the template has none); `file` is the parameters file written. */
export function lookedUpNote(declared: Record<string, unknown> | undefined, file?: string): string | undefined {
  const found = lookedUpParameters(declared);
  if (found.length === 0) return undefined;
  const list = found.map(({ field, names }) => `${names.join(', ')} (${field})`).join('; ');
  return `Parameters looked up at deploy, left empty${file ? ` in ${file}` : ''}: ${list}.`;
}

/**
 * The line `package` prints when it assumed the application has a domain (`app init --domain`): a workload's aliases
 * have records in the application's zones, and the environment's HTTPS listener has its certificate.
 */
export function assumedDomainNote(template: { Resources: Record<string, { Type: string }> }): string | undefined {
  const records = Object.entries(template.Resources).filter(
    ([id, r]) => r.Type === 'AWS::Route53::RecordSet' && /^(NLB)?AliasRecord/.test(id),
  );
  if (records.length === 0) return undefined;
  return "Assumed the application has a domain (app init --domain) covering the aliases: their HTTPS certificate and hosted zones are the environment's.";
}
