// Running a workload's image plan against a fake engine: parallel builds, push order, digests, failures.
import { MycopilotError } from '../../../src/errors';
import { buildAndPushWorkloadImages } from '../../../src/image/build-push';
import type { BuildRequest, ContainerEngine, RunOptions } from '../../../src/image/engine';

const REPO = '127.0.0.1:5000/shop/api';
const MANIFEST = {
  image: { build: 'api/Dockerfile' },
  sidecars: { proxy: { image: { build: 'proxy/Dockerfile' } }, cache: { image: 'redis:7' } },
};

/** Records what happens; builds wait until released so overlap can be observed. */
class FakeEngine implements ContainerEngine {
  readonly name = 'docker' as const;
  readonly events: string[] = [];
  running = 0;
  maxRunning = 0;
  failBuild = new Set<string>();

  async check() {}
  async tag() {}
  async login() {}
  async build(request: BuildRequest, options: RunOptions = {}) {
    const ref = request.tags[0];
    this.events.push(`build ${ref}`);
    this.running += 1;
    this.maxRunning = Math.max(this.maxRunning, this.running);
    options.onLine?.(`Step 1/1 for ${ref}`);
    await new Promise((r) => setTimeout(r, 20));
    this.running -= 1;
    if ([...this.failBuild].some((f) => ref.endsWith(f)))
      throw new MycopilotError('IMAGE', `docker build ${ref} failed: docker exited with code 1.`, { hint: 'fix it' });
  }
  async push(ref: string, options: RunOptions = {}) {
    this.events.push(`push ${ref}`);
    options.onLine?.(`pushed ${ref}`);
    const tag = ref.slice(ref.lastIndexOf(':') + 1);
    return `sha256:${(tag.startsWith('abc') && tag.endsWith('proxy') ? 'b' : 'a').repeat(64)}`;
  }
}

const input = { workspaceRoot: '/ws', workload: 'api', manifest: MANIFEST, repository: REPO, tag: 'abc1234' };

it('builds main and sidecar in parallel, pushes <tag> before latest, returns the digest per container', async () => {
  const engine = new FakeEngine();
  const progress: string[] = [];
  const digests = await buildAndPushWorkloadImages(engine, input, {
    onProgress: (e) => progress.push(`${e.container}/${e.phase}: ${e.line}`),
  });
  expect(digests).toEqual({ api: `sha256:${'a'.repeat(64)}`, proxy: `sha256:${'b'.repeat(64)}` });
  expect(engine.maxRunning).toBe(2);
  const pushes = engine.events.filter((e) => e.startsWith('push'));
  expect(pushes).toEqual(
    expect.arrayContaining([`push ${REPO}:abc1234`, `push ${REPO}:latest`, `push ${REPO}:abc1234-proxy`]),
  );
  expect(pushes.indexOf(`push ${REPO}:abc1234`)).toBeLessThan(pushes.indexOf(`push ${REPO}:latest`));
  expect(progress).toEqual(
    expect.arrayContaining([
      `api/build: Step 1/1 for ${REPO}:abc1234`,
      `proxy/build: Step 1/1 for ${REPO}:abc1234-proxy`,
      `proxy/push: pushed ${REPO}:abc1234-proxy`,
    ]),
  );
});

it('names the failed container and still finishes the others before failing', async () => {
  const engine = new FakeEngine();
  engine.failBuild.add('-proxy');
  const err = await buildAndPushWorkloadImages(engine, input).catch((e: unknown) => e as MycopilotError);
  expect(err).toBeInstanceOf(MycopilotError);
  expect(err.code).toBe('IMAGE');
  expect(err.message).toBe(
    `Image of container proxy: docker build ${REPO}:abc1234-proxy failed: docker exited with code 1.`,
  );
  expect(err.hint).toBe('fix it');
  expect(engine.events).toContain(`push ${REPO}:latest`);
  expect(engine.events).not.toContain(`push ${REPO}:abc1234-proxy`);
});

it('reports every failed container', async () => {
  const engine = new FakeEngine();
  engine.failBuild.add(':abc1234').add('-proxy');
  const err = await buildAndPushWorkloadImages(engine, input).catch((e: unknown) => e as MycopilotError);
  expect(err.message).toMatch(/^2 images failed:\nImage of container api: .*\nImage of container proxy: /);
});

it('does nothing for a workload whose images all have a location', async () => {
  const engine = new FakeEngine();
  await expect(
    buildAndPushWorkloadImages(engine, { ...input, manifest: { image: { location: 'nginx' } } }),
  ).resolves.toEqual({});
  expect(engine.events).toEqual([]);
});
