// Application Load Balancer routing of Load Balanced Web Services (the environment's public ALB) and Backend
// Services (its internal ALB): one target group per rule (`http` and each of `additional_rules`) and its
// listener rules. With certificates in the environment, HTTPS rules forward and HTTP rules redirect to HTTPS.
// Priorities are parameters chosen by the CLI (RulePriority, RulePriority1, ...), not by a custom resource.
import type { PathSegment } from '../../manifest/node';
import { durationToMs } from '../../manifest/schemas/primitives';
import { RenderError } from '../inputs';
import { importFromEnv } from '../exports';
import type { EnvExportKey } from '../exports';
import { Ref, resource } from '../template';
import type { Value } from '../template';
import { logicalIdSafe, seconds } from './parts';
import { albTargetGroup } from './target-group';
import type { HttpRule } from './target-group';
import { targetOf } from './ports';
import type { Ports, Target } from './ports';
import type { Workload } from './workload';

export type HttpConfig = HttpRule & { alb?: string; targetContainer?: string; additional_rules?: HttpRule[] };

export type AlbScope = 'public' | 'internal';

export interface AlbRouting {
  /** The main rule's target: what Service Connect and service discovery publish too. */
  target: Target;
  loadBalancers: Value[];
  listenerRules: string[];
  gracePeriodSeconds?: number;
  /** For request-based autoscaling. */
  loadBalancer: { fullName: Value; targetGroup: string };
  dnsName: Value;
}

const EXPORTS: Record<AlbScope, Record<string, EnvExportKey>> = {
  public: {
    http: 'HTTPListenerArn',
    https: 'HTTPSListenerArn',
    dns: 'PublicLoadBalancerDNS',
    zone: 'CanonicalHostedZoneID',
    fullName: 'PublicLoadBalancerFullName',
  },
  internal: {
    http: 'InternalHTTPListenerArn',
    https: 'InternalHTTPSListenerArn',
    dns: 'InternalLoadBalancerDNS',
    zone: 'InternalLoadBalancerCanonicalHostedZoneID',
    fullName: 'InternalLoadBalancerFullName',
  },
};

/** Alias names of a rule, with the hosted zone each one's record goes to (if any). */
function aliasesOf(rule: HttpRule): { name: string; zone?: string }[] {
  const a = rule.alias;
  if (a === undefined || a === '') return [];
  const list = typeof a === 'string' ? [a] : a;
  return list.map((x) =>
    typeof x === 'string'
      ? { name: x, zone: rule.hosted_zone }
      : { name: x.name, zone: x.hosted_zone ?? rule.hosted_zone },
  );
}

/** ALB path patterns: "/" matches everything, any other path matches itself and what is under it. */
export function pathPatterns(path: string | undefined): string[] {
  const trimmed = (path ?? '/').replace(/^\/+/, '').replace(/\/+$/, '');
  return trimmed === '' ? ['/*'] : [`/${trimmed}`, `/${trimmed}/*`];
}

function certificates(w: Workload, scope: AlbScope): string[] {
  const http = w.environment.http;
  return (scope === 'public' ? http?.public?.certificates : http?.private?.certificates) ?? [];
}

function rulePriority(w: Workload, index: number, suffix: string): string {
  const priority = w.input.rulePriorities[index];
  if (priority === undefined) {
    throw new Error(
      `no listener-rule priority for rule ${index} of ${w.name}: the caller must pass input.rulePriorities`,
    );
  }
  return w.parts.param(
    `RulePriority${suffix}`,
    { Type: 'Number', Description: `Priority of listener rule ${index} (chosen by the CLI among free ones).` },
    priority,
  );
}

/** ALBs speak HTTP/2 and gRPC to targets only behind HTTPS listeners. */
function checkProtocolVersion(rule: HttpRule, https: boolean, path: PathSegment[]): void {
  const version = rule.version?.toLowerCase();
  if (version !== 'grpc' && version !== 'http2') return;
  if (!https) {
    throw new RenderError(
      [...path, 'version'],
      `${version} needs an HTTPS listener, and the environment has no certificate for its load balancer`,
      'add an ACM certificate to the environment manifest (`http.public.certificates` or `http.private.certificates`)',
    );
  }
  if (rule.redirect_to_https === false) {
    throw new RenderError(
      [...path, 'redirect_to_https'],
      `${version} traffic cannot be forwarded from the HTTP listener: keep the redirect to HTTPS`,
    );
  }
}

