// `aws ecs describe-task-definition` output, or a RegisterTaskDefinition input → what one task needs from an
// instance: CPU, memory (memoryReservation first), GPUs, host ports by network mode, attributes, constraints.
import { MycopilotError } from '../../errors';
import { NetworkMode, PlacementConstraintSpec, PortNeed, TaskDefinition } from '../model';
import { JsonCursor } from './json-cursor';

const HINT =
  'Give `aws ecs describe-task-definition --task-definition <family:revision> --output json` or a RegisterTaskDefinition input (family, containerDefinitions).';
const MODES: NetworkMode[] = ['bridge', 'host', 'awsvpc', 'none'];

export function parseTaskDefinition(json: unknown, file: string): TaskDefinition {
  let root = new JsonCursor(json, file, '$', HINT);
  if (root.has('taskDefinition')) root = root.get('taskDefinition');
  root.object('a task definition object (describe-task-definition output or RegisterTaskDefinition input)');
  const notes: string[] = [];
  const family = root.get('family').string('the family name (a string)');
  const modeCursor = root.get('networkMode');
  const networkMode = (modeCursor.optionalString('bridge, host, awsvpc or none') ?? 'bridge') as NetworkMode;
  if (!MODES.includes(networkMode)) modeCursor.fail('bridge, host, awsvpc or none (the EC2 launch type on Linux)');
  if (!modeCursor.present)
    notes.push(`Task definition ${family} sets no networkMode: bridge assumed (the EC2 Linux default).`);

  const containers = root.get('containerDefinitions').array('an array of container definitions');
  if (containers.length === 0) root.get('containerDefinitions').fail('at least one container definition');

  let cpuSum = 0;
  let memorySum = 0;
  let gpu = 0;
  let dynamicPorts = 0;
  let memoryMissingAt: string | undefined;
  const staticPorts: PortNeed[] = [];
  const seenPorts = new Map<string, string>();
  for (const c of containers) {
    c.object('a container definition');
    const name = c.get('name').optionalString('a container name') ?? c.path;
    cpuSum += c.get('cpu').optionalNumber('CPU units (a number)') ?? 0;
    // The soft limit is what the scheduler reserves; the hard limit only caps the container at run time.
    const reservation = c.get('memoryReservation').optionalNumber('MiB (a number)');
    const hard = c.get('memory').optionalNumber('MiB (a number)');
    if (reservation === undefined && hard === undefined) memoryMissingAt ??= c.path;
    memorySum += reservation ?? hard ?? 0;
    for (const r of c.get('resourceRequirements').optionalArray('an array of {type, value}')) {
      if (r.get('type').string('GPU or InferenceAccelerator') === 'GPU') gpu += r.get('value').numberish('a GPU count');
    }
    for (const pm of c.get('portMappings').optionalArray('an array of port mappings')) {
      pm.object('a port mapping');
      const protocol = (pm.get('protocol').optionalString('tcp or udp') ?? 'tcp') as 'tcp' | 'udp';
      if (protocol !== 'tcp' && protocol !== 'udp') pm.get('protocol').fail('tcp or udp');
      if (networkMode === 'awsvpc' || networkMode === 'none') continue; // ports live on the task's own ENI
      const containerPort = pm.get('containerPort').optionalNumber('a port number');
      const hostPort = pm.get('hostPort').optionalNumber('a port number');
      if (containerPort === undefined) {
        if (pm.has('containerPortRange')) {
          notes.push(`${name}: a containerPortRange maps to host ports ECS picks; treated as dynamic ports.`);
          dynamicPorts++;
          continue;
        }
        pm.get('containerPort').fail('a container port (a number)');
      }
      let port: number;
      if (networkMode === 'host') {
        if (hostPort !== undefined && hostPort !== containerPort) {
          pm.get('hostPort').fail(
            `the container port ${containerPort} or nothing (in host mode the host port is the container port)`,
          );
        }
        port = containerPort!;
      } else if (!hostPort) {
        dynamicPorts++; // bridge with hostPort 0 or omitted: an ephemeral host port, never a conflict
        continue;
      } else port = hostPort;
      const key = `${port}/${protocol}`;
      if (seenPorts.has(key)) {
        throw new MycopilotError(
          'FILE',
          `${file}: ${pm.path}: host port ${key} is already mapped at ${seenPorts.get(key)}`,
          {
            hint: 'A task cannot map the same host port twice; ECS rejects such a task definition.',
          },
        );
      }
      seenPorts.set(key, pm.path);
      staticPorts.push({ port, protocol });
    }
  }

  const taskCpu = readUnits(root.get('cpu'), 'cpu');
  const taskMemory = readUnits(root.get('memory'), 'memory');
  if (taskMemory === undefined && memoryMissingAt !== undefined) {
    throw new MycopilotError(
      'FILE',
      `${file}: ${memoryMissingAt}: expected memory or memoryReservation (the task sets no task-level memory)`,
      {
        hint: 'On the EC2 launch type every container needs memory or memoryReservation unless the task sets memory.',
      },
    );
  }
  if (taskMemory !== undefined && memorySum > 0 && taskMemory !== memorySum) {
    notes.push(
      `Task-level memory ${taskMemory} MiB is what one task reserves, not the containers' ${memorySum} MiB (inferred from the docs).`,
    );
  }
  if (taskCpu !== undefined && cpuSum > 0 && taskCpu !== cpuSum) {
    notes.push(
      `Task-level cpu ${taskCpu} units is what one task reserves, not the containers' ${cpuSum} (inferred from the docs).`,
    );
  }

  const placementConstraints: PlacementConstraintSpec[] = root
    .get('placementConstraints')
    .optionalArray('an array of {type, expression}')
    .map((p) => ({
      type: p.get('type').string('memberOf'),
      expression: p.get('expression').optionalString('a Cluster Query Language expression'),
    }));
  const requiresAttributes = root
    .get('requiresAttributes')
    .optionalArray('an array of {name, value}')
    .filter((a) => (a.get('targetType').optionalString() ?? 'container-instance') === 'container-instance')
    .map((a) => ({ name: a.get('name').string('an attribute name'), value: a.get('value').optionalString() }));
  const compat = root
    .get('requiresCompatibilities')
    .optionalArray('an array such as ["EC2"]')
    .map((c) => c.string('EC2, FARGATE or EXTERNAL'));

  return {
    family,
    revision: root.get('revision').optionalNumber('a revision number'),
    taskDefinitionArn: root.get('taskDefinitionArn').optionalString('an ARN'),
    networkMode,
    cpu: taskCpu ?? cpuSum,
    memory: taskMemory ?? memorySum,
    gpu,
    staticPorts,
    dynamicPorts,
    requiresAttributes,
    placementConstraints,
    requiresCompatibilities: compat,
    notes,
  };
}

/** Task-level cpu/memory: "1024", 1024, "1 vCPU", "0.5 vcpu", "2 GB", "2GB". */
function readUnits(c: JsonCursor, kind: 'cpu' | 'memory'): number | undefined {
  if (!c.present) return undefined;
  if (typeof c.value === 'number') return c.value;
  const text = c
    .string(kind === 'cpu' ? 'CPU units ("1024") or vCPUs ("1 vCPU")' : 'MiB ("2048") or GB ("2 GB")')
    .trim();
  const m = /^(\d+(?:\.\d+)?)\s*(vcpu|gb)?$/i.exec(text);
  const unit = m?.[2]?.toLowerCase();
  if (!m || (unit === 'vcpu' && kind !== 'cpu') || (unit === 'gb' && kind !== 'memory')) {
    return c.fail(kind === 'cpu' ? 'CPU units ("1024") or vCPUs ("1 vCPU")' : 'MiB ("2048") or GB ("2 GB")');
  }
  const n = Number(m[1]);
  return unit === 'vcpu' ? Math.round(n * 1024) : unit === 'gb' ? Math.round(n * 1024) : n;
}
