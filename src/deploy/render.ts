// Rendering for one environment: reads the workspace's manifests, works out what the builders need to
// know (environment needs, listener-rule priorities, images), calls the pure builders in src/stack, and
// turns a RenderError into a manifest position. Used by `package` (offline) and by deploy.
import * as path from 'node:path';
import { Diagnostic, ManifestError, MycopilotError } from '../errors';
import { loadManifestFileCached } from '../manifest/cached-load';
import type { LoadedManifest } from '../manifest/load';
import { formatPath, positionAt, YNode } from '../manifest/node';
import type { EnvironmentManifest, ManifestType } from '../manifest/schemas';
import { BuiltImage, EnvironmentNeeds, RenderError, WorkloadStackInput } from '../stack/inputs';
import { assignRulePriorities, ListenerRuleRequest } from '../stack/priorities';
import { IMPORTED_ALB_PARAMETERS } from '../stack/lookup-parameters';
import { lookUp, lookupRequests, needsLookups } from './lookups';
import type { LookupSource } from './lookups';
import { RenderedStack } from '../stack/template';
import { aliasNames } from '../stack/app-domain';
import type { AppDnsValues } from '../stack/environment/app-domain';
import { Workspace } from '../workspace/workspace';

export interface RenderContext {
  workspace: Workspace;
  app: string;
  env: string;
  /** Variables for ${VAR}; defaults to process.env. */
  vars?: Readonly<Record<string, string | undefined>>;
}

type Builder = (input: WorkloadStackInput<never>) => RenderedStack;

// Each builder is loaded when a workload of its type is rendered: a deploy loads only the one it needs.
const ecsBuilders = () => import('../stack/workload/index.js');
const BUILDERS: Record<Exclude<ManifestType, 'Environment' | 'Pipeline'>, () => Promise<Builder>> = {
  'Load Balanced Web Service': async () => (await ecsBuilders()).buildLoadBalancedWebServiceStack as Builder,
  'Backend Service': async () => (await ecsBuilders()).buildBackendServiceStack as Builder,
  'Worker Service': async () => (await ecsBuilders()).buildWorkerServiceStack as Builder,
  'Scheduled Job': async () => (await ecsBuilders()).buildScheduledJobStack as Builder,
  'Request-Driven Web Service': async () =>
    (await import('../stack/apprunner/index.js')).buildRequestDrivenWebServiceStack as Builder,
  'Static Site': async () => (await import('../stack/static-site/index.js')).buildStaticSiteStack as Builder,
};

/** A manifest loaded for `env`, or a ManifestError with every problem's position. */
export async function loadForEnv(ctx: RenderContext, file: string): Promise<LoadedManifest & { manifest: unknown }> {
  const loaded = await loadManifestFileCached({
    file: displayPath(file),
    env: ctx.env,
    app: ctx.app,
    vars: ctx.vars,
  });
  if (loaded.errors.length > 0 || loaded.manifest === undefined) {
    throw new ManifestError(
      loaded.errors,
      `Check it with: mycopilot manifest validate ${displayPath(file)} --env ${ctx.env}`,
    );
  }
  return loaded as LoadedManifest & { manifest: unknown };
}

/** The environment's manifest, or the defaults of a manifest with only a name when the workspace has none. */
export async function loadEnvironment(ctx: RenderContext): Promise<EnvironmentManifest> {
  const entry = ctx.workspace.environments().find((e) => e.name === ctx.env);
  if (!entry) return { name: ctx.env, type: 'Environment' } as EnvironmentManifest;
  const loaded = await loadForEnv(ctx, entry.manifestPath);
  return loaded.manifest as EnvironmentManifest;
}

interface LoadedWorkload {
  name: string;
  type: Exclude<ManifestType, 'Environment' | 'Pipeline'>;
  loaded: LoadedManifest & { manifest: unknown };
}

async function loadWorkloads(ctx: RenderContext): Promise<LoadedWorkload[]> {
  const out: LoadedWorkload[] = [];
  for (const w of ctx.workspace.workloads()) {
    const loaded = await loadForEnv(ctx, w.manifestPath);
    if (loaded.type && loaded.type !== 'Environment' && loaded.type !== 'Pipeline')
      out.push({ name: w.name, type: loaded.type, loaded });
  }
  return out;
}

