// `aws ecs describe-container-instances` output → ContainerInstance[] (remainingResources, attributes, status,
// agent, counts, registration time, agent version).
import { ContainerInstance, DEFAULT_RESERVED_PORTS } from '../model';
import { JsonCursor } from './json-cursor';

const HINT =
  'Produce it with: aws ecs describe-container-instances --cluster <name> --container-instances <arn>... --output json';

export function parseContainerInstances(json: unknown, file: string): ContainerInstance[] {
  const root = new JsonCursor(json, file, '$', HINT);
  // The CLI prints an object; a bare array of instances (e.g. from jq) is read the same way.
  const list = Array.isArray(json)
    ? root.array()
    : root
        .get('containerInstances')
        .array('an array of container instances (the containerInstances of describe-container-instances)');
  return list.map(parseInstance);
}

function parseInstance(c: JsonCursor): ContainerInstance {
  c.object('a container instance object');
  const arn = c.get('containerInstanceArn').string('the container instance ARN (a string)');
  const attributes = new Map<string, string>();
  for (const a of c.get('attributes').optionalArray('an array of {name, value}')) {
    attributes.set(
      a.get('name').string('an attribute name'),
      a.get('value').optionalString('an attribute value (string)') ?? '',
    );
  }
  const version = c.get('versionInfo');
  const registered = c.get('registeredAt');
  return {
    containerInstanceArn: arn,
    ec2InstanceId: c.get('ec2InstanceId').optionalString('the EC2 instance id') ?? arn.split('/').pop()!,
    status: c.get('status').optionalString('ACTIVE, DRAINING, ...') ?? 'ACTIVE',
    agentConnected: c.get('agentConnected').optionalBoolean() ?? true,
    runningTasksCount: c.get('runningTasksCount').optionalNumber('a whole number') ?? 0,
    registeredAt: !registered.present
      ? undefined
      : typeof registered.value === 'number'
        ? new Date(registered.value * 1000).toISOString() // older CLI versions print epoch seconds
        : registered.string('an ISO 8601 time or epoch seconds'),
    agentVersion: version.present ? version.get('agentVersion').optionalString() : undefined,
    attributes,
    remaining: parseResources(c.get('remainingResources')),
  };
}

function parseResources(r: JsonCursor): ContainerInstance['remaining'] {
  const out = { cpu: 0, memory: 0, gpu: 0, tcpPorts: new Set(DEFAULT_RESERVED_PORTS), udpPorts: new Set<number>() };
  let sawCpu = false;
  let sawMemory = false;
  for (const item of r.array('an array of {name, type, integerValue | stringSetValue} (remainingResources)')) {
    const name = item.get('name').string('a resource name (CPU, MEMORY, PORTS, PORTS_UDP, GPU)');
    switch (name) {
      case 'CPU':
        out.cpu = integerOf(item);
        sawCpu = true;
        break;
      case 'MEMORY':
        out.memory = integerOf(item);
        sawMemory = true;
        break;
      case 'PORTS':
        out.tcpPorts = portsOf(item);
        break;
      case 'PORTS_UDP':
        out.udpPorts = portsOf(item);
        break;
      case 'GPU':
        out.gpu = item.get('stringSetValue').optionalArray('an array of GPU ids').length;
        break;
    }
  }
  if (!sawCpu) r.fail('a CPU entry in remainingResources');
  if (!sawMemory) r.fail('a MEMORY entry in remainingResources');
  return out;
}

function integerOf(item: JsonCursor): number {
  for (const key of ['integerValue', 'longValue', 'doubleValue']) {
    if (item.has(key)) return item.get(key).number(`a number in ${key}`);
  }
  return item.fail('integerValue (a number)');
}

function portsOf(item: JsonCursor): Set<number> {
  const ports = new Set<number>();
  for (const p of item.get('stringSetValue').optionalArray('an array of port numbers as strings')) {
    const n = Number(p.string('a port number as a string'));
    if (!Number.isInteger(n) || n < 0 || n > 65535) p.fail('a port number (0-65535) as a string');
    ports.add(n);
  }
  return ports;
}
