// `http.alias` of a Request-Driven Web Service: associating the App Runner custom domain after the stack deploys,
// writing (or printing) its DNS records, and disassociating an alias the manifest dropped.
import {
  AppRunnerClient,
  AssociateCustomDomainCommand,
  DescribeCustomDomainsCommand,
  DisassociateCustomDomainCommand,
} from '@aws-sdk/client-apprunner';
import { ChangeResourceRecordSetsCommand, ListHostedZonesByNameCommand, Route53Client } from '@aws-sdk/client-route-53';
import { mockClient } from 'aws-sdk-client-mock';
import { AwsClients } from '../../../src/aws/clients';
import {
  CustomDomainApi,
  CustomDomainState,
  DnsApi,
  DnsRecord,
  releaseCustomDomain,
  syncCustomDomain,
} from '../../../src/deploy/apprunner-domain';
import { route53DnsApi, sdkCustomDomainApi } from '../../../src/aws/custom-domains';
import { DeploySession } from '../../../src/deploy/session';
import { MycopilotError } from '../../../src/errors';
import { ApplicationRecord } from '../../../src/store/records';
import { MemoryOutput } from '../../../src/ui/output';

const ARN = 'arn:aws:apprunner:us-east-1:123456789012:service/shop-test-api/0123456789abcdef';
const TARGET = 'abcd1234.us-east-1.awsapprunner.com';
const VALIDATION: DnsRecord = {
  name: '_1234.api.example.com.',
  type: 'CNAME',
  value: '_5678.xyz.acm-validations.aws.',
};

class FakeDomains implements CustomDomainApi {
  readonly calls: string[] = [];
  /** What each DescribeCustomDomains answers, in turn; the last one repeats. */
  describes: CustomDomainState[][] = [[]];
  associated: CustomDomainState = { domainName: 'api.example.com', status: 'CREATING', validationRecords: [] };
  failAssociate?: Error;

  async describe(serviceArn: string) {
    this.calls.push(`describe ${serviceArn}`);
    const domains = this.describes.length > 1 ? this.describes.shift()! : this.describes[0];
    return { dnsTarget: TARGET, domains };
  }
  async associate(serviceArn: string, domainName: string) {
    this.calls.push(`associate ${domainName}`);
    if (this.failAssociate) throw this.failAssociate;
    return { dnsTarget: TARGET, domain: { ...this.associated, domainName } };
  }
  async disassociate(serviceArn: string, domainName: string) {
    this.calls.push(`disassociate ${domainName}`);
  }
}

class FakeDns implements DnsApi {
  readonly zones: Record<string, string> = {};
  readonly upserts: { zone: string; records: DnsRecord[] }[] = [];
  readonly removed: { zone: string; record: DnsRecord }[] = [];
  readonly lookups: string[] = [];
  async findZone(name: string) {
    this.lookups.push(name);
    return this.zones[name];
  }
  async upsert(zone: string, records: DnsRecord[]) {
    this.upserts.push({ zone, records });
  }
  async remove(zone: string, record: DnsRecord) {
    this.removed.push({ zone, record });
    return true;
  }
  async validationRecords() {
    return [];
  }
}

function session(app: Partial<ApplicationRecord> | undefined): DeploySession & { out: MemoryOutput; slept: number[] } {
  const slept: number[] = [];
  return {
    clients: new AwsClients({ region: 'us-east-1' }),
    out: new MemoryOutput(),
    store: {
      getApplication: async () =>
        app && { name: 'shop', account: '1', domain: '', domainHostedZoneID: '', version: '1.0', ...app },
    },
    clock: { now: () => new Date(0), sleep: async (ms: number) => void slept.push(ms) },
    slept,
  } as unknown as DeploySession & { out: MemoryOutput; slept: number[] };
}

const outputs = (alias?: string) => ({ ServiceArn: ARN, ...(alias ? { CustomDomain: alias } : {}) });