/** Workloads of the workspace that build at least one image (each needs an ECR repository). */
export async function builtWorkloads(ctx: RenderContext): Promise<string[]> {
  return (await loadWorkloads(ctx))
    .filter((w) => builtContainers(w.name, w.loaded.manifest).length > 0)
    .map((w) => w.name);
}

type AnyWorkload = {
  http?: unknown;
  network?: { vpc?: { placement?: unknown } };
  storage?: { volumes?: Record<string, { efs?: unknown }> };
};

/** What the environment must provide for the workloads of the workspace. */
export function environmentNeeds(
  workloads: { name: string; type: ManifestType; manifest: unknown }[],
): EnvironmentNeeds {
  const needs: EnvironmentNeeds = { albWorkloads: [], internalAlbWorkloads: [], efsWorkloads: [], natWorkloads: [] };
  for (const w of workloads) {
    const m = w.manifest as AnyWorkload;
    const http = m.http;
    // A service behind an existing load balancer (`http.alb`) needs none of the environment's.
    if (w.type === 'Load Balanced Web Service' && http !== false && http !== undefined && !importedAlb(w)) {
      needs.albWorkloads.push(w.name);
    }
    if (w.type === 'Backend Service' && http && typeof http === 'object') needs.internalAlbWorkloads.push(w.name);
    const volumes = Object.values(m.storage?.volumes ?? {});
    // `efs: true` or the uid/gid form ask for the environment's managed file system; `efs.id` brings its own.
    if (volumes.some((v) => v.efs === true || (typeof v.efs === 'object' && v.efs !== null && !('id' in v.efs)))) {
      needs.efsWorkloads.push(w.name);
    }
    if (
      w.type !== 'Request-Driven Web Service' &&
      w.type !== 'Static Site' &&
      m.network?.vpc?.placement === 'private'
    ) {
      needs.natWorkloads.push(w.name);
    }
  }
  return needs;
}

type HttpRule = { path?: string; alias?: unknown };

/** The existing load balancer a Load Balanced Web Service routes through instead of the environment's (`http.alb`). */
export function importedAlb(w: { type: ManifestType; manifest: unknown }): string | undefined {
  return lookupRequests(w.type, w.manifest).alb;
}

/** The listener rules a workload asks for, in the order its builder renders them. */
export function listenerRules(name: string, manifest: unknown): ListenerRuleRequest[] {
  const http = (manifest as { http?: unknown }).http;
  if (!http || typeof http !== 'object') return [];
  const main = http as HttpRule & { additional_rules?: HttpRule[] };
  const rules = [main, ...(main.additional_rules ?? [])];
  return rules.map((r, index) => ({ workload: name, index, path: r.path ?? '/', hasHost: r.alias !== undefined }));
}

/**
 * Priorities for every workload behind the same listener as `name` (the environment's public or internal one, or
 * the same imported load balancer), chosen offline from the workspace: the deploy passes `taken` from the live
 * listener instead.
 */
function rulePriorities(workloads: LoadedWorkload[], name: string, taken: number[] = []): number[] {
  const me = workloads.find((w) => w.name === name);
  if (!me) return [];
  const listener = (w: LoadedWorkload) => importedAlb({ type: w.type, manifest: w.loaded.manifest });
  const sameListener = workloads.filter(
    (w) =>
      w.type === me.type &&
      (w.type === 'Load Balanced Web Service' || w.type === 'Backend Service') &&
      listener(w) === listener(me),
  );
  const requests = sameListener.flatMap((w) => listenerRules(w.name, w.loaded.manifest));
  return assignRulePriorities(requests, taken).get(name) ?? [];
}

/** Domain names the environment's public services answer to (`http.alias`), for the CDN. */
export function publicAliases(workloads: { type: ManifestType; manifest: unknown }[]): string[] {
  const names: string[] = [];
  for (const w of workloads) {
    // Those behind an existing load balancer (`http.alb`) are not behind the environment's.
    if (w.type !== 'Load Balanced Web Service' || importedAlb(w)) continue;
    names.push(...aliasNames((w.manifest as { http?: { alias?: unknown } }).http?.alias));
  }
  return [...new Set(names)].sort();
}

