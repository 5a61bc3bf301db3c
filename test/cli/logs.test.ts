// `svc logs` / `job logs` through the compiled CLI: flag errors (exit 2, one line naming the flag), --help
// without the AWS SDK, and, against the moto server, --json lines, colours and NO_COLOR, a missing environment,
// and Ctrl-C during --follow (exit 0, no stack trace).
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  PutLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { describeWithMoto, localSession, motoEnv, seedRecords } from '../helpers/aws-local';
import { CLI, runCli, tempDir } from '../helpers/cli';

const APP = 'logscli';
const TASK_A = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
const TASK_B = '0f9e8d7c6b5a49382716f5e4d3c2b1a0';

describe('svc logs: flags', () => {
  it.each([
    [['--since', '5x'], '✘ --since "5x": expected a duration such as 30s, 5m, 1h or 2d'],
    [
      ['--start-time', 'yesterday'],
      '✘ --start-time "yesterday": expected an RFC3339 time such as 2024-05-01T12:00:00Z',
    ],
    [['--limit', '0'], '✘ --limit "0": expected a whole number from 1 to 10,000'],
    [['--follow', '--end-time', '2026-01-01T00:00:00Z'], '✘ --follow and --end-time cannot be used together'],
  ])('%p exits 2 with one line naming the flag', (args, message) => {
    const r = runCli(['svc', 'logs', '--name', 'api', '--env', 'test', ...args], { cwd: tempDir() });
    expect(r.status).toBe(2);
    expect(r.stderr.split('\n')[0]).toContain(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).toBe('');
  });

  it('--help loads no AWS SDK module', () => {
    const hook = path.join(tempDir(), 'trace-sdk.js');
    writeFileSync(
      hook,
      "const M = require('module'); const load = M._load;\n" +
        "M._load = function (id, ...rest) { if (id.startsWith('@aws-sdk')) process.stderr.write('loaded ' + id + '\\n'); return load.call(this, id, ...rest); };\n",
    );
    for (const topic of ['svc', 'job']) {
      const r = runCli([topic, 'logs', '--help'], { env: { NODE_OPTIONS: `--require ${hook}` } });
      expect(r.status).toBe(0);
      expect(r.stdout).toContain('--follow');
      expect(r.stderr).toBe('');
    }
  });
});

describeWithMoto('svc logs against a local endpoint', () => {
  let dir: string;
  const env = () => ({ ...motoEnv(), AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' });
  let logs: CloudWatchLogsClient;
  const group = `/copilot/${APP}-test-api`;
  const now = Date.now();

  beforeAll(async () => {
    const session = await localSession();
    await seedRecords(session, APP, 'test', [{ name: 'api', type: 'Backend Service' }]);
    logs = await session.clients.logs();
    await logs.send(new CreateLogGroupCommand({ logGroupName: group }));
    for (const [task, offset] of [
      [TASK_A, 0],
      [TASK_B, 1],
    ] as const) {
      const stream = `copilot/api/${task}`;
      await logs.send(new CreateLogStreamCommand({ logGroupName: group, logStreamName: stream }));
      await logs.send(
        new PutLogEventsCommand({
          logGroupName: group,
          logStreamName: stream,
          logEvents: Array.from({ length: 5 }, (_, i) => ({
            timestamp: now - 60_000 + i * 1000 + offset,
            message: i === 3 ? `ERROR failure ${i}` : `line ${i}`,
          })),
        }),
      );
    }
    dir = tempDir();
    mkdirSync(path.join(dir, 'copilot', 'api'), { recursive: true });
    writeFileSync(path.join(dir, 'copilot', '.workspace'), `application: ${APP}\n`);
    writeFileSync(path.join(dir, 'copilot', 'api', 'manifest.yml'), 'name: api\ntype: Backend Service\n');
  });

  it('--json prints one object per event, both tasks interleaved in time order', () => {
    const r = runCli(['svc', 'logs', '--env', 'test', '--since', '1h', '--json'], { cwd: dir, env: env() });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const lines = r.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(10);
    expect(lines.map((l) => `${l.task.slice(0, 2)} ${l.message}`)).toEqual(
      [0, 1, 2, 3, 4].flatMap((i) => ['a1', '0f'].map((t) => `${t} ${i === 3 ? `ERROR failure ${i}` : `line ${i}`}`)),
    );
    expect(Object.keys(lines[0])).toEqual(['timestamp', 'stream', 'task', 'container', 'message']);
  });

  it('prints short task IDs; colours only without NO_COLOR', () => {
    const plain = runCli(['svc', 'logs', '--env', 'test', '--limit', '2'], {
      cwd: dir,
      env: { ...env(), FORCE_COLOR: '1' },
    });
    expect(plain.status).toBe(0);
    expect(plain.stdout).not.toContain('\u001b[');
    expect(plain.stdout.split('\n')[0]).toMatch(/^a1b2c3d4 api \d{4}-\d\d-\d\dT[\d:.]+Z line 4$/);
    const coloured = runCli(['svc', 'logs', '--env', 'test', '--filter', 'ERROR', '--since', '1h'], {
      cwd: dir,
      env: { ...env(), FORCE_COLOR: '1', NO_COLOR: undefined },
    });
    expect(coloured.status).toBe(0);
    const ESC = '\u001b[';
    expect(coloured.stdout.startsWith(ESC)).toBe(true);
    expect(coloured.stdout).toMatch(new RegExp(`^.\\[\\d+ma1b2c3d4.\\[0m `));
    expect(coloured.stdout).toContain('\u001b[1;31mERROR\u001b[0m failure 3');
  });

  it('stops quietly when the reader goes away (| head)', () => {
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${CLI}" svc logs --env test --since 1h | head -1`], {
      cwd: dir,
      env: { ...process.env, ...env(), NO_COLOR: '1' },
      encoding: 'utf8',
    });
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n').filter(Boolean)).toHaveLength(1);
    expect(r.stderr).toBe('');
  });

  it('an environment that does not exist: says so and lists those that do', () => {
    const r = runCli(['svc', 'logs', '--env', 'prod'], { cwd: dir, env: env() });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(
      `✘ environment "prod" of application "${APP}" has not been deployed\n  Environments of ${APP}: test. Or deploy it: mycopilot env deploy --name prod\n`,
    );
  });

  it('Ctrl-C during --follow ends cleanly with exit 0, after printing a new event', async () => {
    const child = spawn(process.execPath, [CLI, 'svc', 'logs', '--env', 'test', '--follow', '--limit', '1'], {
      cwd: dir,
      env: { ...process.env, ...env(), NO_COLOR: '1', MYCOPILOT_LOGS_POLL_MS: '200' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const until = async (check: () => boolean) => {
      for (let i = 0; i < 300 && !check(); i++) await new Promise((r) => setTimeout(r, 50));
    };
    await until(() => stdout.includes('line 4'));
    await logs.send(
      new PutLogEventsCommand({
        logGroupName: group,
        logStreamName: `copilot/api/${TASK_B}`,
        logEvents: [{ timestamp: Date.now(), message: 'while following' }],
      }),
    );
    await until(() => stdout.includes('while following'));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(
      stdout
        .trimEnd()
        .split('\n')
        .map((l) => l.split(' ').slice(3).join(' ')),
    ).toEqual(['line 4', 'while following']);
    expect(stderr).not.toMatch(/\n\s+at |Error:/);
  }, 20_000);
});