describe('syncCustomDomain', () => {
  it('makes no call when the service has no alias and had none', async () => {
    const domains = new FakeDomains();
    const s = session(undefined);
    expect(
      await syncCustomDomain(s, { app: 'shop', service: 'api', outputs: outputs() }, { domains, dns: new FakeDns() }),
    ).toBeUndefined();
    expect(domains.calls).toEqual([]);
  });

  it('associates a new alias, waits for the validation records and writes them with the alias in the app zone', async () => {
    const domains = new FakeDomains();
    domains.describes = [
      [],
      [{ domainName: 'api.example.com', status: 'CREATING', validationRecords: [] }],
      [
        {
          domainName: 'api.example.com',
          status: 'PENDING_CERTIFICATE_DNS_VALIDATION',
          validationRecords: [VALIDATION],
        },
      ],
    ];
    const dns = new FakeDns();
    const s = session({ domain: 'example.com', domainHostedZoneID: 'Z123' });
    const result = await syncCustomDomain(
      s,
      { app: 'shop', service: 'api', outputs: outputs('api.example.com') },
      { domains, dns, pollMs: 2000 },
    );
    expect(domains.calls).toEqual([
      `describe ${ARN}`,
      'associate api.example.com',
      `describe ${ARN}`,
      `describe ${ARN}`,
    ]);
    expect(s.slept).toEqual([2000, 2000]); // on the session clock: no real wait
    expect(dns.lookups).toEqual(['api.example.com']); // a zone of its own? no: the application zone then
    expect(dns.upserts).toEqual([
      { zone: 'Z123', records: [VALIDATION, { name: 'api.example.com', type: 'CNAME', value: TARGET }] },
    ]);
    expect(result).toEqual({
      associated: true,
      domain: 'api.example.com',
      status: 'PENDING_CERTIFICATE_DNS_VALIDATION',
      records: 'Z123',
    });
    expect(s.out.infos.join('\n')).toMatch(/Associated api.example.com with api/);
    expect(s.out.warnings).toEqual([]);
  });

  it('makes no association call for an alias already associated, and nothing more once it is active', async () => {
    const domains = new FakeDomains();
    domains.describes = [[{ domainName: 'api.example.com', status: 'ACTIVE', validationRecords: [VALIDATION] }]];
    const dns = new FakeDns();
    const s = session({ domain: 'example.com', domainHostedZoneID: 'Z123' });
    const result = await syncCustomDomain(
      s,
      { app: 'shop', service: 'api', outputs: outputs('api.example.com'), previous: outputs('api.example.com') },
      { domains, dns },
    );
    expect(domains.calls).toEqual([`describe ${ARN}`]);
    expect(dns.upserts).toEqual([]);
    expect(result).toEqual({ associated: false, domain: 'api.example.com', status: 'ACTIVE' });
  });

  it('rewrites the records of an associated alias still waiting for validation (an earlier deploy may have stopped)', async () => {
    const domains = new FakeDomains();
    domains.describes = [
      [
        {
          domainName: 'api.example.com',
          status: 'PENDING_CERTIFICATE_DNS_VALIDATION',
          validationRecords: [VALIDATION],
        },
      ],
    ];
    const dns = new FakeDns();
    await syncCustomDomain(
      session({ domain: 'example.com', domainHostedZoneID: '/hostedzone/Z123' }),
      { app: 'shop', service: 'api', outputs: outputs('api.example.com') },
      { domains, dns },
    );
    expect(domains.calls).toEqual([`describe ${ARN}`]);
    expect(dns.upserts.map((u) => u.zone)).toEqual(['Z123']);
  });

  it('writes into the most specific hosted zone, and an alias record at a zone apex', async () => {
    const domains = new FakeDomains();
    domains.describes = [[], [{ domainName: 'shop.example.com', status: 'CREATING', validationRecords: [VALIDATION] }]];
    const dns = new FakeDns();
    dns.zones['shop.example.com'] = 'ZSHOP';
    await syncCustomDomain(
      session({ domain: 'example.com', domainHostedZoneID: 'Z123' }),
      { app: 'shop', service: 'api', outputs: outputs('shop.example.com') },
      { domains, dns },
    );
    expect(dns.upserts).toEqual([
      {
        zone: 'ZSHOP',
        records: [
          VALIDATION,
          { name: 'shop.example.com', type: 'A', value: TARGET, aliasZoneId: 'Z01915732ZBZKC8D32TPT' },
        ],
      },
    ]);
  });

  it('prints the records to create when the application has no domain', async () => {
    const domains = new FakeDomains();
    domains.describes = [
      [],
      [{ domainName: 'api.other.org', status: 'PENDING_CERTIFICATE_DNS_VALIDATION', validationRecords: [VALIDATION] }],
    ];
    const dns = new FakeDns();
    const s = session({ domain: '' });
    const result = await syncCustomDomain(
      s,
      { app: 'shop', service: 'api', outputs: outputs('api.other.org') },
      { domains, dns },
    );
    expect(result?.records).toBe('printed');
    expect(dns.upserts).toEqual([]);
    expect(dns.lookups).toEqual([]);
    expect(s.out.warnings).toEqual([
      'api.other.org is not in a Route 53 hosted zone of application shop: create these DNS records.',
    ]);
    expect(s.out.infos.slice(1)).toEqual([
      `  _1234.api.example.com.  CNAME  _5678.xyz.acm-validations.aws.`,
      `  api.other.org           CNAME  ${TARGET}`,
    ]);
  });

  it('says how to read the validation records when App Runner has not published them yet', async () => {
    const domains = new FakeDomains();
    const s = session(undefined);
    await syncCustomDomain(
      s,
      { app: 'shop', service: 'api', outputs: outputs('api.other.org') },
      { domains, dns: new FakeDns(), polls: 3 },
    );
    expect(s.slept).toHaveLength(3);
    expect(s.out.infos.at(-1)).toMatch(/aws apprunner describe-custom-domains --service-arn/);
  });

  it('disassociates an alias removed from the manifest and deletes its records', async () => {
    const domains = new FakeDomains();
    domains.describes = [[{ domainName: 'api.example.com', status: 'ACTIVE', validationRecords: [VALIDATION] }]];
    const dns = new FakeDns();
    const s = session({ domain: 'example.com', domainHostedZoneID: 'Z123' });
    const result = await syncCustomDomain(
      s,
      { app: 'shop', service: 'api', outputs: outputs(), previous: outputs('api.example.com') },
      { domains, dns },
    );
    expect(domains.calls).toEqual([`describe ${ARN}`, 'disassociate api.example.com']);
    expect(dns.removed).toEqual([
      { zone: 'Z123', record: VALIDATION },
      { zone: 'Z123', record: { name: 'api.example.com', type: 'CNAME', value: TARGET } },
    ]);
    expect(result).toEqual({ associated: false, removed: 'api.example.com' });
    expect(s.out.infos.join('\n')).toMatch(/Disassociated api.example.com from api/);
  });

  it('releases the domain of a service about to be deleted', async () => {
    const domains = new FakeDomains();
    domains.describes = [[{ domainName: 'api.example.com', status: 'ACTIVE', validationRecords: [VALIDATION] }]];
    const dns = new FakeDns();
    await releaseCustomDomain(
      session({ domain: 'example.com', domainHostedZoneID: 'Z123' }),
      { app: 'shop', service: 'api', outputs: outputs('api.example.com') },
      { domains, dns },
    );
    expect(domains.calls).toEqual([`describe ${ARN}`, 'disassociate api.example.com']);
    expect(dns.removed).toHaveLength(2);
  });

  it('replaces a changed alias: the old one goes, the new one comes', async () => {
    const domains = new FakeDomains();
    domains.describes = [
      [{ domainName: 'old.example.com', status: 'ACTIVE', validationRecords: [] }],
      [{ domainName: 'new.example.com', status: 'CREATING', validationRecords: [VALIDATION] }],
    ];
    const dns = new FakeDns();
    await syncCustomDomain(
      session({ domain: 'example.com', domainHostedZoneID: 'Z123' }),
      { app: 'shop', service: 'api', outputs: outputs('new.example.com'), previous: outputs('old.example.com') },
      { domains, dns },
    );
    expect(domains.calls).toEqual([
      `describe ${ARN}`,
      'disassociate old.example.com',
      'associate new.example.com',
      `describe ${ARN}`,
    ]);
    expect(dns.removed.map((r) => r.record.name)).toEqual(['old.example.com']);
    expect(dns.upserts[0].records.map((r) => r.name)).toEqual([VALIDATION.name, 'new.example.com']);
  });

  it('fails with a hint when App Runner refuses the association', async () => {
    const domains = new FakeDomains();
    domains.failAssociate = Object.assign(new Error('Domain already associated with another service'), {
      name: 'InvalidRequestException',
    });
    const err = await syncCustomDomain(
      session(undefined),
      { app: 'shop', service: 'api', outputs: outputs('api.example.com') },
      { domains, dns: new FakeDns() },
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MycopilotError);
    expect((err as MycopilotError).message).toBe(
      'associating api.example.com with api failed: InvalidRequestException: Domain already associated with another service',
    );
    expect((err as MycopilotError).hint).toMatch(/deploy again/);
  });

  it('fails with the way out when the association failed earlier', async () => {
    const domains = new FakeDomains();
    domains.describes = [[{ domainName: 'api.example.com', status: 'CREATE_FAILED', validationRecords: [] }]];
    const err = (await syncCustomDomain(
      session(undefined),
      { app: 'shop', service: 'api', outputs: outputs('api.example.com') },
      { domains, dns: new FakeDns() },
    ).catch((e: unknown) => e)) as MycopilotError;
    expect(err.message).toBe('the custom domain api.example.com of api is CREATE_FAILED');
    expect(err.hint).toContain('aws apprunner disassociate-custom-domain');
  });

  it('leaves ECS Express services alone', async () => {
    const domains = new FakeDomains();
    await syncCustomDomain(
      session(undefined),
      {
        app: 'shop',
        service: 'api',
        outputs: { ServiceArn: 'arn:aws:ecs:us-east-1:1:service/c/s' },
        previous: { ServiceArn: 'arn:aws:ecs:us-east-1:1:service/c/s', CustomDomain: 'api.example.com' },
      },
      { domains, dns: new FakeDns() },
    );
    expect(domains.calls).toEqual([]);
  });
});

