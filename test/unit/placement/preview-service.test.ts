// The preview service behind `placement preview`: flags in, text / JSON / exit code out. Snapshot files, a fake
// live reader and a fake renderer stand in for AWS and the workspace; every bad input is a usage error (exit 2).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { MycopilotError } from '../../../src/errors';
import { EcsClusterReader } from '../../../src/placement';
import { PreviewDeps, runPlacementPreview } from '../../../src/placement/preview-service';
import { PreviewFlags } from '../../../src/placement/preview-inputs';
import { readJsonFile } from '../../../src/placement/sources/read-json';

const FIXTURES = path.join(__dirname, '..', '..', 'fixtures', 'placement');
const file = (name: string) => path.join(FIXTURES, name);
const SNAPSHOT = { instances: file('container-instances.json'), tasks: file('tasks.json') };
const WEB = { ...SNAPSHOT, taskDefinition: file('task-definition.json') };

const noDeps: PreviewDeps = {
  openClusterReader: () => Promise.reject(new Error('no AWS in this test')),
  renderWorkload: () => Promise.reject(new Error('no workspace in this test')),
};

async function usage(flags: PreviewFlags, deps = noDeps): Promise<string> {
  const e = await runPlacementPreview(flags, deps).then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(MycopilotError);
  expect((e as MycopilotError).exitCode).toBe(2);
  return (e as MycopilotError).message;
}

describe('runPlacementPreview from files', () => {
  it('renders the tables and ends with the verdict; JSON is the result as toJson() gives it', async () => {
    const out = await runPlacementPreview(
      { ...WEB, service: 'web', count: '2', strategy: ['spread:attribute:ecs.availability-zone', 'binpack:memory'] },
      noDeps,
    );
    expect(out.exitCode).toBe(0);
    expect(out.kind).toBe('placement');
    const lines = out.text.trimEnd().split('\n');
    expect(lines[0]).toMatch(
      /^Cluster: snapshot .*container-instances\.json \+ .*tasks\.json: 2 instance\(s\), 2 task\(s\) on them$/,
    );
    expect(lines[1]).toBe('Placement preview: UpdateService of web:8, task group service:web, 2 task(s)');
    expect(lines[2]).toBe('Strategy: spread(attribute:ecs.availability-zone), binpack(memory)');
    expect(lines.at(-1)).toBe('All 2 task(s) placed.');
    expect(out.json).toEqual({
      placements: [
        expect.objectContaining({ task: 0, ec2InstanceId: 'i-0f9e8d7c6b5a49382', availabilityZone: 'us-east-1b' }),
        expect.objectContaining({ task: 1, ec2InstanceId: 'i-0a1b2c3d4e5f60718', availabilityZone: 'us-east-1a' }),
      ],
      failures: [],
      notes: [],
    });
  });

  it('exits 1 and names the reason in the last line when a task does not fit', async () => {
    const out = await runPlacementPreview(
      { ...SNAPSHOT, taskDefinition: file('task-definition-large.json'), count: '3' },
      noDeps,
    );
    expect(out.exitCode).toBe(1);
    expect(out.verdict).toBe('✘ 2 of 3 task(s) could not be placed (RESOURCE:MEMORY).');
    expect(out.text.trimEnd().split('\n').at(-1)).toBe(out.verdict);
    expect(out.text).toMatch(/1-2\s+RESOURCE:MEMORY\s+no instance left after the memory filter/);
    expect((out.json as { failures: unknown[] }).failures).toEqual([
      { task: 1, reason: 'RESOURCE:MEMORY', detail: expect.any(String) },
      { task: 2, reason: 'RESOURCE:MEMORY', detail: expect.any(String) },
    ]);
  });

  it('applies constraints given as flags, with a memberOf expression holding colons and spaces', async () => {
    const out = await runPlacementPreview(
      {
        instances: SNAPSHOT.instances,
        taskDefinition: file('task-definition-large.json'),
        constraint: ['memberOf:attribute:ecs.availability-zone == us-east-1a'],
      },
      noDeps,
    );
    expect(out.exitCode).toBe(1);
    // Memory leaves only the us-east-1b instance, and the constraint removes that one: it emptied the set.
    expect(out.json).toMatchObject({ failures: [{ task: 0, reason: 'CONSTRAINT:memberOf' }] });
    expect(out.text).toContain('Constraints: memberOf(attribute:ecs.availability-zone == us-east-1a)');
  });

  it('previews a scale-in: which running tasks of the service stop', async () => {
    const out = await runPlacementPreview({ ...WEB, service: 'web', scaleIn: '1' }, noDeps);
    expect(out.kind).toBe('scale-in');
    expect(out.exitCode).toBe(0);
    expect(out.json).toMatchObject({ stops: [{ order: 0, ec2InstanceId: 'i-0a1b2c3d4e5f60718' }] });
    expect(out.verdict).toBe('Stops 1 task(s) of service:web.');
    const more = await runPlacementPreview({ ...WEB, service: 'web', scaleIn: '3' }, noDeps);
    expect(more.exitCode).toBe(1);
    expect(more.verdict).toMatch(/^✘ Only 1 of 3 task\(s\) to stop/);
  });

  it('loads plugins, whose types then work in --strategy and --constraint', async () => {
    const out = await runPlacementPreview(
      {
        instances: SNAPSHOT.instances,
        taskDefinition: file('task-definition-large.json'),
        plugin: [path.join(__dirname, '..', '..', '..', 'examples', 'placement-plugin', 'index.js')],
        strategy: ['fewestTasks'],
        constraint: ['maxPerInstance:1'],
      },
      noDeps,
    );
    expect(out.json).toMatchObject({ placements: [{ task: 0 }] });
    expect(out.text).toMatch(/comes from the plugin/);
  });

  it('keeps the same placements for the same seed', async () => {
    const flags = { ...WEB, strategy: ['random'], count: '2', seed: '42' };
    const a = await runPlacementPreview(flags, noDeps);
    const b = await runPlacementPreview(flags, noDeps);
    expect(a.json).toEqual(b.json);
    expect(a.text).toContain('seed 42');
  });
});

