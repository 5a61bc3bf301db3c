// The read commands through the compiled CLI: status, show and ls against a service deployed on the local
// endpoint (moto), errors that list what exists, --watch ended by Ctrl-C, and --help loading no AWS SDK.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { initApplication } from '../../src/deploy/application';
import { deployEnvironment } from '../../src/deploy/environment';
import { deployWorkload } from '../../src/deploy/workload';
import { Workspace } from '../../src/workspace/workspace';
import { describeWithMoto, localSession, motoEnv } from '../helpers/aws-local';
import { CLI, runCli, tempDir, writeFiles } from '../helpers/cli';

const APP = 'statuscli';

function writeWorkspace(): string {
  const files: Record<string, string> = {
    'copilot/.workspace': `application: ${APP}\n`,
    'copilot/environments/test/manifest.yml': 'name: test\ntype: Environment\n',
    'copilot/web/manifest.yml': [
      'name: web',
      'type: Load Balanced Web Service',
      'image:',
      '  location: public.ecr.aws/nginx/nginx:1.27',
      '  port: 80',
      'http:',
      '  path: /',
      'variables:',
      '  SECRET_LOOKING: value-that-stays-hidden',
      '',
    ].join('\n'),
  };
  const dir = writeFiles(files);
  return dir;
}

describeWithMoto('read commands against a local endpoint', () => {
  let root: string;
  const cli = (args: string[], cwd = root) => runCli(args, { cwd, env: motoEnv() });

  beforeAll(async () => {
    root = writeWorkspace();
    const session = await localSession();
    const workspace = new Workspace(path.join(root, 'copilot'));
    await initApplication(session, { app: APP, workloads: ['web'] });
    await deployEnvironment(session, { workspace, app: APP, env: 'test' });
    await deployWorkload(session, { workspace, app: APP, env: 'test' }, { name: 'web', tag: 'v1' });
  }, 120_000);

  it('svc status prints the rollout; --json prints the model; the only environment needs no --env', () => {
    const text = cli(['svc', 'status', '--name', 'web']);
    expect(text.stderr).toBe('');
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/^web \(Load Balanced Web Service\) in environment test of application statuscli$/m);
    expect(text.stdout).toMatch(/^Rollout +✔ COMPLETED {2}revision 1 is deployed: 1\/1 running$/m);
    expect(text.stdout).not.toContain('\u001b[');
    const json = cli(['svc', 'status', '-n', 'web', '-e', 'test', '--json']);
    expect(json.status).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({
      kind: 'ecs',
      name: 'web',
      env: 'test',
      rollout: { state: 'COMPLETED' },
    });
  }, 60_000);

  it('svc show, svc ls, env ls, env show, app ls, app show', () => {
    const show = cli(['svc', 'show', '-n', 'web']);
    expect(show.status).toBe(0);
    expect(show.stdout).toMatch(/^ {2}test +load-balancer +http:\/\/\S+\.elb\.amazonaws\.com\/$/m);
    expect(show.stdout).toMatch(/^ {2}SECRET_LOOKING +web +test$/m);
    expect(show.stdout).not.toContain('value-that-stays-hidden');
    const showJson = cli(['svc', 'show', '-n', 'web', '--json', '--resources']);
    expect(JSON.parse(showJson.stdout).environments[0].resources.length).toBeGreaterThan(3);
    expect(showJson.stdout).not.toContain('value-that-stays-hidden');

    expect(cli(['svc', 'ls']).stdout).toMatch(/^web +Load Balanced Web Service +yes$/m);
    expect(cli(['env', 'ls']).stdout).toMatch(/^test +us-west-2 +\d{12} +yes$/m);
    expect(cli(['env', 'show']).stdout).toMatch(/^Public load balancer +http:\/\/\S+$/m);
    expect(cli(['job', 'ls']).stdout.trim()).toBe(`Application ${APP} has no jobs.`);
    const apps = JSON.parse(cli(['app', 'ls', '--json']).stdout);
    expect(apps.applications).toEqual(expect.arrayContaining([expect.objectContaining({ name: APP, local: true })]));
    expect(cli(['app', 'show']).stdout).toMatch(/^ {2}web +Load Balanced Web Service +yes +CREATE_COMPLETE$/m);
  }, 60_000);

  it('outside the workspace --app is needed, and is enough', () => {
    const elsewhere = tempDir();
    const missing = cli(['svc', 'ls'], elsewhere);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/^✘ missing --app/);
    const listed = cli(['svc', 'ls', '--app', APP], elsewhere);
    expect(listed.stdout).toMatch(/^web +Load Balanced Web Service +-$/m);
  }, 60_000);

  it('what does not exist: exit 1 and a list of what does', () => {
    const svc = cli(['svc', 'status', '-n', 'api', '-e', 'test']);
    expect(svc.status).toBe(1);
    expect(svc.stderr).toBe(`✘ application "${APP}" has no service "api"\n  Services of ${APP}: web.\n`);
    const env = cli(['svc', 'status', '-n', 'web', '-e', 'prod']);
    expect(env.status).toBe(1);
    expect(env.stderr).toMatch(
      /^✘ environment "prod" of application "statuscli" has not been deployed\n {2}Environments of statuscli: test\./,
    );
    const app = cli(['svc', 'status', '-a', 'nope', '-n', 'web', '-e', 'test']);
    expect(app.stderr).toMatch(
      /^✘ application "nope" does not exist in this account and Region\n {2}Applications here: .*statuscli/,
    );
  }, 60_000);

  it('--watch repeats until Ctrl-C, then exits 0', async () => {
    const child = spawn(
      process.execPath,
      [CLI, 'svc', 'status', '-n', 'web', '-e', 'test', '--watch', '--interval', '2'],
      {
        cwd: root,
        env: { ...process.env, ...motoEnv(), NO_COLOR: '1', CI: 'true' },
      },
    );
    let stdout = '';
    child.stdout.on('data', (d) => (stdout += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const deadline = Date.now() + 20_000;
    while ((stdout.match(/^Rollout/gm) ?? []).length < 2 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
    }
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    // Not a terminal: whole blocks one after another, each with the time it was drawn.
    expect(
      (stdout.match(/^\d\d:\d\d:\d\d UTC · refreshing every 2s · Ctrl-C to stop$/gm) ?? []).length,
    ).toBeGreaterThanOrEqual(2);
    expect(stdout).not.toContain('\u001b[');
  }, 30_000);
});

