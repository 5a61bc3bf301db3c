// The CloudFront distribution in front of the public load balancer (`cdn`): TLS at the edge with the manifest's
// certificate, optional TLS termination, and static assets from an S3 bucket under a path pattern.
import { compact, Equals, GetAtt, If, Join, NoValue, Not, Ref, resource, Split, Sub, Value } from '../template';
import type { Cdn } from './http-plan';
import { CONDITION, PARAM } from './parameters';
import { EnvContext } from './parts';

// AWS managed CloudFront policies (IDs are the same in every account).
const CACHING_DISABLED = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';
const CACHING_OPTIMIZED = '658327ea-f89d-4fab-a63d-7e88639e58f6';
/** Forwards every viewer header, cookie and query string, Host included: the ALB's rules route on the host. */
const ALL_VIEWER = '216adef6-5c7f-47e4-b989-5492eafa07d3';

const ALB_ORIGIN = Sub('copilot-${AppName}-${EnvironmentName}-origin');
const S3_ORIGIN = Sub('copilot-${AppName}-${EnvironmentName}-s3');

/** The domains the distribution answers for: the static-assets alias and the workloads' aliases (a parameter). */
function aliases(ctx: EnvContext, cdn: Cdn, aliasList: string | undefined): Value {
  if (!cdn.certificate) return undefined;
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
  const fixed = cdn.staticAssets ? [cdn.staticAssets.alias] : [];
  const withParameter = Split(
    ',',
    fixed.length > 0 ? Join(',', [...fixed, Ref(PARAM.cdnAliases)]) : Ref(PARAM.cdnAliases),
  );
  return If(CONDITION.cdnAliases, withParameter, fixed.length > 0 ? fixed : NoValue);
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
    ViewerCertificate: cdn.certificate
      ? { AcmCertificateArn: cdn.certificate, MinimumProtocolVersion: 'TLSv1.2_2021', SslSupportMethod: 'sni-only' }
      : undefined,
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
}
