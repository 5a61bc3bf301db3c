// `env deploy` / `env delete`: the environment stack `<app>-<env>` and its record.
import { MycopilotError } from '../errors';
import { environmentStackName, workloadStackName } from '../stack/naming';
import { call } from '../aws/errors';
import type { StackApi, StackDescription } from '../aws/cloudformation';
import {
  CDN_CERTIFICATE_ALIAS_OUTPUT,
  CDN_CERTIFICATE_OUTPUT,
  CDN_CERTIFICATE_REGION,
  cdnCertificateStackName,
} from '../stack/cdn-certificate';
import { appDnsName, dnsName } from '../stack/app-domain';
import type { AppDnsValues } from '../stack/environment/app-domain';
import { PARAM as ENVIRONMENT_PARAMETERS } from '../stack/environment/parameters';
import {
  cdnCertificateAlias,
  loadEnvironment,
  cdnCertificateStack,
  renderEnvironment,
  RenderContext,
  restrictsIngressToCdn,
} from './render';
import { applicationDns } from './application';
import { arnParts, deployInSession, DeploySession } from './session';
import { DeployOutcome, DeployStackOptions } from './stack-deploy';

export interface EnvDeployOptions {
  force?: boolean;
  noRollback?: boolean;
  detach?: boolean;
  confirm?: DeployStackOptions['confirm'];
}

export async function deployEnvironment(
  session: DeploySession,
  ctx: RenderContext,
  options: EnvDeployOptions = {},
): Promise<DeployOutcome> {
  const record = await session.store.requireApplication(ctx.app);
  const manifest = await loadEnvironment(ctx);
  const lookups = restrictsIngressToCdn(manifest)
    ? { cloudFrontPrefixListId: await cloudFrontPrefixList(session) }
    : {};
  // Read once here: which certificate CloudFront serves now is a parameter of the deployed stack, and so is the
  // application's zone.
  const described = (await session.stacks.describeStack(environmentStackName(ctx.app, ctx.env))) ?? null;
  refuseCopilotDomain(described, ctx);
  // The application's domain: its zone comes from the application stack (one more call, only with a domain, and
  // only until the environment stack has it: an application's zone never changes).
  // (Only for the same `<app>.<domain>`: a stack that outlived its application may hold another's.)
  const deployedZone =
    record.domain && described?.parameters[ENVIRONMENT_PARAMETERS.appDnsName] === appDnsName(ctx.app, record.domain)
      ? described.parameters[ENVIRONMENT_PARAMETERS.appDnsZone]
      : undefined;
  const appDns =
    record.domain && deployedZone
      ? { domain: record.domain, appZoneId: deployedZone, domainZoneId: record.domainHostedZoneID }
      : await applicationDns(session, record);
  if (record.domain && !appDns) {
    session.out.info(
      `Application ${ctx.app} has the domain ${record.domain} but no hosted zone in its stack ${ctx.app}-infrastructure (an application Copilot created?): aliases need certificates in the environment manifest.`,
    );
  }
  const servedCertificate = described?.parameters[ENVIRONMENT_PARAMETERS.cdnCertificate] || undefined;
  const deploy = async (cdnCertificateArn: string | undefined, current: StackDescription | null) =>
    deployInSession(session, await renderEnvironment(ctx, { ...lookups, appDns: appDns ?? null, cdnCertificateArn }), {
      ...stackOptions(options),
      described: current,
    });

  const alias = appDns ? cdnCertificateAlias(manifest) : undefined;
  // The deployed environment takes a certificate from its us-east-1 stack (set or not yet): that stack may exist.
  const hadCertificate = usesIssuedCertificate(described);
  const certificates = alias || hadCertificate ? await cdnCertificateStacks(session) : undefined;
  const certificateStack = cdnCertificateStackName(ctx.app, ctx.env);
  const issuedBefore =
    alias && certificates ? ((await certificates.describeStack(certificateStack)) ?? null) : undefined;
  // A new alias replaces the certificate: CloudFront lets go of the old one first, so that its stack can delete it.
  const keep = issuedBefore?.outputs[CDN_CERTIFICATE_ALIAS_OUTPUT] === dnsName(alias ?? '');

  let outcome = await deploy(keep ? servedCertificate : undefined, described);
  if (outcome.stack && outcome.result !== 'declined') await recordEnvironment(session, ctx, outcome.stack.stackId);
  const later = (why: string) =>
    session.out.info(
      `CloudFront's certificate for ${alias} ${why}: it comes with the next \`mycopilot env deploy --name ${ctx.env}\`.`,
    );
  if (outcome.result !== 'deployed' && outcome.result !== 'unchanged') {
    if (outcome.result === 'detached' && alias) later('waits until this deploy is done');
    return outcome;
  }
  if (alias && appDns && certificates && outcome.stack) {
    const { partition } = arnParts(outcome.stack.stackId);
    if (partition !== 'aws') {
      throw new MycopilotError(
        'USAGE',
        `mycopilot cannot issue CloudFront's certificate for ${alias} in ${partition}`,
        {
          hint: 'Give the ARN of a certificate CloudFront takes there as `cdn.certificate` in the environment manifest.',
          exitCode: 1,
        },
      );
    }
    const issued = await issueCdnCertificate(
      session,
      ctx,
      alias,
      appDns,
      outcome.stack,
      options,
      certificates,
      issuedBefore,
    );
    if (!issued) {
      later('is not issued yet');
      return outcome;
    }
    if (issued !== outcome.stack.parameters[ENVIRONMENT_PARAMETERS.cdnCertificate]) {
      session.out.info(`Serving ${alias} from CloudFront with its certificate ${issued}…`);
      const attached = await deploy(issued, outcome.stack);
      outcome = { ...attached, changes: [...outcome.changes, ...attached.changes] };
    }
  } else if (!alias && hadCertificate && certificates) {
    // The environment no longer serves the static-assets alias (the stack above let go of the certificate).
    await deleteStackAndWait(session, certificateStack, certificates);
  }
  return outcome;
}

