// What the start-up caches must not change: a command run twice says the same, render errors keep their
// manifest positions when the manifest comes from the cache, and MYCOPILOT_NO_CACHE turns the caches off.
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import { runCli, tempDir, writeFiles } from '../helpers/cli';

const WORKSPACE = {
  'copilot/.workspace': 'application: demo\n',
  'copilot/environments/test/manifest.yml': 'name: test\ntype: Environment\n',
  'copilot/api/manifest.yml': [
    'name: api',
    'type: Load Balanced Web Service',
    'image:',
    '  location: nginx',
    '  port: 80',
    'http:',
    '  path: /',
    '  version: grpc',
    '',
  ].join('\n'),
};

const files = (dir: string) => {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
};

describe('start-up caches', () => {
  it('places a render error at its manifest position on a cached run too', () => {
    const cwd = writeFiles(WORKSPACE);
    const cache = tempDir('mycopilot-cache-');
    const env = { MYCOPILOT_CACHE_DIR: cache };
    const first = runCli(['svc', 'package', '--name', 'api', '--env', 'test'], { cwd, env });
    const second = runCli(['svc', 'package', '--name', 'api', '--env', 'test'], { cwd, env });
    expect(files(path.join(cache, 'manifests')).length).toBeGreaterThan(0);
    expect(first.status).toBe(1);
    expect(first.stderr).toContain(`${path.join('copilot', 'api', 'manifest.yml')}:8:12`);
    expect(first.stderr).toContain('grpc needs an HTTPS listener');
    expect(second.status).toBe(1);
    expect(second.stderr).toBe(first.stderr);
  });

  it('packages the same template from a cached manifest', () => {
    const cwd = writeFiles({
      ...WORKSPACE,
      'copilot/api/manifest.yml': WORKSPACE['copilot/api/manifest.yml'].replace('  version: grpc\n', ''),
    });
    const env = { MYCOPILOT_CACHE_DIR: tempDir('mycopilot-cache-') };
    const first = runCli(['svc', 'package', '--name', 'api', '--env', 'test'], { cwd, env });
    const second = runCli(['svc', 'package', '--name', 'api', '--env', 'test'], { cwd, env });
    expect(first.status).toBe(0);
    expect(first.stdout).toContain('AWS::ECS::Service');
    expect(second.stdout).toBe(first.stdout);
  });

  it('writes nothing with MYCOPILOT_NO_CACHE=1', () => {
    const cwd = writeFiles(WORKSPACE);
    const cache = tempDir('mycopilot-cache-');
    const r = runCli(['manifest', 'validate', 'copilot/api/manifest.yml'], {
      cwd,
      env: { MYCOPILOT_CACHE_DIR: cache, MYCOPILOT_NO_CACHE: '1' },
    });
    expect(r.status).toBe(0);
    expect(files(cache)).toEqual([]);
  });
});
