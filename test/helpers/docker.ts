// Container-test setup: a real dockerd (root, socket and data under a temp dir, no networking of its own) and a
// registry on 127.0.0.1:<free port> with htpasswd user AWS (ECR's login user). Started only when
// MYCOPILOT_CONTAINER_TESTS=1; stopped by PID. When scripts/docker-up.sh already runs them (DOCKER_HOST,
// MYCOPILOT_REGISTRY and MYCOPILOT_REGISTRY_PASSWORD_FILE set), those are reused and left running.
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, closeSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';

export const CONTAINER_TESTS = process.env.MYCOPILOT_CONTAINER_TESTS === '1';
const SKIP_REASON =
  'container tests skipped: set MYCOPILOT_CONTAINER_TESTS=1 to run them (root; see scripts/docker-up.sh)';

/** `describe` when container tests are on; otherwise one visibly skipped test saying how to turn them on. */
export function describeContainer(name: string, body: () => void): void {
  if (CONTAINER_TESTS) {
    describe(name, body);
    return;
  }
  process.stderr.write(`${name}: ${SKIP_REASON}\n`);
  describe(name, () => it.skip(SKIP_REASON, () => undefined));
}

export interface ContainerStack {
  /** unix:///…/docker.sock */
  dockerHost: string;
  /** 127.0.0.1:PORT */
  registry: string;
  username: 'AWS';
  password: string;
  /** For engine processes: DOCKER_HOST and a fresh DOCKER_CONFIG (logins never touch ~/.docker). */
  engineEnv: Record<string, string>;
  /** A temp dir that stop() removes. */
  dir: string;
  stop(): Promise<void>;
}

const DOCKERD_FLAGS = [
  '--bridge',
  'none',
  '--iptables=false',
  '--ip6tables=false',
  '--ip-masq=false',
  '--userland-proxy=false',
];

/** A fresh docker client config dir under `dir`. */
export function dockerConfigDir(dir: string): string {
  return mkdtempSync(path.join(dir, 'docker-config-'));
}

