// Planning a workload's images: which containers build, from which Dockerfile and context, with which tags.
import * as path from 'node:path';
import { MycopilotError } from '../../../src/errors';
import { buildPlatform, planWorkloadImages, repositoryUri, resolveBuildField } from '../../../src/image/plan';
import type { WorkloadImagesInput } from '../../../src/image/plan';

const ROOT = '/ws';
const REPO = '123456789012.dkr.ecr.us-west-2.amazonaws.com/shop/api';

function input(manifest: unknown, extra: Partial<WorkloadImagesInput> = {}): WorkloadImagesInput {
  return { workspaceRoot: ROOT, workload: 'api', manifest, repository: REPO, tag: 'abc1234', ...extra };
}

describe('resolveBuildField', () => {
  it('takes a string as the Dockerfile, its directory as the context', () => {
    expect(resolveBuildField(ROOT, 'api/Dockerfile')).toEqual({ context: '/ws/api', dockerfile: '/ws/api/Dockerfile' });
  });
  it('with only a dockerfile, builds in its directory', () => {
    expect(resolveBuildField(ROOT, { dockerfile: 'svc/web/Dockerfile.prod' })).toEqual({
      context: '/ws/svc/web',
      dockerfile: '/ws/svc/web/Dockerfile.prod',
    });
  });
  it('with only a context, uses its Dockerfile', () => {
    expect(resolveBuildField(ROOT, { context: 'web' })).toEqual({
      context: '/ws/web',
      dockerfile: '/ws/web/Dockerfile',
    });
  });
  it('with both, keeps them apart (Dockerfile outside the context)', () => {
    expect(resolveBuildField(ROOT, { context: '.', dockerfile: 'docker/api.Dockerfile' })).toEqual({
      context: '/ws',
      dockerfile: '/ws/docker/api.Dockerfile',
    });
  });
  it('with neither, uses the workspace root', () => {
    expect(resolveBuildField(ROOT, { args: { A: '1' } })).toEqual({
      context: '/ws',
      dockerfile: '/ws/Dockerfile',
      args: { A: '1' },
    });
  });
  it('passes args, target and cache_from; keeps absolute paths', () => {
    expect(
      resolveBuildField(ROOT, {
        dockerfile: '/abs/Dockerfile',
        args: { V: '2' },
        target: 'prod',
        cache_from: ['r:latest'],
      }),
    ).toEqual({
      context: '/abs',
      dockerfile: '/abs/Dockerfile',
      args: { V: '2' },
      target: 'prod',
      cacheFrom: ['r:latest'],
    });
  });
});

describe('buildPlatform', () => {
  it.each<[unknown, string]>([
    [undefined, 'linux/amd64'],
    ['linux/x86_64', 'linux/amd64'],
    ['linux/amd64', 'linux/amd64'],
    ['linux/arm64', 'linux/arm64'],
    ['linux/arm', 'linux/arm64'],
    ['windows/x86_64', 'windows/amd64'],
    [{ osfamily: 'windows_server_2022_core', architecture: 'x86_64' }, 'windows/amd64'],
    [{ osfamily: 'linux', architecture: 'ARM64' }, 'linux/arm64'],
  ])('%j → %s', (platform, expected) => expect(buildPlatform(platform)).toBe(expected));
});

describe('planWorkloadImages', () => {
  it('builds the main image tagged <tag> and latest, for linux/amd64 by default', () => {
    const plan = planWorkloadImages(input({ image: { build: 'api/Dockerfile', port: 80 } }));
    expect(plan).toEqual([
      {
        container: 'api',
        main: true,
        build: {
          context: '/ws/api',
          dockerfile: '/ws/api/Dockerfile',
          tags: [`${REPO}:abc1234`, `${REPO}:latest`],
          platform: 'linux/amd64',
        },
        push: [`${REPO}:abc1234`, `${REPO}:latest`],
      },
    ]);
  });

  it("follows the manifest's platform, and a caller's override above it", () => {
    expect(
      planWorkloadImages(input({ image: { build: 'Dockerfile' }, platform: 'linux/arm64' }))[0].build.platform,
    ).toBe('linux/arm64');
    expect(
      planWorkloadImages(
        input({ image: { build: 'Dockerfile' }, platform: 'linux/arm64' }, { platform: 'linux/amd64' }),
      )[0].build.platform,
    ).toBe('linux/amd64');
  });

  it('builds sidecars with build, tagged <tag>-<sidecar>, on the same platform; skips the rest', () => {
    const plan = planWorkloadImages(
      input({
        image: { build: { dockerfile: 'api/Dockerfile', args: { MODE: 'prod' } } },
        platform: 'linux/arm64',
        sidecars: {
          proxy: { image: { build: 'proxy/Dockerfile' }, port: '8080' },
          nginx: { image: 'public.ecr.aws/nginx/nginx:latest' },
          logs: { image: { location: 'public.ecr.aws/aws-observability/aws-for-fluent-bit:stable' } },
        },
      }),
    );
    expect(plan.map((p) => [p.container, p.main, p.push])).toEqual([
      ['api', true, [`${REPO}:abc1234`, `${REPO}:latest`]],
      ['proxy', false, [`${REPO}:abc1234-proxy`]],
    ]);
    expect(plan[0].build.args).toEqual({ MODE: 'prod' });
    expect(plan[1].build).toEqual({
      context: '/ws/proxy',
      dockerfile: '/ws/proxy/Dockerfile',
      tags: [`${REPO}:abc1234-proxy`],
      platform: 'linux/arm64',
    });
  });

  it('builds nothing for image.location', () => {
    expect(planWorkloadImages(input({ image: { location: 'nginx:1.27' } }))).toEqual([]);
    expect(planWorkloadImages(input({}))).toEqual([]);
  });

  it('labels every image when asked', () => {
    const plan = planWorkloadImages(
      input({ image: { build: 'Dockerfile' } }, { labels: { 'com.example.deploy': '1' } }),
    );
    expect(plan[0].build.labels).toEqual({ 'com.example.deploy': '1' });
  });

  it('rejects a tag docker would reject, as a usage error', () => {
    expect(() => planWorkloadImages(input({ image: { build: 'Dockerfile' } }, { tag: 'feature/x' }))).toThrow(
      MycopilotError,
    );
    expect(() => planWorkloadImages(input({ image: { build: 'Dockerfile' } }, { tag: '-x' }))).toThrow(
      '"-x" is not a valid image tag',
    );
  });

  it('resolves paths against the workspace root, wherever the command runs', () => {
    const plan = planWorkloadImages(
      input({ image: { build: './api/../api/Dockerfile' } }, { workspaceRoot: path.join('/', 'home', 'me', 'shop') }),
    );
    expect(plan[0].build.dockerfile).toBe('/home/me/shop/api/Dockerfile');
  });

  it('repositoryUri is <registry>/<app>/<workload>', () => {
    expect(repositoryUri('127.0.0.1:5000', 'shop', 'api')).toBe('127.0.0.1:5000/shop/api');
  });
});
