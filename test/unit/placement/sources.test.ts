// Instance sources: the snapshot files (instances + tasks, or one combined file) and the live cluster through an
// injected reader, which must batch Describe calls by 100 and read the same shapes.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import {
  EcsClusterReader,
  LiveClusterSource,
  loadTaskDefinitionFile,
  previewPlacement,
  SnapshotFileSource,
} from '../../../src/placement';
import { readJsonFile } from '../../../src/placement/sources/read-json';

const FIXTURES = path.join(__dirname, '..', '..', 'fixtures', 'placement');

describe('SnapshotFileSource', () => {
  it('reads instances and tasks from two files and previews on them', async () => {
    const source = new SnapshotFileSource({
      instancesFile: path.join(FIXTURES, 'container-instances.json'),
      tasksFile: path.join(FIXTURES, 'tasks.json'),
    });
    expect(source.description).toMatch(/container-instances\.json \+ .*tasks\.json/);
    const cluster = await source.load();
    expect(cluster.instances).toHaveLength(2);
    expect(cluster.tasks).toHaveLength(2);
    expect(cluster.tasksKnown).toBe(true);
    const td = loadTaskDefinitionFile(path.join(FIXTURES, 'task-definition.json'));
    const r = previewPlacement(cluster, td, { api: 'CreateService', serviceName: 'web', count: 3 });
    // Instance a already runs a web task, so the default spread starts on b; 9901/53 are static ports: one per instance.
    expect(r.placements.map((p) => p.ec2InstanceId)).toEqual(['i-0f9e8d7c6b5a49382', 'i-0a1b2c3d4e5f60718']);
    expect(r.failures).toEqual([expect.objectContaining({ task: 2, reason: 'RESOURCE:PORTS' })]);
  });

  it('reads a combined file with tasks and eniSlots next to containerInstances', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'placement-snap-'));
    try {
      const instances = readJsonFile(path.join(FIXTURES, 'container-instances.json'), '') as Record<string, unknown>;
      const tasks = (readJsonFile(path.join(FIXTURES, 'tasks.json'), '') as { tasks: unknown[] }).tasks;
      const file = path.join(dir, 'snapshot.json');
      writeFileSync(file, JSON.stringify({ ...instances, tasks, eniSlots: { 'm5.large': 1 } }));
      const cluster = await new SnapshotFileSource({ instancesFile: file }).load();
      expect(cluster.tasks).toHaveLength(2);
      expect(cluster.eniSlots).toEqual({ 'm5.large': 1 });
      const awsvpc = loadTaskDefinitionFile(path.join(FIXTURES, 'task-definition.json'));
      const r = previewPlacement(
        cluster,
        { ...awsvpc, networkMode: 'awsvpc', staticPorts: [] },
        { api: 'RunTask', count: 3, subnets: ['subnet-0aaa', 'subnet-0bbb'] },
      );
      // Instance a already holds an awsvpc task in its single slot; b has one slot.
      expect(r.placements.map((p) => p.ec2InstanceId)).toEqual(['i-0f9e8d7c6b5a49382']);
      expect(r.failures.map((f) => f.reason)).toEqual(['RESOURCE:ENI', 'RESOURCE:ENI']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says when no tasks were given', async () => {
    const cluster = await new SnapshotFileSource({
      instancesFile: path.join(FIXTURES, 'container-instances.json'),
    }).load();
    expect(cluster.tasksKnown).toBe(false);
    const td = loadTaskDefinitionFile(path.join(FIXTURES, 'task-definition.json'));
    const r = previewPlacement(cluster, td, { api: 'CreateService', serviceName: 'web', count: 1 });
    expect(r.notes.join()).toMatch(/No DescribeTasks output given/);
  });
});

describe('LiveClusterSource', () => {
  it('lists, describes in batches of 100 and parses the responses', async () => {
    const arns = Array.from({ length: 230 }, (_, i) => `arn:aws:ecs:us-east-1:1:container-instance/c/${i}`);
    const calls: number[] = [];
    const reader: EcsClusterReader = {
      listContainerInstanceArns: async () => arns,
      describeContainerInstances: async (_c, batch) => {
        calls.push(batch.length);
        return {
          containerInstances: batch.map((a) => ({
            containerInstanceArn: a,
            ec2InstanceId: `i-${a.split('/').pop()}`,
            remainingResources: [
              { name: 'CPU', integerValue: 1024 },
              { name: 'MEMORY', integerValue: 2048 },
            ],
            attributes: [{ name: 'ecs.availability-zone', value: 'us-east-1a' }],
          })),
        };
      },
      listTaskArns: async () => ['t1'],
      describeTasks: async () => ({ tasks: [{ taskArn: 't1', containerInstanceArn: arns[0], group: 'service:web' }] }),
    };
    const source = new LiveClusterSource(reader, 'prod');
    expect(source.description).toBe('cluster prod (live)');
    const cluster = await source.load();
    expect(calls).toEqual([100, 100, 30]);
    expect(cluster.instances).toHaveLength(230);
    expect(cluster.tasks).toEqual([expect.objectContaining({ group: 'service:web' })]);
    expect(cluster.tasksKnown).toBe(true);
  });

  it('reports a malformed response with its source and path', async () => {
    const reader: EcsClusterReader = {
      listContainerInstanceArns: async () => ['a'],
      describeContainerInstances: async () => ({
        containerInstances: [{ containerInstanceArn: 'a', remainingResources: 3 }],
      }),
      listTaskArns: async () => [],
      describeTasks: async () => ({ tasks: [] }),
    };
    await expect(new LiveClusterSource(reader, 'prod').load()).rejects.toThrow(
      'ecs:DescribeContainerInstances(prod): $.containerInstances[0].remainingResources: expected an array',
    );
  });
});
