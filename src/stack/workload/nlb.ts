// `nlb`: a Network Load Balancer of the workload's own in the environment's public subnets, with one listener
// and target group per `port` (main and `additional_listeners`), a security group that lets the world reach the
// listener ports, and an ingress rule that lets the load balancer reach the tasks. TLS listeners use the
// certificate of the environment's public load balancer, else, in an application with a domain, the environment's
// certificate for it, which names the aliases under the domain; those get A records. Without aliases, it answers at
// `<svc>-nlb.<env>.<app>.<D>` when the application has a domain (domain-names.ts).
import type { PathSegment } from '../../manifest/node';
import { durationToMs } from '../../manifest/values';
import type { LoadBalancedWebService } from '../../manifest/schemas';
import { RenderError } from '../inputs';
import { importFromEnv } from '../exports';
import { GetAtt, Ref, Split, Sub, compact, resource } from '../template';
import type { Value } from '../template';
import { addAliasRecord, addDefaultNameRecord, zoneIdOf } from './domain-names';
import { aliasNames, AliasZone, aliasZone, AppDomain, dnsName } from '../app-domain';
import { checkHealthCheckPort, healthCheckPort, targetType } from './target-group';
import { seconds } from './parts';
import { ownPort, targetOf } from './ports';
import type { Ports, Target } from './ports';
import type { Workload } from './workload';

type Nlb = NonNullable<LoadBalancedWebService['nlb']>;
type Listener = Omit<Nlb, 'alias' | 'additional_listeners'>;

const LOAD_BALANCER = 'PublicNetworkLoadBalancerV2';
const SECURITY_GROUP = 'NetworkLoadBalancerSecurityGroup';

export interface NlbRouting {
  target: Target;
  loadBalancers: Value[];
  listeners: string[];
  gracePeriodSeconds?: number;
}

function listenerTarget(w: Workload, l: Listener, listenerPort: number, protocol: string, path: PathSegment[]): Target {
  // Copilot's defaults: the listener port on the main container, or the port a sidecar target declares.
  let port = l.target_port;
  if (port === undefined && l.target_container !== undefined && l.target_container !== w.name) {
    port = ownPort(w, l.target_container);
  }
  return targetOf(w, l.target_container, port ?? listenerPort, path, protocol === 'UDP' ? 'udp' : 'tcp');
}

function targetGroup(
  w: Workload,
  l: Listener,
  target: Target,
  protocol: string,
  path: PathSegment[],
): Record<string, Value> {
  const hc = l.healthcheck ?? {};
  checkHealthCheckPort(w, hc.port, [...path, 'healthcheck', 'port']);
  const s = (d: string | undefined) => (d === undefined ? undefined : seconds(durationToMs(d)));
  const sticky = l.stickiness === true && protocol !== 'TLS';
  return compact({
    HealthCheckProtocol: protocol === 'UDP' ? 'TCP' : undefined,
    HealthCheckPort: healthCheckPort(w, hc.port),
    HealthyThresholdCount: hc.healthy_threshold,
    UnhealthyThresholdCount: hc.unhealthy_threshold,
    HealthCheckIntervalSeconds: s(hc.interval),
    HealthCheckTimeoutSeconds: s(hc.timeout),
    Port: target.port,
    Protocol: protocol === 'TLS' ? 'TCP' : protocol,
    TargetGroupAttributes: [
      { Key: 'deregistration_delay.timeout_seconds', Value: String(s(l.deregistration_delay) ?? 60) },
      ...(sticky
        ? [
            { Key: 'stickiness.enabled', Value: 'true' },
            { Key: 'stickiness.type', Value: 'source_ip' },
          ]
        : []),
    ],
    TargetType: targetType(w),
    VpcId: importFromEnv('VpcId'),
  });
}

/** `nlb.alias` as names (lower-case, once each; empty ones are none), with the field of each. */
function nlbAliases(nlb: Nlb): { name: string; field: PathSegment[] }[] {
  const a = nlb.alias;
  const listed =
    a === undefined
      ? []
      : typeof a === 'string'
        ? [{ name: a, field: ['nlb', 'alias'] as PathSegment[] }]
        : a.map((x, i) =>
            typeof x === 'string'
              ? { name: x, field: ['nlb', 'alias', i] as PathSegment[] }
              : { name: x.name, field: ['nlb', 'alias', i, 'name'] as PathSegment[] },
          );
  const seen = new Set<string>();
  return listed
    .map(({ name, field }) => ({ name: dnsName(name.trim()), field }))
    .filter(({ name }) => name !== '' && !seen.has(name) && !!seen.add(name));
}

