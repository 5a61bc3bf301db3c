// `mycopilot init --deploy` against the local endpoint: the whole first-run flow through the compiled CLI.
import { describeWithMoto, motoEnv } from '../helpers/aws-local';
import { runCli, tempDir } from '../helpers/cli';

describeWithMoto('init --deploy', () => {
  it('creates the application, a test environment and deploys the service; a second deploy changes nothing', () => {
    const dir = tempDir();
    const env = { ...motoEnv(), MYCOPILOT_POLL_MS: '100' };
    const init = runCli(
      [
        'init',
        '--app',
        'firstrun',
        '--name',
        'api',
        '--type',
        'Backend Service',
        '--image',
        'public.ecr.aws/nginx/nginx:1.27',
        '--port',
        '80',
        '--deploy',
      ],
      { cwd: dir, env },
    );
    expect(init.stderr).not.toMatch(/✘/);
    expect(init.status).toBe(0);
    expect(init.stdout).toMatch(/✔ Deployed api to test\./);
    expect(init.stderr).toMatch(/Creating a change set for firstrun-test-api/);

    const again = runCli(['svc', 'deploy', '--name', 'api', '--env', 'test'], { cwd: dir, env });
    expect(again.status).toBe(0);
    expect(again.stdout).toMatch(/Backend Service api in test is up to date\./);
    expect(again.stderr).not.toMatch(/change set/);
  });

  it('deleting asks for --yes when there is no terminal, and with it removes the service', () => {
    const dir = tempDir();
    const env = { ...motoEnv(), MYCOPILOT_POLL_MS: '100' };
    runCli(
      [
        'init',
        '--app',
        'gone',
        '--name',
        'api',
        '--type',
        'Backend Service',
        '--image',
        'nginx',
        '--port',
        '80',
        '--deploy',
      ],
      { cwd: dir, env },
    );
    const refused = runCli(['svc', 'delete', '--name', 'api'], { cwd: dir, env });
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/needs confirmation/);
    const deleted = runCli(['svc', 'delete', '--name', 'api', '--yes'], { cwd: dir, env });
    expect(deleted.status).toBe(0);
    expect(deleted.stdout).toMatch(/Deleted api from test/);
  });
});
