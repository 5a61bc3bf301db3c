// The CloudFront distribution in front of the public load balancer (`cdn`): TLS at the edge with the manifest's
// certificate (or the one mycopilot issues for the static-assets alias), optional TLS termination, and static
// assets from an S3 bucket under a path pattern.
import { aliasZone, AppDomain } from '../app-domain';
import { RenderError } from '../inputs';
import { And, compact, Equals, GetAtt, If, Join, NoValue, Not, Ref, resource, Split, Sub, Value } from '../template';
import { CDN_STATIC_ALIAS_OUTPUT } from '../cdn-certificate';
import { aliasZoneId } from './app-domain';
import type { Cdn } from './http-plan';
import { CONDITION, notEmpty, PARAM } from './parameters';
import { EnvContext } from './parts';

// AWS managed CloudFront policies (IDs are the same in every account).
const CACHING_DISABLED = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';
const CACHING_OPTIMIZED = '658327ea-f89d-4fab-a63d-7e88639e58f6';
/** Forwards every viewer header, cookie and query string, Host included: the ALB's rules route on the host. */
const ALL_VIEWER = '216adef6-5c7f-47e4-b989-5492eafa07d3';

const ALB_ORIGIN = Sub('copilot-${AppName}-${EnvironmentName}-origin');
const S3_ORIGIN = Sub('copilot-${AppName}-${EnvironmentName}-s3');

/** The hosted zone ID of every CloudFront distribution, for alias records. */
const CLOUDFRONT_ZONE_ID = 'Z2FDTNDATAQYW2';

/**
 * The static-assets alias's certificate when the manifest names none: mycopilot issues it (see cdn-certificate.ts)
 * when the application has a domain the alias is under. Its ARN is the parameter CDNCertificateArn, empty until
 * `env deploy` has issued it in us-east-1; until then CloudFront answers for its own domain name only.
 */
export function useIssuedCdnCertificate(
  ctx: EnvContext,
  cdn: Cdn,
  appDomain: AppDomain | undefined,
  arn: string | undefined,
): void {
  const alias = cdn.staticAssets?.alias ?? '';
  const path = ['cdn', 'static_assets', 'alias'];
  if (!appDomain) {
    throw new RenderError(
      path,
      'serving static assets under an alias needs `cdn.certificate`, or an application with a domain: CloudFront takes certificates from us-east-1 only',
      'add the ARN of an ACM certificate in us-east-1 that covers the alias as `cdn.certificate`, or use an application created with `mycopilot app init --domain`',
    );
  }
  const where = aliasZone(alias, ctx.app, ctx.env, appDomain);
  if (!where) {
    throw new RenderError(
      path,
      `"${alias}" is not under the application's domain ${appDomain.name}, so mycopilot cannot issue its certificate`,
      'use a name under the domain, or add the ARN of an ACM certificate in us-east-1 that covers it as `cdn.certificate`',
    );
  }
  ctx.parts.parameter(
    PARAM.cdnCertificate,
    {
      Type: 'String',
      Description:
        'ARN of the us-east-1 certificate mycopilot issues for the static-assets alias (stack <app>-<env>-CDNCertificate); empty until it is issued (filled at deploy).',
      Default: '',
    },
    arn ?? '',
  );
  cdn.certificate = Ref(PARAM.cdnCertificate);
  const condition = ctx.parts.condition(CONDITION.cdnCertificate, notEmpty(PARAM.cdnCertificate));
  cdn.issuedCertificate = { condition, zone: where.zone };
}

function aliases(ctx: EnvContext, cdn: Cdn, aliasList: string | undefined): Value {
  if (!cdn.certificate) return undefined;
  const fixed = cdn.staticAssets?.alias ? [cdn.staticAssets.alias] : [];
  // The certificate mycopilot issues names the static-assets alias only.
  if (cdn.issuedCertificate) return If(cdn.issuedCertificate.condition, fixed, NoValue);
  ctx.parts.parameter(
    PARAM.cdnAliases,
    {
      Type: 'String',
      Description: 'Comma-separated domain names of the workloads that CloudFront answers for.',
      Default: '',
    },
    aliasList ?? '',
  );
  ctx.parts.condition(CONDITION.cdnAliases, Not(Equals(Ref(PARAM.cdnAliases), '')));
  const withParameter = Split(
    ',',
    fixed.length > 0 ? Join(',', [...fixed, Ref(PARAM.cdnAliases)]) : Ref(PARAM.cdnAliases),
  );
  return If(CONDITION.cdnAliases, withParameter, fixed.length > 0 ? fixed : NoValue);
}

