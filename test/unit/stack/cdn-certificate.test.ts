// The static-assets alias without `cdn.certificate`: the environment stack takes the certificate mycopilot issues in
// us-east-1 as a parameter (CloudFront answers for the alias only once it is set) and points the alias at the
// distribution; the certificate's own stack is validated in the alias's zone. Both pass cfn-lint.
import { loadManifest } from '../../../src/manifest/load';
import type { EnvironmentManifest } from '../../../src/manifest/schemas';
import { buildCdnCertificateStack, cdnCertificateStackName } from '../../../src/stack/cdn-certificate';
import { buildEnvironmentStack } from '../../../src/stack/environment';
import { NO_NEEDS } from '../../../src/stack/inputs';
import type { AppDomain } from '../../../src/stack/app-domain';
import type { RenderedStack } from '../../../src/stack/template';
import { cfnLint } from '../../helpers/cfn-lint';
import { renderError } from '../../helpers/render-error';

const MANIFEST = (alias: string, certificate = '') => `name: test
type: Environment
cdn:
  ${certificate ? `certificate: ${certificate}\n  terminate_tls: true\n  ` : ''}static_assets:
    location: my-bucket.s3.us-west-2.amazonaws.com
    alias: ${alias}
    path: static/*
`;

function manifestOf(text: string): EnvironmentManifest {
  const loaded = loadManifest({ file: 'manifest.yml', text, env: 'test', app: 'shop', vars: {} });
  expect(loaded.errors).toEqual([]);
  return loaded.manifest as EnvironmentManifest;
}

const DNS = { domain: 'example.com', appZoneId: 'Z0APP', domainZoneId: 'Z0DOMAIN' };

function render(text: string, appDomain: AppDomain | undefined, cdnCertificateArn?: string): RenderedStack {
  return buildEnvironmentStack(
    { app: 'shop', env: 'test', manifest: manifestOf(text), needs: { ...NO_NEEDS, albWorkloads: ['web'] }, appDomain },
    { cdnCertificateArn, ...(appDomain?.name ? { appDns: DNS } : {}) },
  );
}

const config = (stack: RenderedStack) =>
  (stack.template.Resources.CloudFrontDistribution.Properties as Record<string, any>).DistributionConfig;

