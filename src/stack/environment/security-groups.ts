// Security groups of the environment and exactly the rules its traffic needs:
// - the public ALB groups admit 80 (and 443 with certificates) from anyone, or only from the manifest's source
//   ranges and/or CloudFront's origin-facing prefix list;
// - the internal ALB group admits 80/443 from the workloads (and from anywhere routable with `ingress.vpc`);
// - EnvironmentSecurityGroup, shared by every awsvpc task, admits all traffic from itself and from the load
//   balancer groups. Workload stacks add no rules of their own and narrow nothing further: a container's port is
//   its workload's business, and the listener rules decide what reaches it.
// - `network.vpc.security_group` rules from the manifest are added to EnvironmentSecurityGroup as written.
import type { PathSegment } from '../../manifest/node';
import { compact, GetAtt, If, NoValue, Ref, resource, Sub, Value } from '../template';
import { sourceRange } from './cidr';
import type { PublicHttp } from './http-plan';
import { PARAM } from './parameters';
import { EnvContext, nameTag } from './parts';

export const SG = {
  environment: 'EnvironmentSecurityGroup',
  /** On the public ALB always; the group that workload and instance rules name as the load balancer. */
  publicAlb: 'PublicHTTPLoadBalancerSecurityGroup',
  publicAlbHttps: 'PublicHTTPSLoadBalancerSecurityGroup',
  internalAlb: 'InternalLoadBalancerSecurityGroup',
} as const;

type ManifestRule = { ip_protocol: string; ports: number | string; cidr: string };

/** A manifest rule (`ports: 80` or `ports: 0-65535`) as an EC2 security group rule. */
function manifestRule(rule: ManifestRule, path: PathSegment[]): Record<string, Value> {
  const [from, to] = typeof rule.ports === 'number' ? [rule.ports, rule.ports] : rule.ports.split('-').map(Number);
  return { IpProtocol: rule.ip_protocol, FromPort: from, ToPort: to, ...sourceRange(rule.cidr, [...path, 'cidr']) };
}

export function addEnvironmentSecurityGroup(ctx: EnvContext): void {
  const { parts } = ctx;
  const custom = ctx.manifest.network?.vpc?.security_group;
  const base = ['network', 'vpc', 'security_group'];
  const ingress = (custom?.ingress ?? []).map((r, i) => manifestRule(r, [...base, 'ingress', i]));
  const egress = (custom?.egress ?? []).map((r, i) => manifestRule(r, [...base, 'egress', i]));
  parts.add(
    SG.environment,
    resource(
      'AWS::EC2::SecurityGroup',
      'A security group shared by the workloads of the environment',
      compact({
        GroupDescription: Sub('${AppName}-${EnvironmentName}EnvironmentSecurityGroup'),
        VpcId: ctx.network.vpcId,
        SecurityGroupIngress: ingress.length > 0 ? ingress : undefined,
        // Listing egress rules replaces EC2's default allow-all egress, which is what the manifest asks for.
        SecurityGroupEgress: egress.length > 0 ? egress : undefined,
        Tags: nameTag('env'),
      }),
    ),
  );
  parts.add(
    'EnvironmentSecurityGroupIngressFromSelf',
    ingressFrom(SG.environment, SG.environment, 'Workloads of the environment reach each other'),
  );
}

/** A rule letting one security group accept traffic from another (all protocols and ports unless given). */
export function ingressFrom(
  group: string,
  source: string,
  description: string,
  extra: { Condition?: string; ports?: [number, number] } = {},
) {
  const ports = extra.ports
    ? { IpProtocol: 'tcp', FromPort: extra.ports[0], ToPort: extra.ports[1] }
    : { IpProtocol: '-1' };
  return resource(
    'AWS::EC2::SecurityGroupIngress',
    description,
    {
      Description: description,
      GroupId: GetAtt(group, 'GroupId'),
      ...ports,
      SourceSecurityGroupId: GetAtt(source, 'GroupId'),
    },
    extra.Condition ? { Condition: extra.Condition } : {},
  );
}

function listenerPorts(certificates: Value[]): number[] {
  return certificates.length > 0 ? [80, 443] : [80];
}

/** The public ALB's rules for one listener port: from the CDN and/or the source ranges, else from anyone. */
function publicRules(http: PublicHttp, port: number): Record<string, Value>[] {
  const tcp = { IpProtocol: 'tcp', FromPort: port, ToPort: port };
  const rules: Record<string, Value>[] = [];
  if (http.cdnOnly) {
    rules.push({ ...tcp, SourcePrefixListId: Ref(PARAM.cloudFrontPrefixList), Description: `CloudFront on ${port}` });
  }
  for (const range of http.sourceRanges) {
    const cidr = 'CidrIp' in range ? range.CidrIp : range.CidrIpv6;
    rules.push({ ...tcp, ...range, Description: `${cidr} on ${port}` });
  }
  if (!http.cdnOnly && http.sourceRanges.length === 0) {
    rules.push({ ...tcp, CidrIp: '0.0.0.0/0', Description: `Anyone on ${port}` });
  }
  return rules;
}