/**
 * In an application with a domain, and without imported certificates: the zone of each alias (a RenderError for
 * one outside the domain, or one the service's load balancer rules have too, whose record they already write).
 */
function aliasZones(w: Workload, nlb: Nlb, appDomain: AppDomain): { name: string; zone: AliasZone }[] {
  const http = (w.manifest as { http?: { alias?: unknown } }).http;
  const albAliases = new Set(aliasNames(http?.alias).map(dnsName));
  return nlbAliases(nlb).map(({ name, field }) => {
    const where = aliasZone(name, w.app, w.env, appDomain);
    if (!where) {
      throw new RenderError(
        field,
        `"${name}" is not under the application's domain ${appDomain.name}, and environment "${w.env}" has no certificate for it`,
        `use a name under ${appDomain.name}, or add the ARN of an ACM certificate that covers it under \`http.public.certificates\` in the environment manifest`,
      );
    }
    if (albAliases.has(name)) {
      throw new RenderError(
        field,
        `"${name}" is also an alias of the service's load balancer rules (http.alias)`,
        'a name can point at one load balancer: use another name for the Network Load Balancer',
      );
    }
    return { name, zone: where.zone };
  });
}

/**
 * The certificate of TLS listeners for the aliases under the application's domain: the service's own, validated
 * by DNS in their zones (the environment's zone exports never change; a certificate shared through an export could
 * not be replaced while a service imports it).
 */
function addAliasCertificate(w: Workload, zones: { name: string; zone: AliasZone }[]): Value {
  const names = zones.map((z) => z.name);
  w.parts.add(
    'NLBCertificate',
    resource('AWS::CertificateManager::Certificate', `A certificate for ${names.join(', ')}`, {
      DomainName: names[0],
      ...(names.length > 1 ? { SubjectAlternativeNames: names.slice(1) } : {}),
      ValidationMethod: 'DNS',
      DomainValidationOptions: zones.map(({ name, zone }) => ({ DomainName: name, HostedZoneId: zoneIdOf(zone) })),
    }),
  );
  return Ref('NLBCertificate');
}

