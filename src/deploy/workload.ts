// `svc deploy` / `job deploy`: images, then the workload stack `<app>-<env>-<name>`, then its record.
// On the critical path of an unchanged deploy with no image to build: one call, the workload stack read while the
// manifest loads; nothing else is called.
import { APP_DOMAIN_PARAMETER } from '../stack/app-domain';
import { StackDescription } from '../aws/cloudformation';
import { call } from '../aws/errors';
import { MycopilotError } from '../errors';
import { RenderedStack } from '../stack/template';
import { uploadEnvFiles } from './env-files';
import { rolloutWatcher } from './rollout';
import { ManifestType, StaticSite } from '../manifest/schemas';
import { EnvExport } from '../stack/exports';
import { environmentStackName, workloadStackName } from '../stack/naming';
import { applicationDns, ensureRepositories } from './application';
import { deployLookups } from './lookups';
import {
  builtContainers,
  importedAlb,
  listenerRules,
  loadForEnv,
  publicAliases,
  RenderContext,
  renderWorkload,
} from './render';
import { CERTIFICATE_ALIASES_OUTPUT, certificateAliases } from '../stack/app-domain';
import { once } from './once';
import type { Output } from '../ui/output';
import { deployInSession, DeploySession } from './session';
import { deployHash, DeployOutcome, DeployStackOptions, HASH_OUTPUT } from './stack-deploy';
import { runsOnEc2 } from '../manifest/values';

/** Builds and pushes a workload's images; returns the pushed digest of each container it built. */
export interface ImagePublisher {
  publish(request: {
    app: string;
    name: string;
    manifest: unknown;
    tag: string;
    containers: string[];
  }): Promise<Record<string, string>>;
}

export interface WorkloadDeployOptions {
  name: string;
  /** Image tag (git short SHA, or `latest`); a function is called only when the workload builds an image. */
  tag: string | (() => string);
  kinds?: ManifestType[];
  force?: boolean;
  noRollback?: boolean;
  detach?: boolean;
  confirm?: DeployStackOptions['confirm'];
  images?: ImagePublisher;
  /** Deploy even when the placement preview says some EC2 tasks could not be placed. */
  skipPlacementCheck?: boolean;
}

export interface WorkloadDeployResult {
  outcome: DeployOutcome;
  type: ManifestType;
  /** True when --force asked ECS for a new deployment of an unchanged service. */
  redeployed: boolean;
}

export async function deployWorkload(
  session: DeploySession,
  ctx: RenderContext,
  options: WorkloadDeployOptions,
): Promise<WorkloadDeployResult> {
  const entry = ctx.workspace.requireWorkload(options.name);
  const stackName = workloadStackName(ctx.app, ctx.env, options.name);
  // The stack is read first and answered while the manifest is loaded and checked. Only a workload new to the
  // environment needs the environment's record: an existing stack means the environment is there (deleting an
  // environment deletes its workloads first).
  const described = session.stacks.describeStack(stackName);
  described.catch(() => undefined); // awaited below; a bad manifest must not leave it unhandled
  const loaded = await loadForEnv(ctx, entry.manifestPath);
  const current = await described;
  if (!current) await session.store.requireEnvironment(ctx.app, ctx.env);

  const containers = builtContainers(options.name, loaded.manifest);
  // Working the tag out may run git: only a workload that builds images needs it.
  const tag = containers.length === 0 ? 'latest' : typeof options.tag === 'function' ? options.tag() : options.tag;
  let digests: Record<string, string> = {};
  if (containers.length > 0) {
    if (!options.images) throw new Error('no image publisher for a workload that builds images');
    await ensureRepositories(session, ctx.app, [options.name]);
    digests = await options.images.publish({
      app: ctx.app,
      name: options.name,
      manifest: loaded.manifest,
      tag,
      containers,
    });
  }

  const parameters = {
    ...(await uploadEnvFiles(
      session,
      { app: ctx.app, env: ctx.env, workspaceRoot: ctx.workspace.root },
      options.name,
      loaded.manifest,
    )),
    ...keptDesiredCount(current, loaded.manifest),
  };
  const environment = environmentStack(session, ctx);
  const rules = listenerRules(options.name, loaded.manifest);
  const kept = keptPriorities(current, rules.length);
  // Rules on an imported load balancer (`http.alb`) take their priorities from its own listeners, in the render.
  const takenPriorities =
    rules.length > 0 && !kept && !importedAlb({ type: loaded.type!, manifest: loaded.manifest })
      ? await takenListenerPriorities(session, environment, loaded.type === 'Backend Service', current)
      : undefined;
  let appDomain: Promise<string | undefined> | undefined;
  const { stack, type } = await renderWorkload(ctx, {
    name: options.name,
    tag,
    digests,
    kinds: options.kinds,
    rulePriorities: kept,
    takenPriorities,
    parameters,
    lookups: deployLookups(session, ctx.app, ctx.env, environment),
    deployedParameters: current?.parameters,
    appDomain: () => (appDomain ??= applicationDomain(session, ctx.app, current)),
  });
  if (appDomain) await warnUncertifiedAliases(session.out, ctx, type, loaded.manifest, await appDomain, environment);
  // Only a deploy that changes something can leave tasks unplaced; an unchanged one costs no extra call.
  const changes = current?.outputs[HASH_OUTPUT] !== deployHash(stack);
  if (!options.skipPlacementCheck && changes && runsOnEc2(loaded.manifest as never))
    await checkPlacement(session, environment, stack, options.name);

  const outcome = await deployInSession(session, stack, {
    force: false, // --force redeploys the service; an unchanged template needs no change set
    noRollback: options.noRollback,
    detach: options.detach,
    confirm: options.confirm,
    described: current ?? null,
    onPoll: rolloutWatcher(session),
  });
  if (type === 'Static Site' && outcome.stack && outcome.result !== 'declined' && outcome.result !== 'detached') {
    const { uploadSite } = await import('./static-site.js');
    await uploadSite(session, ctx.workspace.root, loaded.manifest as StaticSite, outcome.stack.outputs);
  }
  if (outcome.result === 'deployed' && !current) {
    await session.store.createWorkload({ app: ctx.app, name: options.name, type });
  }
  // App Runner custom domains have no CloudFormation resource: associate `http.alias` (or drop a removed one) now.
  if (type === 'Request-Driven Web Service' && outcome.stack && !['declined', 'detached'].includes(outcome.result)) {
    const { syncCustomDomain } = await import('./apprunner-domain.js');
    const domain = { app: ctx.app, service: options.name, outputs: outcome.stack.outputs, previous: current?.outputs };
    await syncCustomDomain(session, domain);
  }
  let redeployed = false;
  if (
    options.force &&
    outcome.result === 'unchanged' &&
    type !== 'Scheduled Job' &&
    type !== 'Static Site' &&
    type !== 'Request-Driven Web Service'
  ) {
    redeployed = await forceNewDeployment(session, environment, stackName);
  }
  return { outcome, type, redeployed };
}