/** Copilot's environment parameter naming the role its Lambdas used to write in the application's zone. */
const COPILOT_DNS_ROLE_PARAMETER = 'AppDNSDelegationRole';

/**
 * An environment Copilot deployed with the application's domain keeps its zone delegation, certificate and alias
 * records in Copilot's Lambda-backed custom resources: a template without them would have CloudFormation delete
 * them, and their Lambdas would delete the delegation, the certificate and the records with them. Refused, before
 * anything is sent.
 */
function refuseCopilotDomain(described: StackDescription | null, ctx: RenderContext): void {
  if (!described?.parameters[COPILOT_DNS_ROLE_PARAMETER]) return;
  const domain = described.parameters[ENVIRONMENT_PARAMETERS.appDnsName] || "the application's domain";
  throw new MycopilotError(
    'USAGE',
    `environment ${ctx.env} was deployed by Copilot with ${domain}: its certificate and DNS records are Copilot custom resources that this deploy would delete`,
    {
      hint: `mycopilot does not take over a Copilot application's domain. Keep the environment as it is, or move the services to an application created with \`mycopilot app init --domain\`, then delete this one.`,
      exitCode: 1,
    },
  );
}

/** Whether a deployed environment stack takes CloudFront's certificate from its us-east-1 stack. */
function usesIssuedCertificate(environment: StackDescription | null | undefined): boolean {
  return !!environment && ENVIRONMENT_PARAMETERS.cdnCertificate in environment.parameters;
}

function stackOptions(options: EnvDeployOptions): EnvDeployOptions {
  const { force, noRollback, detach, confirm } = options;
  return { force, noRollback, detach, confirm };
}

/** The environment's SSM record, written once its stack exists. */
async function recordEnvironment(session: DeploySession, ctx: RenderContext, stackId: string): Promise<void> {
  const existing = await session.store.getEnvironment(ctx.app, ctx.env);
  if (existing) return;
  const { region, account, partition } = arnParts(stackId);
  await session.store.createEnvironment({
    app: ctx.app,
    name: ctx.env,
    region,
    accountID: account,
    registryURL: `${account}.dkr.ecr.${region}.amazonaws.com${partition === 'aws-cn' ? '.cn' : ''}`,
    executionRoleARN: '',
    managerRoleARN: '',
  });
}

function cdnCertificateStacks(session: DeploySession): Promise<StackApi> {
  return session.stacksIn(CDN_CERTIFICATE_REGION);
}

/**
 * Deploys the certificate of the static-assets alias in us-east-1, validated in the alias's zone (the environment's
 * zone exists once its stack does), and returns its ARN; undefined when the deploy was detached or declined.
 * CloudFormation waits until ACM has issued it.
 */
