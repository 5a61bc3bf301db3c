// Where a deployed workload is reached, read from its deployed template and the two stacks' outputs: ALB rules
// (listener → public or internal load balancer and HTTP or HTTPS, path pattern, host headers), NLB listeners,
// Service Connect aliases, the Cloud Map name `<svc>.<env>.<app>.local`, App Runner / Express / CloudFront URLs.
import { IMPORTED_ALB_PARAMETERS } from '../stack/lookup-parameters';
import { APP_DOMAIN_PARAMETER, DEFAULT_NAME_CONDITION, defaultDomainName } from '../stack/app-domain';
import { serviceDiscoveryNamespace } from '../stack/naming';
import { literal, ParsedTemplate, resourcesOfType, TemplateValue } from '../status/cfn-template';
import type { Endpoint, EndpointKind } from './model';

export interface EndpointInputs {
  app: string;
  env: string;
  name: string;
  template: ParsedTemplate;
  parameters: Record<string, string>;
  outputs: Record<string, string>;
  environmentOutputs: Record<string, string>;
}

type Condition = {
  Field?: string;
  Values?: unknown;
  PathPatternConfig?: { Values?: unknown };
  HostHeaderConfig?: { Values?: unknown };
};

const strings = (v: unknown): string[] | undefined =>
  Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : undefined;

/** The rule's path: `/*` is the root; `/api` (with `/api/*`) is `/api`. Copilot's `!If` falls back to RulePath. */
function rulePath(conditions: Condition[], parameters: Record<string, string>): string {
  const c = conditions.find((x) => x.Field === 'path-pattern');
  const values = strings(c?.PathPatternConfig?.Values ?? c?.Values);
  if (values?.length) return values[0] === '/*' ? '/' : values[0].replace(/\/\*$/, '') || '/';
  const param = parameters.RulePath;
  return param === undefined || param === '/' ? '/' : `/${param.replace(/^\/+/, '')}`;
}

function hosts(conditions: Condition[]): string[] {
  const c = conditions.find((x) => x.Field === 'host-header');
  return strings(c?.HostHeaderConfig?.Values ?? c?.Values) ?? [];
}

/** The name of the environment export a listener ARN is imported from (`...-HTTPSListenerArn`). */
function listenerExport(arn: TemplateValue): string {
  return JSON.stringify(arn ?? '');
}

function isRedirect(actions: unknown): boolean {
  return (
    Array.isArray(actions) && actions.length > 0 && actions.every((a) => (a as { Type?: string }).Type === 'redirect')
  );
}

/** `Fn::If` on the default-name condition, decided by the deployed AppDomainName parameter. */
function withDomain(value: TemplateValue, hasDomain: boolean): TemplateValue {
  const choice = (value as { 'Fn::If'?: unknown[] } | null)?.['Fn::If'];
  if (Array.isArray(choice) && choice[0] === DEFAULT_NAME_CONDITION)
    return (hasDomain ? choice[1] : choice[2]) as TemplateValue;
  return value;
}

function albEndpoints(i: EndpointInputs): Endpoint[] {
  const found = new Map<string, Endpoint>();
  // A service without aliases in an application with a domain answers at its default name (see alb.ts).
  const domain = i.parameters[APP_DOMAIN_PARAMETER] ?? '';
  for (const [id, rule] of resourcesOfType(i.template, 'AWS::ElasticLoadBalancingV2::ListenerRule')) {
    const byDefaultName = i.template.Resources?.[id]?.Condition === DEFAULT_NAME_CONDITION;
    if (byDefaultName && !domain) continue; // not created
    if (isRedirect(withDomain(rule.Actions, !!domain))) continue; // the HTTP → HTTPS redirect of a rule listed with its HTTPS twin
    const listener = listenerExport(rule.ListenerArn);
    // A rule on an existing load balancer (`http.alb`) names it through the parameters the deploy looked up: the
    // rule sits on the HTTPS listener when there is one (the HTTP twin names only the HTTP listener).
    const imported = listener.includes(IMPORTED_ALB_PARAMETERS.httpListener);
    const internal = !imported && /Internal/.test(listener);
    const https = imported
      ? listener.includes(IMPORTED_ALB_PARAMETERS.httpsListener) &&
        !!i.parameters[IMPORTED_ALB_PARAMETERS.httpsListener]
      : /HTTPSListener/.test(listener);
    const dns = imported
      ? i.parameters[IMPORTED_ALB_PARAMETERS.dnsName] || undefined
      : internal
        ? i.environmentOutputs.InternalLoadBalancerDNSName
        : i.environmentOutputs.PublicLoadBalancerDNSName;
    const conditions = Array.isArray(rule.Conditions) ? (rule.Conditions as Condition[]) : [];
    const path = rulePath(conditions, i.parameters);
    const names = byDefaultName ? [defaultDomainName(i.name, i.env, i.app, domain)] : hosts(conditions);
    const kind: EndpointKind = internal ? 'internal-load-balancer' : 'load-balancer';
    for (const host of names.length ? names : [dns ?? '<load balancer>']) {
      const address = `${https ? 'https' : 'http'}://${host}${path}`;
      found.set(address, { kind, address });
    }
  }
  return [...found.values()];
}

