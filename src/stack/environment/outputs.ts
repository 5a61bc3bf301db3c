// The environment stack's outputs: every export of exports.ts that this environment has, named
// `<stack>-<Key>` for workload stacks to import; outputs of optional parts carry the part's condition.
import { EnvExportKey, exportName } from '../exports';
import { GetAtt, Join, Ref, Sub, Value } from '../template';
import { CAPACITY_PROVIDER, instanceSecurityGroupId } from './ec2-capacity';
import { ENV_ZONE } from './app-domain';
import { CONDITION, PARAM } from './parameters';
import { EnvContext } from './parts';
import { SG } from './security-groups';

export function addOutputs(ctx: EnvContext): void {
  const { parts, network, switches, http } = ctx;
  // Output names are Copilot's (some differ from their export keys), so a taken-over stack keeps them.
  const out = (name: string, key: EnvExportKey, value: Value, condition?: string, description?: string) =>
    parts.output(name, {
      ...(description ? { Description: description } : {}),
      ...(condition ? { Condition: condition } : {}),
      Value: value,
      Export: { Name: exportName(key) },
    });

  out('VpcId', 'VpcId', network.vpcId);
  // Comma-joined. The list is the created subnets' `Ref`s, or the `Ref` of an imported list parameter: an output of
  // a parameter exports the value it was given.
  const joined = (list: Value) => ({ 'Fn::Join': [',', list] });
  if (network.public.length > 0) out('PublicSubnets', 'PublicSubnets', joined(network.subnetIds.public));
  if (network.private.length > 0) out('PrivateSubnets', 'PrivateSubnets', joined(network.subnetIds.private));
  if (!network.imported) {
    out('InternetGatewayID', 'InternetGatewayID', Ref('InternetGateway'));
    out('PublicRouteTableID', 'PublicRouteTableID', Ref('PublicRouteTable'));
    if (switches.nat !== undefined) {
      const tables = Join(
        ',',
        network.private.map((_, i) => Ref(`PrivateRouteTable${i + 1}`)),
      );
      out(
        'PrivateRouteTableIDs',
        'PrivateRouteTableIDs',
        tables,
        typeof switches.nat === 'string' ? switches.nat : undefined,
      );
    }
  }
  out('ServiceDiscoveryNamespaceID', 'ServiceDiscoveryNamespaceID', GetAtt('ServiceDiscoveryNamespace', 'Id'));
  out('EnvironmentSecurityGroup', 'EnvironmentSecurityGroup', GetAtt(SG.environment, 'GroupId'));
  out('ClusterId', 'ClusterId', Ref('Cluster'));

  if (switches.alb && http.public) {
    const alb = switches.alb;
    out('PublicLoadBalancerDNSName', 'PublicLoadBalancerDNS', GetAtt('PublicLoadBalancer', 'DNSName'), alb);
    out(
      'PublicLoadBalancerFullName',
      'PublicLoadBalancerFullName',
      GetAtt('PublicLoadBalancer', 'LoadBalancerFullName'),
      alb,
    );
    out(
      'PublicLoadBalancerHostedZone',
      'CanonicalHostedZoneID',
      GetAtt('PublicLoadBalancer', 'CanonicalHostedZoneID'),
      alb,
    );
    out('HTTPListenerArn', 'HTTPListenerArn', Ref('HTTPListener'), alb);
    if (http.public.certificates.length > 0) out('HTTPSListenerArn', 'HTTPSListenerArn', Ref('HTTPSListener'), alb);
    else if (http.public.appCertificate) {
      out('HTTPSListenerArn', 'HTTPSListenerArn', Ref('HTTPSListener'), http.public.appCertificate.condition);
    }
    out('DefaultHTTPTargetGroupArn', 'DefaultHTTPTargetGroup', Ref('DefaultHTTPTargetGroup'), alb);
    out('PublicLoadBalancerSecurityGroup', 'PublicLoadBalancerSecurityGroup', GetAtt(SG.publicAlb, 'GroupId'), alb);
    if (http.cdn) {
      out('CloudFrontDomainName', 'CloudFrontDomainName', GetAtt('CloudFrontDistribution', 'DomainName'), alb);
    }
  }
  if (switches.internalAlb && http.internal) {
    const internal = switches.internalAlb;
    out('InternalLoadBalancerDNSName', 'InternalLoadBalancerDNS', GetAtt('InternalLoadBalancer', 'DNSName'), internal);
    out(
      'InternalLoadBalancerFullName',
      'InternalLoadBalancerFullName',
      GetAtt('InternalLoadBalancer', 'LoadBalancerFullName'),
      internal,
    );
    out(
      'InternalLoadBalancerHostedZone',
      'InternalLoadBalancerCanonicalHostedZoneID',
      GetAtt('InternalLoadBalancer', 'CanonicalHostedZoneID'),
      internal,
    );
    out('InternalHTTPListenerArn', 'InternalHTTPListenerArn', Ref('InternalHTTPListener'), internal);
    if (http.internal.certificates.length > 0) {
      out('InternalHTTPSListenerArn', 'InternalHTTPSListenerArn', Ref('InternalHTTPSListener'), internal);
    }
    out(
      'InternalLoadBalancerSecurityGroup',
      'InternalLoadBalancerSecurityGroup',
      GetAtt(SG.internalAlb, 'GroupId'),
      internal,
    );
  }
  if (parts.conditions[CONDITION.delegateDns]) {
    const dns = CONDITION.delegateDns;
    out('EnvironmentHostedZoneID', 'EnvironmentHostedZoneID', Ref(ENV_ZONE), dns);
    out('AppHostedZoneID', 'AppHostedZoneID', Ref(PARAM.appDnsZone), dns);
    out('DomainHostedZoneID', 'DomainHostedZoneID', Ref(PARAM.domainZone), dns);
  }
  out('ManagedFileSystemID', 'FilesystemID', Ref('FileSystem'), switches.efs);
  if (ctx.manifest.capacity?.ec2) {
    out('EC2CapacityProvider', 'EC2CapacityProvider', Ref(CAPACITY_PROVIDER));
    out('InstanceSecurityGroup', 'InstanceSecurityGroup', instanceSecurityGroupId());
  }
  // Not exported. CloudFormation ignores a deploy that changes only parameter values; an output built from the
  // workload lists makes such a change an update, so the stack records which workloads it serves.
  parts.output('EnabledFeatures', {
    Description: 'The workloads the optional parts of the environment serve.',
    Value: Sub(
      [PARAM.albWorkloads, PARAM.internalAlbWorkloads, PARAM.efsWorkloads, PARAM.natWorkloads]
        .map((p) => `\${${p}}`)
        .join(','),
    ),
  });
}