/**
 * The application's domain, for a service on the environment's load balancer without imported certificates;
 * undefined when it has none. The domain of an application never changes, so a deployed stack that recorded it (or
 * that there is none: AppDomainName) answers without reading the application's record and stack.
 */
export async function applicationDomain(
  session: DeploySession,
  app: string,
  current: StackDescription | undefined,
): Promise<string | undefined> {
  if (current && APP_DOMAIN_PARAMETER in current.parameters)
    return current.parameters[APP_DOMAIN_PARAMETER] || undefined;
  return (await applicationDns(session, await session.store.requireApplication(app)))?.domain;
}

/** Reads the environment's stack `<app>-<env>`, at most once per deploy (see environmentStack). */
export type EnvironmentStack = () => Promise<StackDescription | undefined>;

/**
 * The environment's stack, read by whichever step of the deploy needs it first (lookups, listener priorities, the
 * placement check, the certificate check, --force) and shared by the others; not read when none does.
 */
export function environmentStack(session: DeploySession, ctx: RenderContext): EnvironmentStack {
  return once(() => session.stacks.describeStack(environmentStackName(ctx.app, ctx.env)));
}

/** The environment's ECS cluster, from its stack's outputs. */
function clusterOf(env: StackDescription | undefined): string | undefined {
  return Object.entries(env?.outputs ?? {}).find(([k]) => k.endsWith(EnvExport.ClusterId))?.[1];
}

/**
 * With autoscaling, the service's desired count belongs to the scaling policies: keep the deployed TaskCount so
 * CloudFormation, seeing the property unchanged, leaves the live desired count alone.
 */
export function keptDesiredCount(current: StackDescription | undefined, manifest: unknown): Record<string, string> {
  const count = (manifest as { count?: unknown }).count;
  const autoscaled = typeof count === 'object' && count !== null && 'range' in count;
  const deployed = current?.parameters.TaskCount;
  return autoscaled && deployed !== undefined ? { TaskCount: deployed } : {};
}

/**
 * For tasks on EC2 capacity: preview their placement on the live cluster before anything changes, and stop
 * with the reasons when some could not be placed (the service would sit PENDING forever).
 */
