// What to build for a workload, decided without running anything: for each container built from a Dockerfile
// (the main one, named after the workload, and sidecars with `image.build`), the build request and the
// references to push. Paths in manifests are relative to the workspace root (the directory holding copilot/).
import * as path from 'node:path';
import { usageError } from '../errors';
import { DEFAULT_PLATFORM } from './engine';
import type { BuildRequest } from './engine';

/** `image.build` as the manifest schema allows it: a Dockerfile path, or a map of build options. */
export type BuildField =
  | string
  | { context?: string; dockerfile?: string; args?: Record<string, string>; target?: string; cache_from?: string[] };

export interface WorkloadImagesInput {
  /** The directory holding copilot/; manifest paths are relative to it. */
  workspaceRoot: string;
  /** The workload's name, which is also its main container's. */
  workload: string;
  /** The workload's validated manifest, with the environment's overrides applied. */
  manifest: unknown;
  /** Where the images go: `<registry>/<app>/<workload>` (see repositoryUri). */
  repository: string;
  /** This deploy's tag: the git short SHA, --tag, or latest. */
  tag: string;
  /** Overrides the platform the manifest implies. */
  platform?: string;
  labels?: Record<string, string>;
}

export interface PlannedImage {
  container: string;
  main: boolean;
  build: BuildRequest;
  /** References to push, in order; the container's digest is the first one's. */
  push: string[];
}

/** The workload's ECR repository (Copilot's `<app>/<workload>`) in `registry`. */
export function repositoryUri(registry: string, app: string, workload: string): string {
  return `${registry}/${app}/${workload}`;
}

/**
 * The platform to build for: the manifest's `platform` mapped to what engines understand (x86_64 → amd64,
 * arm → arm64, as the task definition's ARM64), linux/amd64 when the manifest says nothing.
 */
export function buildPlatform(platform: unknown): string {
  let os: string | undefined;
  let arch: string | undefined;
  if (typeof platform === 'string') [os, arch] = platform.toLowerCase().split('/');
  else if (platform && typeof platform === 'object') {
    const p = platform as { osfamily?: unknown; architecture?: unknown };
    os = typeof p.osfamily === 'string' ? p.osfamily.toLowerCase() : undefined;
    arch = typeof p.architecture === 'string' ? p.architecture.toLowerCase() : undefined;
  }
  if (os === undefined && arch === undefined) return DEFAULT_PLATFORM;
  const family = os?.startsWith('windows') ? 'windows' : 'linux';
  const cpu = arch && /^arm(64)?$/.test(arch) ? 'arm64' : 'amd64';
  return `${family}/${cpu}`;
}

/**
 * Context and Dockerfile of `image.build`, absolute. A path alone: its directory is the context. A map with only
 * `dockerfile`: the same; only `context`: its Dockerfile; neither: the workspace root and its Dockerfile.
 */
export function resolveBuildField(root: string, build: BuildField): Omit<BuildRequest, 'tags' | 'platform' | 'labels'> {
  const at = (p: string) => path.resolve(root, p);
  if (typeof build === 'string') return { context: path.dirname(at(build)), dockerfile: at(build) };
  const dockerfile = build.dockerfile ? at(build.dockerfile) : path.join(at(build.context ?? '.'), 'Dockerfile');
  const context = build.context ? at(build.context) : path.dirname(dockerfile);
  return {
    context,
    dockerfile,
    ...(build.args && Object.keys(build.args).length ? { args: build.args } : {}),
    ...(build.target ? { target: build.target } : {}),
    ...(build.cache_from?.length ? { cacheFrom: build.cache_from } : {}),
  };
}

// Docker's rule for a tag: up to 128 of [A-Za-z0-9_.-], not starting with . or -.
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

/** Containers built from a Dockerfile, main container first; `image.location` and plain image names build nothing. */
export function planWorkloadImages(input: WorkloadImagesInput): PlannedImage[] {
  if (!TAG.test(input.tag)) {
    throw usageError(
      `"${input.tag}" is not a valid image tag`,
      'A tag has up to 128 letters, digits, _, . and -, and starts with a letter, digit or _.',
    );
  }
  const m = (input.manifest ?? {}) as {
    image?: { build?: BuildField };
    platform?: unknown;
    sidecars?: Record<string, { image?: unknown }>;
  };
  const platform = input.platform ?? buildPlatform(m.platform);
  const labels = input.labels && Object.keys(input.labels).length ? { labels: input.labels } : {};
  const plan = (container: string, main: boolean, build: BuildField, tags: string[]): PlannedImage => {
    const refs = tags.map((t) => `${input.repository}:${t}`);
    return {
      container,
      main,
      build: { ...resolveBuildField(input.workspaceRoot, build), tags: refs, platform, ...labels },
      push: refs,
    };
  };
  const out: PlannedImage[] = [];
  if (m.image?.build !== undefined) out.push(plan(input.workload, true, m.image.build, [input.tag, 'latest']));
  for (const [name, sidecar] of Object.entries(m.sidecars ?? {})) {
    const image = sidecar?.image;
    if (!image || typeof image !== 'object' || !('build' in image) || image.build === undefined) continue;
    const tag = `${input.tag}-${name}`;
    if (!TAG.test(tag))
      throw usageError(
        `sidecar "${name}": "${tag}" is not a valid image tag`,
        'Use a sidecar name of letters, digits, _, . and -.',
      );
    out.push(plan(name, false, image.build as BuildField, [tag]));
  }
  return out;
}
