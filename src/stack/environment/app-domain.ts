// The environment's part of the application's domain (`app init --domain D`), without a custom resource: its hosted
// zone `<env>.<app>.<D>` delegated from the application's zone, and an ACM certificate validated by DNS (CloudFormation
// writes the validation records itself, the zones being in the account) for that name, its wildcard and the aliases
// of the public services under D. Everything is behind the condition DelegateDNS (AppDNSName is set): `package`
// leaves the parameters empty, the deploy fills them from the application's record and stack.
import { AppDomain, AliasZone, CERTIFICATE_ALIASES_OUTPUT, certificateAliases, dnsName } from '../app-domain';
import { And, GetAtt, Ref, resource, Sub, Value } from '../template';
import { CONDITION, notEmpty, PARAM } from './parameters';
import { EnvContext } from './parts';

/** Values of the domain parameters, from the deploy. */
export interface AppDnsValues {
  /** D. */
  domain: string;
  /** ID of the hosted zone `<app>.<D>`. */
  appZoneId: string;
  /** ID of D's hosted zone. */
  domainZoneId: string;
}

export const ENV_ZONE = 'EnvironmentHostedZone';
export const ENV_CERTIFICATE = 'HTTPSCert';
const envZoneName = Sub(`\${${PARAM.env}}.\${${PARAM.appDnsName}}`);

/** The ID of one of the application's zones, in the environment stack (with the condition DelegateDNS). */
export function aliasZoneId(zone: AliasZone): Value {
  return { environment: Ref(ENV_ZONE), application: Ref(PARAM.appDnsZone), domain: Ref(PARAM.domainZone) }[zone];
}

/** Adds the zone, its delegation and the certificate; returns the condition they exist under. */
export function addAppDomain(
  ctx: EnvContext,
  domain: AppDomain,
  aliases: string[],
  values: AppDnsValues | undefined,
): string {
  const { parts, app, env } = ctx;
  const param = (name: string, description: string, value: string) =>
    parts.parameter(name, { Type: 'String', Description: description, Default: '' }, value);
  param(
    PARAM.appDnsName,
    "The application's DNS name, <app>.<domain>; empty: the application has no domain (filled at deploy).",
    values ? `${app}.${dnsName(values.domain)}` : '',
  );
  param(
    PARAM.appDnsZone,
    "ID of the application's hosted zone <app>.<domain> (filled at deploy).",
    values?.appZoneId ?? '',
  );
  param(
    PARAM.domainZone,
    "ID of the hosted zone of the application's domain (filled at deploy).",
    values?.domainZoneId ?? '',
  );
  const condition = parts.condition(CONDITION.delegateDns, notEmpty(PARAM.appDnsName));

  parts.add(
    ENV_ZONE,
    resource(
      'AWS::Route53::HostedZone',
      "The environment's hosted zone <env>.<app>.<domain>",
      {
        Name: envZoneName,
        HostedZoneConfig: { Comment: Sub(`Hosted zone of environment \${${PARAM.env}} of \${${PARAM.app}}`) },
      },
      { Condition: condition },
    ),
  );
  parts.add(
    'EnvironmentHostedZoneDelegation',
    resource(
      'AWS::Route53::RecordSet',
      "The delegation of the environment's hosted zone from the application's",
      {
        HostedZoneId: Ref(PARAM.appDnsZone),
        Name: envZoneName,
        Type: 'NS',
        TTL: '900',
        ResourceRecords: GetAtt(ENV_ZONE, 'NameServers'),
      },
      { Condition: condition },
    ),
  );

  const extra = certificateAliases(aliases, app, env, domain);
  const names = [...extra.keys()];
  parts.add(
    ENV_CERTIFICATE,
    resource(
      'AWS::CertificateManager::Certificate',
      `A certificate for the environment's domain${names.length > 0 ? ' and the aliases of its services' : ''}`,
      {
        DomainName: envZoneName,
        SubjectAlternativeNames: [Sub(`*.\${${PARAM.env}}.\${${PARAM.appDnsName}}`), ...names],
        ValidationMethod: 'DNS',
        // CloudFormation writes each validation record in the zone named here and waits for the certificate.
        DomainValidationOptions: [
          { DomainName: envZoneName, HostedZoneId: Ref(ENV_ZONE) },
          ...names.map((name) => ({ DomainName: name, HostedZoneId: aliasZoneId(extra.get(name)!) })),
        ],
      },
      // The zone answers only once the application's zone delegates to it.
      { Condition: condition, DependsOn: 'EnvironmentHostedZoneDelegation' },
    ),
  );
  if (names.length > 0) {
    // Read by `svc deploy`, to tell a user whose new alias the certificate does not name yet to deploy the environment.
    parts.output(CERTIFICATE_ALIASES_OUTPUT, {
      Description: "The services' aliases the environment's certificate names besides its own domain and wildcard.",
      Value: names.join(','),
      Condition: condition,
    });
  }
  return condition;
}

/** The HTTPS listener's condition with the environment certificate: the load balancer and the domain both exist. */
export function appCertificateCondition(ctx: EnvContext, alb: string, delegateDns: string): string {
  return ctx.parts.condition(CONDITION.appCertificate, And({ Condition: alb }, { Condition: delegateDns }));
}