async function issueCdnCertificate(
  session: DeploySession,
  ctx: RenderContext,
  alias: string,
  appDns: AppDnsValues,
  environment: StackDescription,
  options: EnvDeployOptions,
  api: StackApi,
  described: StackDescription | null | undefined,
): Promise<string | undefined> {
  const environmentZoneId = environment.outputs.EnvironmentHostedZoneID;
  const stack = await cdnCertificateStack(ctx, alias, { appDns, environmentZoneId });
  const outcome = await deployInSession(session, stack, {
    api,
    described,
    force: options.force,
    noRollback: options.noRollback,
    detach: options.detach,
    confirm: options.confirm,
  });
  if (outcome.result === 'detached' || outcome.result === 'declined') return undefined;
  const arn = outcome.stack?.outputs[CDN_CERTIFICATE_OUTPUT];
  if (!arn) {
    throw new MycopilotError('DEPLOY', `stack ${stack.stackName} (us-east-1) has no output ${CDN_CERTIFICATE_OUTPUT}`, {
      hint: `Run mycopilot env deploy --name ${ctx.env} again; CloudFront serves its own domain name until then.`,
    });
  }
  return arn;
}

/** Deletes the environment stack and record; refuses while workloads are still deployed in it. */
export async function deleteEnvironment(session: DeploySession, app: string, env: string): Promise<void> {
  const workloads = await session.store.listWorkloads(app);
  const deployed: string[] = [];
  for (const w of workloads) {
    const s = await session.stacks.describeStack(workloadStackName(app, env, w.name));
    if (s) deployed.push(w.name);
  }
  if (deployed.length > 0) {
    throw new MycopilotError('USAGE', `environment ${env} still runs ${deployed.join(', ')}`, {
      hint: `Delete them first: ${deployed.map((d) => `mycopilot svc delete --name ${d} --env ${env} --yes`).join('; ')}`,
      exitCode: 2,
    });
  }
  const name = environmentStackName(app, env);
  const current = await session.stacks.describeStack(name);
  const hadCertificate = usesIssuedCertificate(current);
  await removeValidationRecords(session, current?.outputs.EnvironmentHostedZoneID);
  await deleteStackAndWait(session, name);
  // CloudFront's certificate can go once the distribution has; us-east-1 is not touched for environments without.
  if (hadCertificate) {
    await deleteStackAndWait(session, cdnCertificateStackName(app, env), await cdnCertificateStacks(session));
  }
  await session.store.deleteEnvironment(app, env);
}

/**
 * Deletes ACM's DNS validation records from a hosted zone of the application's domain that is about to be deleted
 * with its stack: CloudFormation writes them for each certificate but leaves them when it deletes the certificate,
 * and Route 53 deletes only an empty zone. Only for zones deleted whole (another certificate could use a record).
 */
export async function removeValidationRecords(session: DeploySession, zoneId: string | undefined): Promise<void> {
  if (!zoneId) return;
  const { route53DnsApi } = await import('../aws/custom-domains.js');
  const dns = await route53DnsApi(session.clients);
  for (const record of await dns.validationRecords(zoneId)) await dns.remove(zoneId, record);
}

/**
 * Deletes a stack if it exists and waits until it is gone; a failure says what CloudFormation said. `stacks`: the
 * Region's stack API, the session's by default.
 */
export async function deleteStackAndWait(
  session: DeploySession,
  name: string,
  stacks: StackApi = session.stacks,
): Promise<boolean> {
  const current = await stacks.describeStack(name);
  if (!current) return false;
  const reporter = session.reporter(name);
  reporter.info(`Deleting ${name}…`);
  await stacks.deleteStack(name);
  for (;;) {
    const s = await stacks.describeStack(name);
    if (!s || s.status === 'DELETE_COMPLETE') break;
    if (s.status === 'DELETE_FAILED') {
      throw new MycopilotError('DEPLOY', `deleting ${name} failed: ${s.statusReason ?? 'no reason given'}`, {
        hint: `Look at the stack's events (aws cloudformation describe-stack-events --stack-name ${name}), fix what holds it, and delete again.`,
      });
    }
    await session.clock.sleep(session.pollMs);
  }
  reporter.info(`✔ Deleted ${name}.`);
  reporter.finish?.();
  return true;
}

/** The Region's managed prefix list of CloudFront's origin-facing addresses. */
async function cloudFrontPrefixList(session: DeploySession): Promise<string> {
  const ec2 = await session.clients.ec2();
  const { DescribeManagedPrefixListsCommand } = await import('@aws-sdk/client-ec2');
  const out = await call('looking up the CloudFront prefix list', () =>
    ec2.send(
      new DescribeManagedPrefixListsCommand({
        Filters: [{ Name: 'prefix-list-name', Values: ['com.amazonaws.global.cloudfront.origin-facing'] }],
      }),
    ),
  );
  const id = out.PrefixLists?.[0]?.PrefixListId;
  if (!id)
    throw new MycopilotError('AWS', 'the CloudFront origin-facing prefix list was not found in this Region', {
      hint: 'Remove `ingress.cdn` from the environment manifest, or deploy in a Region that has it.',
    });
  return id;
}