describe('the environment stack with an issued CloudFront certificate', () => {
  it('answers for the alias with the certificate only once its ARN parameter is set', () => {
    const stack = render(MANIFEST('assets.test.shop.example.com'), { name: 'example.com' });
    expect(stack.parameters.CDNCertificateArn).toBe('');
    expect(stack.template.Conditions!.HasCDNCertificate).toEqual({
      'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'CDNCertificateArn' }, ''] }],
    });
    expect(config(stack).Aliases).toEqual({
      'Fn::If': ['HasCDNCertificate', ['assets.test.shop.example.com'], { Ref: 'AWS::NoValue' }],
    });
    expect(config(stack).ViewerCertificate).toEqual({
      'Fn::If': [
        'HasCDNCertificate',
        {
          AcmCertificateArn: { Ref: 'CDNCertificateArn' },
          MinimumProtocolVersion: 'TLSv1.2_2021',
          SslSupportMethod: 'sni-only',
        },
        { Ref: 'AWS::NoValue' },
      ],
    });
    // The workloads' aliases are not served: the issued certificate names the static-assets alias only.
    expect(stack.template.Parameters!.Aliases).toBeUndefined();
    const arn = 'arn:aws:acm:us-east-1:123456789012:certificate/1';
    expect(render(MANIFEST('assets.test.shop.example.com'), { name: 'example.com' }, arn).parameters).toMatchObject({
      CDNCertificateArn: arn,
    });
  });

  it.each([
    ['assets.test.shop.example.com', { Ref: 'EnvironmentHostedZone' }],
    ['assets.shop.example.com', { Ref: 'AppDNSZoneID' }],
    ['assets.example.com', { Ref: 'DomainHostedZoneID' }],
  ])('points %s at the distribution from its zone, once everything it needs exists', (alias, zone) => {
    const stack = render(MANIFEST(alias), { name: 'example.com' });
    const records = stack.template.Resources.StaticAssetsAliasRecords;
    expect(records.Condition).toBe('CreateStaticAssetsAliasRecords');
    expect(stack.template.Conditions!.CreateStaticAssetsAliasRecords).toEqual({
      'Fn::And': [{ Condition: 'CreateALB' }, { Condition: 'DelegateDNS' }, { Condition: 'HasCDNCertificate' }],
    });
    const target = {
      DNSName: { 'Fn::GetAtt': ['CloudFrontDistribution', 'DomainName'] },
      HostedZoneId: 'Z2FDTNDATAQYW2',
    };
    expect(records.Properties).toEqual({
      HostedZoneId: zone,
      RecordSets: [
        { Name: alias, Type: 'A', AliasTarget: target },
        { Name: alias, Type: 'AAAA', AliasTarget: target },
      ],
    });
  });

  it('keeps an imported certificate as it was: no parameter, no records', () => {
    const imported = 'arn:aws:acm:us-east-1:123456789012:certificate/mine';
    const stack = render(MANIFEST('assets.example.com', imported), { name: 'example.com' });
    expect(stack.template.Parameters!.CDNCertificateArn).toBeUndefined();
    expect(stack.template.Resources.StaticAssetsAliasRecords).toBeUndefined();
    expect(config(stack).ViewerCertificate.AcmCertificateArn).toEqual({ Ref: 'ImportedCDNCertificateArn' });
    // env show lists the alias CloudFront answers for.
    expect(stack.template.Outputs!.StaticAssetsAlias).toMatchObject({
      Value: 'assets.example.com',
      Condition: 'CreateALB',
    });
  });

  it('refuses the alias without a domain, or outside it, at the alias', () => {
    const none = renderError(() => render(MANIFEST('assets.example.com'), undefined));
    expect(none.path).toEqual(['cdn', 'static_assets', 'alias']);
    expect(none.message).toMatch(/needs `cdn.certificate`, or an application with a domain/);
    const outside = renderError(() => render(MANIFEST('assets.example.net'), { name: 'example.com' }));
    expect(outside.path).toEqual(['cdn', 'static_assets', 'alias']);
    expect(outside.message).toBe(
      '"assets.example.net" is not under the application\'s domain example.com, so mycopilot cannot issue its certificate',
    );
  });
});

describe('the certificate stack', () => {
  it('is named so that no workload stack can take the name, and validates the alias in its zone', () => {
    const stack = buildCdnCertificateStack({
      app: 'shop',
      env: 'test',
      alias: 'Assets.Example.com.',
      zone: 'domain',
      zoneId: 'Z0DOMAIN',
    });
    expect(stack.stackName).toBe(cdnCertificateStackName('shop', 'test'));
    expect(stack.stackName).toBe('shop-test-CDNCertificate');
    expect(stack.parameters).toEqual({ HostedZoneID: 'Z0DOMAIN' });
    expect(stack.template.Resources.Certificate.Properties).toEqual({
      DomainName: 'assets.example.com',
      ValidationMethod: 'DNS',
      DomainValidationOptions: [{ DomainName: 'assets.example.com', HostedZoneId: { Ref: 'HostedZoneID' } }],
    });
    expect(stack.template.Outputs!.CertificateArn.Value).toEqual({ Ref: 'Certificate' });
    expect(stack.tags).toEqual({ 'copilot-application': 'shop', 'copilot-environment': 'test' });
  });

  it('passes cfn-lint with the environment stack that uses it, with no error and no warning', () => {
    const env = render(MANIFEST('assets.test.shop.example.com'), { name: 'example.com' });
    const certificate = buildCdnCertificateStack({ app: 'shop', env: 'test', alias: 'a.example.com', zone: 'domain' });
    const findings = cfnLint(
      [
        { label: 'env', stack: env },
        { label: 'certificate', stack: certificate },
      ],
      { all: true },
    );
    expect(findings).toEqual([]);
  }, 120_000);
});
