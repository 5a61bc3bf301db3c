// The App Runner and Route 53 calls behind App Runner custom domains (src/deploy/apprunner-domain.ts) and the
// clean-up of certificate validation records (src/deploy/environment.ts), as two small interfaces with plain inputs
// and outputs that tests replace. SDK modules load on first use.
import type { AwsClients } from './clients';

/** A DNS record to create: a CNAME, or a Route 53 alias (A) record at a zone apex. */
export interface DnsRecord {
  name: string;
  type: 'CNAME' | 'A';
  value: string;
  /** For an alias record: the hosted zone of the target (App Runner's, per Region). */
  aliasZoneId?: string;
  /** Time to live of a record read back from a zone (a deletion must name it); 300 for records written here. */
  ttl?: number;
}

export interface CustomDomainState {
  domainName: string;
  status: string;
  /** The certificate validation CNAMEs; App Runner fills them in a little after the association. */
  validationRecords: DnsRecord[];
}

/** The App Runner calls this needs. */
export interface CustomDomainApi {
  describe(serviceArn: string): Promise<{ dnsTarget: string; domains: CustomDomainState[] }>;
  associate(serviceArn: string, domainName: string): Promise<{ dnsTarget: string; domain: CustomDomainState }>;
  disassociate(serviceArn: string, domainName: string): Promise<void>;
}

/** The Route 53 calls this needs. */
export interface DnsApi {
  /** The ID of the public hosted zone named exactly `name`, if the account has one. */
  findZone(name: string): Promise<string | undefined>;
  upsert(zoneId: string, records: DnsRecord[]): Promise<void>;
  /** Deletes records as written by `upsert`; false when a record was not there (or no longer matched). */
  remove(zoneId: string, record: DnsRecord): Promise<boolean>;
  /** The CNAME records of ACM's DNS validation in a zone (values under `acm-validations.aws`). */
  validationRecords(zoneId: string): Promise<DnsRecord[]>;
}

/** The domain of the values of ACM's DNS validation records. */
const ACM_VALIDATION = /\.acm-validations\.aws\.?$/i;

const RECORD_TTL = 300;

/** A domain name lower-cased without its final dot; undefined when empty. */
export function normalizeDomain(domain: string | undefined): string | undefined {
  const d = domain?.trim().toLowerCase().replace(/\.$/, '');
  return d ? d : undefined;
}

/** App Runner through the SDK. */
export async function sdkCustomDomainApi(clients: Pick<AwsClients, 'appRunner'>): Promise<CustomDomainApi> {
  const [client, sdk] = await Promise.all([clients.appRunner(), import('@aws-sdk/client-apprunner')]);
  type SdkDomain = import('@aws-sdk/client-apprunner').CustomDomain;
  const state = (d: SdkDomain): CustomDomainState => ({
    domainName: normalizeDomain(d.DomainName) ?? '',
    status: d.Status ?? 'UNKNOWN',
    validationRecords: (d.CertificateValidationRecords ?? [])
      .filter((r) => r.Name && r.Value)
      .map((r) => ({ name: r.Name!, type: 'CNAME' as const, value: r.Value! })),
  });
  return {
    async describe(serviceArn) {
      const domains: CustomDomainState[] = [];
      let dnsTarget = '';
      let token: string | undefined;
      do {
        const out = await client.send(
          new sdk.DescribeCustomDomainsCommand({ ServiceArn: serviceArn, NextToken: token, MaxResults: 5 }),
        );
        dnsTarget = out.DNSTarget ?? dnsTarget;
        domains.push(...(out.CustomDomains ?? []).map(state));
        token = out.NextToken;
      } while (token);
      return { dnsTarget, domains };
    },
    async associate(serviceArn, domainName) {
      const out = await client.send(
        new sdk.AssociateCustomDomainCommand({
          ServiceArn: serviceArn,
          DomainName: domainName,
          EnableWWWSubdomain: false,
        }),
      );
      return {
        dnsTarget: out.DNSTarget ?? '',
        domain: out.CustomDomain ? state(out.CustomDomain) : { domainName, status: 'CREATING', validationRecords: [] },
      };
    },
    async disassociate(serviceArn, domainName) {
      await client.send(new sdk.DisassociateCustomDomainCommand({ ServiceArn: serviceArn, DomainName: domainName }));
    },
  };
}

/** Route 53 through the SDK. */
export async function route53DnsApi(clients: Pick<AwsClients, 'route53'>): Promise<DnsApi> {
  const sdk = await import('@aws-sdk/client-route-53');
  const client = await clients.route53();
  const recordSet = (r: DnsRecord): import('@aws-sdk/client-route-53').ResourceRecordSet =>
    r.aliasZoneId
      ? {
          Name: r.name,
          Type: 'A',
          AliasTarget: { DNSName: r.value, HostedZoneId: r.aliasZoneId, EvaluateTargetHealth: false },
        }
      : { Name: r.name, Type: r.type, TTL: r.ttl ?? RECORD_TTL, ResourceRecords: [{ Value: r.value }] };
  return {
    async findZone(name) {
      const out = await client.send(new sdk.ListHostedZonesByNameCommand({ DNSName: name, MaxItems: 1 }));
      const zone = out.HostedZones?.[0];
      if (!zone || zone.Name?.replace(/\.$/, '').toLowerCase() !== name || zone.Config?.PrivateZone) return undefined;
      return zone.Id?.replace(/^\/hostedzone\//, '');
    },
    async upsert(zoneId, records) {
      await client.send(
        new sdk.ChangeResourceRecordSetsCommand({
          HostedZoneId: zoneId,
          ChangeBatch: {
            Comment: 'App Runner custom domain (mycopilot)',
            Changes: records.map((r) => ({ Action: 'UPSERT', ResourceRecordSet: recordSet(r) })),
          },
        }),
      );
    },
    async remove(zoneId, record) {
      try {
        await client.send(
          new sdk.ChangeResourceRecordSetsCommand({
            HostedZoneId: zoneId,
            ChangeBatch: { Changes: [{ Action: 'DELETE', ResourceRecordSet: recordSet(record) }] },
          }),
        );
        return true;
      } catch (err) {
        if ((err as { name?: string }).name === 'InvalidChangeBatch') return false; // not there, or changed since
        throw err;
      }
    },
    async validationRecords(zoneId) {
      const found: DnsRecord[] = [];
      let start: { StartRecordName?: string; StartRecordType?: import('@aws-sdk/client-route-53').RRType } = {};
      for (;;) {
        const out = await client.send(new sdk.ListResourceRecordSetsCommand({ HostedZoneId: zoneId, ...start }));
        for (const r of out.ResourceRecordSets ?? []) {
          const value = r.ResourceRecords?.[0]?.Value ?? '';
          if (r.Type === 'CNAME' && r.Name && ACM_VALIDATION.test(value)) {
            found.push({ name: r.Name, type: 'CNAME', value, ttl: r.TTL });
          }
        }
        if (!out.IsTruncated || !out.NextRecordName) return found;
        start = { StartRecordName: out.NextRecordName, StartRecordType: out.NextRecordType };
      }
    },
  };
}
