// A public service's names under the application's domain (`app init --domain D`), as A records pointing at its
// load balancer. Its default name, as Copilot gave it: `<svc>.<env>.<app>.<D>` for its Application Load Balancer
// rules, `<svc>-nlb.<env>.<app>.<D>` for its Network Load Balancer; whether the application has a domain is a
// parameter (AppDomainName, empty: none) behind the condition HasAppDomain, so the template is the same with and
// without one (`package` leaves it empty), and the deployed stack's value spares the next deploy reading the
// application's record (deploy/workload.ts). Its aliases under D, each in the zone that holds it.
import { APP_DOMAIN_PARAMETER, AliasZone, DEFAULT_NAME_CONDITION, dnsName } from '../app-domain';
import { EnvExportKey, importFromEnv } from '../exports';
import { logicalIdSafe } from './parts';
import { Equals, Not, Ref, resource, Sub, Value } from '../template';
import type { Workload } from './workload';

/** The condition that the application has a domain; declares its parameter on first use. */
export function defaultNameCondition(w: Workload): string {
  w.parts.param(
    APP_DOMAIN_PARAMETER,
    {
      Type: 'String',
      Description: "The application's domain (`app init --domain`); empty: it has none (filled at deploy).",
      Default: '',
    },
    w.input.appDomain?.name ?? '',
  );
  return w.parts.condition(DEFAULT_NAME_CONDITION, Not(Equals(Ref(APP_DOMAIN_PARAMETER), '')));
}

/** An A record `<label>.<env>.<app>.<D>` in the environment's zone pointing at a load balancer, with the domain. */
export function addDefaultNameRecord(
  w: Workload,
  logicalId: string,
  label: string,
  target: { DNSName: Value; HostedZoneId: Value },
  what: string,
): void {
  w.parts.add(
    logicalId,
    resource(
      'AWS::Route53::RecordSet',
      `The DNS record of ${what} under the application's domain`,
      {
        HostedZoneId: importFromEnv('EnvironmentHostedZoneID'),
        Name: Sub(`${label}.${w.env}.${w.app}.\${${APP_DOMAIN_PARAMETER}}`),
        Type: 'A',
        AliasTarget: target,
      },
      { Condition: defaultNameCondition(w) },
    ),
  );
}

/** The environment exports of the application's zones, where alias records under its domain go. */
const ZONE_EXPORTS: Record<AliasZone, EnvExportKey> = {
  environment: 'EnvironmentHostedZoneID',
  application: 'AppHostedZoneID',
  domain: 'DomainHostedZoneID',
};

/** The ID of one of the application's zones, imported from the environment. */
export function zoneIdOf(zone: AliasZone): Value {
  return importFromEnv(ZONE_EXPORTS[zone]);
}

/** An A record for an alias under the application's domain, in the zone that holds it, pointing at `target`. */
export function addAliasRecord(
  w: Workload,
  prefix: string,
  alias: string,
  zone: AliasZone,
  target: { DNSName: Value; HostedZoneId: Value },
): void {
  const name = dnsName(alias);
  w.parts.add(
    `${prefix}${logicalIdSafe(name)}`,
    resource('AWS::Route53::RecordSet', `The DNS record of alias ${name}`, {
      HostedZoneId: zoneIdOf(zone),
      Name: name,
      Type: 'A',
      AliasTarget: target,
    }),
  );
}
