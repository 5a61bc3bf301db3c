// Applications: the record in SSM and the `<app>-infrastructure` stack (image repositories, artifact bucket).
import { call } from '../aws/errors';
import { MycopilotError } from '../errors';
import { dnsName } from '../stack/app-domain';
import {
  APP_DOMAIN_OUTPUTS,
  applicationStackName,
  buildApplicationStack,
  repositoriesInStack,
  repositoryLogicalId,
} from '../stack/application';
import { ApplicationRecord, SCHEMA_VERSION } from '../store/records';
import { deployInSession, DeploySession } from './session';
import { DeployOutcome } from './stack-deploy';

export interface AppInitOptions {
  app: string;
  /** Workloads of the workspace whose images are built: each gets a repository. */
  workloads: string[];
  domain?: string;
  tags?: Record<string, string>;
}

/**
 * The ID of the public hosted zone named `domain` in the account (Route 53 ListHostedZonesByName); refuses when
 * there is none: the application's zone is delegated from it.
 */
export async function domainHostedZoneId(session: DeploySession, domain: string): Promise<string> {
  const name = dnsName(domain);
  const client = await session.clients.route53();
  const { ListHostedZonesByNameCommand } = await import('@aws-sdk/client-route-53');
  const out = await call(`looking up the hosted zone of ${name}`, () =>
    client.send(new ListHostedZonesByNameCommand({ DNSName: name, MaxItems: 10 })),
  );
  // Zones come in name order from the one asked for: the first ones are those of that name (public or private).
  const zone = (out.HostedZones ?? []).find(
    (z) => z.Name?.replace(/\.$/, '').toLowerCase() === name && !z.Config?.PrivateZone,
  );
  if (!zone?.Id) {
    throw new MycopilotError('NOT_FOUND', `the account has no public Route 53 hosted zone for ${name}`, {
      hint: `Create one (or register the domain with Route 53), or leave out --domain. The application's zone is delegated from it.`,
      exitCode: 2,
    });
  }
  return zone.Id.replace(/^\/hostedzone\//, '');
}

/** Creates (or updates) the application record and its infrastructure stack. */
export async function initApplication(
  session: DeploySession,
  options: AppInitOptions,
): Promise<{ record: ApplicationRecord; outcome: DeployOutcome }> {
  const existing = await session.store.getApplication(options.app);
  const domain = (options.domain && dnsName(options.domain)) || undefined;
  if (existing && domain && existing.domain !== domain) {
    // As Copilot: an application's domain is chosen when it is created.
    throw new MycopilotError(
      'USAGE',
      existing.domain
        ? `application ${options.app} already exists with the domain ${existing.domain}`
        : `application ${options.app} already exists without a domain`,
      {
        hint: 'An application gets its domain when it is created: create a new application with --domain.',
        exitCode: 2,
      },
    );
  }
  let record = existing;
  if (!record) {
    const zoneId = domain ? await domainHostedZoneId(session, domain) : '';
    const sts = await session.clients.sts();
    const { GetCallerIdentityCommand } = await import('@aws-sdk/client-sts');
    const identity = await call('reading the caller identity', () => sts.send(new GetCallerIdentityCommand({})));
    record = {
      name: options.app,
      account: identity.Account ?? '',
      domain: domain ?? '',
      // As Copilot's records: the zone of the domain itself; the application's zone is an output of its stack.
      domainHostedZoneID: zoneId,
      version: SCHEMA_VERSION,
      ...(options.tags ? { tags: options.tags } : {}),
    };
    await session.store.createApplication(record);
    session.out.info(`✔ Recorded application ${options.app} in account ${record.account}.`);
  }
  const outcome = await ensureRepositories(session, options.app, options.workloads, record);
  return { record, outcome };
}

/** The application stack's domain part: for a record with a domain and a zone ID (as mycopilot's app init writes). */
function stackDomain(record: ApplicationRecord | undefined): { name: string; hostedZoneId: string } | undefined {
  return record?.domain && record.domainHostedZoneID
    ? { name: record.domain, hostedZoneId: record.domainHostedZoneID }
    : undefined;
}

/**
 * Makes sure the infrastructure stack has a repository for each of `workloads`, keeping those it has.
 * Reads the stack once; deploys only when a repository is missing.
 */
export async function ensureRepositories(
  session: DeploySession,
  app: string,
  workloads: string[],
  /** Given by `app init`: the application's domain zone is added when the stack lacks it. */
  record?: ApplicationRecord,
): Promise<DeployOutcome> {
  const name = applicationStackName(app);
  const current = await session.stacks.describeStack(name);
  const existing = repositoriesInStack(app, current?.outputs ?? {});
  const wanted = [...new Set([...existing, ...workloads])].sort();
  const missing = workloads.filter((w) => !current?.outputs[`${repositoryLogicalId(w)}Uri`]);
  const hasZone = !!current?.outputs[APP_DOMAIN_OUTPUTS.zoneId];
  const zoneMissing = !!stackDomain(record) && !hasZone;
  if (current && missing.length === 0 && !zoneMissing) return { result: 'unchanged', stack: current, changes: [] };
  // A stack with the application's zone keeps it. Without one, only `app init` adds it: an application Copilot
  // created with a domain has its zone in a stack of Copilot's, and a second zone of that name would clash.
  const domain = stackDomain(record ?? (hasZone ? await session.store.getApplication(app) : undefined));
  return deployInSession(
    session,
    buildApplicationStack({ app, workloads: wanted, ...(domain && (hasZone || record) ? { domain } : {}) }),
    { described: current ?? null },
  );
}

/**
 * The application's domain as an environment deploy needs it: D, the ID of D's zone (the record's) and of the
 * application's zone (its stack's output). Undefined when the application has no domain, or its stack no zone (an
 * application Copilot created: its aliases still need imported certificates).
 */
export async function applicationDns(
  session: DeploySession,
  record: ApplicationRecord,
): Promise<{ domain: string; appZoneId: string; domainZoneId: string } | undefined> {
  if (!record.domain) return undefined;
  const stack = await session.stacks.describeStack(applicationStackName(record.name));
  const appZoneId = stack?.outputs[APP_DOMAIN_OUTPUTS.zoneId];
  if (!appZoneId) return undefined;
  return { domain: record.domain, appZoneId, domainZoneId: record.domainHostedZoneID };
}

/** The artifact bucket's name, from the infrastructure stack's outputs. */
export async function artifactBucket(session: DeploySession, app: string): Promise<string | undefined> {
  const stack = await session.stacks.describeStack(applicationStackName(app));
  return stack?.outputs.ArtifactBucketName;
}