/** The public listener ports, and the condition of the HTTPS one when only the environment certificate serves it. */
function publicPorts(http: PublicHttp): { port: number; condition?: string }[] {
  if (http.certificates.length > 0) return [{ port: 80 }, { port: 443 }];
  if (http.appCertificate) return [{ port: 80 }, { port: 443, condition: http.appCertificate.condition }];
  return [{ port: 80 }];
}

/**
 * One group per listener port, as Copilot has them: a rule referencing CloudFront's prefix list counts as the
 * list's ~55 entries against the quota of 60 inbound rules per group, so 80 and 443 cannot share a group.
 */
export function addPublicAlbSecurityGroups(ctx: EnvContext, http: PublicHttp, condition: string): void {
  for (const { port, condition: only } of publicPorts(http)) {
    ctx.parts.add(
      port === 443 ? SG.publicAlbHttps : SG.publicAlb,
      resource(
        'AWS::EC2::SecurityGroup',
        `A security group admitting ${port === 443 ? 'HTTPS' : 'HTTP'} traffic to the public load balancer`,
        {
          GroupDescription: `${port === 443 ? 'HTTPS' : 'HTTP'} access to the public load balancer`,
          SecurityGroupIngress: publicRules(http, port),
          VpcId: ctx.network.vpcId,
          Tags: nameTag(port === 443 ? 'lb-https' : 'lb-http'),
        },
        { Condition: only ?? condition },
      ),
    );
  }
  // Traffic from the load balancer to its targets carries all of its groups, so a rule naming the HTTP group (on
  // the load balancer in every case) admits it; the HTTPS group only governs who reaches the listener.
  ctx.parts.add(
    'EnvironmentHTTPSecurityGroupIngressFromPublicALB',
    ingressFrom(SG.environment, SG.publicAlb, 'The public load balancer reaches the workloads', {
      Condition: condition,
    }),
  );
}

/** The public ALB's groups, for the load balancer. */
export function publicAlbGroups(http: PublicHttp): Value[] {
  return publicPorts(http).map(({ port, condition }) => {
    const id = GetAtt(port === 443 ? SG.publicAlbHttps : SG.publicAlb, 'GroupId');
    return condition ? If(condition, id, NoValue) : id;
  });
}

export function addInternalAlbSecurityGroup(
  ctx: EnvContext,
  certificates: Value[],
  fromVpc: boolean,
  condition: string,
): void {
  const { parts } = ctx;
  parts.add(
    SG.internalAlb,
    resource(
      'AWS::EC2::SecurityGroup',
      'A security group admitting HTTP(S) traffic to the internal load balancer',
      {
        GroupDescription: 'Access to the internal load balancer',
        VpcId: ctx.network.vpcId,
        Tags: nameTag('internal-lb'),
      },
      { Condition: condition },
    ),
  );
  for (const port of listenerPorts(certificates)) {
    const suffix = port === 443 ? 'HTTPS' : '';
    parts.add(
      `InternalALB${suffix}IngressFromEnvironmentSecurityGroup`,
      ingressFrom(SG.internalAlb, SG.environment, `Workloads reach the internal load balancer on ${port}`, {
        Condition: condition,
        ports: [port, port],
      }),
    );
    if (fromVpc) {
      // Copilot's meaning of `ingress.vpc`: any address that can route to this internal (no public IP) load
      // balancer, which includes peered networks and VPNs, not only the VPC's own block.
      parts.add(
        `InternalLoadBalancerSecurityGroupIngressFrom${port === 443 ? 'Https' : 'Http'}`,
        resource(
          'AWS::EC2::SecurityGroupIngress',
          `Clients in the VPC reach the internal load balancer on ${port}`,
          {
            Description: `Clients in the VPC on ${port}`,
            CidrIp: '0.0.0.0/0',
            FromPort: port,
            ToPort: port,
            IpProtocol: 'tcp',
            GroupId: GetAtt(SG.internalAlb, 'GroupId'),
          },
          { Condition: condition },
        ),
      );
    }
  }
  parts.add(
    'EnvironmentSecurityGroupIngressFromInternalALB',
    ingressFrom(SG.environment, SG.internalAlb, 'The internal load balancer reaches the workloads', {
      Condition: condition,
    }),
  );
}
