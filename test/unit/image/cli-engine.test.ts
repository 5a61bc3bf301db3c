// CliEngine against a fake process runner: streaming, errors that say what to do, secrets kept off argv and output.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MycopilotError } from '../../../src/errors';
import { CliEngine } from '../../../src/image/cli-engine';
import type { BuildRequest, EngineName } from '../../../src/image/engine';
import type { ProcessRequest } from '../../../src/image/process';
import { FakeRunner } from './fake-runner';

const DIGEST = `sha256:${'d'.repeat(64)}`;
const PASSWORD = 'eyJwYXlsb2FkIjoi-very-secret';

let dir: string;
let request: BuildRequest;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'mycopilot-engine-'));
  mkdirSync(path.join(dir, 'api'));
  writeFileSync(path.join(dir, 'api', 'Dockerfile'), 'FROM scratch\n');
  request = { context: path.join(dir, 'api'), dockerfile: path.join(dir, 'api', 'Dockerfile'), tags: ['r/shop/api:t'] };
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function engine(name: EngineName, reply: ConstructorParameters<typeof FakeRunner>[0]) {
  const runner = new FakeRunner(reply);
  return { runner, engine: new CliEngine({ name, runner, env: { DOCKER_HOST: 'unix:///tmp/x.sock' } }) };
}

async function failure(p: Promise<unknown>): Promise<MycopilotError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(MycopilotError);
  return err as MycopilotError;
}

describe('build', () => {
  it('streams each line to the caller as it comes and passes the engine environment', async () => {
    const { runner, engine: e } = engine('docker', () => ({
      lines: ['Step 1/2 : FROM scratch', 'Successfully built 1234'],
    }));
    const seen: string[] = [];
    await e.build(request, { onLine: (l) => seen.push(l) });
    expect(seen).toEqual(['Step 1/2 : FROM scratch', 'Successfully built 1234']);
    expect(runner.calls[0].command).toBe('docker');
    expect(runner.calls[0].args).toContain('--platform');
    expect(runner.calls[0].env).toEqual({ DOCKER_HOST: 'unix:///tmp/x.sock' });
  });

  it('runs the engine named, e.g. finch', async () => {
    const { runner, engine: e } = engine('finch', () => ({}));
    await e.build(request);
    expect(runner.calls[0].command).toBe('finch');
  });

  it("shows the last lines of a failed build's output", async () => {
    const lines = Array.from({ length: 50 }, (_, i) => `line ${i}`).concat([
      'COPY failed: file not found in build context: missing.txt',
    ]);
    const { engine: e } = engine('docker', () => ({ exitCode: 1, lines }));
    const err = await failure(e.build(request));
    expect(err.code).toBe('IMAGE');
    expect(err.message).toMatch(/^docker build r\/shop\/api:t failed: docker exited with code 1\./);
    expect(err.message).toContain('COPY failed: file not found in build context: missing.txt');
    expect(err.message).toContain('line 49');
    expect(err.message).not.toContain('line 10\n');
  });

  it('fails before running anything when the Dockerfile or the context is missing', async () => {
    const { runner, engine: e } = engine('docker', () => ({}));
    const err = await failure(e.build({ ...request, dockerfile: path.join(dir, 'nope', 'Dockerfile') }));
    expect(err.message).toBe(`Dockerfile not found: ${path.join(dir, 'nope', 'Dockerfile')} is not a file.`);
    expect(err.hint).toMatch(/relative to the workspace root/);
    const err2 = await failure(e.build({ ...request, context: path.join(dir, 'gone') }));
    expect(err2.message).toMatch(/^Build context not found/);
    expect(runner.calls).toHaveLength(0);
  });

  it('says the engine is interrupted when the caller aborted', async () => {
    const controller = new AbortController();
    const { engine: e } = engine('docker', () => ({ exitCode: 1, effect: () => controller.abort() }));
    const err = await failure(e.build(request, { signal: controller.signal }));
    expect(err.code).toBe('INTERRUPTED');
  });
});

describe('login', () => {
  it('sends the password on stdin only: not in the arguments, the environment or the output', async () => {
    const { runner, engine: e } = engine('docker', (req) => ({ lines: [`echo ${req.stdin}`, 'Login Succeeded'] }));
    const seen: string[] = [];
    await e.login('127.0.0.1:5000', 'AWS', PASSWORD, { onLine: (l) => seen.push(l) });
    const call = runner.calls[0];
    expect(call.args).toEqual(['login', '--username', 'AWS', '--password-stdin', '127.0.0.1:5000']);
    expect(call.stdin).toBe(PASSWORD);
    expect(JSON.stringify(call.args) + JSON.stringify(call.env)).not.toContain(PASSWORD);
    expect(seen.join('\n')).not.toContain(PASSWORD);
    expect(seen[0]).toBe('echo ***');
  });

  it('says the registry rejected the credentials, without the password', async () => {
    const lines = [
      'Error response from daemon: login attempt to http://127.0.0.1:5000/v2/ failed with status: 401 Unauthorized',
    ];
    const { engine: e } = engine('docker', () => ({ exitCode: 1, lines }));
    const err = await failure(e.login('127.0.0.1:5000', 'AWS', PASSWORD));
    expect(err.message).toMatch(/^docker login 127\.0\.0\.1:5000 failed: the registry rejected the credentials\./);
    expect(err.message).toContain('401 Unauthorized');
    expect(err.hint).toMatch(/GetAuthorizationToken/);
    expect(`${err.message} ${err.hint}`).not.toContain(PASSWORD);
  });
});

