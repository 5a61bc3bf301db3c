// Parsers of the AWS CLI outputs: what they read from real-looking JSON, and errors that name the file, the JSON
// path and what was expected.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { MycopilotError } from '../../../src/errors';
import { parseContainerInstances, parseTaskDefinition, parseTasks } from '../../../src/placement';
import { readJsonFile } from '../../../src/placement/sources/read-json';

const FIXTURES = path.join(__dirname, '..', '..', 'fixtures', 'placement');
const fixture = (name: string): unknown => readJsonFile(path.join(FIXTURES, name), name);

function errorOf(fn: () => unknown): MycopilotError {
  try {
    fn();
  } catch (e) {
    if (e instanceof MycopilotError) return e;
    throw e;
  }
  throw new Error('expected an error');
}

describe('parseContainerInstances', () => {
  it('reads describe-container-instances output', () => {
    const [a, b] = parseContainerInstances(fixture('container-instances.json'), 'ci.json');
    expect(a.ec2InstanceId).toBe('i-0a1b2c3d4e5f60718');
    expect(a.remaining.cpu).toBe(1536);
    expect(a.remaining.memory).toBe(6144);
    expect([...a.remaining.tcpPorts].sort((x, y) => x - y)).toEqual([22, 80, 2375, 2376, 51678, 51679, 51680]);
    expect(a.attributes.get('ecs.availability-zone')).toBe('us-east-1a');
    expect(a.attributes.get('com.amazonaws.ecs.capability.docker-remote-api.1.17')).toBe('');
    expect(a.agentVersion).toBe('1.82.1');
    expect(a.runningTasksCount).toBe(2);
    expect(a.registeredAt).toBe('2024-03-04T09:15:27.918000+00:00');
    // Older CLI versions print epoch seconds.
    expect(b.registeredAt).toBe('2024-03-04T09:15:27.918Z');
    expect(b.status).toBe('ACTIVE');
  });

  it('reads GPUs and UDP ports', () => {
    const [i] = parseContainerInstances(
      [
        {
          containerInstanceArn: 'arn:x/1',
          remainingResources: [
            { name: 'CPU', integerValue: 1 },
            { name: 'MEMORY', longValue: 2 },
            { name: 'GPU', type: 'STRINGSET', stringSetValue: ['GPU-1', 'GPU-2'] },
            { name: 'PORTS_UDP', stringSetValue: ['53'] },
          ],
        },
      ],
      'x.json',
    );
    expect(i.remaining.gpu).toBe(2);
    expect(i.remaining.memory).toBe(2);
    expect([...i.remaining.udpPorts]).toEqual([53]);
    expect(i.ec2InstanceId).toBe('1');
  });

  it.each([
    [{}, 'x.json: $.containerInstances: expected an array of container instances'],
    [
      { containerInstances: [{}] },
      'x.json: $.containerInstances[0].containerInstanceArn: expected the container instance ARN (a string), found nothing',
    ],
    [
      { containerInstances: [{ containerInstanceArn: 'a', remainingResources: 'lots' }] },
      'x.json: $.containerInstances[0].remainingResources: expected an array of {name, type, integerValue | stringSetValue}',
    ],
    [
      { containerInstances: [{ containerInstanceArn: 'a', remainingResources: [{ name: 'CPU', integerValue: 1 }] }] },
      'x.json: $.containerInstances[0].remainingResources: expected a MEMORY entry',
    ],
    [
      { containerInstances: [{ containerInstanceArn: 'a', remainingResources: [{ name: 'CPU', integerValue: '1' }] }] },
      'x.json: $.containerInstances[0].remainingResources[0].integerValue: expected a number in integerValue, found string "1"',
    ],
    [
      {
        containerInstances: [
          {
            containerInstanceArn: 'a',
            remainingResources: [
              { name: 'MEMORY', integerValue: 1 },
              { name: 'CPU', integerValue: 1 },
              { name: 'PORTS', stringSetValue: ['http'] },
            ],
          },
        ],
      },
      'x.json: $.containerInstances[0].remainingResources[2].stringSetValue[0]: expected a port number (0-65535) as a string',
    ],
    [
      { containerInstances: [{ containerInstanceArn: 'a', agentConnected: 'yes', remainingResources: [] }] },
      'x.json: $.containerInstances[0].agentConnected: expected true or false',
    ],
  ])('rejects %j with a located message', (json, message) => {
    const e = errorOf(() => parseContainerInstances(json, 'x.json'));
    expect(e.code).toBe('FILE');
    expect(e.message).toContain(message);
    expect(e.hint).toMatch(/describe-container-instances/);
  });
});

describe('parseTasks', () => {
  it('reads groups, ENI use and task sizes, and skips tasks without a container instance', () => {
    const tasks = parseTasks(fixture('tasks.json'), 'tasks.json');
    expect(tasks).toHaveLength(2);
    expect(tasks[0]).toMatchObject({
      group: 'service:web',
      usesEni: false,
      cpu: 256,
      memory: 512,
      desiredStatus: 'RUNNING',
    });
    expect(tasks[1]).toMatchObject({ group: 'family:worker', usesEni: true, memory: 1024 });
  });

  it('names the path of a bad field', () => {
    const e = errorOf(() => parseTasks({ tasks: [{ containerInstanceArn: 'a', memory: 'big' }] }, 't.json'));
    expect(e.message).toContain('t.json: $.tasks[0].memory: expected MiB');
  });
});

