// The application's domain (`app init --domain D`) without a custom resource: the application stack's zone
// `<app>.<D>` and its delegation from D, the environment's zone `<env>.<app>.<D>`, its DNS-validated certificate and
// the HTTPS listener under the condition DelegateDNS, and the alias records of Load Balanced Web Services.
import type { LoadBalancedWebService } from '../../../src/manifest/schemas';
import { aliasZone, certificateAliases } from '../../../src/stack/app-domain';
import { buildApplicationStack } from '../../../src/stack/application';
import { assumedDomainNote } from '../../../src/stack/lookup-parameters';
import { buildEnvironmentStack } from '../../../src/stack/environment';
import type { EnvironmentStackInput } from '../../../src/stack/inputs';
import type { RenderedStack } from '../../../src/stack/template';
import { buildLoadBalancedWebServiceStack } from '../../../src/stack/workload';
import { cfnLint } from '../../helpers/cfn-lint';
import { renderError } from '../../helpers/render-error';
import { APP, CERTIFICATES, environment, inputOf, load, ofType, props } from './workload-fixtures';

const ALIASES = [
  'api.test.my-app.example.com', // covered by *.test.my-app.example.com
  'test.my-app.example.com', // the environment's own name
  'a.b.test.my-app.example.com', // deeper in the environment's zone
  'www.my-app.example.com', // the application's zone
  'frontend.example.com', // the domain's zone
];
const needs = { albWorkloads: ['web'], internalAlbWorkloads: [], efsWorkloads: [], natWorkloads: [] };
const DNS = { domain: 'example.com', appZoneId: 'Z0APP', domainZoneId: 'Z0DOMAIN' };

function env(extra: object = {}, input: Partial<EnvironmentStackInput> = {}, appDns = false): RenderedStack {
  return buildEnvironmentStack(
    {
      app: APP,
      env: 'test',
      manifest: environment(extra),
      needs,
      appDomain: appDns ? { name: DNS.domain } : {},
      publicAliases: ALIASES,
      ...input,
    },
    appDns ? { appDns: DNS } : {},
  );
}

/** A Load Balanced Web Service `web` with these fields, in an application with `appDomain` (if given). */
const service = (fields: object, appDomain?: { name?: string }, envExtra: object = {}) =>
  buildLoadBalancedWebServiceStack({
    ...inputOf(
      load<LoadBalancedWebService>({
        name: 'web',
        type: 'Load Balanced Web Service',
        image: { location: 'nginx', port: 8080 },
        ...fields,
      } as never),
      environment(envExtra),
    ),
    ...(appDomain ? { appDomain } : {}),
  });
const web = (http: object, appDomain?: { name?: string }, envExtra: object = {}) =>
  service({ http }, appDomain, envExtra);
const imported = (key: string) => ({ 'Fn::ImportValue': { 'Fn::Sub': `\${AppName}-\${EnvName}-${key}` } });
const envZone = { 'Fn::Sub': '${EnvironmentName}.${AppDNSName}' };

/** A service with only a Network Load Balancer, in an application with the domain example.com. */
const withNlb = (nlb: object, envExtra: object = {}) =>
  service({ http: false, nlb }, { name: 'example.com' }, envExtra);

describe('aliasZone', () => {
  it('places an alias by the domain when it is known, and refuses names outside it', () => {
    const d = { name: 'example.com' };
    expect(aliasZone('api.test.my-app.example.com', APP, 'test', d)).toEqual({ zone: 'environment', depth: 1 });
    expect(aliasZone('test.my-app.example.com.', APP, 'test', d)).toEqual({ zone: 'environment', depth: 0 });
    expect(aliasZone('www.my-app.example.com', APP, 'test', d)).toEqual({ zone: 'application', depth: 1 });
    expect(aliasZone('Example.com', APP, 'test', d)).toEqual({ zone: 'domain', depth: 0 });
    expect(aliasZone('api.other.org', APP, 'test', d)).toBeUndefined();
    expect(aliasZone('notexample.com', APP, 'test', d)).toBeUndefined();
  });

  it('places it by its labels offline, the domain unknown', () => {
    expect(aliasZone('a.b.test.my-app.example.com', APP, 'test', {})).toEqual({ zone: 'environment', depth: 2 });
    expect(aliasZone('my-app.example.com', APP, 'test', {})).toEqual({ zone: 'application', depth: 0 });
    expect(aliasZone('frontend.example.com', APP, 'test', {})).toEqual({ zone: 'domain', depth: 1 });
  });
});

