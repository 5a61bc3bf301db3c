// The public and the internal Application Load Balancers, their default target groups and their HTTP/HTTPS
// listeners. Workload stacks attach listener rules to these listeners; the default actions only answer requests
// no rule matches (and send plain HTTP to HTTPS when the public listener has certificates).
import { compact, GetAtt, If, Ref, resource, Value } from '../template';
import { ACCESS_LOGS_BUCKET, ACCESS_LOGS_POLICY } from './access-logs';
import type { Cdn, InternalHttp, PublicHttp } from './http-plan';
import { EnvContext } from './parts';
import { publicAlbGroups, SG } from './security-groups';

/**
 * An empty target group for the listeners' default action: a listener must forward somewhere, and with no
 * targets the load balancer answers 503 to requests no workload claims.
 */
function defaultTargetGroup(ctx: EnvContext, condition: string) {
  return resource(
    'AWS::ElasticLoadBalancingV2::TargetGroup',
    'An empty target group for requests no workload claims',
    {
      HealthCheckIntervalSeconds: 10, // healthy within 20s instead of the default 2.5 minutes
      HealthyThresholdCount: 2,
      HealthCheckTimeoutSeconds: 5,
      Port: 80,
      Protocol: 'HTTP',
      TargetGroupAttributes: [{ Key: 'deregistration_delay.timeout_seconds', Value: '60' }],
      TargetType: 'ip',
      VpcId: ctx.network.vpcId,
    },
    { Condition: condition },
  );
}

const forwardTo = (targetGroup: string) => [{ Type: 'forward', TargetGroupArn: Ref(targetGroup) }];

function httpsListener(
  description: string,
  loadBalancer: string,
  targetGroup: string,
  settings: { certificates: Value[]; sslPolicy?: string },
  condition: string,
) {
  return resource(
    'AWS::ElasticLoadBalancingV2::Listener',
    description,
    compact({
      Certificates: [{ CertificateArn: settings.certificates[0] }],
      DefaultActions: forwardTo(targetGroup),
      LoadBalancerArn: Ref(loadBalancer),
      Port: 443,
      Protocol: 'HTTPS',
      SslPolicy: settings.sslPolicy,
    }),
    { Condition: condition },
  );
}

/** The certificates after the first, each its own resource (a ListenerCertificate takes one certificate). */
function extraCertificates(
  ctx: EnvContext,
  prefix: string,
  listener: string,
  certificates: Value[],
  condition: string,
) {
  certificates.slice(1).forEach((arn, i) => {
    ctx.parts.add(
      `${prefix}${i + 2}`,
      resource(
        'AWS::ElasticLoadBalancingV2::ListenerCertificate',
        `Certificate ${i + 2} of the ${listener} listener`,
        { ListenerArn: Ref(listener), Certificates: [{ CertificateArn: arn }] },
        { Condition: condition },
      ),
    );
  });
}

function accessLogAttributes(http: PublicHttp): { Key: string; Value: Value }[] {
  // Written out even when off: removing the attribute would leave a previously enabled setting in place.
  if (!http.accessLogs) return [{ Key: 'access_logs.s3.enabled', Value: 'false' }];
  return [
    { Key: 'access_logs.s3.enabled', Value: 'true' },
    { Key: 'access_logs.s3.bucket', Value: http.accessLogs.bucket ?? Ref(ACCESS_LOGS_BUCKET) },
    ...(http.accessLogs.prefix ? [{ Key: 'access_logs.s3.prefix', Value: http.accessLogs.prefix }] : []),
  ];
}

