// A cluster snapshot from files: `aws ecs describe-container-instances` output, plus (optionally) `aws ecs
// describe-tasks` output, either as a second file or as a `tasks` array in the same file. An `eniSlots` object in
// the instances file overrides the ENI table (keys: EC2 instance id, container instance ARN or instance type).
import { ClusterSnapshot } from '../model';
import { JsonCursor } from '../parsers/json-cursor';
import { parseContainerInstances } from '../parsers/container-instances';
import { parseTasks } from '../parsers/tasks';
import { InstanceSource } from './instance-source';
import { readJsonFile } from './read-json';

export interface SnapshotFiles {
  instancesFile: string;
  tasksFile?: string;
}

export class SnapshotFileSource implements InstanceSource {
  readonly description: string;

  constructor(private readonly files: SnapshotFiles) {
    this.description = `snapshot ${files.instancesFile}${files.tasksFile ? ` + ${files.tasksFile}` : ''}`;
  }

  async load(): Promise<ClusterSnapshot> {
    return loadSnapshotFiles(this.files);
  }
}

export function loadSnapshotFiles(files: SnapshotFiles): ClusterSnapshot {
  const json = readJsonFile(files.instancesFile, 'describe-container-instances output');
  return snapshotFromJson(
    json,
    files.instancesFile,
    files.tasksFile === undefined ? undefined : readJsonFile(files.tasksFile, 'describe-tasks output'),
    files.tasksFile,
  );
}

/** The same, from JSON already read (the live source and tests use it). */
export function snapshotFromJson(
  instancesJson: unknown,
  instancesName: string,
  tasksJson?: unknown,
  tasksName?: string,
): ClusterSnapshot {
  const instances = parseContainerInstances(instancesJson, instancesName);
  const root = new JsonCursor(instancesJson, instancesName);
  let tasks = undefined;
  if (tasksJson !== undefined) tasks = parseTasks(tasksJson, tasksName ?? 'tasks');
  else if (root.isObject() && root.has('tasks')) tasks = parseTasks({ tasks: root.get('tasks').value }, instancesName);
  let eniSlots: Record<string, number> | undefined;
  if (root.isObject() && root.has('eniSlots')) {
    const c = root.get('eniSlots');
    eniSlots = {};
    for (const key of Object.keys(c.object('an object of task ENI slots by instance id, ARN or instance type'))) {
      eniSlots[key] = c.get(key).number('a number of task ENI slots');
    }
  }
  return { instances, tasks: tasks ?? [], tasksKnown: tasks !== undefined, eniSlots };
}
