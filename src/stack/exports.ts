// The outputs the environment stack exports as `<app>-<env>-<Key>` and workload stacks import.
// Keys are Copilot's, so workloads deployed by either tool find each other's environments.
import { ImportValue, Sub } from './template';

export const EnvExport = {
  VpcId: 'VpcId',
  PublicSubnets: 'PublicSubnets', // comma-joined subnet IDs
  PrivateSubnets: 'PrivateSubnets', // comma-joined subnet IDs
  InternetGatewayID: 'InternetGatewayID',
  PublicRouteTableID: 'PublicRouteTableID',
  PrivateRouteTableIDs: 'PrivateRouteTableIDs',
  ServiceDiscoveryNamespaceID: 'ServiceDiscoveryNamespaceID',
  EnvironmentSecurityGroup: 'EnvironmentSecurityGroup',
  PublicLoadBalancerDNS: 'PublicLoadBalancerDNS',
  PublicLoadBalancerFullName: 'PublicLoadBalancerFullName',
  CanonicalHostedZoneID: 'CanonicalHostedZoneID',
  HTTPListenerArn: 'HTTPListenerArn',
  HTTPSListenerArn: 'HTTPSListenerArn',
  DefaultHTTPTargetGroup: 'DefaultHTTPTargetGroup',
  InternalLoadBalancerDNS: 'InternalLoadBalancerDNS',
  InternalLoadBalancerFullName: 'InternalLoadBalancerFullName',
  InternalLoadBalancerCanonicalHostedZoneID: 'InternalLoadBalancerCanonicalHostedZoneID',
  InternalHTTPListenerArn: 'InternalHTTPListenerArn',
  InternalHTTPSListenerArn: 'InternalHTTPSListenerArn',
  InternalLoadBalancerSecurityGroup: 'InternalLoadBalancerSecurityGroup',
  ClusterId: 'ClusterId',
  FilesystemID: 'FilesystemID',
  CloudFrontDomainName: 'CloudFrontDomainName',
  // mycopilot's additions
  PublicLoadBalancerSecurityGroup: 'PublicLoadBalancerSecurityGroup',
  /** Name of the capacity provider over the environment's EC2 Auto Scaling group (only with capacity.ec2). */
  EC2CapacityProvider: 'EC2CapacityProvider',
  /** Security group of the EC2 container instances (only with capacity.ec2). */
  InstanceSecurityGroup: 'InstanceSecurityGroup',
  /** Hosted zones of the application's domain (only when the application has one): `<env>.<app>.<domain>`, */
  EnvironmentHostedZoneID: 'EnvironmentHostedZoneID',
  /** `<app>.<domain>`, */
  AppHostedZoneID: 'AppHostedZoneID',
  /** and the domain's own. */
  DomainHostedZoneID: 'DomainHostedZoneID',
} as const;

export type EnvExportKey = keyof typeof EnvExport;

/** `Fn::ImportValue` of an environment export, from a workload stack whose parameters are AppName/EnvName. */
export function importFromEnv(key: EnvExportKey) {
  return ImportValue(Sub(`\${AppName}-\${EnvName}-${EnvExport[key]}`));
}

/** The `Export.Name` of an environment stack output (the stack is named `<app>-<env>`). */
export function exportName(key: EnvExportKey) {
  return Sub(`\${AWS::StackName}-${EnvExport[key]}`);
}
