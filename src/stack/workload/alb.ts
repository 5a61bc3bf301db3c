// Application Load Balancer routing of Load Balanced Web Services (the environment's public ALB) and Backend
// Services (its internal ALB): one target group per rule (`http` and each of `additional_rules`) and its
// listener rules. With certificates in the environment, HTTPS rules forward and HTTP rules redirect to HTTPS.
// Priorities are parameters chosen by the CLI (RulePriority, RulePriority1, ...), not by a custom resource.
// `http.alb` puts a Load Balanced Web Service's rules on an existing load balancer instead (imported-alb.ts).
import type { PathSegment } from '../../manifest/node';
import { durationToMs } from '../../manifest/values';
import { RenderError } from '../inputs';
import { aliasZone, dnsName } from '../app-domain';
import type { AliasZone } from '../app-domain';
import { importFromEnv } from '../exports';
import type { EnvExportKey } from '../exports';
import { If, Ref, resource } from '../template';
import type { Value } from '../template';
import { addAliasRecord, addDefaultNameRecord, defaultNameCondition } from './domain-names';
import { addImportedAlbIngress, declareImportedAlb } from './imported-alb';
import type { ImportedAlbRefs } from './imported-alb';
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

/** Alias names of a rule, with the hosted zone each one's record goes to (if any) and the field of each. */
function aliasesOf(rule: HttpRule): { name: string; zone?: string; field: PathSegment[] }[] {
  const a = rule.alias;
  if (a === undefined || a === '') return [];
  if (typeof a === 'string') return [{ name: a, zone: rule.hosted_zone, field: ['alias'] }];
  return a.map((x, i) =>
    typeof x === 'string'
      ? { name: x, zone: rule.hosted_zone, field: ['alias', i] }
      : { name: x.name, zone: x.hosted_zone ?? rule.hosted_zone, field: ['alias', i, 'name'] },
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

/**
 * ALBs speak HTTP/2 and gRPC to targets only behind HTTPS listeners. Whether an imported load balancer has one is
 * known at deploy only (`https` undefined offline).
 */
function checkProtocolVersion(
  rule: HttpRule,
  https: boolean | undefined,
  path: PathSegment[],
  imported: ImportedAlbRefs | undefined,
): void {
  const version = rule.version?.toLowerCase();
  if (version !== 'grpc' && version !== 'http2') return;
  if (https === false) {
    throw new RenderError(
      [...path, 'version'],
      imported
        ? `${version} needs an HTTPS listener, and load balancer ${imported.ref} (\`http.alb\`) has none on port 443`
        : `${version} needs an HTTPS listener, and the environment has no certificate for its load balancer`,
      imported
        ? 'add an HTTPS listener on port 443 to the load balancer'
        : 'add an ACM certificate to the environment manifest (`http.public.certificates` or `http.private.certificates`)',
    );
  }
  if (rule.redirect_to_https === false) {
    throw new RenderError(
      [...path, 'redirect_to_https'],
      `${version} traffic cannot be forwarded from the HTTP listener: keep the redirect to HTTPS`,
    );
  }
}

/** CloudFront terminates TLS in front of the environment's public load balancer and reaches it over HTTP. */
function cdnTerminatesTls(w: Workload): boolean {
  const cdn = w.environment.cdn;
  return typeof cdn === 'object' && cdn !== null && cdn.terminate_tls === true;
}

/** The existing load balancer `http.alb` names; Copilot has it for Load Balanced Web Services only. */
function importedAlb(w: Workload, http: HttpConfig, scope: AlbScope): ImportedAlbRefs | undefined {
  if (http.alb === undefined) return undefined;
  if (scope !== 'public' || w.type !== 'Load Balanced Web Service') {
    throw new RenderError(
      ['http', 'alb'],
      `\`http.alb\` is for Load Balanced Web Services: a ${w.type} routes through the environment's internal load balancer`,
      'remove `http.alb`',
    );
  }
  return declareImportedAlb(w, http.alb);
}

const REDIRECT_TO_HTTPS = {
  Type: 'redirect',
  RedirectConfig: {
    Protocol: 'HTTPS',
    Port: '443',
    Host: '#{host}',
    Path: '/#{path}',
    Query: '#{query}',
    StatusCode: 'HTTP_301',
  },
};

export function addAlbRouting(w: Workload, http: HttpConfig, scope: AlbScope, ports: Ports): AlbRouting {
  const imported = importedAlb(w, http, scope);
  const names = EXPORTS[scope];
  const rules: { rule: HttpRule; path: PathSegment[] }[] = [
    { rule: http, path: ['http'] },
    ...(http.additional_rules ?? []).map((rule, i) => ({ rule, path: ['http', 'additional_rules', i] })),
  ];
  // Without imported certificates, the environment's public listener has the certificate of the application's
  // domain when the application has one (`input.appDomain`).
  const onDomain = !imported && scope === 'public' && certificates(w, scope).length === 0;
  const hasAliases = rules.some(({ rule }) => aliasesOf(rule).length > 0);
  const appDomain = onDomain ? w.input.appDomain : undefined;
  // Without aliases, it answers at its default name when the application has a domain (see domain-names.ts): HTTPS
  // forwards and HTTP redirects then.
  const defaultName = onDomain && !hasAliases ? defaultNameCondition(w) : undefined;
  // With a default name, HTTPS is there when the domain is (a condition); the checks take the deploy's answer.
  const https = imported
    ? imported.https
    : certificates(w, scope).length > 0 || (defaultName ? !!appDomain?.name : !!appDomain);
  const loadBalancers: Value[] = [];
  const listenerRules: string[] = [];
  const zones = new Map<string, Set<string>>();
  /** Aliases under the application's domain, by name, with the zone their record goes to. */
  const domainRecords = new Map<string, AliasZone>();
  /** Ports the load balancer sends traffic and health checks to. */
  const reached: number[] = [];
  let main: Target | undefined;

  rules.forEach(({ rule, path }, i) => {
    const suffix = i === 0 ? '' : String(i);
    const container = rule.target_container ?? (i === 0 ? http.targetContainer : undefined);
    const target = targetOf(w, container, rule.target_port, path);
    main ??= target;
    ports.add(target);
    reached.push(target.port);
    const healthPort = typeof rule.healthcheck === 'object' ? Number(rule.healthcheck.port) : NaN;
    if (Number.isInteger(healthPort)) reached.push(healthPort);
    // Not `TargetGroup`: a target group belongs to one load balancer, so moving to another one replaces it.
    const tg = `${imported ? 'TargetGroupForImportedALB' : 'TargetGroup'}${suffix}`;
    w.parts.add(
      tg,
      resource(
        'AWS::ElasticLoadBalancingV2::TargetGroup',
        `A target group for the ${target.container} container on port ${target.port}`,
        albTargetGroup(w, rule, target, path),
      ),
    );
    loadBalancers.push({ ContainerName: target.container, ContainerPort: target.port, TargetGroupArn: Ref(tg) });

    checkProtocolVersion(rule, https, path, imported);
    const aliases = aliasesOf(rule);
    // The certificates of an imported load balancer are its owner's business.
    if (aliases.length > 0 && !https && !imported) {
      const where = scope === 'public' ? 'http.public.certificates' : 'http.private.certificates';
      throw new RenderError(
        [...path, 'alias'],
        `an alias needs HTTPS, and environment "${w.env}" has no certificate for its ${scope} load balancer`,
        scope === 'public'
          ? `add the ARN of an ACM certificate that covers ${aliases[0].name} under \`${where}\` in the environment manifest, or use an application with a domain (\`app init --domain\`)`
          : `add the ARN of an ACM certificate that covers ${aliases[0].name} under \`${where}\` in the environment manifest`,
      );
    }
    for (const a of aliases) {
      if (appDomain) {
        const where = aliasZone(a.name, w.app, w.env, appDomain);
        if (!where) {
          throw new RenderError(
            [...path, ...a.field],
            `"${a.name}" is not under the application's domain ${appDomain.name}, and environment "${w.env}" has no certificate for it`,
            `use a name under ${appDomain.name}, or add the ARN of an ACM certificate that covers it under \`http.public.certificates\` in the environment manifest`,
          );
        }
        // A record in a zone the manifest names stays there; otherwise in the application's zone it belongs to.
        if (!a.zone) {
          domainRecords.set(dnsName(a.name), where.zone);
          continue;
        }
      }
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
    // Not when CloudFront terminates TLS and reaches the environment's load balancer over HTTP: viewers would go
    // round in a loop (the environment's HTTP listener does the same).
    const redirect = rule.redirect_to_https !== false && !(scope === 'public' && !imported && cdnTerminatesTls(w));
    /**
     * A rule; the service waits for it unless it has a condition (DependsOn cannot name a resource left out).
     * `after`: a conditional rule this one is created after, so that the service waits for it too when it exists.
     */
    const listenerRule = (
      id: string,
      listener: Value,
      actions: Value,
      what: string,
      options: { condition?: string; after?: { condition: string; rule: string } } = {},
    ) => {
      const { condition, after } = options;
      const added = resource(
        'AWS::ElasticLoadBalancingV2::ListenerRule',
        what,
        { Actions: actions, Conditions: list, ListenerArn: listener, Priority: priority },
        condition ? { Condition: condition } : {},
      );
      // A reference in Metadata orders creation like DependsOn, and unlike DependsOn it can sit under Fn::If.
      if (after) added.Metadata!['mycopilot:created-after'] = If(after.condition, Ref(after.rule), '');
      w.parts.add(id, added);
      if (!condition) listenerRules.push(id);
    };
    if (imported) {
      // The forwarding rule always exists, on the HTTPS listener if there is one; the HTTP twin only with both.
      listenerRule(
        `ListenerRuleForImportedALB${suffix}`,
        imported.forwardListener,
        forward,
        `A listener rule of the imported load balancer for ${where} that forwards to ${w.name} (over HTTPS when it listens on 443)`,
      );
      listenerRule(
        `${redirect ? 'HTTPListenerRedirectRuleForImportedALB' : 'HTTPListenerRuleForImportedALB'}${suffix}`,
        imported.httpListener,
        redirect ? [REDIRECT_TO_HTTPS] : forward,
        redirect
          ? `An HTTP listener rule of the imported load balancer for ${where} that redirects to HTTPS`
          : `An HTTP listener rule of the imported load balancer for ${where} that forwards to ${w.name}`,
        { condition: imported.bothListeners },
      );
    } else if (https || defaultName) {
      // Under a default name the HTTPS rule exists with the domain only: the HTTP rule, which the service waits
      // for, is created after it then, and keeps the ID it has without a domain (where it forwards).
      const httpsRule = `HTTPSListenerRule${suffix}`;
      const toHttps = defaultName ? If(defaultName, [REDIRECT_TO_HTTPS], forward) : [REDIRECT_TO_HTTPS];
      listenerRule(
        `${defaultName ? 'HTTPListenerRule' : 'HTTPListenerRuleWithDomain'}${suffix}`,
        importFromEnv(names.http),
        redirect ? toHttps : forward,
        redirect
          ? `An HTTP listener rule for ${where} that redirects to HTTPS${defaultName ? " under the application's domain, else forwards" : ''}`
          : `An HTTP listener rule for ${where} that forwards to ${w.name}`,
        defaultName ? { after: { condition: defaultName, rule: httpsRule } } : {},
      );
      listenerRule(
        httpsRule,
        importFromEnv(names.https),
        forward,
        `An HTTPS listener rule for ${where} that forwards to ${w.name}`,
        { condition: defaultName },
      );
    } else {
      listenerRule(
        `HTTPListenerRule${suffix}`,
        importFromEnv(names.http),
        forward,
        `An HTTP listener rule for ${where} that forwards to ${w.name}`,
      );
    }
  });
  if (imported) addImportedAlbIngress(w, reached);
  const loadBalancerDns = imported ? imported.dnsName : importFromEnv(names.dns);

  for (const [zone, aliasNames] of zones) {
    w.parts.add(
      `LoadBalancerDNSAlias${logicalIdSafe(zone)}`,
      resource('AWS::Route53::RecordSetGroup', `DNS records of the aliases of ${w.name} in hosted zone ${zone}`, {
        HostedZoneId: zone,
        Comment: `Aliases of ${w.name}`,
        RecordSets: [...aliasNames].sort().map((Name) => ({
          Name,
          Type: 'A',
          AliasTarget: {
            HostedZoneId: imported ? imported.hostedZone : importFromEnv(names.zone),
            DNSName: loadBalancerDns,
          },
        })),
      }),
    );
  }

  if (defaultName) {
    const target = { HostedZoneId: importFromEnv(names.zone), DNSName: loadBalancerDns };
    addDefaultNameRecord(w, 'DefaultNameRecord', w.name, target, `${w.name}'s name`);
  }

  for (const [name, zone] of [...domainRecords].sort(([a], [b]) => a.localeCompare(b))) {
    const target = { HostedZoneId: importFromEnv(names.zone), DNSName: loadBalancerDns };
    addAliasRecord(w, 'AliasRecord', name, zone, target);
  }

  const grace = (http.healthcheck as { grace_period?: string } | undefined)?.grace_period;
  return {
    target: main!,
    loadBalancers,
    listenerRules,
    gracePeriodSeconds: typeof grace === 'string' ? seconds(durationToMs(grace)) : undefined,
    loadBalancer: {
      fullName: imported ? imported.fullName : importFromEnv(names.fullName),
      targetGroup: imported ? 'TargetGroupForImportedALB' : 'TargetGroup',
    },
    dnsName: loadBalancerDns,
  };
}
