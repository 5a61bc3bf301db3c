// Images built, logged in and pushed for real: dockerd and a registry on loopback (see test/helpers/docker.ts),
// ECR's GetAuthorizationToken mocked to hand out the registry's password. Images are FROM scratch + busybox,
// so nothing is ever pulled.
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { ECRClient, GetAuthorizationTokenCommand } from '@aws-sdk/client-ecr';
import { mockClient } from 'aws-sdk-client-mock';
import { MycopilotError } from '../../src/errors';
import { buildAndPushWorkloadImages } from '../../src/image/build-push';
import { CliEngine } from '../../src/image/cli-engine';
import { ecrLogin } from '../../src/image/ecr-login';
import { repositoryUri } from '../../src/image/plan';
import {
  busyboxBinary,
  ContainerStack,
  describeContainer,
  dockerConfigDir,
  registryDigest,
  registryImageConfig,
  startContainerStack,
} from '../helpers/docker';

const ecrMock = mockClient(ECRClient);
const ecr = new ECRClient({ region: 'us-west-2', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });

/** The MycopilotError a promise rejects with (fails the test when it resolves or throws something else). */
async function failure(p: Promise<unknown>): Promise<MycopilotError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(MycopilotError);
  return err as MycopilotError;
}

/** What GetAuthorizationToken returns: base64("AWS:<password>") and the account's ECR endpoint. */
function mockToken(password: string): void {
  ecrMock.reset();
  ecrMock.on(GetAuthorizationTokenCommand).resolves({
    authorizationData: [
      {
        authorizationToken: Buffer.from(`AWS:${password}`).toString('base64'),
        proxyEndpoint: 'https://123456789012.dkr.ecr.us-west-2.amazonaws.com',
      },
    ],
  });
}

/** A workspace with an api image (build arg GREETING, shown as a label), a proxy sidecar and a broken one. */
function workspace(dir: string): string {
  const root = path.join(dir, 'ws');
  for (const d of ['api', 'proxy', 'broken']) {
    mkdirSync(path.join(root, d), { recursive: true });
    copyFileSync(busyboxBinary(), path.join(root, d, 'busybox'));
  }
  writeFileSync(
    path.join(root, 'api', 'Dockerfile'),
    'FROM scratch\nARG GREETING=unset\nCOPY busybox /bin/busybox\nLABEL greeting=$GREETING\nENTRYPOINT ["/bin/busybox"]\nCMD ["echo", "hello"]\n',
  );
  writeFileSync(path.join(root, 'proxy', 'Dockerfile'), 'FROM scratch\nCOPY busybox /bin/sh\nLABEL role=proxy\n');
  writeFileSync(
    path.join(root, 'broken', 'Dockerfile'),
    'FROM scratch\nCOPY busybox /bin/busybox\nCOPY not-in-context.txt /etc/\n',
  );
  return root;
}

