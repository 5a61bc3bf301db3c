// Rendering a pipeline, offline: reads the pipeline manifest and the workspace around it, works out what each
// stage deploys and what the build must produce, and calls the pure builder. Every problem is reported at its
// file:line:column. Used by `pipeline package`, `show` and `deploy` (which adds what it looks up in AWS).
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { Diagnostic, formatDiagnostic, ManifestError, MycopilotError } from '../errors';
import { loadManifestFile, LoadedManifest } from '../manifest/load';
import { formatPath, getChild, PathSegment, positionAt, YNode } from '../manifest/node';
import type { PipelineManifest } from '../manifest/schemas';
import { RenderError } from '../stack/inputs';
import { environmentStackName, workloadStackName } from '../stack/naming';
import {
  ARTIFACTS_DIR,
  buildPipelineStack,
  DEFAULT_BUILD_IMAGE,
  pipelineStack,
  PackageStep,
  PipelineStackInput,
  PipelineStageInput,
  StageBuildAction,
  StageDeployment,
} from '../stack/pipeline';
import type { RenderedStack } from '../stack/template';
import { PipelineEntry, Workspace } from '../workspace/workspace';
import {
  buildSettings,
  envFileUploads,
  imageBuildSteps,
  repositoryRoot,
  toolVersion,
  workspaceDirIn,
} from './pipeline-build';
import { resolveSource } from './pipeline-source';
import { builtContainers, loadForEnv, renderWorkload } from './render';

export interface PipelineContext {
  workspace: Workspace;
  app: string;
  /** Variables for ${VAR}; defaults to process.env. */
  vars?: Readonly<Record<string, string | undefined>>;
}

/** What only a deploy knows: the roles of environments that have their own (Copilot's). */
export interface PipelineLookups {
  stageRoles?: Record<string, { executionRoleArn: string; managerRoleArn: string } | undefined>;
}

export interface PipelinePlan {
  entry: PipelineEntry;
  manifest: PipelineManifest;
  input: PipelineStackInput;
  /** Workloads whose images the build makes (each needs its ECR repository). */
  builtWorkloads: string[];
  /** One line each, with file:line:column. */
  warnings: string[];
  /** The manifest as loaded, to place later errors. */
  loaded: LoadedManifest;
}

/** The pipeline named `name` (its directory or its manifest's name); the only one when `name` is unset. */
export function findPipeline(workspace: Workspace, name?: string): PipelineEntry {
  const all = workspace.pipelines();
  const names = all.map((p) => p.name);
  if (name === undefined) {
    if (all.length === 1) return all[0];
    throw new MycopilotError(
      'USAGE',
      all.length === 0 ? `no pipeline in ${workspace.copilotDir}` : 'missing --name: which pipeline?',
      {
        hint: all.length
          ? `Pipelines here: ${names.join(', ')}.`
          : 'Write one with `mycopilot pipeline init --name <name> --url <repository>`.',
        exitCode: 2,
      },
    );
  }
  const found = all.find((p) => p.name === name);
  if (!found) {
    throw new MycopilotError('NOT_FOUND', `no pipeline "${name}" in ${workspace.copilotDir}`, {
      hint: all.length
        ? `Pipelines here: ${names.join(', ')}.`
        : `Write it with \`mycopilot pipeline init --name ${name} --url <repository>\`.`,
    });
  }
  return found;
}

function displayPath(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel.startsWith('..') ? file : rel;
}

async function loadPipelineManifest(
  ctx: PipelineContext,
  entry: PipelineEntry,
): Promise<LoadedManifest & { manifest: PipelineManifest }> {
  const file = displayPath(entry.manifestPath);
  const loaded = await loadManifestFile({ file, app: ctx.app, vars: ctx.vars });
  if (loaded.errors.length === 0 && loaded.type !== undefined && loaded.type !== 'Pipeline') {
    throw new ManifestError(
      [{ position: { file, line: 1, column: 1 }, path: '', message: `is a ${loaded.type} manifest, not a pipeline` }],
      'A pipeline manifest has name, source and stages, and no `type:`.',
    );
  }
  if (loaded.errors.length > 0 || loaded.manifest === undefined) {
    throw new ManifestError(loaded.errors, `Check it with: mycopilot manifest validate ${file}`);
  }
  return loaded as LoadedManifest & { manifest: PipelineManifest };
}

