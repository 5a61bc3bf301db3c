// `http.alias` of a Request-Driven Web Service on App Runner. CloudFormation has no resource for App Runner custom
// domains, so after the stack deploys: associate the domain with the service (once), then write the certificate
// validation CNAMEs and the alias record into the application's Route 53 hosted zone, or print them when the
// domain is not in one. An alias removed from the manifest is disassociated and its records deleted.
// Deleting the service drops its associations; `svc delete` calls releaseCustomDomain first for the DNS records.
// The App Runner and Route 53 calls are in src/aws/custom-domains.ts.
import { MycopilotError } from '../errors';
import { call } from '../aws/errors';
import type { DeploySession } from './session';
import { once } from './once';
import {
  CustomDomainApi,
  CustomDomainState,
  DnsApi,
  DnsRecord,
  normalizeDomain as normalize,
  route53DnsApi,
  sdkCustomDomainApi,
} from '../aws/custom-domains';

export type { CustomDomainApi, CustomDomainState, DnsApi, DnsRecord };

export interface CustomDomainRequest {
  app: string;
  service: string;
  /** Outputs of the workload stack as deployed now (ServiceArn, CustomDomain). */
  outputs: Record<string, string>;
  /** Outputs of the stack before this deploy; its CustomDomain is disassociated when the manifest dropped it. */
  previous?: Record<string, string>;
}

export interface CustomDomainResult {
  domain?: string;
  status?: string;
  associated: boolean;
  removed?: string;
  /** Where the records went: a hosted zone ID, or 'printed'. */
  records?: string;
}

export interface CustomDomainDeps {
  domains?: CustomDomainApi;
  dns?: DnsApi;
  /** Polls of DescribeCustomDomains for the validation records, and the wait between them. */
  polls?: number;
  pollMs?: number;
}

/** Route 53 hosted zones of App Runner service domains, for alias records (docs.aws.amazon.com/general/latest/gr/apprunner.html). */
export const APP_RUNNER_ALIAS_ZONES: Record<string, string> = {
  'us-east-2': 'Z0224347AD7KVHMLOX31',
  'us-east-1': 'Z01915732ZBZKC8D32TPT',
  'us-west-2': 'Z02243383FTQ64HJ5772Q',
  'ap-south-1': 'Z00855883LBHKTIC4ODF2',
  'ap-southeast-1': 'Z09819469CZ3KQ8PWMCL',
  'ap-southeast-2': 'Z03657752RA8799S0TI5I',
  'ap-northeast-1': 'Z08491812XW6IPYLR6CCA',
  'eu-central-1': 'Z0334911C2FDI2Q9M4FZ',
  'eu-west-1': 'Z087551914Z2PCAU0QHMW',
  'eu-west-2': 'Z098228427VC6B3IX76ON',
  'eu-west-3': 'Z087117439MBKHYM69QS6',
};

/**
 * Brings the service's custom domain in line with the manifest. Costs nothing when the stack has no alias now and
 * had none before; one DescribeCustomDomains call when the alias is already active.
 */
