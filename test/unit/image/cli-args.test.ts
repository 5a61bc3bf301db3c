// Command lines given to docker, podman and finch: complete, stable, and never carrying a secret.
import { buildArgs, isLoopbackRegistry, loginArgs, pushArgs, registryOf, tagArgs } from '../../../src/image/cli-args';
import { ENGINE_NAMES } from '../../../src/image/engine';

describe('buildArgs', () => {
  it('passes every build option, sorted, with the context last', () => {
    expect(
      buildArgs({
        context: '/ws/api',
        dockerfile: '/ws/api/Dockerfile.prod',
        tags: ['reg/shop/api:abc1234', 'reg/shop/api:latest'],
        args: { VERSION: '1.2', ARCH: 'x86' },
        target: 'runtime',
        cacheFrom: ['reg/shop/api:latest'],
        platform: 'linux/arm64',
        labels: { 'org.opencontainers.image.revision': 'abc1234' },
      }),
    ).toEqual([
      'build',
      '--file',
      '/ws/api/Dockerfile.prod',
      '--platform',
      'linux/arm64',
      '--tag',
      'reg/shop/api:abc1234',
      '--tag',
      'reg/shop/api:latest',
      '--build-arg',
      'ARCH=x86',
      '--build-arg',
      'VERSION=1.2',
      '--target',
      'runtime',
      '--cache-from',
      'reg/shop/api:latest',
      '--label',
      'org.opencontainers.image.revision=abc1234',
      '/ws/api',
    ]);
  });

  it('builds for linux/amd64 when no platform is given, so ARM laptops ship amd64 images', () => {
    const args = buildArgs({ context: '/c', dockerfile: '/c/Dockerfile', tags: ['r:t'] });
    expect(args).toEqual(['build', '--file', '/c/Dockerfile', '--platform', 'linux/amd64', '--tag', 'r:t', '/c']);
  });
});

describe('login and push', () => {
  it.each(ENGINE_NAMES)('%s login reads the password from stdin; no argument is a secret', (engine) => {
    const args = loginArgs(engine, '123456789012.dkr.ecr.us-west-2.amazonaws.com', 'AWS');
    expect(args).toEqual([
      'login',
      '--username',
      'AWS',
      '--password-stdin',
      '123456789012.dkr.ecr.us-west-2.amazonaws.com',
    ]);
    expect(args.join(' ')).not.toMatch(/--password(?!-stdin)|-p\b/);
  });

  it('lets podman and finch reach a loopback registry over plain HTTP; docker needs nothing', () => {
    expect(loginArgs('docker', '127.0.0.1:5000', 'AWS')).toEqual([
      'login',
      '--username',
      'AWS',
      '--password-stdin',
      '127.0.0.1:5000',
    ]);
    expect(loginArgs('podman', '127.0.0.1:5000', 'AWS')).toContain('--tls-verify=false');
    expect(loginArgs('finch', 'localhost:5000', 'AWS')).toContain('--insecure-registry');
    expect(pushArgs('podman', '127.0.0.1:5000/a/b:t', '/tmp/d')).toEqual([
      'push',
      '--digestfile',
      '/tmp/d',
      '--tls-verify=false',
      '127.0.0.1:5000/a/b:t',
    ]);
    expect(pushArgs('finch', '127.0.0.1:5000/a/b:t')).toEqual(['push', '--insecure-registry', '127.0.0.1:5000/a/b:t']);
  });

  it('asks podman for a digest file and docker and finch for nothing extra', () => {
    const ref = '123456789012.dkr.ecr.us-west-2.amazonaws.com/shop/api:abc';
    expect(pushArgs('docker', ref)).toEqual(['push', ref]);
    expect(pushArgs('finch', ref)).toEqual(['push', ref]);
    expect(pushArgs('podman', ref, '/tmp/x/digest')).toEqual(['push', '--digestfile', '/tmp/x/digest', ref]);
    expect(tagArgs('a:1', 'b:2')).toEqual(['tag', 'a:1', 'b:2']);
  });
});

describe('registry hosts', () => {
  it.each([
    ['123456789012.dkr.ecr.us-west-2.amazonaws.com/shop/api:abc', '123456789012.dkr.ecr.us-west-2.amazonaws.com'],
    ['127.0.0.1:5000/shop/api:abc', '127.0.0.1:5000'],
    ['localhost/shop:1', 'localhost'],
    ['shop/api:1', 'docker.io'],
    ['busybox', 'docker.io'],
  ])('%s is in %s', (ref, host) => expect(registryOf(ref)).toBe(host));

  it.each([
    ['127.0.0.1:5000', true],
    ['127.1.2.3', true],
    ['localhost:5000', true],
    ['[::1]:5000', true],
    ['10.0.0.1:5000', false],
    ['123456789012.dkr.ecr.us-west-2.amazonaws.com', false],
    ['localhost.example.com', false],
  ])('%s loopback: %s', (host, loopback) => expect(isLoopbackRegistry(host)).toBe(loopback));
});