describe('runPlacementPreview from the live cluster', () => {
  it('reads instances and tasks through the reader the command opens', async () => {
    const instances = readJsonFile(file('container-instances.json'), '') as { containerInstances: unknown[] };
    const tasks = readJsonFile(file('tasks.json'), '') as { tasks: unknown[] };
    const calls: string[] = [];
    const reader: EcsClusterReader = {
      listContainerInstanceArns: async () => instances.containerInstances.map((_, i) => `ci-${i}`),
      describeContainerInstances: async (cluster, arns) => {
        calls.push(`instances ${cluster} ${arns.length}`);
        return instances;
      },
      listTaskArns: async () => tasks.tasks.map((_, i) => `t-${i}`),
      describeTasks: async (cluster, arns) => {
        calls.push(`tasks ${cluster} ${arns.length}`);
        return tasks;
      },
    };
    const out = await runPlacementPreview(
      { cluster: 'prod', taskDefinition: WEB.taskDefinition, service: 'web' },
      { ...noDeps, openClusterReader: async () => reader },
    );
    expect(calls).toEqual(['instances prod 2', 'tasks prod 3']);
    expect(out.text.split('\n')[0]).toBe('Cluster: cluster prod (live): 2 instance(s), 2 task(s) on them');
    expect(out.exitCode).toBe(0);
  });
});