async function checkPlacement(
  session: DeploySession,
  environment: EnvironmentStack,
  stack: RenderedStack,
  name: string,
): Promise<void> {
  const [{ checkWorkloadPlacement }, { renderPlacement }, { LiveClusterSource }, { SdkEcsClusterReader }] =
    await Promise.all([
      import('../placement/workload-preview.js'),
      import('../placement/render.js'),
      import('../placement/sources/live-cluster.js'),
      import('../aws/ecs-cluster-reader.js'),
    ]);
  const cluster = clusterOf(await environment());
  if (!cluster) return;
  const check = await checkWorkloadPlacement(
    stack,
    name,
    new LiveClusterSource(new SdkEcsClusterReader(await session.clients.ecs()), cluster),
  );
  if (!check) return;
  session.out.info(renderPlacement(check.result));
  session.out.info(check.verdict);
  if (!check.placedAll) {
    throw new MycopilotError(
      'PLACEMENT',
      `not deploying ${name}: ECS could not place every task on cluster ${cluster}`,
      {
        hint: 'Add capacity (capacity.ec2 in the environment manifest), relax the placement constraints, or deploy anyway with --skip-placement-check.',
      },
    );
  }
}

/**
 * Aliases under the application's domain that the environment's certificate does not name yet (they are added by
 * `env deploy`, which renders every service's aliases): the service would answer them over HTTPS with a certificate
 * that does not match. Says so, with the command; the deploy goes on.
 */
export async function warnUncertifiedAliases(
  out: Output,
  ctx: RenderContext,
  type: ManifestType,
  manifest: unknown,
  domain: string | undefined,
  environment: EnvironmentStack,
): Promise<void> {
  if (!domain) return;
  const needed = [
    ...certificateAliases(publicAliases([{ type, manifest }]), ctx.app, ctx.env, { name: domain }).keys(),
  ];
  if (needed.length === 0) return;
  const env = await environment();
  const named = new Set((env?.outputs[CERTIFICATE_ALIASES_OUTPUT] ?? '').split(',').filter(Boolean));
  const missing = needed.filter((a) => !named.has(a));
  if (missing.length === 0) return;
  out.warn(
    `The certificate of environment ${ctx.env} does not name ${missing.join(', ')} yet: run \`mycopilot env deploy --name ${ctx.env}\` (\`mycopilot deploy\` deploys the environment first).`,
  );
}

/** The deployed stack's listener-rule priorities, when it has as many rules as the manifest now asks for. */
export function keptPriorities(current: StackDescription | undefined, ruleCount: number): number[] | undefined {
  if (!current || ruleCount === 0) return undefined;
  const entries = Object.entries(current.parameters)
    .filter(([k]) => /^RulePriority\d*$/.test(k))
    .sort(([a], [b]) => Number(a.replace('RulePriority', '') || 0) - Number(b.replace('RulePriority', '') || 0));
  if (entries.length !== ruleCount) return undefined;
  const values = entries.map(([, v]) => Number(v));
  return values.every((v) => Number.isInteger(v) && v > 0) ? values : undefined;
}

/** Priorities used on the environment's listener by other stacks (read once, only when rules change). */
async function takenListenerPriorities(
  session: DeploySession,
  environment: EnvironmentStack,
  internal: boolean,
  current: StackDescription | undefined,
): Promise<number[]> {
  const env = await environment();
  const keys = internal
    ? [EnvExport.InternalHTTPSListenerArn, EnvExport.InternalHTTPListenerArn]
    : [EnvExport.HTTPSListenerArn, EnvExport.HTTPListenerArn];
  const own = new Set(
    Object.entries(current?.parameters ?? {})
      .filter(([k]) => k.startsWith('RulePriority'))
      .map(([, v]) => Number(v)),
  );
  const taken = new Set<number>();
  const elb = await session.clients.elbv2();
  const { DescribeRulesCommand } = await import('@aws-sdk/client-elastic-load-balancing-v2');
  for (const key of keys) {
    const listener = Object.entries(env?.outputs ?? {}).find(([k]) => k.endsWith(key))?.[1];
    if (!listener) continue;
    const out = await call(`reading the rules of ${listener}`, () =>
      elb.send(new DescribeRulesCommand({ ListenerArn: listener })),
    );
    for (const r of out.Rules ?? []) {
      const p = Number(r.Priority);
      if (Number.isInteger(p) && !own.has(p)) taken.add(p);
    }
  }
  return [...taken].sort((a, b) => a - b);
}

async function forceNewDeployment(
  session: DeploySession,
  environment: EnvironmentStack,
  stackName: string,
): Promise<boolean> {
  const service = await session.stacks.physicalId(stackName, 'Service');
  const cluster = clusterOf(await environment());
  if (!service || !cluster) return false;
  const ecs = await session.clients.ecs();
  const { UpdateServiceCommand } = await import('@aws-sdk/client-ecs');
  await call(`starting a new deployment of ${service}`, () =>
    ecs.send(new UpdateServiceCommand({ cluster, service, forceNewDeployment: true })),
  );
  session.out.info(`✔ Started a new deployment of ${stackName}'s service (--force).`);
  return true;
}