/**
 * `cloudFrontPrefixListId` comes from a live lookup (deploy); offline it stays an unset parameter. So does `appDns`,
 * the application's domain and zones: null when the deploy found the application has none; undefined offline, where
 * the application is assumed to have a domain when public services have aliases and the environment imports no
 * certificate for them, or the static-assets alias has none (its parameters are then left empty, and filled by
 * `env deploy`). `cdnCertificateArn`: the certificate `env deploy` issued for the static-assets alias, if any.
 */
export async function renderEnvironment(
  ctx: RenderContext,
  lookups: { cloudFrontPrefixListId?: string; appDns?: AppDnsValues | null; cdnCertificateArn?: string } = {},
): Promise<RenderedStack> {
  const manifest = await loadEnvironment(ctx);
  const workloads = await loadWorkloads(ctx);
  const summaries = workloads.map((w) => ({ name: w.name, type: w.type, manifest: w.loaded.manifest }));
  const needs = environmentNeeds(summaries);
  const aliases = publicAliases(summaries);
  const { appDns, ...rest } = lookups;
  const appDomain =
    appDns !== undefined
      ? appDns
        ? { name: appDns.domain }
        : undefined
      : (aliases.length > 0 && !importsPublicCertificates(manifest)) || cdnCertificateAlias(manifest)
        ? {}
        : undefined;
  const entry = ctx.workspace.environments().find((e) => e.name === ctx.env);
  const { buildEnvironmentStack } = await import('../stack/environment/index.js');
  return withPositions(ctx, entry ? await loadForEnv(ctx, entry.manifestPath) : undefined, () =>
    buildEnvironmentStack(
      { app: ctx.app, env: ctx.env, manifest, needs, ...(appDomain ? { appDomain, publicAliases: aliases } : {}) },
      { ...rest, cdnAliases: aliases, ...(appDns ? { appDns } : {}) },
    ),
  );
}

/**
 * The static-assets alias whose certificate mycopilot issues in us-east-1 (the manifest names no `cdn.certificate`);
 * undefined when there is none.
 */
export function cdnCertificateAlias(manifest: EnvironmentManifest): string | undefined {
  const cdn = manifest.cdn;
  if (!cdn || cdn === true || cdn.certificate) return undefined;
  return cdn.static_assets?.alias || undefined;
}

/**
 * The us-east-1 stack of the static-assets alias's certificate, offline (`env package`): the alias's zone guessed
 * from its labels, its ID left empty. Undefined when mycopilot issues none.
 */
export async function renderCdnCertificate(ctx: RenderContext): Promise<RenderedStack | undefined> {
  const alias = cdnCertificateAlias(await loadEnvironment(ctx));
  return alias === undefined ? undefined : cdnCertificateStack(ctx, alias);
}

/**
 * The us-east-1 stack of the certificate of `alias`. The deploy gives the application's domain and zones and the
 * environment's zone; without them the alias's zone is guessed from its labels and its ID left empty.
 */
export async function cdnCertificateStack(
  ctx: RenderContext,
  alias: string,
  deployed?: { appDns: AppDnsValues; environmentZoneId?: string },
): Promise<RenderedStack> {
  const { aliasZone } = await import('../stack/app-domain.js');
  const { buildCdnCertificateStack } = await import('../stack/cdn-certificate.js');
  const zone = aliasZone(alias, ctx.app, ctx.env, { name: deployed?.appDns.domain })?.zone ?? 'domain';
  const zoneId =
    deployed &&
    {
      environment: deployed.environmentZoneId,
      application: deployed.appDns.appZoneId,
      domain: deployed.appDns.domainZoneId,
    }[zone];
  return buildCdnCertificateStack({ app: ctx.app, env: ctx.env, alias, zone, zoneId });
}

/** Whether the environment manifest imports certificates for its public load balancer. */
function importsPublicCertificates(manifest: EnvironmentManifest): boolean {
  return (manifest.http?.public?.certificates ?? []).length > 0;
}