export async function startContainerStack(): Promise<ContainerStack> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mycopilot-ct-'));
  const reused = reuseRunning(dir);
  if (reused) return reused;
  requireTools();
  const children: ChildProcess[] = [];
  const stop = async () => {
    // Both at once (each takes a second or two); dockerd stops its own containerd. SIGKILL after the grace period.
    await Promise.all(children.map((child) => stopProcess(child, 20_000)));
    rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  };
  try {
    const socket = path.join(dir, 'docker.sock');
    // Our own daemon.json instead of /etc/docker's: the machine's settings stay out, and so does its trust key.
    writeFileSync(path.join(dir, 'daemon.json'), JSON.stringify({ 'deprecated-key-path': path.join(dir, 'key.json') }));
    const options = {
      '--host': `unix://${socket}`,
      '--data-root': path.join(dir, 'data'),
      '--exec-root': path.join(dir, 'exec'),
      '--pidfile': path.join(dir, 'dockerd.pid'),
      '--config-file': path.join(dir, 'daemon.json'),
    };
    const dockerd = startLogged(
      'dockerd',
      [...Object.entries(options).flat(), ...DOCKERD_FLAGS],
      path.join(dir, 'dockerd.log'),
    );
    children.push(dockerd);
    const password = randomBytes(18).toString('base64url');
    const registry = await startRegistry(dir, password, children);
    await waitFor('dockerd', dockerd, path.join(dir, 'dockerd.log'), 60_000, () => ping(socket));
    const dockerHost = `unix://${socket}`;
    return {
      dockerHost,
      registry,
      username: 'AWS',
      password,
      engineEnv: { DOCKER_HOST: dockerHost, DOCKER_CONFIG: dockerConfigDir(dir) },
      dir,
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

function reuseRunning(dir: string): ContainerStack | undefined {
  const { DOCKER_HOST, MYCOPILOT_REGISTRY, MYCOPILOT_REGISTRY_PASSWORD_FILE } = process.env;
  if (!DOCKER_HOST || !MYCOPILOT_REGISTRY || !MYCOPILOT_REGISTRY_PASSWORD_FILE) return undefined;
  return {
    dockerHost: DOCKER_HOST,
    registry: MYCOPILOT_REGISTRY,
    username: 'AWS',
    password: readFileSync(MYCOPILOT_REGISTRY_PASSWORD_FILE, 'utf8').trim(),
    engineEnv: { DOCKER_HOST, DOCKER_CONFIG: dockerConfigDir(dir) },
    dir,
    stop: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

function requireTools(): void {
  if (process.getuid?.() !== 0) throw new Error('container tests start dockerd and must run as root');
  const missing = ['dockerd', 'docker', 'docker-registry', 'htpasswd'].filter(
    (t) => spawnSync('sh', ['-c', `command -v ${t}`]).status !== 0,
  );
  if (missing.length) {
    throw new Error(
      `container tests need ${missing.join(', ')}: run scripts/docker-up.sh, or apt-get install -y --no-install-recommends docker.io docker-registry busybox-static apache2-utils`,
    );
  }
}

async function startRegistry(dir: string, password: string, children: ChildProcess[]): Promise<string> {
  const htpasswd = path.join(dir, 'htpasswd');
  // -i: the password comes from stdin, so it is never on a command line.
  const made = spawnSync('htpasswd', ['-iBc', htpasswd, 'AWS'], { input: password, encoding: 'utf8' });
  if (made.status !== 0) throw new Error(`htpasswd failed: ${made.stderr}`);
  const port = await freePort();
  const config = path.join(dir, 'registry.yml');
  writeFileSync(
    config,
    [
      'version: 0.1',
      'log: {level: warn, accesslog: {disabled: true}}',
      `storage: {filesystem: {rootdirectory: ${path.join(dir, 'registry')}}, delete: {enabled: true}}`,
      `http: {addr: "127.0.0.1:${port}", secret: ${randomBytes(16).toString('hex')}}`,
      `auth: {htpasswd: {realm: mycopilot-test, path: ${htpasswd}}}`,
      '',
    ].join('\n'),
  );
  const registry = startLogged('docker-registry', ['serve', config], path.join(dir, 'registry.log'));
  children.push(registry);
  const host = `127.0.0.1:${port}`;
  await waitFor(
    'docker-registry',
    registry,
    path.join(dir, 'registry.log'),
    20_000,
    async () => (await status(`http://${host}/v2/`)) === 401,
  );
  return host;
}

function startLogged(command: string, args: string[], log: string): ChildProcess {
  const fd = openSync(log, 'a');
  try {
    return spawn(command, args, { stdio: ['ignore', fd, fd] });
  } finally {
    closeSync(fd);
  }
}

async function waitFor(
  name: string,
  child: ChildProcess,
  log: string,
  timeoutMs: number,
  ready: () => Promise<boolean>,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) break;
    if (await ready().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  const tail = existsSync(log) ? readFileSync(log, 'utf8').split('\n').slice(-15).join('\n') : '';
  throw new Error(`${name} did not become ready (exit code ${child.exitCode ?? 'none'}); last log lines:\n${tail}`);
}

/** Stops one process by its PID: SIGTERM, then SIGKILL after `graceMs`. */
export async function stopProcess(child: ChildProcess, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  process.kill(child.pid, 'SIGTERM');
  const timer = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), graceMs).unref());
  if ((await Promise.race([exited, timer])) === 'timeout') {
    process.kill(child.pid, 'SIGKILL');
    await exited;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function ping(socketPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get({ socketPath, path: '/_ping', timeout: 1000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => req.destroy());
  });
}

async function status(url: string): Promise<number> {
  const res = await fetch(url, { method: 'GET' });
  await res.arrayBuffer();
  return res.status;
}

// ---- reading the registry back over its HTTP API ----

const MANIFEST_TYPES = [
  'application/vnd.docker.distribution.manifest.v2+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.oci.image.index.v1+json',
].join(', ');

function authHeader(stack: ContainerStack): string {
  return `Basic ${Buffer.from(`${stack.username}:${stack.password}`).toString('base64')}`;
}

/** The registry's digest of `<repository>:<tag>` (HEAD /v2/<repo>/manifests/<tag> → Docker-Content-Digest). */
export async function registryDigest(
  stack: ContainerStack,
  repository: string,
  tag: string,
): Promise<string | undefined> {
  const res = await fetch(`http://${stack.registry}/v2/${repository}/manifests/${tag}`, {
    method: 'HEAD',
    headers: { Accept: MANIFEST_TYPES, Authorization: authHeader(stack) },
  });
  return res.ok ? (res.headers.get('docker-content-digest') ?? undefined) : undefined;
}

/** The image config (labels, env, os/architecture) of `<repository>:<tag>`, read from its manifest's config blob. */
export async function registryImageConfig(
  stack: ContainerStack,
  repository: string,
  tag: string,
): Promise<{ architecture?: string; os?: string; config?: { Labels?: Record<string, string> } }> {
  const get = async (p: string, accept?: string) => {
    const res = await fetch(`http://${stack.registry}/v2/${repository}/${p}`, {
      headers: { Authorization: authHeader(stack), ...(accept ? { Accept: accept } : {}) },
    });
    if (!res.ok) throw new Error(`GET ${p}: ${res.status}`);
    return res.json() as Promise<Record<string, unknown>>;
  };
  const manifest = (await get(`manifests/${tag}`, MANIFEST_TYPES)) as { config?: { digest: string } };
  if (!manifest.config) throw new Error(`${repository}:${tag} is an index, not an image manifest`);
  return get(`blobs/${manifest.config.digest}`);
}

/** The statically linked busybox from busybox-static, which runs in a FROM scratch image. */
export function busyboxBinary(): string {
  const found = ['/bin/busybox', '/usr/bin/busybox'].find((p) => existsSync(p));
  if (!found) throw new Error('busybox not found: apt-get install -y --no-install-recommends busybox-static');
  return found;
}