/** Where to point for `at`: the value, or the key when the value is empty (`api:` with nothing after it). */
function placeOf(loaded: LoadedManifest, at: PathSegment[]): { line: number; column: number } {
  if (!loaded.tree) return { line: 1, column: 1 };
  let node: YNode | undefined = loaded.tree;
  for (const segment of at) {
    node = node?.kind === 'seq' && typeof segment === 'number' ? node.items[segment] : getChild(node, String(segment));
  }
  const empty = node?.kind === 'scalar' && node.value === null;
  return positionAt(loaded.tree, at, empty);
}

/** A RenderError from the planning or the builder, placed at its position in the pipeline manifest. */
function atPosition(loaded: LoadedManifest, err: RenderError): ManifestError {
  const pos = placeOf(loaded, err.path);
  return new ManifestError(
    [{ position: { file: loaded.file, ...pos }, path: formatPath(err.path), message: err.message }],
    err.hint,
  );
}

function warningAt(loaded: LoadedManifest, at: PathSegment[], message: string): string {
  const pos = placeOf(loaded, at);
  const d: Diagnostic = { position: { file: loaded.file, ...pos }, path: formatPath(at), message };
  return formatDiagnostic(d);
}

const infra = (file: string) => `${ARTIFACTS_DIR}/${file}`;

export async function planPipeline(
  ctx: PipelineContext,
  entry: PipelineEntry,
  lookups: PipelineLookups = {},
): Promise<PipelinePlan> {
  const loaded = await loadPipelineManifest(ctx, entry);
  try {
    return await plan(ctx, entry, loaded, lookups);
  } catch (err) {
    if (err instanceof RenderError) throw atPosition(loaded, err);
    throw err;
  }
}