/**
 * Whether a workload needs to know if the application has a domain: a Load Balanced Web Service on the
 * environment's public load balancer, which imports no certificate (its aliases are served under the domain, and
 * without aliases it answers at `<svc>.<env>.<app>.<domain>`), or with a Network Load Balancer without aliases.
 */
function needsAppDomain(type: ManifestType, manifest: unknown, environment: EnvironmentManifest): boolean {
  if (type !== 'Load Balanced Web Service') return false;
  // The Network Load Balancer's default name `<svc>-nlb.<env>.<app>.<domain>`, whatever the certificates; its
  // aliases under the domain, without imported certificates.
  const nlb = (manifest as { nlb?: { alias?: unknown } }).nlb;
  if (nlb && (nlb.alias === undefined || nlb.alias === '')) return true;
  if (importsPublicCertificates(environment)) return false;
  if (nlb) return true;
  if (importedAlb({ type, manifest })) return false;
  return listenerRules('', manifest).length > 0;
}

/** Whether the environment's load balancer takes traffic only from CloudFront (needs the prefix-list lookup). */
export function restrictsIngressToCdn(manifest: EnvironmentManifest): boolean {
  const pub = manifest.http?.public as
    { ingress?: { cdn?: unknown }; security_groups?: { ingress?: { restrict_to?: { cdn?: unknown } } } } | undefined;
  return pub?.ingress?.cdn === true || pub?.security_groups?.ingress?.restrict_to?.cdn === true;
}

export interface WorkloadRenderOptions {
  name: string;
  /** Image tag of built containers. */
  tag: string;
  /** Digests of images pushed in this deploy, by container name. */
  digests?: Record<string, string>;
  /** Listener-rule priorities already used by other workloads (deploy reads them from the listener). */
  takenPriorities?: number[];
  /** The priorities to use as they are (deploy reuses those of the deployed stack when its rules are unchanged). */
  rulePriorities?: number[];
  /** Only these workload kinds are accepted (svc vs job commands). */
  kinds?: ManifestType[];
  /** Values for parameters the deploy learns (uploaded env files, the live desired count); unknown keys are ignored. */
  parameters?: Record<string, string>;
  /**
   * The AWS reads for the manifest fields only AWS can answer (`http.alb`, `subnets.from_tags`), made only when the
   * manifest has them. None offline (`package`): their parameters stay empty.
   */
  lookups?: LookupSource;
  /**
   * Parameters of the deployed stack, if any: `rulePriorities` kept from it are reused on an imported load balancer
   * only when the stack's rules are already on its listeners.
   */
  deployedParameters?: Record<string, string>;
  /**
   * Reads the application's domain (deploy): called only for a workload on the environment's public load balancer
   * when the environment imports no certificate; undefined: the application has none. Offline (absent), the
   * application is assumed to have one whose name is unknown: aliases are served under it, a service without
   * aliases gets no default name.
   */
  appDomain?: () => Promise<string | undefined>;
}

