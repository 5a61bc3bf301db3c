// The container engine as the deploy sees it: build, tag, log in, push. One small interface so that deploy code
// and tests can swap the real CLI (docker, podman, finch) for a fake.

/** Engines mycopilot can drive; finch's CLI is docker-compatible, podman's nearly so. */
export const ENGINE_NAMES = ['docker', 'podman', 'finch'] as const;
export type EngineName = (typeof ENGINE_NAMES)[number];

/** Receives the engine's output one line at a time, as it is printed. */
export type LineSink = (line: string) => void;

export interface BuildRequest {
  /** Build context directory (absolute). */
  context: string;
  /** Dockerfile path (absolute). */
  dockerfile: string;
  /** Every reference the built image gets (`repo:tag`, `repo:latest`). */
  tags: string[];
  /** --build-arg KEY=value. */
  args?: Record<string, string>;
  /** Stage of a multi-stage Dockerfile (--target). */
  target?: string;
  /** Images to use as cache sources (--cache-from). */
  cacheFrom?: string[];
  /** os/arch to build for; linux/amd64 when unset, so an ARM laptop does not ship an ARM image by accident. */
  platform?: string;
  /** Image labels (--label). */
  labels?: Record<string, string>;
}

/** Per-call options: where progress goes, and a way to stop the engine's process. */
export interface RunOptions {
  onLine?: LineSink;
  signal?: AbortSignal;
}

export interface ContainerEngine {
  readonly name: EngineName;
  /** Fails with a clear error when the engine is not installed or its daemon (or VM) is not running. */
  check(options?: RunOptions): Promise<void>;
  build(request: BuildRequest, options?: RunOptions): Promise<void>;
  tag(source: string, target: string, options?: RunOptions): Promise<void>;
  /** Logs in with the password on stdin (never on the command line). */
  login(registry: string, username: string, password: string, options?: RunOptions): Promise<void>;
  /** Pushes `ref` and returns the digest (`sha256:…`) the registry stored, as the push reported it. */
  push(ref: string, options?: RunOptions): Promise<string>;
}

/** The build platform when neither the manifest nor the caller names one. */
export const DEFAULT_PLATFORM = 'linux/amd64';
