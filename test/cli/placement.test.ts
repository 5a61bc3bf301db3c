// `mycopilot placement preview` end to end through the compiled CLI: snapshot files → tables and --json, a task
// that does not fit (exit 1), usage errors (exit 2, naming the flag), and --name/--env on a small workspace.
import * as path from 'node:path';
import { writeFileSync } from 'node:fs';
import { runCli, tempDir } from '../helpers/cli';

const FIXTURES = path.resolve(__dirname, '..', 'fixtures', 'placement');
const WORKSPACE = path.join(FIXTURES, 'workspace');
const INSTANCES = path.join(FIXTURES, 'container-instances.json');
const TASKS = path.join(FIXTURES, 'tasks.json');
const WEB = path.join(FIXTURES, 'task-definition.json');
const LARGE = path.join(FIXTURES, 'task-definition-large.json');
const files = ['--instances', INSTANCES, '--tasks', TASKS];

const preview = (args: string[], cwd?: string) => runCli(['placement', 'preview', ...args], { cwd });
const lastLine = (text: string) => text.trimEnd().split('\n').at(-1);

describe('placement preview', () => {
  it('prints the task, AZ and instance tables for snapshot files, and exits 0 when all are placed', () => {
    const r = preview([
      ...files,
      '--task-definition',
      WEB,
      '--service',
      'web',
      '--count',
      '2',
      '--strategy',
      'spread:attribute:ecs.availability-zone',
      '--strategy',
      'binpack:memory',
    ]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Placement preview: UpdateService of web:8, task group service:web, 2 task(s)\n');
    expect(r.stdout).toContain('Strategy: spread(attribute:ecs.availability-zone), binpack(memory)\n');
    expect(r.stdout).toContain('Constraints: memberOf(attribute:ecs.instance-type =~ m5.*)\n');
    expect(r.stdout).toMatch(/^TASK\s+INSTANCE\s+AZ\s+WHY$/m);
    expect(r.stdout).toMatch(/^0\s+i-0f9e8d7c6b5a49382\s+us-east-1b\s+spread\(attribute:ecs.availability-zone\)/m);
    expect(r.stdout).toMatch(/^AZ\s+INSTANCES\s+PLACED\s+service:web BEFORE\s+AFTER$/m);
    expect(r.stdout).toMatch(/^us-east-1a\s+1\s+1\s+1\s+2$/m);
    expect(r.stdout).toMatch(/^INSTANCE\s+AZ\s+PLACED\s+GROUP TASKS\s+CPU LEFT\s+MEMORY LEFT$/m);
    expect(lastLine(r.stdout)).toBe('All 2 task(s) placed.');
  });

  it('--json prints exactly the result JSON', () => {
    const r = preview([...files, '--task-definition', WEB, '--service', 'web', '--count', '2', '--json']);
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual(['placements', 'failures', 'notes']);
    expect(json.placements).toEqual([
      {
        task: 0,
        containerInstanceArn:
          'arn:aws:ecs:us-east-1:111122223333:container-instance/prod/9f8e7d6c5b4a39281706f5e4d3c2b1a0',
        ec2InstanceId: 'i-0f9e8d7c6b5a49382',
        availabilityZone: 'us-east-1b',
      },
      {
        task: 1,
        containerInstanceArn:
          'arn:aws:ecs:us-east-1:111122223333:container-instance/prod/1b2c3d4e5f60718293a4b5c6d7e8f901',
        ec2InstanceId: 'i-0a1b2c3d4e5f60718',
        availabilityZone: 'us-east-1a',
      },
    ]);
    expect(json.failures).toEqual([]);
    expect(json.notes).toEqual([expect.stringMatching(/^No placement strategy given: a service spreads/)]);
  });

  it('exits 1 with RESOURCE:MEMORY when tasks do not fit, saying so in the last line', () => {
    const r = preview([...files, '--task-definition', LARGE, '--count', '3']);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^Not placed:$/m);
    expect(r.stdout).toMatch(/^1-2\s+RESOURCE:MEMORY\s+no instance left after the memory filter/m);
    expect(lastLine(r.stdout)).toBe('✘ 2 of 3 task(s) could not be placed (RESOURCE:MEMORY).');

    const json = preview([...files, '--task-definition', LARGE, '--count', '3', '--json']);
    expect(json.status).toBe(1);
    expect(JSON.parse(json.stdout).failures).toEqual([
      { task: 1, reason: 'RESOURCE:MEMORY', detail: expect.any(String) },
      { task: 2, reason: 'RESOURCE:MEMORY', detail: expect.any(String) },
    ]);
    expect(json.stderr.trim()).toBe('✘ 2 of 3 task(s) could not be placed (RESOURCE:MEMORY).');
  });

  it('previews a scale-in', () => {
    const r = preview([...files, '--task-definition', WEB, '--service', 'web', '--scale-in', '1', '--json']);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ stops: [{ order: 0, ec2InstanceId: 'i-0a1b2c3d4e5f60718' }] });
  });

  it.each<[string, string[], string]>([
    ['a bad strategy field', ['--strategy', 'binpack:disk'], '--strategy "binpack:disk": '],
    ['a bad count', ['--count', 'many'], '--count "many": expected a whole number ≥ 1'],
    [
      'a memberOf syntax error',
      ['--constraint', 'memberOf:attribute:stack prod'],
      '--constraint "memberOf:attribute:stack prod": column 17: expected an operator',
    ],
    ['a missing file', ['--tasks', 'missing.json'], '--tasks missing.json: no such file'],
    ['exclusive flags', ['--group', 'g', '--service', 's'], '--group and --service cannot be used together'],
    ['an unknown flag', ['--stratgy', 'random'], 'Nonexistent flag: --stratgy'],
  ])('exits 2 for %s, naming the flag, without a stack trace', (_, extra, message) => {
    const r = preview(['--instances', INSTANCES, '--task-definition', WEB, ...extra]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')[0]).toContain(`✘ ${message}`);
    expect(r.stderr).not.toMatch(/\n\s+at .*:\d+:\d+/);
  });

  it('exits 2 naming the file and JSON path of malformed content', () => {
    const r = preview(['--instances', WEB, '--task-definition', WEB]);
    expect(r.status).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe(
      `✘ ${WEB}: $.containerInstances: expected an array of container instances (the containerInstances of describe-container-instances), found nothing`,
    );
  });

  it('--name/--env previews the rendered EC2 Backend Service with its manifest placement', () => {
    const r = preview(['--name', 'api', '--env', 'test', ...files], WORKSPACE);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Workload: api (stack shop-test-api), task definition as rendered for test\n');
    expect(r.stdout).toContain(
      'Placement preview: CreateService of shop-test-api, task group service:shop-test-api-Service, 3 task(s)\n',
    );
    expect(r.stdout).toContain('Strategy: spread(attribute:ecs.availability-zone), binpack(memory)\n');
    expect(lastLine(r.stdout)).toBe('All 3 task(s) placed.');
  });

  it('--name on a Fargate workload, or an unknown environment, exits 2', () => {
    const fargate = preview(['--name', 'web', '--env', 'test', '--instances', INSTANCES], WORKSPACE);
    expect(fargate.status).toBe(2);
    expect(fargate.stderr).toMatch(/^✘ --name web: the workload runs on Fargate in environment test/);
    const env = preview(['--name', 'api', '--env', 'tset', '--instances', INSTANCES], WORKSPACE);
    expect(env.status).toBe(2);
    expect(env.stderr).toMatch(/^✘ no environment "tset" in .*\n {2}Environments here: test\./);
  });

  it('--help and a preview from files load no AWS SDK module', () => {
    // A preload that reports every @aws-sdk module Node loads.
    const hook = path.join(tempDir(), 'trace-sdk.js');
    writeFileSync(
      hook,
      "const M = require('module'); const load = M._load;\n" +
        "M._load = function (id, ...rest) { if (id.startsWith('@aws-sdk')) process.stderr.write('loaded ' + id + '\\n'); return load.call(this, id, ...rest); };\n",
    );
    const env = { NODE_OPTIONS: `--require ${hook}` };
    const r = runCli(['placement', 'preview', '--help'], { env });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('EXAMPLES');
    expect(r.stdout).toContain('--strategy=TYPE[:FIELD]...');
    expect(r.stderr).toBe('');
    const fromFiles = runCli(['placement', 'preview', '--instances', INSTANCES, '--task-definition', WEB], { env });
    expect(fromFiles.status).toBe(0);
    expect(fromFiles.stderr).toBe('');
  });
});