export async function syncCustomDomain(
  session: DeploySession,
  request: CustomDomainRequest,
  deps: CustomDomainDeps = {},
): Promise<CustomDomainResult | undefined> {
  const wanted = normalize(request.outputs.CustomDomain);
  const before = normalize(request.previous?.CustomDomain);
  const serviceArn = request.outputs.ServiceArn;
  if (!wanted && !before) return undefined;
  if (!serviceArn || !/^arn:[^:]+:apprunner:/.test(serviceArn)) return undefined; // ECS Express: no App Runner domains
  // The old alias was on another service (the service was replaced): its association went with that service.
  const oldOnThisService = before && before !== wanted && request.previous?.ServiceArn === serviceArn;
  if (!wanted && !oldOnThisService) return undefined;

  const domains = deps.domains ?? (await sdkCustomDomainApi(session.clients));
  const dnsApi = once(async () => deps.dns ?? (await route53DnsApi(session.clients)));
  const zoneOf = zoneFinder(session, dnsApi, request.app);
  const result: CustomDomainResult = { associated: false };
  const current = await describe(domains, serviceArn, request.service);

  if (oldOnThisService) {
    const old = current.domains.find((d) => d.domainName === before);
    if (old && old.status !== 'DELETING') {
      await call(`disassociating ${before} from ${request.service}`, () => domains.disassociate(serviceArn, before));
      session.out.info(`✔ Disassociated ${before} from ${request.service} (no longer in the manifest).`);
      const zone = await zoneOf(before);
      const records = [
        ...old.validationRecords,
        aliasRecord(before, current.dnsTarget, serviceArn, zone ? zone.name === before : isApexGuess(before)),
      ];
      await removeRecords(session, dnsApi, zone, before, records);
      result.removed = before;
    }
  }
  if (!wanted) return result;

  result.domain = wanted;
  let domain = current.domains.find((d) => d.domainName === wanted);
  let dnsTarget = current.dnsTarget;
  if (domain?.status === 'DELETING') {
    throw new MycopilotError('DEPLOY', `${wanted} is still being disassociated from ${request.service}`, {
      hint: 'App Runner takes a few minutes to remove a custom domain; deploy again once it is gone.',
    });
  }
  if (domain?.status === 'CREATE_FAILED' || domain?.status === 'DELETE_FAILED') {
    throw new MycopilotError('DEPLOY', `the custom domain ${wanted} of ${request.service} is ${domain.status}`, {
      hint: `Remove it (aws apprunner disassociate-custom-domain --service-arn ${serviceArn} --domain-name ${wanted}), then deploy again to associate it afresh.`,
    });
  }
  if (!domain) {
    const associated = await domains.associate(serviceArn, wanted).catch((err: unknown) => {
      throw associateError(err, wanted, request.service);
    });
    domain = associated.domain;
    dnsTarget = associated.dnsTarget || dnsTarget;
    result.associated = true;
    session.out.info(`✔ Associated ${wanted} with ${request.service}; App Runner now validates its certificate.`);
  }
  result.status = domain.status;
  if (domain.status === 'ACTIVE') return result; // validated and routed: the records are in place

  // The validation records appear a little after the association.
  const polls = deps.polls ?? 10;
  for (let i = 0; i < polls && domain.validationRecords.length === 0; i++) {
    await session.clock.sleep(deps.pollMs ?? 3000);
    const again = await describe(domains, serviceArn, request.service);
    domain = again.domains.find((d) => d.domainName === wanted) ?? domain;
    dnsTarget = again.dnsTarget || dnsTarget;
  }
  result.status = domain.status;

  const zone = await zoneOf(wanted);
  const records = [
    ...domain.validationRecords,
    aliasRecord(wanted, dnsTarget, serviceArn, zone ? zone.name === wanted : isApexGuess(wanted)),
  ];
  if (zone) {
    const dns = await dnsApi();
    await call(`writing the DNS records of ${wanted} in hosted zone ${zone.id}`, () => dns.upsert(zone.id, records));
    result.records = zone.id;
    session.out.info(
      `✔ Wrote ${records.length} DNS record${records.length === 1 ? '' : 's'} for ${wanted} in hosted zone ${zone.id} (${zone.name}).`,
    );
    if (domain.validationRecords.length === 0) {
      session.out.warn(
        `App Runner has not published the certificate validation records of ${wanted} yet: deploy again in a few minutes to write them.`,
      );
    }
  } else {
    result.records = 'printed';
    session.out.warn(
      `${wanted} is not in a Route 53 hosted zone of application ${request.app}: create these DNS records.`,
    );
    for (const line of recordLines(records)) session.out.info(line);
    if (domain.validationRecords.length === 0) {
      session.out.info(
        `  (the certificate validation records are not published yet: aws apprunner describe-custom-domains --service-arn ${serviceArn})`,
      );
    }
  }
  return result;
}

/**
 * Disassociates the custom domain of a service about to be deleted and deletes the records written for it (deleting
 * the service drops the association, not the DNS records). For `svc delete`, with the stack's outputs.
 */
export async function releaseCustomDomain(
  session: DeploySession,
  request: Omit<CustomDomainRequest, 'previous'>,
  deps: CustomDomainDeps = {},
): Promise<CustomDomainResult | undefined> {
  const { CustomDomain: _alias, ...rest } = request.outputs;
  return syncCustomDomain(session, { ...request, outputs: rest, previous: request.outputs }, deps);
}