function nlbEndpoints(i: EndpointInputs): Endpoint[] {
  const output = i.outputs.PublicNetworkLoadBalancerDNSName;
  if (!output) return [];
  // Its default name under the application's domain, when it has one (see domain-names.ts).
  const domain = i.template.Resources?.NLBDefaultNameRecord ? i.parameters[APP_DOMAIN_PARAMETER] : undefined;
  const dns = domain ? defaultDomainName(`${i.name}-nlb`, i.env, i.app, domain) : output;
  return resourcesOfType(i.template, 'AWS::ElasticLoadBalancingV2::Listener').map(([, l]) => ({
    kind: 'network-load-balancer' as const,
    address: `${(literal(l.Protocol, i.parameters) ?? 'TCP').toLowerCase()}://${dns}:${literal(l.Port, i.parameters) ?? '?'}`,
  }));
}

/** Service Connect aliases and the Cloud Map name, from the ECS service's properties. */
function internalEndpoints(i: EndpointInputs): Endpoint[] {
  const service = i.template.Resources?.Service;
  if (service?.Type !== 'AWS::ECS::Service') return [];
  const p = service.Properties ?? {};
  const found: Endpoint[] = [];
  const connect = p.ServiceConnectConfiguration as { Enabled?: unknown; Services?: unknown } | undefined;
  if (connect && (connect.Enabled === true || connect.Enabled === 'true') && Array.isArray(connect.Services)) {
    for (const s of connect.Services as { ClientAliases?: { DnsName?: unknown; Port?: unknown }[] }[]) {
      for (const a of s.ClientAliases ?? []) {
        const host = literal(a.DnsName, i.parameters) ?? i.name;
        found.push({ kind: 'service-connect', address: `${host}:${literal(a.Port, i.parameters) ?? '?'}` });
      }
    }
  }
  const registries = Array.isArray(p.ServiceRegistries) ? (p.ServiceRegistries as Record<string, unknown>[]) : [];
  if (i.template.Resources?.DiscoveryService && registries.length) {
    const port = literal(registries[0].Port ?? registries[0].ContainerPort, i.parameters);
    const host = `${i.name}.${serviceDiscoveryNamespace(i.app, i.env)}`;
    found.push({ kind: 'service-discovery', address: port ? `${host}:${port}` : host });
  }
  return found;
}

function urlEndpoints(i: EndpointInputs): Endpoint[] {
  const o = i.outputs;
  const type = i.template.Resources?.Service?.Type;
  const found: Endpoint[] = [];
  if (o.ServiceURL) {
    const kind: EndpointKind = type === 'AWS::AppRunner::Service' ? 'app-runner' : 'ecs-express';
    found.push({ kind, address: /^https?:\/\//.test(o.ServiceURL) ? o.ServiceURL : `https://${o.ServiceURL}` });
  }
  for (const key of ['CloudFrontDistributionAlternativeDomainName', 'CloudFrontDistributionDomainName']) {
    if (o[key]) found.push({ kind: 'cloudfront', address: `https://${o[key]}` });
  }
  if (o.CustomDomain)
    found.push({ kind: 'app-runner', address: `https://${o.CustomDomain.replace(/^https?:\/\//, '')}` });
  return found;
}

export function endpointsOf(inputs: EndpointInputs): Endpoint[] {
  return [...albEndpoints(inputs), ...nlbEndpoints(inputs), ...urlEndpoints(inputs), ...internalEndpoints(inputs)];
}
