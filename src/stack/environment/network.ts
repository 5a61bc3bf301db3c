// The VPC mycopilot creates: subnets, internet gateway, public route table, and NAT gateways (with their Elastic
// IPs and private route tables) for workloads in private subnets that need to reach the internet.
import { GetAtt, Ref, resource } from '../template';
import { EnvContext, nameTag, when } from './parts';
import { natPairs } from './network-plan';

export function addVpc(ctx: EnvContext): void {
  const { network, parts } = ctx;
  if (network.imported) return;
  parts.add(
    'VPC',
    resource('AWS::EC2::VPC', 'A virtual private cloud for the environment', {
      CidrBlock: network.vpcCidr,
      EnableDnsHostnames: true, // Cloud Map private DNS and EFS mount by name need both DNS settings on.
      EnableDnsSupport: true,
      InstanceTenancy: 'default',
      Tags: nameTag(),
    }),
  );
  parts.add(
    'PublicRouteTable',
    resource('AWS::EC2::RouteTable', 'A route table for the public subnets', {
      VpcId: Ref('VPC'),
      Tags: nameTag(),
    }),
  );
  parts.add(
    'DefaultPublicRoute',
    resource(
      'AWS::EC2::Route',
      'A route from the public subnets to the internet',
      { RouteTableId: Ref('PublicRouteTable'), DestinationCidrBlock: '0.0.0.0/0', GatewayId: Ref('InternetGateway') },
      // A route to a gateway that is not attached yet fails.
      { DependsOn: 'InternetGatewayAttachment' },
    ),
  );
  parts.add(
    'InternetGateway',
    resource('AWS::EC2::InternetGateway', 'An internet gateway for the public subnets', { Tags: nameTag() }),
  );
  parts.add(
    'InternetGatewayAttachment',
    resource('AWS::EC2::VPCGatewayAttachment', 'The internet gateway attached to the VPC', {
      InternetGatewayId: Ref('InternetGateway'),
      VpcId: Ref('VPC'),
    }),
  );
  network.public.forEach((subnet, i) => {
    parts.add(
      subnet.logicalId!,
      resource('AWS::EC2::Subnet', `Public subnet ${i + 1}, for load balancers and NAT gateways`, {
        CidrBlock: subnet.cidr,
        VpcId: Ref('VPC'),
        AvailabilityZone: subnet.az,
        MapPublicIpOnLaunch: true,
        Tags: nameTag(`pub${i}`),
      }),
    );
  });
  network.private.forEach((subnet, i) => {
    parts.add(
      subnet.logicalId!,
      resource('AWS::EC2::Subnet', `Private subnet ${i + 1}, for workloads without public addresses`, {
        CidrBlock: subnet.cidr,
        VpcId: Ref('VPC'),
        AvailabilityZone: subnet.az,
        MapPublicIpOnLaunch: false,
        Tags: nameTag(`priv${i}`),
      }),
    );
  });
  network.public.forEach((subnet) => {
    parts.add(
      `${subnet.logicalId}RouteTableAssociation`,
      resource('AWS::EC2::SubnetRouteTableAssociation', `${subnet.logicalId} routed through the internet gateway`, {
        RouteTableId: Ref('PublicRouteTable'),
        SubnetId: subnet.ref,
      }),
    );
  });
  addNatGateways(ctx);
}

/** One NAT gateway per private subnet (per AZ), so losing an AZ does not cut the others off the internet. */
function addNatGateways(ctx: EnvContext): void {
  const { parts, switches } = ctx;
  if (switches.nat === undefined) return;
  const cond = when(switches.nat);
  for (const pair of natPairs(ctx.network)) {
    const n = pair.index;
    parts.add(
      `NatGateway${n}Attachment`,
      resource(
        'AWS::EC2::EIP',
        `An Elastic IP address for NAT gateway ${n}`,
        { Domain: 'vpc' },
        { ...cond, DependsOn: 'InternetGatewayAttachment' },
      ),
    );
    parts.add(
      `NatGateway${n}`,
      resource(
        'AWS::EC2::NatGateway',
        `NAT gateway ${n}, for outbound internet access from private subnet ${n}`,
        {
          AllocationId: GetAtt(`NatGateway${n}Attachment`, 'AllocationId'),
          SubnetId: pair.public.ref,
          Tags: nameTag(`${n - 1}`),
        },
        cond,
      ),
    );
    parts.add(
      `PrivateRouteTable${n}`,
      resource(
        'AWS::EC2::RouteTable',
        `A route table for private subnet ${n}`,
        { VpcId: Ref('VPC'), Tags: nameTag(`priv${n - 1}`) },
        cond,
      ),
    );
    parts.add(
      `PrivateRoute${n}`,
      resource(
        'AWS::EC2::Route',
        `A route from private subnet ${n} to the internet through NAT gateway ${n}`,
        {
          RouteTableId: Ref(`PrivateRouteTable${n}`),
          DestinationCidrBlock: '0.0.0.0/0',
          NatGatewayId: Ref(`NatGateway${n}`),
        },
        cond,
      ),
    );
    parts.add(
      `PrivateRouteTable${n}Association`,
      resource(
        'AWS::EC2::SubnetRouteTableAssociation',
        `Private subnet ${n} routed through NAT gateway ${n}`,
        { RouteTableId: Ref(`PrivateRouteTable${n}`), SubnetId: pair.private.ref },
        cond,
      ),
    );
  }
}

/**
 * Logical IDs of the private routes to NAT when they always exist, for resources that must not start before
 * outbound access works (a resource cannot depend on one that a condition may leave out).
 */
export function privateRouteIds(ctx: EnvContext): string[] {
  if (ctx.network.imported || ctx.switches.nat !== true) return [];
  return ctx.network.private.map((_, i) => `PrivateRoute${i + 1}`);
}