describe('application stack with a domain', () => {
  it('creates the zone <app>.<domain> and delegates it from the domain zone given as a parameter', () => {
    const s = buildApplicationStack({
      app: 'shop',
      workloads: ['web'],
      domain: { name: 'Example.com.', hostedZoneId: 'Z0D' },
    });
    expect(props(s, 'AppHostedZone')).toMatchObject({ Name: 'shop.example.com' });
    expect(props(s, 'AppDomainDelegationRecordSet')).toEqual({
      HostedZoneId: { Ref: 'DomainHostedZoneID' },
      Name: 'shop.example.com',
      Type: 'NS',
      TTL: '900',
      ResourceRecords: { 'Fn::GetAtt': ['AppHostedZone', 'NameServers'] },
    });
    expect(s.template.Parameters).toHaveProperty('DomainHostedZoneID');
    expect(s.parameters).toEqual({ DomainHostedZoneID: 'Z0D' });
    expect(s.template.Outputs!.AppHostedZoneID.Value).toEqual({ Ref: 'AppHostedZone' });
    expect(s.template.Outputs!.AppDNSName.Value).toBe('shop.example.com');
  });

  it('has none of it without a domain', () => {
    const s = buildApplicationStack({ app: 'shop', workloads: ['web'] });
    expect(s.template.Parameters).toBeUndefined();
    expect(ofType(s, 'AWS::Route53::HostedZone')).toEqual([]);
    expect(s.parameters).toEqual({});
  });
});

