// The application's domain (`app init --domain D`): the hosted zones Copilot's layout gives it and where an alias
// belongs. The application stack has the zone `<app>.<D>` (delegated from D's zone), each environment stack the zone
// `<env>.<app>.<D>` (delegated from the application's) and an ACM certificate for it, its wildcard and the aliases
// of its public services. Pure: no I/O.

/** The environment stack's output listing the aliases its certificate names (see certificateAliases). */
export const CERTIFICATE_ALIASES_OUTPUT = 'HTTPSCertificateAliases';

/** Parameter of a public service without aliases: the application's domain as the deploy found it (empty: none). */
export const APP_DOMAIN_PARAMETER = 'AppDomainName';
/** Its condition: the service answers at its default name `<svc>.<env>.<app>.<domain>`, over HTTPS. */
export const DEFAULT_NAME_CONDITION = 'HasAppDomain';

/**
 * The default name of a public service in an application with a domain, as Copilot gave it: `label` is the service's
 * name for its Application Load Balancer rules, `<svc>-nlb` for its Network Load Balancer.
 */
export function defaultDomainName(label: string, env: string, app: string, domain: string): string {
  return `${label}.${env}.${app}.${dnsName(domain)}`;
}

/** The names of an `alias` field: a name, or a list of names and `{name, hosted_zone}` maps. */
export function aliasNames(alias: unknown): string[] {
  const names: string[] = [];
  for (const a of Array.isArray(alias) ? alias : alias === undefined ? [] : [alias]) {
    if (typeof a === 'string') names.push(a);
    else if (a && typeof a === 'object' && typeof (a as { name?: unknown }).name === 'string')
      names.push((a as { name: string }).name);
  }
  return names.filter((n) => n.trim() !== '');
}

/** Which of the application's hosted zones an alias's records go to. */
export type AliasZone = 'environment' | 'application' | 'domain';

/**
 * Whether the application has a domain, for a render. `name` is the domain D when the deploy read it from the
 * application's record; offline (`package`) it is unknown, and an alias is placed by its labels instead
 * (`<x>.<env>.<app>.…` in the environment's zone, `<x>.<app>.…` in the application's, anything else in D's).
 */
export interface AppDomain {
  name?: string;
}

/** A DNS name as records and certificates take it: lower-case, without the root's trailing dot. */
export function dnsName(name: string): string {
  return name.toLowerCase().replace(/\.$/, '');
}

/**
 * The zone an alias belongs to, and how many labels it has below that zone's name; undefined when the alias is not
 * under the application's domain (only known when the domain is).
 */
export function aliasZone(
  alias: string,
  app: string,
  env: string,
  domain: AppDomain,
): { zone: AliasZone; depth: number } | undefined {
  const name = dnsName(alias);
  if (domain.name) {
    const d = dnsName(domain.name);
    const depthUnder = (zone: string): number | undefined =>
      name === zone ? 0 : name.endsWith(`.${zone}`) ? name.slice(0, -zone.length - 1).split('.').length : undefined;
    const inEnv = depthUnder(`${env}.${app}.${d}`);
    if (inEnv !== undefined) return { zone: 'environment', depth: inEnv };
    const inApp = depthUnder(`${app}.${d}`);
    if (inApp !== undefined) return { zone: 'application', depth: inApp };
    const inDomain = depthUnder(d);
    if (inDomain !== undefined) return { zone: 'domain', depth: inDomain };
    return undefined;
  }
  const labels = name.split('.');
  // The domain is at least one label after `<env>.<app>` or `<app>`.
  for (let i = 0; i + 2 < labels.length; i++) {
    if (labels[i] === env && labels[i + 1] === app) return { zone: 'environment', depth: i };
  }
  for (let i = 0; i + 1 < labels.length; i++) {
    if (labels[i] === app) return { zone: 'application', depth: i };
  }
  return { zone: 'domain', depth: Math.max(labels.length - 2, 0) };
}

/**
 * The aliases the environment's certificate must name besides `<env>.<app>.<D>` and its wildcard, with the zone each
 * is validated in: those under the domain that the wildcard does not cover. Lower-case, sorted.
 */
export function certificateAliases(
  aliases: string[],
  app: string,
  env: string,
  domain: AppDomain,
): Map<string, AliasZone> {
  const extra = new Map<string, AliasZone>();
  for (const alias of aliases) {
    const where = aliasZone(alias, app, env, domain);
    // Outside the domain: the workload needs an imported certificate, and says so when it renders.
    if (!where || coveredByEnvironmentName(where)) continue;
    extra.set(dnsName(alias), where.zone);
  }
  return new Map([...extra].sort(([a], [b]) => a.localeCompare(b)));
}

/** `<app>.<D>`, the application's zone. */
export function appDnsName(app: string, domain: string): string {
  return `${app}.${dnsName(domain)}`;
}

/** Whether the environment certificate's own names (`<env>.<app>.<D>` and `*.<env>.<app>.<D>`) cover the alias. */
export function coveredByEnvironmentName(where: { zone: AliasZone; depth: number }): boolean {
  return where.zone === 'environment' && where.depth <= 1;
}