export function addNlb(w: Workload, nlb: Nlb, ports: Ports): NlbRouting {
  const imported = w.environment.http?.public?.certificates ?? [];
  // Without imported certificates, in an application with a domain, aliases under it get records, and TLS listeners
  // a certificate of the service's own for them.
  const appDomain = imported.length === 0 ? w.input.appDomain : undefined;
  const aliases = nlbAliases(nlb);
  const zones = appDomain ? aliasZones(w, nlb, appDomain) : [];
  if (aliases.length > 0 && imported.length === 0 && !appDomain) {
    throw new RenderError(
      ['nlb', 'alias'],
      `an alias of the Network Load Balancer needs a certificate, and environment "${w.env}" has none`,
      'add the ARN of an ACM certificate covering the alias under `http.public.certificates` in the environment manifest, or use an application with a domain (`app init --domain`)',
    );
  }
  const tls = [nlb, ...(nlb.additional_listeners ?? [])].some((l) => /\/tls$/i.test(l.port));
  const certificate: Value | undefined =
    imported[0] ?? (tls && zones.length > 0 ? addAliasCertificate(w, zones) : undefined);
  const listeners: { l: Listener; path: PathSegment[] }[] = [
    { l: nlb, path: ['nlb'] },
    ...(nlb.additional_listeners ?? []).map((l, i) => ({ l, path: ['nlb', 'additional_listeners', i] })),
  ];
  const ingress: Value[] = [];
  const loadBalancers: Value[] = [];
  const ids: string[] = [];
  let main: Target | undefined;
  listeners.forEach(({ l, path }, i) => {
    const suffix = i === 0 ? '' : String(i);
    const [portText, protocolText = 'tcp'] = l.port.toLowerCase().split('/');
    const port = Number(portText);
    const protocol = protocolText.toUpperCase();
    const target = listenerTarget(w, l, port, protocol, path);
    main ??= target;
    ports.add(target);
    const ipProtocol = protocol === 'UDP' ? 'udp' : 'tcp';
    ingress.push({
      CidrIp: '0.0.0.0/0',
      Description: `Allow ${ipProtocol.toUpperCase()} traffic from anyone on listener port ${port}`,
      FromPort: port,
      ToPort: port,
      IpProtocol: ipProtocol,
    });
    if (protocol === 'TLS' && !certificate) {
      throw new RenderError(
        [...path, 'port'],
        `a TLS listener needs a certificate, and environment "${w.env}" has none`,
        'add the ARN of an ACM certificate under `http.public.certificates` in the environment manifest',
      );
    }
    const tg = `NetworkLoadBalancerTargetGroup${suffix}`;
    w.parts.add(
      tg,
      resource(
        'AWS::ElasticLoadBalancingV2::TargetGroup',
        `A target group for the ${target.container} container on port ${target.port} behind the Network Load Balancer`,
        targetGroup(w, l, target, protocol, path),
      ),
    );
    const listener = `NLBListener${suffix}`;
    w.parts.add(
      listener,
      resource('AWS::ElasticLoadBalancingV2::Listener', `A ${protocol} listener on port ${port} for ${w.name}`, {
        DefaultActions: [{ Type: 'forward', TargetGroupArn: Ref(tg) }],
        LoadBalancerArn: Ref(LOAD_BALANCER),
        Port: port,
        Protocol: protocol,
        ...(protocol === 'TLS'
          ? {
              Certificates: [{ CertificateArn: certificate }],
              SslPolicy: l.ssl_policy ?? 'ELBSecurityPolicy-TLS13-1-2-2021-06',
            }
          : {}),
      }),
    );
    ids.push(listener);
    loadBalancers.push({ ContainerName: target.container, ContainerPort: target.port, TargetGroupArn: Ref(tg) });
  });

  w.parts.add(
    SECURITY_GROUP,
    resource(
      'AWS::EC2::SecurityGroup',
      `A security group that lets anyone reach the Network Load Balancer of ${w.name}`,
      {
        GroupDescription: 'Allow traffic to the Network Load Balancer on its listener ports',
        SecurityGroupIngress: ingress,
        VpcId: importFromEnv('VpcId'),
        Tags: [{ Key: 'Name', Value: Sub('copilot-${AppName}-${EnvName}-${WorkloadName}-nlb') }],
      },
    ),
  );
  w.parts.add(
    LOAD_BALANCER,
    resource('AWS::ElasticLoadBalancingV2::LoadBalancer', `A Network Load Balancer in front of ${w.name}`, {
      Scheme: 'internet-facing',
      Subnets: Split(',', importFromEnv('PublicSubnets')),
      Type: 'network',
      SecurityGroups: [GetAtt(SECURITY_GROUP, 'GroupId')],
    }),
  );
  // awsvpc tasks carry the environment security group; bridge and host tasks are reached on their instances.
  const awsvpc = w.networkMode === 'awsvpc';
  w.parts.add(
    awsvpc
      ? 'EnvironmentSecurityGroupIngressFromNetworkLoadBalancerSecurityGroup'
      : 'InstanceSecurityGroupIngressFromNetworkLoadBalancerSecurityGroup',
    resource('AWS::EC2::SecurityGroupIngress', `Lets the Network Load Balancer of ${w.name} reach its tasks`, {
      GroupId: importFromEnv(awsvpc ? 'EnvironmentSecurityGroup' : 'InstanceSecurityGroup'),
      Description: `Ingress from the Network Load Balancer of ${w.name}`,
      IpProtocol: '-1',
      SourceSecurityGroupId: GetAtt(SECURITY_GROUP, 'GroupId'),
    }),
  );
  const target = {
    DNSName: GetAtt(LOAD_BALANCER, 'DNSName'),
    HostedZoneId: GetAtt(LOAD_BALANCER, 'CanonicalHostedZoneID'),
  };
  for (const { name, zone } of zones) addAliasRecord(w, 'NLBAliasRecord', name, zone, target);
  if (aliases.length === 0) {
    const target = {
      DNSName: GetAtt(LOAD_BALANCER, 'DNSName'),
      HostedZoneId: GetAtt(LOAD_BALANCER, 'CanonicalHostedZoneID'),
    };
    addDefaultNameRecord(w, 'NLBDefaultNameRecord', `${w.name}-nlb`, target, `the Network Load Balancer of ${w.name}`);
  }
  w.parts.output('PublicNetworkLoadBalancerDNSName', {
    Description: 'DNS name of the Network Load Balancer.',
    Value: GetAtt(LOAD_BALANCER, 'DNSName'),
    Export: { Name: Sub('${AWS::StackName}-PublicNetworkLoadBalancerDNSName') },
  });
  const grace = nlb.healthcheck?.grace_period;
  return {
    target: main!,
    loadBalancers,
    listeners: ids,
    gracePeriodSeconds: grace ? seconds(durationToMs(grace)) : undefined,
  };
}