/** The lines that tell a user which records to create. */
export function recordLines(records: DnsRecord[]): string[] {
  const width = Math.max(...records.map((r) => r.name.length));
  return records.map((r) =>
    r.aliasZoneId
      ? `  ${r.name.padEnd(width)}  ALIAS  ${r.value}  (Route 53 alias to hosted zone ${r.aliasZoneId}; elsewhere ALIAS/ANAME or CNAME flattening)`
      : `  ${r.name.padEnd(width)}  ${r.type.padEnd(5)}  ${r.value}`,
  );
}

/** The record that points the alias at the service: a CNAME, or at a zone apex (no CNAME allowed) an alias A record. */
export function aliasRecord(alias: string, dnsTarget: string, serviceArn: string, apex: boolean): DnsRecord {
  if (apex) {
    const region = serviceArn.split(':')[3] ?? '';
    return { name: alias, type: 'A', value: dnsTarget, aliasZoneId: APP_RUNNER_ALIAS_ZONES[region] ?? 'unknown' };
  }
  return { name: alias, type: 'CNAME', value: dnsTarget };
}

/** Without a hosted zone to tell, a name of two labels (example.com) is taken for a zone apex. */
function isApexGuess(name: string): boolean {
  return name.split('.').length <= 2;
}

async function describe(
  domains: CustomDomainApi,
  serviceArn: string,
  service: string,
): Promise<{ dnsTarget: string; domains: CustomDomainState[] }> {
  return call(`reading the custom domains of ${service}`, () => domains.describe(serviceArn));
}

function associateError(err: unknown, domain: string, service: string): MycopilotError {
  if (err instanceof MycopilotError) return err;
  const e = err as { name?: string; message?: string };
  return new MycopilotError(
    'DEPLOY',
    `associating ${domain} with ${service} failed: ${e?.name ?? 'Error'}: ${e?.message ?? String(err)}`,
    {
      hint:
        'The stack is deployed; only the domain is missing. A service takes at most five custom domains, and a ' +
        'domain belongs to one service at a time. Fix the cause and deploy again: the domain is associated even when nothing else changed.',
      cause: err,
    },
  );
}

/**
 * Finds the most specific public hosted zone that holds a name, among the application domain and its subdomains
 * (Copilot delegated `<app>.<domain>` and `<env>.<app>.<domain>` to zones of their own). None when the
 * application has no domain or the name is outside it. The application record is read once.
 */
function zoneFinder(
  session: DeploySession,
  dnsApi: () => Promise<DnsApi>,
  app: string,
): (name: string) => Promise<{ id: string; name: string } | undefined> {
  const record = once(() => session.store.getApplication(app));
  return async (name) => {
    const application = await record();
    const domain = normalize(application?.domain);
    if (!domain || (name !== domain && !name.endsWith(`.${domain}`))) return undefined;
    const labels = name.split('.');
    const candidates = labels.map((_, i) => labels.slice(i).join('.')).filter((c) => c.endsWith(domain));
    for (const candidate of candidates) {
      if (candidate === domain && application?.domainHostedZoneID)
        return { id: application.domainHostedZoneID.replace(/^\/hostedzone\//, ''), name: domain };
      const dns = await dnsApi();
      const id = await call(`looking up the hosted zone ${candidate}`, () => dns.findZone(candidate));
      if (id) return { id, name: candidate };
    }
    return undefined;
  };
}

async function removeRecords(
  session: DeploySession,
  dnsApi: () => Promise<DnsApi>,
  zone: { id: string; name: string } | undefined,
  domain: string,
  records: DnsRecord[],
): Promise<void> {
  if (!zone) {
    session.out.warn(`Delete the DNS records of ${domain} where you created them:`);
    for (const line of recordLines(records)) session.out.info(line);
    return;
  }
  const dns = await dnsApi();
  const kept: DnsRecord[] = [];
  const errors: string[] = [];
  for (const r of records) {
    const gone = await dns.remove(zone.id, r).catch((err: unknown) => {
      errors.push(`${r.name}: ${(err as Error)?.message ?? String(err)}`);
      return false;
    });
    if (!gone) kept.push(r);
  }
  if (kept.length < records.length) {
    session.out.info(`✔ Deleted the DNS records of ${domain} from hosted zone ${zone.id}.`);
  }
  if (kept.length > 0) {
    session.out.warn(
      `These DNS records of ${domain} in hosted zone ${zone.id} were not deleted (missing, changed since, or refused); delete what is left by hand:`,
    );
    for (const line of [...recordLines(kept), ...errors.map((e) => `  ${e}`)]) session.out.info(line);
  }
}