async function plan(
  ctx: PipelineContext,
  entry: PipelineEntry,
  loaded: LoadedManifest & { manifest: PipelineManifest },
  lookups: PipelineLookups,
): Promise<PipelinePlan> {
  const { workspace, app } = ctx;
  const manifest = loaded.manifest;
  const warnings: string[] = [];
  const warn = (at: PathSegment[], message: string) => warnings.push(warningAt(loaded, at, message));

  if (!entry.legacy && manifest.name !== entry.name) {
    warn(['name'], `differs from its directory (${entry.name}): the pipeline is named ${manifest.name}`);
  }
  const { source, warnings: sourceWarnings } = resolveSource(manifest);
  for (const w of sourceWarnings) warn(w.path, w.message);

  const repoRoot = repositoryRoot(workspace.root);
  const customBuild = manifest.build?.buildspec;
  const inRepository = (file: string, at: PathSegment[], what: string) => {
    if (!existsSync(path.resolve(repoRoot, file))) {
      throw new RenderError(at, `${what} ${file} is not in the repository (looked in ${repoRoot})`);
    }
  };
  if (customBuild !== undefined) inRepository(customBuild, ['build', 'buildspec'], 'the buildspec');

  const workloads = workspace.workloads();
  const workloadNames = new Set(workloads.map((w) => w.name));
  const knownEnvs = workspace.environments().map((e) => e.name);

  const packages = new Map<string, PackageStep>();
  const extraArtifacts = new Set<string>();
  /** First environment each built workload is built for, and its build settings there. */
  const builds = new Map<string, { env: string; manifest: unknown; settings: string }>();
  const stages: PipelineStageInput[] = [];

  for (const [i, stage] of (manifest.stages ?? []).entries()) {
    const at: PathSegment[] = ['stages', i];
    const env = stage.name;
    if (knownEnvs.length > 0 && !knownEnvs.includes(env)) {
      throw new RenderError(
        [...at, 'name'],
        `no environment "${env}" in ${workspace.copilotDir}/environments`,
        `Environments here: ${knownEnvs.join(', ')}.`,
      );
    }
    const given = stage.deployments ?? {};
    const entries: [
      string,
      { depends_on?: string[]; stack_name?: string; template_path?: string; template_config?: string } | null,
    ][] = Object.keys(given).length > 0 ? Object.entries(given) : [...workloadNames].sort().map((name) => [name, null]);
    const deployments: StageDeployment[] = [];
    for (const [name, conf] of entries) {
      const dat: PathSegment[] = [...at, 'deployments', name];
      const isWorkload = workloadNames.has(name);
      const isEnvironment = !isWorkload && conf?.stack_name === environmentStackName(app, env);
      if (!isWorkload && !isEnvironment && conf?.template_path === undefined) {
        throw new RenderError(
          dat,
          `no service or job named "${name}" in ${workspace.copilotDir}`,
          'A deployment of another stack names its template_path (and stack_name).',
        );
      }
      let produced: { template: string; params: string } | undefined;
      if (isWorkload) {
        produced = await planWorkload(ctx, name, env, dat, { packages, builds, warn });
      } else if (isEnvironment) {
        produced = { template: infra(`${env}.env.stack.yml`), params: infra(`${env}.env.params.json`) };
        const key = `env/${env}`;
        if (!packages.has(key)) {
          packages.set(key, { kind: 'env', name: env, env, ...produced, copies: [], envFiles: [] });
        }
      }
      const templatePath = conf?.template_path ?? produced?.template ?? infra(`${name}-${env}.stack.yml`);
      // A build of the user's own may write Copilot's default configuration; a template of the repository may have none.
      const templateConfig =
        conf?.template_config ??
        produced?.params ??
        (customBuild !== undefined ? infra(`${name}-${env}.params.json`) : undefined);
      if (produced && customBuild === undefined) {
        // The deploy action reads where the manifest says: copy what `package` wrote there.
        const step = packages.get(isWorkload ? `${name}/${env}` : `env/${env}`)!;
        for (const [from, to] of [
          [produced.template, templatePath],
          [produced.params, templateConfig ?? produced.params],
        ]) {
          if (from !== to && !step.copies.some((c) => c.to === to)) step.copies.push({ from, to });
        }
      }
      if (!produced && customBuild === undefined) {
        // Nothing the build makes: the templates must be files of the repository.
        inRepository(templatePath, [...dat, 'template_path'], 'the template');
        extraArtifacts.add(templatePath);
        if (templateConfig !== undefined) {
          inRepository(templateConfig, [...dat, 'template_config'], 'the template configuration');
          extraArtifacts.add(templateConfig);
        }
      }
      deployments.push({
        name,
        kind: isWorkload ? 'workload' : isEnvironment ? 'environment' : 'custom',
        stackName: conf?.stack_name ?? workloadStackName(app, env, name),
        templatePath,
        templateConfig,
        dependsOn: conf?.depends_on ?? [],
        path: dat,
      });
    }
    if (deployments.length === 0) {
      warn([...at, 'name'], `deploys nothing (the workspace has no service or job): the stage is left out`);
    }
    const buildActions = (kind: 'pre_deployments' | 'post_deployments'): StageBuildAction[] =>
      Object.entries(stage[kind] ?? {}).map(([name, a]) => {
        const aat: PathSegment[] = [...at, kind, name];
        inRepository(a.buildspec, [...aat, 'buildspec'], 'the buildspec');
        return { name, buildspec: path.posix.normalize(a.buildspec), dependsOn: a.depends_on ?? [], path: aat };
      });
    stages.push({
      env,
      path: at,
      requiresApproval: stage.requires_approval ?? false,
      testCommands: stage.test_commands ?? [],
      preDeployments: buildActions('pre_deployments'),
      deployments,
      postDeployments: buildActions('post_deployments'),
      roles: lookups.stageRoles?.[env],
    });
  }
  if ((manifest.stages ?? []).length === 0) warn([], 'has no stages: the pipeline only builds');

  const images = [...builds.entries()].flatMap(([name, b]) => imageBuildSteps(app, name, b.manifest, workspace.root));
  const builtWorkloads = [...builds.entries()]
    .filter(([name, b]) => builtContainers(name, b.manifest).length > 0)
    .map(([name]) => name)
    .sort();
  const input: PipelineStackInput = {
    app,
    name: manifest.name,
    legacy: entry.legacy,
    source,
    build: {
      image: manifest.build?.image ?? DEFAULT_BUILD_IMAGE,
      buildspecPath: customBuild,
      generated: {
        workspaceDir: workspaceDirIn(repoRoot, workspace.root),
        toolVersion: toolVersion(),
        images,
        packages: [...packages.values()],
        extraArtifacts: [...extraArtifacts].sort(),
      },
      additionalPolicy: additionalPolicy(manifest),
      repositories: builtWorkloads.map((w) => `${app}/${w}`),
    },
    stages,
  };
  return { entry, manifest, input, builtWorkloads, warnings, loaded };
}