export function addPublicLoadBalancer(ctx: EnvContext, http: PublicHttp, cdn: Cdn | undefined, condition: string) {
  const { parts } = ctx;
  const createsBucket = !!http.accessLogs && http.accessLogs.bucket === undefined;
  parts.add(
    'PublicLoadBalancer',
    resource(
      'AWS::ElasticLoadBalancingV2::LoadBalancer',
      'An Application Load Balancer for public traffic to the services',
      {
        LoadBalancerAttributes: accessLogAttributes(http),
        Scheme: 'internet-facing',
        SecurityGroups: publicAlbGroups(http),
        Subnets: http.subnets,
        Type: 'application',
      },
      // ELB checks it may write to the bucket when access logs are switched on.
      { Condition: condition, ...(createsBucket ? { DependsOn: ACCESS_LOGS_POLICY } : {}) },
    ),
  );
  parts.add('DefaultHTTPTargetGroup', defaultTargetGroup(ctx, condition));
  // With certificates, plain HTTP is redirected to HTTPS; not when CloudFront terminates TLS and reaches the
  // load balancer over HTTP, where the redirect would send viewers round in a loop. The environment's own
  // certificate (the application's domain) exists under a condition, and so do the listener and the redirect.
  const imported = http.certificates.length > 0;
  const appCertificate = imported ? undefined : http.appCertificate;
  const redirectAction = [
    { Type: 'redirect', RedirectConfig: { Protocol: 'HTTPS', Port: '443', StatusCode: 'HTTP_301' } },
  ];
  const forward = forwardTo('DefaultHTTPTargetGroup');
  const redirect = (imported || !!appCertificate) && !cdn?.terminateTls;
  parts.add(
    'HTTPListener',
    resource(
      'AWS::ElasticLoadBalancingV2::Listener',
      redirect ? 'A listener redirecting HTTP to HTTPS' : 'A listener for HTTP traffic',
      {
        DefaultActions: !redirect
          ? forward
          : appCertificate
            ? If(appCertificate.condition, redirectAction, forward)
            : redirectAction,
        LoadBalancerArn: Ref('PublicLoadBalancer'),
        Port: 80,
        Protocol: 'HTTP',
      },
      { Condition: condition },
    ),
  );
  if (appCertificate) {
    parts.add(
      'HTTPSListener',
      httpsListener(
        'A listener for HTTPS traffic, with the certificate of the environment',
        'PublicLoadBalancer',
        'DefaultHTTPTargetGroup',
        { certificates: [appCertificate.arn], sslPolicy: http.sslPolicy },
        appCertificate.condition,
      ),
    );
    return;
  }
  if (!imported) return;
  parts.add(
    'HTTPSListener',
    httpsListener('A listener for HTTPS traffic', 'PublicLoadBalancer', 'DefaultHTTPTargetGroup', http, condition),
  );
  extraCertificates(ctx, 'HTTPSImportCertificate', 'HTTPSListener', http.certificates, condition);
}

export function addInternalLoadBalancer(ctx: EnvContext, http: InternalHttp, condition: string) {
  const { parts } = ctx;
  parts.add(
    'InternalLoadBalancer',
    resource(
      'AWS::ElasticLoadBalancingV2::LoadBalancer',
      'An internal Application Load Balancer for traffic from within the VPC',
      {
        Scheme: 'internal',
        SecurityGroups: [GetAtt(SG.internalAlb, 'GroupId')],
        Subnets: http.subnets,
        Type: 'application',
      },
      { Condition: condition },
    ),
  );
  parts.add('DefaultInternalHTTPTargetGroup', defaultTargetGroup(ctx, condition));
  parts.add(
    'InternalHTTPListener',
    resource(
      'AWS::ElasticLoadBalancingV2::Listener',
      'An internal listener for HTTP traffic',
      {
        DefaultActions: forwardTo('DefaultInternalHTTPTargetGroup'),
        LoadBalancerArn: Ref('InternalLoadBalancer'),
        Port: 80,
        Protocol: 'HTTP',
      },
      { Condition: condition },
    ),
  );
  if (http.certificates.length === 0) return;
  parts.add(
    'InternalHTTPSListener',
    httpsListener(
      'An internal listener for HTTPS traffic',
      'InternalLoadBalancer',
      'DefaultInternalHTTPTargetGroup',
      http,
      condition,
    ),
  );
  extraCertificates(ctx, 'InternalHTTPSImportCertificate', 'InternalHTTPSListener', http.certificates, condition);
}