describe('environment stack with the application domain', () => {
  it('leaves the domain parameters empty offline, behind the condition DelegateDNS', () => {
    const s = env();
    expect(s.parameters).toMatchObject({ AppDNSName: '', AppDNSZoneID: '', DomainHostedZoneID: '' });
    expect(s.template.Conditions!.DelegateDNS).toEqual({ 'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'AppDNSName' }, ''] }] });
    for (const id of ['EnvironmentHostedZone', 'EnvironmentHostedZoneDelegation', 'HTTPSCert']) {
      expect(s.template.Resources[id].Condition).toBe('DelegateDNS');
    }
  });

  it('fills them from the deploy', () => {
    expect(env({}, {}, true).parameters).toMatchObject({
      AppDNSName: 'my-app.example.com',
      AppDNSZoneID: 'Z0APP',
      DomainHostedZoneID: 'Z0DOMAIN',
    });
  });

  it('delegates <env>.<app>.<domain> from the application zone', () => {
    const s = env();
    expect(props(s, 'EnvironmentHostedZone').Name).toEqual(envZone);
    expect(props(s, 'EnvironmentHostedZoneDelegation')).toEqual({
      HostedZoneId: { Ref: 'AppDNSZoneID' },
      Name: envZone,
      Type: 'NS',
      TTL: '900',
      ResourceRecords: { 'Fn::GetAtt': ['EnvironmentHostedZone', 'NameServers'] },
    });
  });

  it('issues a DNS-validated certificate for the environment, its wildcard and the aliases it does not cover', () => {
    const s = env();
    const cert = props(s, 'HTTPSCert');
    expect(cert.DomainName).toEqual(envZone);
    expect(cert.ValidationMethod).toBe('DNS');
    expect(cert.SubjectAlternativeNames).toEqual([
      { 'Fn::Sub': '*.${EnvironmentName}.${AppDNSName}' },
      'a.b.test.my-app.example.com',
      'frontend.example.com',
      'www.my-app.example.com',
    ]);
    expect(cert.DomainValidationOptions).toEqual([
      { DomainName: envZone, HostedZoneId: { Ref: 'EnvironmentHostedZone' } },
      { DomainName: 'a.b.test.my-app.example.com', HostedZoneId: { Ref: 'EnvironmentHostedZone' } },
      { DomainName: 'frontend.example.com', HostedZoneId: { Ref: 'DomainHostedZoneID' } },
      { DomainName: 'www.my-app.example.com', HostedZoneId: { Ref: 'AppDNSZoneID' } },
    ]);
    expect(s.template.Resources.HTTPSCert.DependsOn).toBe('EnvironmentHostedZoneDelegation');
  });

  it('lists those aliases in an output that svc deploy reads, and none when the wildcard covers them all', () => {
    expect(env().template.Outputs?.HTTPSCertificateAliases).toEqual({
      Description: expect.any(String),
      Value: 'a.b.test.my-app.example.com,frontend.example.com,www.my-app.example.com',
      Condition: 'DelegateDNS',
    });
    const covered = env({}, { publicAliases: ['api.test.my-app.example.com'] });
    expect(covered.template.Outputs?.HTTPSCertificateAliases).toBeUndefined();
  });

  it('names the same aliases for svc deploy to check as the certificate does', () => {
    expect([...certificateAliases(ALIASES, APP, 'test', { name: DNS.domain }).keys()]).toEqual([
      'a.b.test.my-app.example.com',
      'frontend.example.com',
      'www.my-app.example.com',
    ]);
  });

  it('leaves aliases outside the known domain to imported certificates', () => {
    const s = env({}, { publicAliases: ['api.other.org', 'www.my-app.example.com'] }, true);
    expect(props(s, 'HTTPSCert').SubjectAlternativeNames).toEqual([
      { 'Fn::Sub': '*.${EnvironmentName}.${AppDNSName}' },
      'www.my-app.example.com',
    ]);
  });

  it('serves HTTPS with it and redirects HTTP, both under the condition', () => {
    const s = env();
    const cond = 'CreateHTTPSListenerWithAppCertificate';
    expect(s.template.Conditions![cond]).toEqual({
      'Fn::And': [{ Condition: 'CreateALB' }, { Condition: 'DelegateDNS' }],
    });
    expect(s.template.Resources.HTTPSListener.Condition).toBe(cond);
    expect(props(s, 'HTTPSListener').Certificates).toEqual([{ CertificateArn: { Ref: 'HTTPSCert' } }]);
    expect(props(s, 'HTTPListener').DefaultActions).toEqual({
      'Fn::If': [
        cond,
        [{ Type: 'redirect', RedirectConfig: { Protocol: 'HTTPS', Port: '443', StatusCode: 'HTTP_301' } }],
        [{ Type: 'forward', TargetGroupArn: { Ref: 'DefaultHTTPTargetGroup' } }],
      ],
    });
    expect(s.template.Resources.PublicHTTPSLoadBalancerSecurityGroup.Condition).toBe(cond);
    expect(props(s, 'PublicLoadBalancer').SecurityGroups).toContainEqual({
      'Fn::If': [cond, { 'Fn::GetAtt': ['PublicHTTPSLoadBalancerSecurityGroup', 'GroupId'] }, { Ref: 'AWS::NoValue' }],
    });
    expect(s.template.Outputs!.HTTPSListenerArn.Condition).toBe(cond);
    for (const key of ['EnvironmentHostedZoneID', 'AppHostedZoneID', 'DomainHostedZoneID']) {
      expect(s.template.Outputs![key]).toMatchObject({
        Condition: 'DelegateDNS',
        Export: { Name: { 'Fn::Sub': `\${AWS::StackName}-${key}` } },
      });
    }
  });

  it('keeps imported certificates on the listener when the manifest has them', () => {
    const s = env(CERTIFICATES);
    expect(s.template.Resources.HTTPSListener.Condition).toBe('CreateALB');
    expect(props(s, 'HTTPSListener').Certificates[0].CertificateArn).toEqual({
      'Fn::Select': [0, { Ref: 'ImportedPublicALBCertificateArns' }],
    });
    expect(props(s, 'HTTPListener').DefaultActions[0].Type).toBe('redirect');
    expect(s.template.Resources.HTTPSCert.Condition).toBe('DelegateDNS'); // the zone's certificate still exists
  });

  it('renders the same bytes for the same input', () => {
    expect(JSON.stringify(env())).toBe(JSON.stringify(env()));
  });
});

describe('Load Balanced Web Service aliases under the application domain', () => {
  it('routes over HTTPS and writes an alias record in the zone each alias belongs to', () => {
    const s = web(
      { path: '/', alias: ['api.test.my-app.example.com', 'www.my-app.example.com', 'frontend.example.com'] },
      { name: 'example.com' },
    );
    expect(ofType(s, 'AWS::ElasticLoadBalancingV2::ListenerRule').sort()).toEqual([
      'HTTPListenerRuleWithDomain',
      'HTTPSListenerRule',
    ]);
    expect(props(s, 'HTTPSListenerRule').ListenerArn).toEqual(imported('HTTPSListenerArn'));
    const target = { HostedZoneId: imported('CanonicalHostedZoneID'), DNSName: imported('PublicLoadBalancerDNS') };
    expect(props(s, 'AliasRecordapitestmyappexamplecom')).toEqual({
      HostedZoneId: imported('EnvironmentHostedZoneID'),
      Name: 'api.test.my-app.example.com',
      Type: 'A',
      AliasTarget: target,
    });
    expect(props(s, 'AliasRecordwwwmyappexamplecom').HostedZoneId).toEqual(imported('AppHostedZoneID'));
    expect(props(s, 'AliasRecordfrontendexamplecom').HostedZoneId).toEqual(imported('DomainHostedZoneID'));
  });

  it('places aliases by their labels offline (domain unknown)', () => {
    const s = web({ path: '/', alias: 'frontend-1.example.com' }, {});
    expect(props(s, 'AliasRecordfrontend1examplecom').HostedZoneId).toEqual(imported('DomainHostedZoneID'));
  });

  it('refuses an alias outside the domain without an imported certificate, at its field', () => {
    const err = renderError(() =>
      web(
        { path: '/', alias: [{ name: 'www.my-app.example.com' }, { name: 'api.other.org' }] },
        { name: 'example.com' },
      ),
    );
    expect(err.path).toEqual(['http', 'alias', 1, 'name']);
    expect(err.message).toContain("not under the application's domain example.com");
  });

  it('still refuses an alias when the application has no domain and the environment no certificate', () => {
    const err = renderError(() => web({ path: '/', alias: 'api.example.com' }));
    expect(err.path).toEqual(['http', 'alias']);
    expect(err.hint).toContain('app init --domain');
  });

  it('uses the imported certificates and the named hosted zone when the environment has them', () => {
    const s = web({ path: '/', alias: 'api.other.org', hosted_zone: 'Z123' }, { name: 'example.com' }, CERTIFICATES);
    expect(ofType(s, 'AWS::Route53::RecordSet')).toEqual([]);
    expect(ofType(s, 'AWS::Route53::RecordSetGroup')).toEqual(['LoadBalancerDNSAliasZ123']);
  });
});

describe('the default name of a service without aliases', () => {
  const redirect = expect.objectContaining({ Type: 'redirect' });
  const forward = [{ Type: 'forward', TargetGroupArn: { Ref: 'TargetGroup' } }];

  it('answers at <svc>.<env>.<app>.<domain> over HTTPS, by a parameter the deploy fills', () => {
    const s = web({ path: '/' }, { name: 'Example.com' });
    expect(s.parameters.AppDomainName).toBe('Example.com');
    expect(s.template.Conditions!.HasAppDomain).toEqual({
      'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'AppDomainName' }, ''] }],
    });
    const record = s.template.Resources.DefaultNameRecord;
    expect(record.Condition).toBe('HasAppDomain');
    expect(record.Properties).toEqual({
      HostedZoneId: imported('EnvironmentHostedZoneID'),
      Name: { 'Fn::Sub': `web.test.${APP}.\${AppDomainName}` },
      Type: 'A',
      AliasTarget: { HostedZoneId: imported('CanonicalHostedZoneID'), DNSName: imported('PublicLoadBalancerDNS') },
    });
    expect(s.template.Resources.HTTPSListenerRule.Condition).toBe('HasAppDomain');
    expect(props(s, 'HTTPSListenerRule')).toMatchObject({
      ListenerArn: imported('HTTPSListenerArn'),
      Actions: forward,
    });
    // HTTP redirects under the domain and forwards without one; the template is the same either way.
    expect(props(s, 'HTTPListenerRule').Actions).toEqual({ 'Fn::If': ['HasAppDomain', [redirect], forward] });
    const none = web({ path: '/' });
    expect(none.parameters.AppDomainName).toBe('');
    expect(none.template).toEqual(s.template);
  });

  it('has the service wait for the HTTPS rule too when it exists: the HTTP rule is created after it then', () => {
    const s = web({ path: '/' }, { name: 'example.com' });
    expect(s.template.Resources.HTTPListenerRule.Metadata!['mycopilot:created-after']).toEqual({
      'Fn::If': ['HasAppDomain', { Ref: 'HTTPSListenerRule' }, ''],
    });
    expect(s.template.Resources.Service.DependsOn).toEqual(['HTTPListenerRule']);
  });

  it('forwards HTTP when CloudFront terminates TLS and reaches the load balancer over HTTP (no redirect loop)', () => {
    const cdn = { cdn: { terminate_tls: true } };
    expect(props(web({ path: '/' }, { name: 'example.com' }, cdn), 'HTTPListenerRule').Actions).toEqual(forward);
    const cdnCertificate = { certificate: 'arn:aws:acm:us-east-1:123456789012:certificate/cdn', terminate_tls: true };
    const certified = web({ path: '/', alias: 'www.example.com' }, undefined, { ...CERTIFICATES, cdn: cdnCertificate });
    expect(props(certified, 'HTTPListenerRuleWithDomain').Actions).toEqual([
      { Type: 'forward', TargetGroupArn: { Ref: 'TargetGroup' } },
    ]);
  });

  it('keeps forwarding HTTP when the manifest turns the redirect off', () => {
    const s = web({ path: '/', redirect_to_https: false }, { name: 'example.com' });
    expect(props(s, 'HTTPListenerRule').Actions).toEqual(forward);
  });

  it('names the Network Load Balancer <svc>-nlb.<env>.<app>.<domain>, unless it has an alias', () => {
    const s = withNlb({ port: '80/tcp' });
    expect(s.parameters.AppDomainName).toBe('example.com');
    const record = s.template.Resources.NLBDefaultNameRecord;
    expect(record.Condition).toBe('HasAppDomain');
    expect(record.Properties).toEqual({
      HostedZoneId: imported('EnvironmentHostedZoneID'),
      Name: { 'Fn::Sub': `web-nlb.test.${APP}.\${AppDomainName}` },
      Type: 'A',
      AliasTarget: {
        DNSName: { 'Fn::GetAtt': ['PublicNetworkLoadBalancerV2', 'DNSName'] },
        HostedZoneId: { 'Fn::GetAtt': ['PublicNetworkLoadBalancerV2', 'CanonicalHostedZoneID'] },
      },
    });
    const aliased = withNlb({ port: '443/tls', alias: 'tcp.example.com' }, CERTIFICATES);
    expect(aliased.template.Resources.NLBDefaultNameRecord).toBeUndefined();
  });

  it("gives the Network Load Balancer's aliases records in their zones, and TLS a certificate of its own", () => {
    const s = withNlb({
      port: '443/tls',
      alias: ['tcp.test.my-app.example.com', 'TCP.example.com', 'tcp.example.com'],
    });
    const target = {
      DNSName: { 'Fn::GetAtt': ['PublicNetworkLoadBalancerV2', 'DNSName'] },
      HostedZoneId: { 'Fn::GetAtt': ['PublicNetworkLoadBalancerV2', 'CanonicalHostedZoneID'] },
    };
    expect(s.template.Resources.NLBAliasRecordtcptestmyappexamplecom.Properties).toEqual({
      HostedZoneId: imported('EnvironmentHostedZoneID'),
      Name: 'tcp.test.my-app.example.com',
      Type: 'A',
      AliasTarget: target,
    });
    // One record per name, whatever its case.
    expect(ofType(s, 'AWS::Route53::RecordSet')).toEqual([
      'NLBAliasRecordtcptestmyappexamplecom',
      'NLBAliasRecordtcpexamplecom',
    ]);
    expect(s.template.Resources.NLBAliasRecordtcpexamplecom.Properties).toMatchObject({
      HostedZoneId: imported('DomainHostedZoneID'),
    });
    // Not the environment's certificate through an export: a service importing it would block its replacement.
    expect(props(s, 'NLBCertificate')).toEqual({
      DomainName: 'tcp.test.my-app.example.com',
      SubjectAlternativeNames: ['tcp.example.com'],
      ValidationMethod: 'DNS',
      DomainValidationOptions: [
        { DomainName: 'tcp.test.my-app.example.com', HostedZoneId: imported('EnvironmentHostedZoneID') },
        { DomainName: 'tcp.example.com', HostedZoneId: imported('DomainHostedZoneID') },
      ],
    });
    expect(props(s, 'NLBListener').Certificates).toEqual([{ CertificateArn: { Ref: 'NLBCertificate' } }]);
    // TCP needs no certificate.
    expect(withNlb({ port: '80/tcp', alias: 'tcp.example.com' }).template.Resources.NLBCertificate).toBeUndefined();
  });

  it("refuses an NLB alias outside the domain, or one the service's ALB rules have too; an empty one is none", () => {
    const outside = renderError(() => withNlb({ port: '80/tcp', alias: 'tcp.example.net' }));
    expect(outside.path).toEqual(['nlb', 'alias']);
    expect(outside.message).toMatch(/"tcp\.example\.net" is not under the application's domain example\.com/);
    const both = renderError(() =>
      service(
        { http: { path: '/', alias: 'www.example.com' }, nlb: { port: '80/tcp', alias: ['www.example.com'] } },
        {
          name: 'example.com',
        },
      ),
    );
    expect(both.path).toEqual(['nlb', 'alias', 0]);
    expect(both.message).toBe('"www.example.com" is also an alias of the service\'s load balancer rules (http.alias)');
    const empty = withNlb({ port: '80/tcp', alias: '' });
    expect(ofType(empty, 'AWS::Route53::RecordSet')).toEqual(['NLBDefaultNameRecord']);
  });

  it('is not there with aliases, or with certificates the environment imports', () => {
    const aliased = web({ path: '/', alias: 'api.test.my-app.example.com' }, { name: 'example.com' });
    expect(aliased.template.Parameters!.AppDomainName).toBeUndefined();
    expect(aliased.template.Resources.DefaultNameRecord).toBeUndefined();
    const certified = web({ path: '/' }, { name: 'example.com' }, CERTIFICATES);
    expect(certified.template.Parameters!.AppDomainName).toBeUndefined();
    expect(certified.template.Resources.HTTPSListenerRule.Condition).toBeUndefined();
  });
});

describe("the environment certificate's size", () => {
  it('warns when it would name more domain names than ACM allows by default, and not at the limit', () => {
    const aliases = (n: number) => Array.from({ length: n }, (_, i) => `site${i}.example.com`);
    const over = env({}, { publicAliases: aliases(9) });
    expect(over.warnings?.map((w) => w.message)).toEqual([
      "the environment's certificate would name 11 domain names, and ACM allows 10 by default",
    ]);
    expect(env({}, { publicAliases: aliases(8) }).warnings).toBeUndefined();
  });
});

describe('the note `svc package` prints when it assumed a domain', () => {
  it('is there for alias records of either load balancer, and not without them', () => {
    expect(assumedDomainNote(web({ path: '/', alias: 'www.example.com' }, {}).template)).toMatch(
      /^Assumed the application has a domain/,
    );
    expect(assumedDomainNote(withNlb({ port: '80/tcp', alias: 'tcp.example.com' }).template)).toMatch(/^Assumed/);
    expect(assumedDomainNote(web({ path: '/' }, {}).template)).toBeUndefined();
  });
});

describe('cfn-lint', () => {
  it('finds nothing in the application, environment (with and without the domain) and workload templates', () => {
    const stacks = [
      {
        label: 'app-domain',
        stack: buildApplicationStack({
          app: 'shop',
          workloads: ['web'],
          domain: { name: 'example.com', hostedZoneId: 'Z0D' },
        }),
      },
      { label: 'env-offline', stack: env() },
      { label: 'env-deploy', stack: env({}, {}, true) },
      { label: 'env-imported-certs', stack: env(CERTIFICATES) },
      {
        label: 'env-cdn-tls',
        stack: env({ cdn: { terminate_tls: true }, http: { public: { ingress: { cdn: true } } } }),
      },
      { label: 'env-no-domain', stack: env({}, { appDomain: undefined, publicAliases: undefined }) },
      { label: 'web-default-name', stack: web({ path: '/' }, { name: 'example.com' }) },
      { label: 'nlb-default-name', stack: withNlb({ port: '80/tcp' }) },
      {
        label: 'nlb-aliases',
        stack: withNlb({ port: '443/tls', alias: ['tcp.test.my-app.example.com', 'tcp.example.com'] }),
      },
      {
        label: 'web-domain',
        stack: web(
          { path: '/', alias: ['api.test.my-app.example.com', 'www.my-app.example.com', 'frontend.example.com'] },
          { name: 'example.com' },
        ),
      },
    ];
    const findings = cfnLint(stacks, { all: true });
    expect(findings.map((f) => `${f.file}:${f.line} ${f.level} ${f.rule} ${f.message}`)).toEqual([]);
  }, 120_000);
});