interface PlanState {
  packages: Map<string, PackageStep>;
  builds: Map<string, { env: string; manifest: unknown; settings: string }>;
  warn: (at: PathSegment[], message: string) => void;
}

/** Checks the workload renders for `env` and adds its package run (and image build); returns what it writes. */
async function planWorkload(
  ctx: PipelineContext,
  name: string,
  env: string,
  at: PathSegment[],
  state: PlanState,
): Promise<{ template: string; params: string }> {
  const rctx = { workspace: ctx.workspace, app: ctx.app, env, vars: ctx.vars };
  const entry = ctx.workspace.requireWorkload(name);
  const loaded = await loadForEnv(rctx, entry.manifestPath);
  // The same checks `svc package` makes in the build, made now rather than after a push.
  const { type, stack } = await renderWorkload(rctx, { name, tag: 'latest' });
  const produced = { template: infra(`${name}-${env}.stack.yml`), params: infra(`${name}-${env}.params.json`) };
  const key = `${name}/${env}`;
  if (!state.packages.has(key)) {
    state.packages.set(key, {
      kind: type === 'Scheduled Job' ? 'job' : 'svc',
      name,
      env,
      ...produced,
      copies: [],
      envFiles: envFileUploads(loaded.manifest, Object.keys(stack.template.Parameters ?? {})),
    });
  }
  if (type === 'Static Site') {
    state.warn(at, `${name} is a Static Site: the pipeline deploys its stack but does not upload its files`);
  }
  const settings = buildSettings(loaded.manifest);
  const first = state.builds.get(name);
  if (!first) state.builds.set(name, { env, manifest: loaded.manifest, settings });
  else if (first.settings !== settings && builtContainers(name, loaded.manifest).length > 0) {
    state.warn(at, `${name} builds its image differently in ${env}; the pipeline builds it once, as for ${first.env}`);
  }
  return produced;
}

function additionalPolicy(manifest: PipelineManifest): Record<string, unknown> | undefined {
  const doc = manifest.build?.additional_policy?.PolicyDocument;
  if (doc === undefined) return undefined;
  if (typeof doc !== 'string') return doc;
  try {
    return JSON.parse(doc) as Record<string, unknown>;
  } catch (err) {
    throw new RenderError(
      ['build', 'additional_policy', 'PolicyDocument'],
      `is not valid JSON: ${(err as Error).message}`,
      'Write the policy document as a YAML map, or as JSON text.',
    );
  }
}

/** The stack of a plan (whose input a deploy may have completed), or a ManifestError at the culprit's position. */
export function buildPlannedStack(planned: PipelinePlan): RenderedStack {
  try {
    return buildPipelineStack(planned.input);
  } catch (err) {
    if (err instanceof RenderError) throw atPosition(planned.loaded, err);
    throw err;
  }
}

/** The pipeline stack, or a ManifestError at the position of what is wrong. */
export async function renderPipeline(
  ctx: PipelineContext,
  entry: PipelineEntry,
  lookups: PipelineLookups = {},
): Promise<{ plan: PipelinePlan; stack: RenderedStack }> {
  const planned = await planPipeline(ctx, entry, lookups);
  return { plan: planned, stack: buildPlannedStack(planned) };
}

export interface PipelineIdentity {
  /** The pipeline's name (its manifest's `name`). */
  name: string;
  stackName: string;
  legacy: boolean;
  entry?: PipelineEntry;
}

/**
 * Which stack a pipeline is, for the commands that only read or delete it: from the workspace when it is there
 * (the manifest names it), else from the name alone, so a pipeline whose manifest is gone can still be managed.
 */
export async function pipelineIdentity(ctx: PipelineContext, name?: string): Promise<PipelineIdentity> {
  const known = ctx.workspace.pipelines();
  if (name !== undefined && !known.some((p) => p.name === name)) {
    return { name, stackName: pipelineStack(ctx.app, name, false), legacy: false };
  }
  const entry = findPipeline(ctx.workspace, name);
  const loaded = await loadManifestFile({ file: displayPath(entry.manifestPath), app: ctx.app, vars: ctx.vars });
  const named = (loaded.manifest as { name?: unknown } | undefined)?.name;
  const pipelineName = typeof named === 'string' ? named : entry.name;
  return {
    name: pipelineName,
    stackName: pipelineStack(ctx.app, pipelineName, entry.legacy),
    legacy: entry.legacy,
    entry,
  };
}