describe('push', () => {
  it('returns the digest docker printed', async () => {
    const { engine: e } = engine('docker', () => ({
      lines: ['The push refers to repository [r/shop/api]', `t: digest: ${DIGEST} size: 528`],
    }));
    await expect(e.push('r/shop/api:t')).resolves.toBe(DIGEST);
  });

  it('returns the digest finch logged', async () => {
    const line = `INFO[0000] pushing as a reduced-platform image (application/vnd.oci.image.manifest.v1+json, ${DIGEST})`;
    const { engine: e } = engine('finch', () => ({
      lines: [line, ...Array.from({ length: 40 }, () => 'layer: done')],
    }));
    await expect(e.push('r/shop/api:t')).resolves.toBe(DIGEST);
  });

  it("reads podman's --digestfile, not its output", async () => {
    const { runner, engine: e } = engine('podman', (req: ProcessRequest) => ({
      lines: ['Writing manifest to image destination'],
      effect: () => writeFileSync(req.args[req.args.indexOf('--digestfile') + 1], DIGEST),
    }));
    await expect(e.push('r/shop/api:t')).resolves.toBe(DIGEST);
    expect(runner.calls[0].args[0]).toBe('push');
  });

  it('fails when the push printed no digest', async () => {
    const { engine: e } = engine('docker', () => ({ lines: ['pushed somehow'] }));
    const err = await failure(e.push('r/shop/api:t'));
    expect(err.message).toMatch(/printed no digest/);
  });

  it('explains a push refused for lack of login', async () => {
    const { engine: e } = engine('docker', () => ({ exitCode: 1, lines: ['no basic auth credentials'] }));
    const err = await failure(e.push('r/shop/api:t'));
    expect(err.message).toMatch(/the registry refused the push/);
  });

  it('explains a missing ECR repository', async () => {
    const lines = [
      "name unknown: The repository with name 'shop/api' does not exist in the registry with id '123456789012'",
    ];
    const { engine: e } = engine('docker', () => ({ exitCode: 1, lines }));
    const err = await failure(e.push('r/shop/api:t'));
    expect(err.message).toMatch(/the repository does not exist/);
  });
});

describe('tag', () => {
  it('runs <engine> tag source target', async () => {
    const { runner, engine: e } = engine('podman', () => ({}));
    await e.tag('r/shop/api:abc', 'r/shop/api:latest');
    expect(runner.calls[0]).toMatchObject({ command: 'podman', args: ['tag', 'r/shop/api:abc', 'r/shop/api:latest'] });
  });
});

it('podman: a push that wrote no digest file fails clearly', async () => {
  const { engine: e } = engine('podman', () => ({ lines: ['Writing manifest to image destination'] }));
  const err = await failure(e.push('r/shop/api:t'));
  expect(err.message).toMatch(/^podman push r\/shop\/api:t succeeded but printed no digest/);
});

describe('engine not usable', () => {
  it.each<[EngineName]>([['docker'], ['podman'], ['finch']])(
    '%s not installed: names it and how to pick another',
    async (name) => {
      const { engine: e } = engine(name, () => ({ notFound: true }));
      const err = await failure(e.check());
      expect(err.code).toBe('IMAGE');
      expect(err.message).toBe(
        `The container engine ${name} is not installed: there is no \`${name}\` command on PATH.`,
      );
      expect(err.hint).toMatch(/--engine docker\|podman\|finch \(or MYCOPILOT_CONTAINER_ENGINE\)/);
    },
  );

  it.each<[EngineName, string, RegExp, RegExp]>([
    [
      'docker',
      'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?',
      /docker is installed but its daemon is not running/,
      /systemctl start docker/,
    ],
    [
      'podman',
      'Cannot connect to Podman. Please verify your connection to the Linux system using `podman system connection list`',
      /podman is installed but its service is not running/,
      /podman machine start/,
    ],
    [
      'finch',
      'FATA[0000] instance "finch" is stopped, run `finch vm start` to start the instance',
      /finch is installed but its VM is not running/,
      /finch vm start/,
    ],
  ])('%s daemon not running: says so and how to start it or pick another engine', async (name, line, message, hint) => {
    const { engine: e } = engine(name, () => ({ exitCode: 1, lines: [line] }));
    for (const attempt of [e.check(), e.build(request), e.push('r/a:t')]) {
      const err = await failure(attempt);
      expect(err.message).toMatch(message);
      expect(err.hint).toMatch(hint);
      expect(err.hint).toMatch(/--engine/);
    }
  });

  it('says when the docker socket is not accessible', async () => {
    const line = 'permission denied while trying to connect to the Docker daemon socket at unix:///var/run/docker.sock';
    const { engine: e } = engine('docker', () => ({ exitCode: 1, lines: [line] }));
    const err = await failure(e.check());
    expect(err.message).toMatch(/permission denied on the docker daemon's socket/);
  });
});