describe('parseTaskDefinition', () => {
  it('reads describe-task-definition output: memoryReservation first, ports by protocol, attributes, constraints', () => {
    const td = parseTaskDefinition(fixture('task-definition.json'), 'td.json');
    expect(td).toMatchObject({
      family: 'web',
      revision: 8,
      networkMode: 'bridge',
      cpu: 384,
      memory: 640,
      gpu: 0,
      dynamicPorts: 1,
      staticPorts: [
        { port: 9901, protocol: 'tcp' },
        { port: 53, protocol: 'udp' },
      ],
      requiresAttributes: [{ name: 'com.amazonaws.ecs.capability.docker-remote-api.1.17' }],
      placementConstraints: [{ type: 'memberOf', expression: 'attribute:ecs.instance-type =~ m5.*' }],
      requiresCompatibilities: ['EC2'],
    });
  });

  it('reads a RegisterTaskDefinition input with task-level sizes, and notes that they replace the sum', () => {
    const td = parseTaskDefinition(
      {
        family: 'api',
        networkMode: 'awsvpc',
        cpu: '0.5 vCPU',
        memory: '1 GB',
        containerDefinitions: [
          {
            name: 'a',
            cpu: 128,
            memory: 256,
            portMappings: [{ containerPort: 80, hostPort: 80 }],
            resourceRequirements: [{ type: 'GPU', value: '1' }],
          },
        ],
      },
      'api.json',
    );
    expect(td).toMatchObject({ cpu: 512, memory: 1024, gpu: 1, staticPorts: [], networkMode: 'awsvpc' });
    expect(td.notes.join()).toMatch(/Task-level memory 1024 MiB/);
  });

  it('host mode: the host port is the container port', () => {
    const td = parseTaskDefinition(
      {
        family: 'h',
        networkMode: 'host',
        containerDefinitions: [{ name: 'a', memory: 64, portMappings: [{ containerPort: 8080 }] }],
      },
      'h.json',
    );
    expect(td.staticPorts).toEqual([{ port: 8080, protocol: 'tcp' }]);
  });

  it('defaults to bridge, with a note', () => {
    const td = parseTaskDefinition({ family: 'b', containerDefinitions: [{ name: 'a', memory: 64 }] }, 'b.json');
    expect(td.networkMode).toBe('bridge');
    expect(td.notes.join()).toMatch(/bridge assumed/);
  });

  it.each([
    [{ containerDefinitions: [] }, 'x.json: $.family: expected the family name (a string), found nothing'],
    [
      { family: 'f', containerDefinitions: [] },
      'x.json: $.containerDefinitions: expected at least one container definition',
    ],
    [
      { family: 'f', networkMode: 'nat', containerDefinitions: [{ name: 'a', memory: 1 }] },
      'x.json: $.networkMode: expected bridge, host, awsvpc or none',
    ],
    [
      { family: 'f', containerDefinitions: [{ name: 'a' }] },
      'x.json: $.containerDefinitions[0]: expected memory or memoryReservation',
    ],
    [
      { family: 'f', memory: 'lots', containerDefinitions: [{ name: 'a' }] },
      'x.json: $.memory: expected MiB ("2048") or GB ("2 GB")',
    ],
    [
      {
        family: 'f',
        networkMode: 'host',
        containerDefinitions: [{ name: 'a', memory: 1, portMappings: [{ containerPort: 80, hostPort: 81 }] }],
      },
      'x.json: $.containerDefinitions[0].portMappings[0].hostPort: expected the container port 80 or nothing',
    ],
    [
      {
        family: 'f',
        containerDefinitions: [
          { name: 'a', memory: 1, portMappings: [{ containerPort: 80, hostPort: 80 }] },
          { name: 'b', memory: 1, portMappings: [{ containerPort: 81, hostPort: 80 }] },
        ],
      },
      'x.json: $.containerDefinitions[1].portMappings[0]: host port 80/tcp is already mapped at $.containerDefinitions[0].portMappings[0]',
    ],
    [{ taskDefinition: 'web:3' }, 'x.json: $.taskDefinition: expected a task definition object'],
  ])('rejects %j with a located message', (json, message) => {
    const e = errorOf(() => parseTaskDefinition(json, 'x.json'));
    expect(e.code).toBe('FILE');
    expect(e.message).toContain(message);
  });
});

describe('readJsonFile', () => {
  it('says when the file is missing', () => {
    const e = errorOf(() => readJsonFile(path.join(FIXTURES, 'nope.json'), 'describe-tasks output'));
    expect(e.code).toBe('FILE');
    expect(e.message).toMatch(/nope\.json: no such file/);
  });

  it('gives the line and column of broken JSON when the parser reports a position', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'placement-json-'));
    const file = path.join(dir, 'broken.json');
    writeFileSync(file, '{\n  "a": 1,\n}\n');
    try {
      const e = errorOf(() => readJsonFile(file, 'describe-tasks output'));
      expect(e.message).toMatch(/broken\.json:3:1: not valid JSON/);
      expect(e.hint).toMatch(/--output json/);
      const js = errorOf(() => readJsonFile(path.join(FIXTURES, 'bad-plugin.js'), 'describe-tasks output'));
      expect(js.message).toMatch(/bad-plugin\.js(:\d+:\d+)?: not valid JSON/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