export function addAlbRouting(w: Workload, http: HttpConfig, scope: AlbScope, ports: Ports): AlbRouting {
  if (http.alb !== undefined) {
    throw new RenderError(
      ['http', 'alb'],
      'routing through an existing load balancer (`http.alb`) is not supported yet',
      "remove `http.alb` to use the environment's load balancer",
    );
  }
  const names = EXPORTS[scope];
  const https = certificates(w, scope).length > 0;
  const rules: { rule: HttpRule; path: PathSegment[] }[] = [
    { rule: http, path: ['http'] },
    ...(http.additional_rules ?? []).map((rule, i) => ({ rule, path: ['http', 'additional_rules', i] })),
  ];
  const loadBalancers: Value[] = [];
  const listenerRules: string[] = [];
  const zones = new Map<string, Set<string>>();
  let main: Target | undefined;

  rules.forEach(({ rule, path }, i) => {
    const suffix = i === 0 ? '' : String(i);
    const container = rule.target_container ?? (i === 0 ? http.targetContainer : undefined);
    const target = targetOf(w, container, rule.target_port, path);
    main ??= target;
    ports.add(target);
    const tg = `TargetGroup${suffix}`;
    w.parts.add(
      tg,
      resource(
        'AWS::ElasticLoadBalancingV2::TargetGroup',
        `A target group for the ${target.container} container on port ${target.port}`,
        albTargetGroup(w, rule, target, path),
      ),
    );
    loadBalancers.push({ ContainerName: target.container, ContainerPort: target.port, TargetGroupArn: Ref(tg) });

    checkProtocolVersion(rule, https, path);
    const aliases = aliasesOf(rule);
    if (aliases.length > 0 && !https) {
      const where = scope === 'public' ? 'http.public.certificates' : 'http.private.certificates';
      throw new RenderError(
        [...path, 'alias'],
        `an alias needs HTTPS, and environment "${w.env}" has no certificate for its ${scope} load balancer`,
        `add the ARN of an ACM certificate that covers ${aliases[0].name} under \`${where}\` in the environment manifest`,
      );
    }
    for (const a of aliases) {
      if (a.zone) zones.set(a.zone, (zones.get(a.zone) ?? new Set()).add(a.name));
    }
    const list: Value[] = [];
    if (rule.allowed_source_ips && rule.allowed_source_ips.length > 0) {
      list.push({ Field: 'source-ip', SourceIpConfig: { Values: rule.allowed_source_ips } });
    }
    if (aliases.length > 0) {
      list.push({ Field: 'host-header', HostHeaderConfig: { Values: [...new Set(aliases.map((a) => a.name))] } });
    }
    list.push({ Field: 'path-pattern', PathPatternConfig: { Values: pathPatterns(rule.path) } });
    const priority = Ref(rulePriority(w, i, suffix));
    const forward = [{ Type: 'forward', TargetGroupArn: Ref(tg) }];
    const where = `path ${pathPatterns(rule.path)[0]}`;
    const listenerRule = (id: string, listener: EnvExportKey, actions: Value[], what: string) => {
      w.parts.add(
        id,
        resource('AWS::ElasticLoadBalancingV2::ListenerRule', what, {
          Actions: actions,
          Conditions: list,
          ListenerArn: importFromEnv(listener),
          Priority: priority,
        }),
      );
      listenerRules.push(id);
    };
    if (https) {
      const redirect = rule.redirect_to_https !== false;
      listenerRule(
        `HTTPListenerRuleWithDomain${suffix}`,
        names.http,
        redirect
          ? [
              {
                Type: 'redirect',
                RedirectConfig: {
                  Protocol: 'HTTPS',
                  Port: '443',
                  Host: '#{host}',
                  Path: '/#{path}',
                  Query: '#{query}',
                  StatusCode: 'HTTP_301',
                },
              },
            ]
          : forward,
        redirect
          ? `An HTTP listener rule for ${where} that redirects to HTTPS`
          : `An HTTP listener rule for ${where} that forwards to ${w.name}`,
      );
      listenerRule(
        `HTTPSListenerRule${suffix}`,
        names.https,
        forward,
        `An HTTPS listener rule for ${where} that forwards to ${w.name}`,
      );
    } else {
      listenerRule(
        `HTTPListenerRule${suffix}`,
        names.http,
        forward,
        `An HTTP listener rule for ${where} that forwards to ${w.name}`,
      );
    }
  });

  for (const [zone, aliasNames] of zones) {
    w.parts.add(
      `LoadBalancerDNSAlias${logicalIdSafe(zone)}`,
      resource('AWS::Route53::RecordSetGroup', `DNS records of the aliases of ${w.name} in hosted zone ${zone}`, {
        HostedZoneId: zone,
        Comment: `Aliases of ${w.name}`,
        RecordSets: [...aliasNames].sort().map((Name) => ({
          Name,
          Type: 'A',
          AliasTarget: { HostedZoneId: importFromEnv(names.zone), DNSName: importFromEnv(names.dns) },
        })),
      }),
    );
  }

  const grace = (http.healthcheck as { grace_period?: string } | undefined)?.grace_period;
  return {
    target: main!,
    loadBalancers,
    listenerRules,
    gracePeriodSeconds: typeof grace === 'string' ? seconds(durationToMs(grace)) : undefined,
    loadBalancer: { fullName: importFromEnv(names.fullName), targetGroup: 'TargetGroup' },
    dnsName: importFromEnv(names.dns),
  };
}