describe('read commands without AWS', () => {
  it('--help loads no AWS SDK module, and --interval is bounded', () => {
    const hook = path.join(tempDir(), 'trace-sdk.js');
    writeFileSync(
      hook,
      "const M = require('module'); const load = M._load;\n" +
        "M._load = function (id, ...rest) { if (id.startsWith('@aws-sdk')) process.stderr.write('loaded ' + id + '\\n'); return load.call(this, id, ...rest); };\n",
    );
    for (const command of [
      ['svc', 'status'],
      ['svc', 'show'],
      ['svc', 'ls'],
      ['job', 'status'],
      ['job', 'show'],
      ['job', 'ls'],
      ['env', 'show'],
      ['env', 'ls'],
      ['app', 'show'],
      ['app', 'ls'],
    ]) {
      const r = runCli([...command, '--help'], { env: { NODE_OPTIONS: `--require ${hook}` } });
      expect({ command, status: r.status, stderr: r.stderr }).toEqual({ command, status: 0, stderr: '' });
      expect(r.stdout).toContain('--json');
    }
    const bounded = runCli(['svc', 'status', '-n', 'web', '-e', 'test', '--watch', '--interval', '1']);
    expect(bounded.status).toBe(2);
    expect(bounded.stderr).toMatch(/greater than or equal to 2/);
  }, 60_000);
});
