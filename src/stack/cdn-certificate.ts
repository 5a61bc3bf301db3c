// The certificate CloudFront serves an environment's static-assets alias with, when the manifest names no
// `cdn.certificate` and the application has a domain. CloudFront takes certificates from ACM in us-east-1 only and
// a stack cannot create resources in another Region without a Lambda, so the certificate is a stack of its own,
// `<app>-<env>-CDNCertificate` in us-east-1, validated by DNS in the alias's hosted zone (Route 53 is global). The
// environment stack takes its ARN as the parameter CDNCertificateArn. Pure: no I/O.
import { AliasZone, dnsName } from './app-domain';
import { environmentTags } from './naming';
import { RenderedStack, Ref, resource } from './template';

/** The only Region whose ACM certificates CloudFront accepts. */
export const CDN_CERTIFICATE_REGION = 'us-east-1';
/** The certificate stack's outputs read by `env deploy`: its ARN, and the name it is for. */
export const CDN_CERTIFICATE_OUTPUT = 'CertificateArn';
export const CDN_CERTIFICATE_ALIAS_OUTPUT = 'Alias';
/** The environment stack's output naming the static-assets alias, once CloudFront serves it with the certificate. */
export const CDN_STATIC_ALIAS_OUTPUT = 'StaticAssetsAlias';
const ZONE_PARAMETER = 'HostedZoneID';

/** Upper-case, so that no workload stack `<app>-<env>-<name>` (names are lower-case) can have this name. */
export function cdnCertificateStackName(app: string, env: string): string {
  return `${app}-${env}-CDNCertificate`;
}

export interface CdnCertificateInput {
  app: string;
  env: string;
  /** `cdn.static_assets.alias`, the one name the certificate is for. */
  alias: string;
  /** Which of the application's zones the alias is in (see aliasZone). */
  zone: AliasZone;
  /** That zone's ID; unknown offline (`package`), filled by the deploy. */
  zoneId?: string;
}

const ZONE_WHAT: Record<AliasZone, string> = {
  environment: "the environment's hosted zone <env>.<app>.<domain>",
  application: "the application's hosted zone <app>.<domain>",
  domain: "the hosted zone of the application's domain",
};

export function buildCdnCertificateStack(input: CdnCertificateInput): RenderedStack {
  const alias = dnsName(input.alias);
  return {
    stackName: cdnCertificateStackName(input.app, input.env),
    template: {
      AWSTemplateFormatVersion: '2010-09-09',
      Description: `mycopilot CloudFront certificate (us-east-1) of environment ${input.env} of ${input.app}.`,
      Parameters: {
        [ZONE_PARAMETER]: {
          Type: 'AWS::Route53::HostedZone::Id',
          Description: `ID of ${ZONE_WHAT[input.zone]}, where the certificate's validation record goes (filled at deploy).`,
        },
      },
      Resources: {
        Certificate: resource('AWS::CertificateManager::Certificate', `The CloudFront certificate for ${alias}`, {
          DomainName: alias,
          ValidationMethod: 'DNS',
          // CloudFormation writes the validation record in this zone and waits until ACM issues the certificate.
          DomainValidationOptions: [{ DomainName: alias, HostedZoneId: Ref(ZONE_PARAMETER) }],
        }),
      },
      Outputs: {
        [CDN_CERTIFICATE_OUTPUT]: { Description: 'ARN of the certificate.', Value: Ref('Certificate') },
        [CDN_CERTIFICATE_ALIAS_OUTPUT]: { Description: 'The name the certificate is for.', Value: alias },
      },
    },
    parameters: { [ZONE_PARAMETER]: input.zoneId ?? '' },
    tags: environmentTags(input.app, input.env),
  };
}