describeContainer('container images with a real dockerd and registry', () => {
  let stack: ContainerStack;
  let root: string;
  let engine: CliEngine;
  let env: NodeJS.ProcessEnv;
  const progress: string[] = [];
  let digests: Record<string, string>;

  beforeAll(async () => {
    stack = await startContainerStack();
    root = workspace(stack.dir);
    engine = new CliEngine({ name: 'docker', env: stack.engineEnv });
    env = { MYCOPILOT_REGISTRY: stack.registry };
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
  }, 60_000);

  it('the engine answers its check', async () => {
    await engine.check();
  });

  it('logs in with the mocked ECR token, builds main and sidecar, pushes; digests are the registry’s', async () => {
    mockToken(stack.password);
    const registry = await ecrLogin(ecr, engine, { env });
    expect(registry).toBe(stack.registry);
    digests = await buildAndPushWorkloadImages(
      engine,
      {
        workspaceRoot: root,
        workload: 'api',
        manifest: {
          image: { build: { dockerfile: 'api/Dockerfile', args: { GREETING: 'hello-from-args' } }, port: 80 },
          sidecars: { proxy: { image: { build: 'proxy/Dockerfile' } }, nginx: { image: 'nginx:1' } },
        },
        repository: repositoryUri(registry, 'shop', 'api'),
        tag: 'abc1234',
      },
      { onProgress: (e) => progress.push(`${e.container} ${e.phase}: ${e.line}`) },
    );
    expect(Object.keys(digests).sort()).toEqual(['api', 'proxy']);
    expect(digests.api).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(await registryDigest(stack, 'shop/api', 'abc1234')).toBe(digests.api);
    expect(await registryDigest(stack, 'shop/api', 'latest')).toBe(digests.api);
    expect(await registryDigest(stack, 'shop/api', 'abc1234-proxy')).toBe(digests.proxy);
    expect(digests.proxy).not.toBe(digests.api);
    // Output was streamed per container while it ran.
    expect(progress.some((l) => l.startsWith('api build: '))).toBe(true);
    expect(progress.some((l) => l.startsWith('proxy build: '))).toBe(true);
    expect(progress.some((l) => l.startsWith('api push: ') && l.includes(digests.api))).toBe(true);
    expect(progress.join('\n')).not.toContain(stack.password);
  }, 120_000);

  it('build args reach the build, for linux/amd64', async () => {
    const config = await registryImageConfig(stack, 'shop/api', 'abc1234');
    expect(config.config?.Labels?.greeting).toBe('hello-from-args');
    expect(config.os).toBe('linux');
    expect(config.architecture).toBe('amd64');
  });

  it('a wrong password fails with a clear error that does not show it', async () => {
    const wrong = 'not-the-registry-password';
    mockToken(wrong);
    const fresh = new CliEngine({
      name: 'docker',
      env: { ...stack.engineEnv, DOCKER_CONFIG: dockerConfigDir(stack.dir) },
    });
    const err = await failure(ecrLogin(ecr, fresh, { env }));
    expect(err.code).toBe('IMAGE');
    expect(err.message).toMatch(
      new RegExp(
        `^docker login ${stack.registry.replace(/\./g, '\\.')} failed: the registry rejected the credentials\\.`,
      ),
    );
    expect(`${err.message}\n${err.hint}`).not.toContain(wrong);
  }, 60_000);

  it('a push without login is refused clearly', async () => {
    const fresh = new CliEngine({
      name: 'docker',
      env: { ...stack.engineEnv, DOCKER_CONFIG: dockerConfigDir(stack.dir) },
    });
    const err = await failure(fresh.push(`${stack.registry}/shop/api:abc1234`));
    expect(err.message).toMatch(/the registry refused the push/);
  }, 60_000);

  it('a missing Dockerfile fails clearly, naming the container and the path', async () => {
    const err = await failure(
      buildAndPushWorkloadImages(engine, {
        workspaceRoot: root,
        workload: 'web',
        manifest: { image: { build: 'web/Dockerfile' } },
        repository: repositoryUri(stack.registry, 'shop', 'web'),
        tag: 't1',
      }),
    );
    expect(err.message).toBe(
      `Image of container web: Dockerfile not found: ${path.join(root, 'web', 'Dockerfile')} is not a file.`,
    );
  });

  it("a failed build shows the end of the engine's output", async () => {
    const err = await failure(
      buildAndPushWorkloadImages(engine, {
        workspaceRoot: root,
        workload: 'broken',
        manifest: { image: { build: 'broken/Dockerfile' } },
        repository: repositoryUri(stack.registry, 'shop', 'broken'),
        tag: 't1',
      }),
    );
    expect(err.message).toMatch(/^Image of container broken: docker build .* failed: docker exited with code 1\./);
    expect(err.message).toMatch(/not-in-context\.txt/);
  }, 60_000);

  it('a daemon that is not running is named as such', async () => {
    const gone = new CliEngine({
      name: 'docker',
      env: { DOCKER_HOST: `unix://${path.join(mkdtempSync(path.join(stack.dir, 'gone-')), 'docker.sock')}` },
    });
    const err = await failure(gone.check());
    expect(err.message).toMatch(/docker is installed but its daemon is not running/);
    expect(err.hint).toMatch(/--engine/);
  });
});