export async function renderWorkload(
  ctx: RenderContext,
  options: WorkloadRenderOptions,
): Promise<{ stack: RenderedStack; type: ManifestType }> {
  ctx.workspace.requireWorkload(options.name);
  const environment = await loadEnvironment(ctx);
  const workloads = await loadWorkloads(ctx);
  const me = workloads.find((w) => w.name === options.name)!;
  if (options.kinds && !options.kinds.includes(me.type)) {
    const other = me.type === 'Scheduled Job' ? 'job' : 'svc';
    throw new MycopilotError('USAGE', `${options.name} is a ${me.type}`, {
      hint: `Use \`mycopilot ${other}\` commands for it.`,
      exitCode: 2,
    });
  }
  const images: Record<string, BuiltImage> = {};
  for (const container of builtContainers(options.name, me.loaded.manifest)) {
    images[container] = { tag: options.tag, digest: options.digests?.[container] };
  }
  const requests = lookupRequests(me.type, me.loaded.manifest);
  const source = options.lookups;
  // A lookup's RenderError names the manifest field, and gets its position like a builder's.
  const lookups =
    source && needsLookups(requests) ? await withPositions(ctx, me.loaded, () => lookUp(source, requests)) : undefined;
  let taken = options.takenPriorities;
  let kept = options.rulePriorities;
  const alb = lookups?.importedAlb;
  if (source && alb) {
    const deployed = options.deployedParameters ?? {};
    const sameListeners =
      (deployed[IMPORTED_ALB_PARAMETERS.httpListener] ?? '') === (alb.httpListenerArn ?? '') &&
      (deployed[IMPORTED_ALB_PARAMETERS.httpsListener] ?? '') === (alb.httpsListenerArn ?? '');
    if (!sameListeners) kept = undefined;
    // The rules go on the imported load balancer's listeners, not on the environment's the caller read.
    if (!kept) {
      taken = await source.rulePriorities([alb.httpListenerArn, alb.httpsListenerArn].filter((a) => a !== undefined));
    }
  }
  const input: WorkloadStackInput<unknown> = {
    app: ctx.app,
    env: ctx.env,
    name: options.name,
    manifest: me.loaded.manifest,
    environment,
    images,
    rulePriorities: kept ?? rulePriorities(workloads, options.name, taken),
    ...(lookups ? { lookups } : {}),
  };
  if (needsAppDomain(me.type, me.loaded.manifest, environment)) {
    const domain = options.appDomain ? await options.appDomain() : '';
    if (domain !== undefined) input.appDomain = domain ? { name: domain } : {};
  }
  const build = await BUILDERS[me.type]();
  const stack = await withPositions(ctx, me.loaded, () => build(input as WorkloadStackInput<never>));
  for (const [key, value] of Object.entries(options.parameters ?? {})) {
    if (stack.template.Parameters?.[key]) stack.parameters[key] = value;
  }
  return { stack, type: me.type };
}

/** Containers of a workload built from a Dockerfile: the main one (named after the workload) and sidecars. */
export function builtContainers(name: string, manifest: unknown): string[] {
  const m = manifest as { image?: { build?: unknown }; sidecars?: Record<string, { image?: unknown }> };
  const out: string[] = [];
  if (m.image?.build !== undefined) out.push(name);
  for (const [sidecar, config] of Object.entries(m.sidecars ?? {})) {
    const image = config.image;
    if (image && typeof image === 'object' && 'build' in image) out.push(sidecar);
  }
  return out;
}

/**
 * Runs a builder; a RenderError becomes a ManifestError at the manifest position of its field. A manifest read
 * from the cache has no tree, so it is loaded again to find the position.
 */
async function withPositions<T>(
  ctx: RenderContext,
  loaded: LoadedManifest | undefined,
  build: () => T | Promise<T>,
): Promise<T> {
  try {
    return await placeWarnings(ctx, loaded, await build());
  } catch (err) {
    const tree = err instanceof RenderError && loaded ? await treeOf(ctx, loaded) : undefined;
    if (err instanceof RenderError && loaded && tree) {
      const pos = positionAt(tree, err.path);
      const d: Diagnostic = {
        position: { file: loaded.file, ...pos },
        path: formatPath(err.path),
        message: err.message,
      };
      throw new ManifestError([d], err.hint);
    }
    throw err;
  }
}

/** The stack with each of its warnings at the manifest position of its field (`package` and deploy print them). */
async function placeWarnings<T>(ctx: RenderContext, loaded: LoadedManifest | undefined, stack: T): Promise<T> {
  const warnings = (stack as RenderedStack).warnings;
  if (!warnings?.length || !loaded) return stack;
  const tree = await treeOf(ctx, loaded);
  if (!tree) return stack;
  const placed = warnings.map((w) => ({ ...w, position: { file: loaded.file, ...positionAt(tree, w.path) } }));
  return { ...stack, warnings: placed };
}

/** The tree positions are read from: a manifest that came from the cache has none, and is loaded again for it. */
async function treeOf(ctx: RenderContext, loaded: LoadedManifest): Promise<YNode | undefined> {
  if (loaded.tree) return loaded.tree;
  const { loadManifestFile } = await import('../manifest/load.js');
  return (await loadManifestFile({ file: loaded.file, env: loaded.env, app: ctx.app, vars: ctx.vars })).tree;
}

function displayPath(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel.startsWith('..') ? file : rel;
}