describe('runPlacementPreview usage errors (exit 2, naming the flag or the file)', () => {
  it.each<[string, PreviewFlags, string | RegExp]>([
    [
      'no task definition',
      { instances: WEB.instances },
      'missing the task to place: give --task-definition FILE or --name SVC --env ENV',
    ],
    [
      'no cluster',
      { taskDefinition: WEB.taskDefinition },
      'missing the cluster: give --instances FILE or --cluster NAME',
    ],
    ['both sources', { ...WEB, cluster: 'prod' }, '--instances and --cluster cannot be used together'],
    [
      'tasks with cluster',
      { cluster: 'prod', tasks: WEB.tasks, taskDefinition: WEB.taskDefinition },
      /^--tasks cannot be used with --cluster/,
    ],
    ['name without env', { instances: WEB.instances, name: 'api' }, /^--name needs --env/],
    ['env without name', { ...WEB, env: 'test' }, /^--env needs --name/],
    ['group and service', { ...WEB, group: 'g', service: 's' }, '--group and --service cannot be used together'],
    ['bad count', { ...WEB, count: 'three' }, '--count "three": expected a whole number ≥ 1'],
    ['zero count', { ...WEB, count: '0' }, '--count "0": expected a whole number ≥ 1'],
    ['bad seed', { ...WEB, seed: '-1' }, '--seed "-1": expected a whole number from 0 to 4294967295'],
    ['missing file', { ...WEB, tasks: 'nope.json' }, '--tasks nope.json: no such file'],
    ['bad strategy shape', { ...WEB, strategy: ['bin pack'] }, /^--strategy "bin pack": expected TYPE or TYPE:VALUE/],
    [
      'empty value',
      { ...WEB, constraint: ['memberOf:'] },
      '--constraint "memberOf:": expected a value after "memberOf:"',
    ],
    [
      'unknown strategy',
      { ...WEB, strategy: ['binpack:memory', 'pack'] },
      /^--strategy "pack": unknown strategy type 'pack'/,
    ],
    ['bad binpack field', { ...WEB, strategy: ['binpack:disk'] }, /^--strategy "binpack:disk": /],
    [
      'distinctInstance with expression',
      { ...WEB, constraint: ['distinctInstance:x'] },
      /^--constraint "distinctInstance:x": /,
    ],
    [
      'memberOf syntax',
      { ...WEB, constraint: ['memberOf:attribute:ecs.instance-type t3.*'] },
      /^--constraint "memberOf:attribute:ecs.instance-type t3.\*": column 29: expected an operator/,
    ],
    ['Fargate', { ...WEB, launchType: 'FARGATE' }, /^--launch-type FARGATE: Fargate places tasks itself/],
    ['unknown launch type', { ...WEB, launchType: 'LAMBDA' }, '--launch-type "LAMBDA": expected EC2 or EXTERNAL'],
    ['scale-in with count', { ...WEB, scaleIn: '1', count: '2' }, '--count cannot be used with --scale-in'],
    [
      'scale-in without group',
      { ...WEB, scaleIn: '1' },
      '--scale-in needs --service NAME or --group G (whose tasks may stop)',
    ],
    [
      'scale-in without tasks',
      { ...WEB, tasks: undefined, scaleIn: '1', service: 'web' },
      /^--scale-in needs the running tasks/,
    ],
    [
      'empty AZ list item',
      { ...WEB, subnetAzs: ['us-east-1a,'] },
      /^--subnet-azs "us-east-1a,": expected a comma-separated list/,
    ],
  ])('%s', async (_, flags, expected) => {
    const message = await usage(flags);
    if (typeof expected === 'string') expect(message).toBe(expected);
    else expect(message).toMatch(expected);
  });

  it('names the file and JSON path of malformed snapshot content', async () => {
    const message = await usage({ ...WEB, instances: WEB.taskDefinition });
    expect(message).toMatch(/task-definition\.json: \$\.containerInstances: expected an array of container instances/);
  });

  it('names the file and JSON path of a task definition constraint ECS would reject', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'placement-td-'));
    try {
      const td = readJsonFile(WEB.taskDefinition, '') as { taskDefinition: Record<string, unknown> };
      td.taskDefinition.placementConstraints = [{ type: 'distinctInstance' }];
      const tdFile = path.join(dir, 'td.json');
      writeFileSync(tdFile, JSON.stringify(td));
      expect(await usage({ ...WEB, taskDefinition: tdFile })).toBe(
        `${tdFile}: $.taskDefinition.placementConstraints[0]: distinctInstance is not allowed in a task definition (only memberOf is); put it in the request`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
