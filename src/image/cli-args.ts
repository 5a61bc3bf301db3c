// The command lines mycopilot gives each engine, as pure functions so tests can read them. No secret is ever
// an argument here: passwords go to stdin (see CliEngine.login).
import { DEFAULT_PLATFORM } from './engine';
import type { BuildRequest, EngineName } from './engine';

/** Sorted so that the same request always gives the same command line. */
function pairs(map: Record<string, string> | undefined): string[] {
  return Object.entries(map ?? {})
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}=${v}`);
}

export function buildArgs(request: BuildRequest): string[] {
  const args = ['build', '--file', request.dockerfile, '--platform', request.platform ?? DEFAULT_PLATFORM];
  for (const tag of request.tags) args.push('--tag', tag);
  for (const arg of pairs(request.args)) args.push('--build-arg', arg);
  if (request.target) args.push('--target', request.target);
  for (const image of request.cacheFrom ?? []) args.push('--cache-from', image);
  for (const label of pairs(request.labels)) args.push('--label', label);
  args.push(request.context);
  return args;
}

export function tagArgs(source: string, target: string): string[] {
  return ['tag', source, target];
}

/**
 * Plain-HTTP access to a loopback registry (a local emulator): docker allows it for 127.0.0.0/8 by itself,
 * podman needs --tls-verify=false and finch (nerdctl) --insecure-registry.
 */
function insecureFlags(engine: EngineName, registry: string): string[] {
  if (!isLoopbackRegistry(registry)) return [];
  if (engine === 'podman') return ['--tls-verify=false'];
  if (engine === 'finch') return ['--insecure-registry'];
  return [];
}

export function loginArgs(engine: EngineName, registry: string, username: string): string[] {
  return ['login', '--username', username, '--password-stdin', ...insecureFlags(engine, registry), registry];
}

/** podman writes the pushed digest to a file; docker and finch print it. */
export function pushArgs(engine: EngineName, ref: string, digestFile?: string): string[] {
  const digest = engine === 'podman' && digestFile ? ['--digestfile', digestFile] : [];
  return ['push', ...digest, ...insecureFlags(engine, registryOf(ref)), ref];
}

/** Asks the engine's daemon (or VM) something, to find out early whether it runs. */
export function checkArgs(): string[] {
  return ['info'];
}

/** The registry host of an image reference: its first path component when that looks like a host. */
export function registryOf(ref: string): string {
  const slash = ref.indexOf('/');
  if (slash < 0) return 'docker.io';
  const first = ref.slice(0, slash);
  return first.includes('.') || first.includes(':') || first === 'localhost' ? first : 'docker.io';
}

export function isLoopbackRegistry(registry: string): boolean {
  return /^(localhost|127(\.\d{1,3}){3}|\[::1\])(:\d+)?$/i.test(registry);
}
