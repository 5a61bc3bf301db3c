// What the generated build does, worked out offline from the workspace: the image builds (once per workload,
// from the first stage that deploys it) and the `package` runs (once per stack a stage deploys). The same
// helpers `svc deploy` uses decide the build arguments, so a pipeline builds an image exactly as a deploy would.
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { buildArgs } from '../image/cli-args';
import { buildPlatform, resolveBuildField } from '../image/plan';
import type { BuildField } from '../image/plan';
import { logicalIdSafe, repositoryName } from '../stack/naming';
import type { ImageBuildStep } from '../stack/pipeline';

/** Workspace-relative POSIX path (the build runs on Linux whatever machine packaged the pipeline). */
function relativeTo(root: string, absolute: string): string {
  const rel = path.relative(root, absolute).split(path.sep).join('/');
  return rel === '' ? '.' : rel;
}

/** The image builds of one workload, as docker command lines using the build's $REGISTRY and $TAG. */
export function imageBuildSteps(
  app: string,
  workload: string,
  manifest: unknown,
  workspaceRoot: string,
): ImageBuildStep[] {
  const m = (manifest ?? {}) as {
    image?: { build?: BuildField };
    platform?: unknown;
    sidecars?: Record<string, { image?: unknown }>;
  };
  const repository = repositoryName(app, workload);
  const ref = (tag: string) => `$REGISTRY/${repository}:${tag}`;
  const platform = buildPlatform(m.platform);
  const step = (container: string, build: BuildField, tag: string, extraTags: string[]): ImageBuildStep => {
    const field = resolveBuildField(workspaceRoot, build);
    const refs = [ref(tag), ...extraTags.map(ref)];
    const args = buildArgs({
      ...field,
      context: relativeTo(workspaceRoot, field.context),
      dockerfile: relativeTo(workspaceRoot, field.dockerfile),
      tags: refs,
      platform,
    });
    return { repository, container, tag, buildArgs: args, push: refs };
  };
  const out: ImageBuildStep[] = [];
  // The main image also moves `latest`, as a deploy does; sidecars get `<tag>-<sidecar>` in the same repository.
  if (m.image?.build !== undefined) out.push(step(workload, m.image.build, '$TAG', ['latest']));
  for (const [name, sidecar] of Object.entries(m.sidecars ?? {})) {
    const image = sidecar?.image;
    if (image && typeof image === 'object' && 'build' in image && image.build !== undefined) {
      out.push(step(name, image.build as BuildField, `$TAG-${name}`, []));
    }
  }
  return out;
}

/**
 * The env files a workload's stack takes as parameters (EnvFileARN, LoggingEnvFileARN, EnvFileARNFor<Sidecar>),
 * each with the file the manifest names. Read from the rendered template, so only what the builder declared.
 */
export function envFileUploads(
  manifest: unknown,
  parameters: readonly string[],
): { parameter: string; file: string }[] {
  const m = (manifest ?? {}) as {
    env_file?: string;
    logging?: { env_file?: string };
    sidecars?: Record<string, { env_file?: string } | null>;
  };
  const files: Record<string, string | undefined> = { EnvFileARN: m.env_file, LoggingEnvFileARN: m.logging?.env_file };
  for (const [name, sidecar] of Object.entries(m.sidecars ?? {})) {
    files[`EnvFileARNFor${logicalIdSafe(name)}`] = sidecar?.env_file;
  }
  return parameters.filter((p) => files[p] !== undefined).map((parameter) => ({ parameter, file: files[parameter]! }));
}

/** What an image build depends on in a manifest, to notice when an environment builds it differently. */
export function buildSettings(manifest: unknown): string {
  const m = (manifest ?? {}) as {
    image?: { build?: unknown };
    platform?: unknown;
    sidecars?: Record<string, { image?: unknown }>;
  };
  const sidecars = Object.entries(m.sidecars ?? {}).map(([name, s]) => [name, s?.image]);
  return JSON.stringify([m.image?.build, m.platform, sidecars]);
}

/** The repository root above the workspace (the nearest directory with .git), or the workspace root itself. */
export function repositoryRoot(workspaceRoot: string): string {
  let dir = workspaceRoot;
  for (;;) {
    if (existsSync(path.join(dir, '.git'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return workspaceRoot;
    dir = parent;
  }
}

/** The workspace directory relative to the repository root, as the build `cd`s into it. */
export function workspaceDirIn(repoRoot: string, workspaceRoot: string): string {
  return relativeTo(repoRoot, workspaceRoot);
}

/** The version of this tool, which the build installs so that it packages exactly as this one does. */
export function toolVersion(): string {
  const file = path.join(__dirname, '..', '..', 'package.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
}
