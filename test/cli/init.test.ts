// The init commands: files written, valid, never overwritten; every question has a flag when stdin is no TTY.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { runCli, tempDir } from '../helpers/cli';

function project(): string {
  const dir = tempDir();
  mkdirSync(path.join(dir, 'web'));
  writeFileSync(path.join(dir, 'web', 'Dockerfile'), 'FROM scratch\nEXPOSE 8080\n');
  return dir;
}

describe('init', () => {
  it('creates the application and a first service whose manifest validates', () => {
    const dir = project();
    const r = runCli(
      [
        'init',
        '--app',
        'shop',
        '--name',
        'web',
        '--type',
        'Load Balanced Web Service',
        '--dockerfile',
        'web/Dockerfile',
        '--port',
        '8080',
      ],
      { cwd: dir },
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(readFileSync(path.join(dir, 'copilot', '.workspace'), 'utf8')).toBe('application: shop\n');
    const manifest = readFileSync(path.join(dir, 'copilot', 'web', 'manifest.yml'), 'utf8');
    expect(manifest.split('\n')[0]).toMatch(
      /^# yaml-language-server: \$schema=.*load-balanced-web-service\.schema\.json$/,
    );
    expect(manifest).toContain('build: web/Dockerfile');
    expect(manifest).toContain('port: 8080');
    expect(runCli(['manifest', 'validate', '--json'], { cwd: dir }).status).toBe(0);
  });

  it('stops with the flag to pass when a question cannot be asked', () => {
    const r = runCli(['init', '--app', 'shop', '--type', 'Backend Service'], { cwd: project() });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/missing --name/);
  });

  it('rejects a bad name, naming the flag', () => {
    const r = runCli(['init', '--app', 'Shop_1', '--name', 'web', '--type', 'Backend Service', '--image', 'nginx'], {
      cwd: project(),
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--app: app name "Shop_1" must start with a lowercase letter/);
  });

  it('never overwrites an existing manifest', () => {
    const dir = project();
    runCli(['app', 'init', 'shop', '--offline'], { cwd: dir });
    mkdirSync(path.join(dir, 'copilot', 'api'));
    writeFileSync(path.join(dir, 'copilot', 'api', 'manifest.yml'), 'mine\n');
    const r = runCli(['svc', 'init', '--name', 'api', '--svc-type', 'Backend Service', '--image', 'nginx'], {
      cwd: dir,
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/exists; left as it is/);
    expect(readFileSync(path.join(dir, 'copilot', 'api', 'manifest.yml'), 'utf8')).toBe('mine\n');
  });

  it('refuses a workspace of another application', () => {
    const dir = project();
    runCli(['app', 'init', 'shop', '--offline'], { cwd: dir });
    const r = runCli(['app', 'init', 'other', '--offline'], { cwd: dir });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/belongs to application "shop"/);
  });

  it('writes a job, an environment and a pipeline that validate', () => {
    const dir = project();
    expect(runCli(['app', 'init', 'shop', '--offline'], { cwd: dir }).status).toBe(0);
    expect(
      runCli(['job', 'init', '--name', 'nightly', '--image', 'busybox', '--schedule', 'rate(15 minutes)'], { cwd: dir })
        .status,
    ).toBe(0);
    expect(runCli(['env', 'init', '--name', 'test'], { cwd: dir }).status).toBe(0);
    expect(
      runCli(
        [
          'env',
          'init',
          '--name',
          'prod',
          '--import-vpc-id',
          'vpc-1',
          '--import-public-subnets',
          'subnet-1,subnet-2',
          '--import-private-subnets',
          'subnet-3,subnet-4',
        ],
        { cwd: dir },
      ).status,
    ).toBe(0);
    const p = runCli(
      ['pipeline', 'init', '--name', 'release', '--url', 'https://github.com/acme/shop', '--environments', 'test,prod'],
      { cwd: dir },
    );
    expect(p.status).toBe(0);
    expect(existsSync(path.join(dir, 'copilot', 'pipelines', 'release', 'buildspec.yml'))).toBe(true);
    const v = runCli(['manifest', 'validate', '--json'], { cwd: dir });
    const reports = JSON.parse(v.stdout);
    expect(reports.map((r: { type: string }) => r.type).sort()).toEqual([
      'Environment',
      'Environment',
      'Pipeline',
      'Scheduled Job',
    ]);
    expect(reports.flatMap((r: { errors: unknown[] }) => r.errors)).toEqual([]);
    expect(v.status).toBe(0);
    expect(readFileSync(path.join(dir, 'copilot', 'environments', 'prod', 'manifest.yml'), 'utf8')).toContain(
      'id: vpc-1',
    );
  });

  it('rejects a schedule that would make an invalid manifest, and writes nothing', () => {
    const dir = project();
    runCli(['app', 'init', 'shop', '--offline'], { cwd: dir });
    const r = runCli(['job', 'init', '--name', 'nightly', '--image', 'busybox', '--schedule', 'sometimes'], {
      cwd: dir,
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/on\.schedule/);
    expect(existsSync(path.join(dir, 'copilot', 'nightly'))).toBe(false);
  });

  it('rejects a Dockerfile that is not there', () => {
    const dir = project();
    runCli(['app', 'init', 'shop', '--offline'], { cwd: dir });
    const r = runCli(
      ['svc', 'init', '--name', 'api', '--svc-type', 'Backend Service', '--dockerfile', 'api/Dockerfile'],
      { cwd: dir },
    );
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--dockerfile: api\/Dockerfile does not exist/);
  });
});

describe('help', () => {
  it('lists the topics and shows examples for a command', () => {
    const top = runCli(['--help']);
    expect(top.status).toBe(0);
    expect(top.stdout).toMatch(/manifest/);
    const cmd = runCli(['svc', 'init', '--help']);
    expect(cmd.stdout).toMatch(/EXAMPLES/);
    expect(cmd.stdout).toMatch(/--svc-type/);
  });
});