/** The static-assets alias's A and AAAA records, pointing at the distribution, once its certificate is issued. */
function addAliasRecords(ctx: EnvContext, cdn: Cdn, condition: string): void {
  const issued = cdn.issuedCertificate;
  if (!issued || !cdn.staticAssets?.alias) return;
  const recordCondition = ctx.parts.condition(
    CONDITION.cdnAliasRecords,
    And({ Condition: condition }, { Condition: CONDITION.delegateDns }, { Condition: issued.condition }),
  );
  const target = { DNSName: GetAtt('CloudFrontDistribution', 'DomainName'), HostedZoneId: CLOUDFRONT_ZONE_ID };
  ctx.parts.output(CDN_STATIC_ALIAS_OUTPUT, {
    Description: 'The static-assets alias CloudFront answers for (read by env show).',
    Value: cdn.staticAssets.alias,
    Condition: recordCondition,
  });
  ctx.parts.add(
    'StaticAssetsAliasRecords',
    resource(
      'AWS::Route53::RecordSetGroup',
      'The DNS records of the static-assets alias, pointing at the CloudFront distribution',
      {
        HostedZoneId: aliasZoneId(issued.zone),
        RecordSets: ['A', 'AAAA'].map((Type) => ({ Name: cdn.staticAssets!.alias, Type, AliasTarget: target })),
      },
      { Condition: recordCondition },
    ),
  );
}

export function addCdn(ctx: EnvContext, cdn: Cdn, condition: string, aliasList?: string): void {
  const { parts } = ctx;
  // CloudFront reaches the ALB over HTTP when it terminates TLS, else with the viewer's own protocol.
  const viewerPolicy = cdn.terminateTls ? 'redirect-to-https' : 'allow-all';
  const origins: Value[] = [
    {
      Id: ALB_ORIGIN,
      DomainName: GetAtt('PublicLoadBalancer', 'DNSName'),
      CustomOriginConfig: { OriginProtocolPolicy: cdn.terminateTls ? 'http-only' : 'match-viewer' },
    },
  ];
  let cacheBehaviors: Value = undefined;
  if (cdn.staticAssets) {
    parts.add(
      'CloudFrontOriginAccessControl',
      resource(
        'AWS::CloudFront::OriginAccessControl',
        'Access control that lets only CloudFront read the static assets bucket',
        {
          OriginAccessControlConfig: {
            Description: 'Access control for the static assets origin',
            Name: Sub('copilot-${AppName}-${EnvironmentName}-origin-access-control'),
            OriginAccessControlOriginType: 's3',
            SigningBehavior: 'always',
            SigningProtocol: 'sigv4',
          },
        },
        { Condition: condition },
      ),
    );
    origins.push({
      Id: S3_ORIGIN,
      DomainName: cdn.staticAssets.location,
      OriginAccessControlId: GetAtt('CloudFrontOriginAccessControl', 'Id'),
      // An S3 origin needs this block; the empty identity means "no legacy OAI, OAC signs the requests".
      S3OriginConfig: { OriginAccessIdentity: '' },
    });
    cacheBehaviors = [
      {
        PathPattern: cdn.staticAssets.path,
        TargetOriginId: S3_ORIGIN,
        AllowedMethods: ['GET', 'HEAD', 'OPTIONS'], // read-only: the bucket is not written through CloudFront
        CachePolicyId: CACHING_OPTIMIZED,
        ViewerProtocolPolicy: viewerPolicy,
      },
    ];
  }
  const distribution = compact({
    Aliases: aliases(ctx, cdn, aliasList),
    DefaultCacheBehavior: {
      AllowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'],
      CachePolicyId: CACHING_DISABLED, // dynamic content: the services decide what may be cached
      OriginRequestPolicyId: ALL_VIEWER,
      TargetOriginId: ALB_ORIGIN,
      ViewerProtocolPolicy: viewerPolicy,
    },
    CacheBehaviors: cacheBehaviors,
    Enabled: true,
    IPV6Enabled: true,
    Origins: origins,
    ViewerCertificate: viewerCertificate(cdn),
  });
  parts.add(
    'CloudFrontDistribution',
    resource(
      'AWS::CloudFront::Distribution',
      'A CloudFront distribution for global content delivery',
      { DistributionConfig: distribution },
      { Condition: condition },
    ),
  );
  addAliasRecords(ctx, cdn, condition);
  if (cdn.staticAssets?.alias && cdn.certificate && !cdn.issuedCertificate) {
    // With `cdn.certificate`, CloudFront answers for the alias from the start (its DNS is the user's).
    parts.output(CDN_STATIC_ALIAS_OUTPUT, {
      Description: 'The static-assets alias CloudFront answers for (read by env show).',
      Value: cdn.staticAssets.alias,
      Condition: condition,
    });
  }
}

function viewerCertificate(cdn: Cdn): Value {
  if (!cdn.certificate) return undefined;
  const certificate = {
    AcmCertificateArn: cdn.certificate,
    MinimumProtocolVersion: 'TLSv1.2_2021',
    SslSupportMethod: 'sni-only',
  };
  return cdn.issuedCertificate ? If(cdn.issuedCertificate.condition, certificate, NoValue) : certificate;
}