describe('the SDK adapters', () => {
  const apprunner = mockClient(AppRunnerClient);
  const route53 = mockClient(Route53Client);
  beforeEach(() => {
    apprunner.reset();
    route53.reset();
  });

  it('read, associate and disassociate App Runner custom domains', async () => {
    apprunner
      .on(DescribeCustomDomainsCommand)
      .resolvesOnce({
        DNSTarget: TARGET,
        ServiceArn: ARN,
        CustomDomains: [{ DomainName: 'a.example.com', EnableWWWSubdomain: false, Status: 'ACTIVE' }],
        NextToken: 't',
      })
      .resolvesOnce({
        DNSTarget: TARGET,
        ServiceArn: ARN,
        CustomDomains: [
          {
            DomainName: 'B.example.com',
            EnableWWWSubdomain: false,
            Status: 'PENDING_CERTIFICATE_DNS_VALIDATION',
            CertificateValidationRecords: [
              { Name: VALIDATION.name, Type: 'CNAME', Value: VALIDATION.value, Status: 'PENDING_VALIDATION' },
            ],
          },
        ],
      });
    apprunner.on(AssociateCustomDomainCommand).resolves({
      DNSTarget: TARGET,
      ServiceArn: ARN,
      CustomDomain: { DomainName: 'c.example.com', EnableWWWSubdomain: false, Status: 'CREATING' },
    });
    apprunner
      .on(DisassociateCustomDomainCommand)
      .resolves({ DNSTarget: TARGET, ServiceArn: ARN, CustomDomain: undefined });
    const api = await sdkCustomDomainApi(session(undefined).clients);
    expect(await api.describe(ARN)).toEqual({
      dnsTarget: TARGET,
      domains: [
        { domainName: 'a.example.com', status: 'ACTIVE', validationRecords: [] },
        { domainName: 'b.example.com', status: 'PENDING_CERTIFICATE_DNS_VALIDATION', validationRecords: [VALIDATION] },
      ],
    });
    expect(apprunner.commandCalls(DescribeCustomDomainsCommand)[1].args[0].input.NextToken).toBe('t');
    expect(await api.associate(ARN, 'c.example.com')).toEqual({
      dnsTarget: TARGET,
      domain: { domainName: 'c.example.com', status: 'CREATING', validationRecords: [] },
    });
    expect(apprunner.commandCalls(AssociateCustomDomainCommand)[0].args[0].input).toEqual({
      ServiceArn: ARN,
      DomainName: 'c.example.com',
      EnableWWWSubdomain: false,
    });
    await api.disassociate(ARN, 'a.example.com');
    expect(apprunner.commandCalls(DisassociateCustomDomainCommand)[0].args[0].input).toEqual({
      ServiceArn: ARN,
      DomainName: 'a.example.com',
    });
  });

  it('find public zones and upsert and delete records in Route 53', async () => {
    route53
      .on(ListHostedZonesByNameCommand, { DNSName: 'example.com' })
      .resolves({
        HostedZones: [{ Id: '/hostedzone/Z123', Name: 'example.com.', CallerReference: 'x', Config: {} }],
        IsTruncated: false,
        MaxItems: 1,
      })
      .on(ListHostedZonesByNameCommand, { DNSName: 'api.example.com' })
      .resolves({
        HostedZones: [{ Id: '/hostedzone/Z9', Name: 'b.example.com.', CallerReference: 'y' }],
        IsTruncated: false,
        MaxItems: 1,
      });
    route53.on(ChangeResourceRecordSetsCommand).resolves({ ChangeInfo: undefined });
    const dns = await route53DnsApi(session(undefined).clients);
    expect(await dns.findZone('example.com')).toBe('Z123');
    expect(await dns.findZone('api.example.com')).toBeUndefined();
    await dns.upsert('Z123', [
      VALIDATION,
      { name: 'example.com', type: 'A', value: TARGET, aliasZoneId: 'Z01915732ZBZKC8D32TPT' },
    ]);
    expect(route53.commandCalls(ChangeResourceRecordSetsCommand)[0].args[0].input).toEqual({
      HostedZoneId: 'Z123',
      ChangeBatch: {
        Comment: 'App Runner custom domain (mycopilot)',
        Changes: [
          {
            Action: 'UPSERT',
            ResourceRecordSet: {
              Name: VALIDATION.name,
              Type: 'CNAME',
              TTL: 300,
              ResourceRecords: [{ Value: VALIDATION.value }],
            },
          },
          {
            Action: 'UPSERT',
            ResourceRecordSet: {
              Name: 'example.com',
              Type: 'A',
              AliasTarget: { DNSName: TARGET, HostedZoneId: 'Z01915732ZBZKC8D32TPT', EvaluateTargetHealth: false },
            },
          },
        ],
      },
    });
    route53
      .on(ChangeResourceRecordSetsCommand)
      .rejects(Object.assign(new Error('record not found'), { name: 'InvalidChangeBatch' }));
    expect(await dns.remove('Z123', VALIDATION)).toBe(false);
  });
});
