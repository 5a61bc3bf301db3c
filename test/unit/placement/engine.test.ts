// Engine details beyond the acceptance scenarios: every failure category and its detail, awsvpc ENI slots from
// the table, tasks placed earlier counting for task:group, notes on open points, the JSON shape and summaries.
import { createPlacementRegistry, PlacementRequest, previewPlacement } from '../../../src/placement';
import { Scenario, ScenarioInstance, scenarioInputs } from './scenario-adapter';

function scenario(instances: ScenarioInstance[], taskDef: Partial<Scenario['taskDef']> = {}): Scenario {
  return {
    id: 'e',
    title: 'e',
    instances,
    taskDef: { family: 'web', networkMode: 'bridge', containers: [{ name: 'app', cpu: 128, memory: 512 }], ...taskDef },
    request: { api: 'RunTask', count: 1 },
    expected: {},
    assertLevel: 'exact-order',
    open: [],
  };
}

const inst = (id: string, extra: Partial<ScenarioInstance> = {}): ScenarioInstance => ({
  id,
  az: 'us-east-1a',
  instanceType: 'm5.large',
  freeCpu: 4096,
  freeMemory: 8192,
  ...extra,
});

function preview(s: Scenario, request: Partial<PlacementRequest> = {}, engine: 'indexed' | 'scan' = 'indexed') {
  const inputs = scenarioInputs(s);
  return previewPlacement(inputs.cluster, inputs.taskDefinition, { api: 'RunTask', count: 1, ...request }, { engine });
}

describe.each(['indexed', 'scan'] as const)('failure reasons (%s engine)', (engine) => {
  it.each([
    [
      'AGENT',
      [inst('i-a', { agentConnected: false })],
      {},
      {},
      /1 not ACTIVE \(e\.g\. DRAINING\)|0 not ACTIVE .*1 with the agent disconnected/,
    ],
    ['AGENT', [inst('i-a', { status: 'DRAINING' })], {}, {}, /1 not ACTIVE/],
    ['RESOURCE:CPU', [inst('i-a', { freeCpu: 64 })], {}, {}, /the task needs 128 units; the most left on them is 64/],
    [
      'RESOURCE:MEMORY',
      [inst('i-a', { freeMemory: 500 }), inst('i-b', { freeCpu: 0 })],
      {},
      {},
      /after the memory filter.*1 short of CPU.*1 short of memory/,
    ],
    [
      'LOCATION',
      [inst('i-a')],
      { networkMode: 'awsvpc' },
      { subnetAzs: ['us-east-1b'] },
      /outside the subnets' AZs \(us-east-1b\)/,
    ],
    [
      'CONSTRAINT:memberOf',
      [inst('i-a')],
      {},
      { placementConstraints: [{ type: 'memberOf', expression: 'attribute:ecs.instance-type == t2.micro' }] },
      /rejected by memberOf\(attribute:ecs.instance-type == t2.micro\)/,
    ],
    ['NO_INSTANCES', [], {}, {}, /the cluster has no container instances/],
  ] as const)('%s', (reason, instances, taskDef, request, detail) => {
    const r = preview(scenario([...instances], taskDef), request as Partial<PlacementRequest>, engine);
    expect(r.placements).toEqual([]);
    expect(r.failures[0].reason).toBe(reason);
    expect(r.failures[0].detail).toMatch(detail);
  });

  it('RESOURCE:GPU and ATTRIBUTE come from the task definition', () => {
    const s = scenario([inst('i-a')]);
    const inputs = scenarioInputs(s);
    const gpu = previewPlacement(
      inputs.cluster,
      { ...inputs.taskDefinition, gpu: 1 },
      { api: 'RunTask', count: 1 },
      { engine },
    );
    expect(gpu.failures[0]).toMatchObject({ reason: 'RESOURCE:GPU', emptiedBy: 'GPU' });
    const attr = previewPlacement(
      inputs.cluster,
      { ...inputs.taskDefinition, requiresAttributes: [{ name: 'ecs.capability.efs' }] },
      { api: 'RunTask', count: 1 },
      { engine },
    );
    expect(attr.failures[0].reason).toBe('ATTRIBUTE');
    expect(attr.failures[0].detail).toContain('ecs.capability.efs');
  });

  it('counts what each filter eliminated', () => {
    const r = preview(
      scenario([inst('i-a', { status: 'DRAINING' }), inst('i-b', { freeMemory: 1 }), inst('i-c', { freeMemory: 2 })]),
      {},
      engine,
    );
    expect(r.failures[0].eliminated).toEqual([
      { reason: 'AGENT', label: 'agent and status', instances: 1 },
      { reason: 'RESOURCE:MEMORY', label: 'memory', instances: 2 },
    ]);
  });
});

describe('resources', () => {
  it('awsvpc: ENI slots come from the instance type table, with trunking when the instance has a trunk', () => {
    // m5.large: 3 ENIs (2 for tasks); with trunking, 10 task ENIs.
    const s = scenario([inst('i-plain'), inst('i-trunk', { attributes: { 'ecs.awsvpc-trunk-id': 'eni-1' } })], {
      networkMode: 'awsvpc',
    });
    const r = preview(s, {
      count: 14,
      placementStrategy: [{ type: 'spread', field: 'instanceId' }],
      subnetAzs: ['us-east-1a'],
    });
    const per = (id: string) => r.placements.filter((p) => p.ec2InstanceId === id).length;
    expect([per('i-plain'), per('i-trunk')]).toEqual([2, 10]);
    expect(r.failures.map((f) => f.reason)).toEqual(['RESOURCE:ENI', 'RESOURCE:ENI']);
  });

  it('awsvpc: an unknown instance type is unlimited, and says so', () => {
    const r = preview(scenario([inst('i-a', { instanceType: 'x9.huge' })], { networkMode: 'awsvpc' }), {
      count: 20,
      subnetAzs: ['us-east-1a'],
    });
    expect(r.placedCount).toBe(16);
    expect(r.notes.join()).toMatch(/x9\.huge are not in the table: assumed unlimited/);
  });

  it('awsvpc without subnets skips the AZ filter, with a note', () => {
    const r = preview(scenario([inst('i-a', { az: 'us-east-1b' })], { networkMode: 'awsvpc' }));
    expect(r.placedCount).toBe(1);
    expect(r.notes.join()).toMatch(/No subnets given/);
  });

  it('static UDP ports conflict only with UDP', () => {
    const s = scenario([inst('i-a', { reservedPorts: [22, 53] })], {
      containers: [{ name: 'dns', memory: 64, portMappings: [{ containerPort: 53, hostPort: 53, protocol: 'udp' }] }],
    });
    const r = preview(s, { count: 2 });
    expect(r.placedCount).toBe(1);
    expect(r.failures[0].reason).toBe('RESOURCE:PORTS');
  });

  it('an instance holds at most 100 reserved ports', () => {
    const reserved = Array.from({ length: 99 }, (_, i) => 10000 + i);
    const s = scenario([inst('i-a', { reservedPorts: reserved })], {
      containers: [
        {
          name: 'app',
          memory: 64,
          portMappings: [
            { containerPort: 80, hostPort: 80 },
            { containerPort: 81, hostPort: 81 },
          ],
        },
      ],
    });
    const f = preview(s).failures[0];
    expect(f?.reason).toBe('RESOURCE:PORTS');
    expect(f?.detail).toMatch(/limit of 100 reserved ports/);
  });
});

describe('task groups and task state', () => {
  it('tasks placed earlier in the preview count for task:group (affinity to its own group)', () => {
    const s = scenario([inst('i-a'), inst('i-b'), inst('i-c', { runningTasks: [{ group: 'family:web', count: 1 }] })]);
    const r = preview(s, {
      count: 3,
      placementConstraints: [{ type: 'memberOf', expression: 'task:group == family:web' }],
    });
    expect(r.placements.map((p) => p.ec2InstanceId)).toEqual(['i-c', 'i-c', 'i-c']);
    expect(r.notes.join()).toMatch(/Tasks placed earlier in this preview count for task:group/);
  });

  it('runningTasksCount grows with the preview’s own tasks', () => {
    const s = scenario([inst('i-a'), inst('i-b')]);
    const r = preview(s, {
      count: 5,
      placementStrategy: [{ type: 'binpack', field: 'memory' }],
      placementConstraints: [{ type: 'memberOf', expression: 'runningTasksCount < 2' }],
    });
    expect(r.placements.map((p) => p.ec2InstanceId).sort()).toEqual(['i-a', 'i-a', 'i-b', 'i-b']);
    expect(r.failures[0].reason).toBe('CONSTRAINT:memberOf');
  });

  it('an explicit group replaces the default family group', () => {
    const s = scenario([inst('i-a', { runningTasks: [{ group: 'batch', count: 2 }] }), inst('i-b')]);
    const r = preview(s, { count: 1, group: 'batch', placementStrategy: [{ type: 'spread', field: 'instanceId' }] });
    expect(r.placements[0].ec2InstanceId).toBe('i-b');
    expect(r.summary.group).toBe('batch');
  });

  it('spread on an attribute some instances lack counts them as one more value, with a note', () => {
    const s = scenario([inst('i-a', { attributes: { rack: 'r1' } }), inst('i-b')]);
    const r = preview(s, { count: 2, placementStrategy: [{ type: 'spread', field: 'attribute:rack' }] });
    expect(r.placements.map((p) => p.ec2InstanceId).sort()).toEqual(['i-a', 'i-b']);
    expect(r.notes.join()).toMatch(/1 candidate instance\(s\) lack attribute rack/);
  });
});

describe('instance fields in memberOf', () => {
  it.each([
    ['registeredAt > 2024-01-15T10:00:00Z', 1],
    ['registeredAt < 2024-01-01', 0],
    ['agentVersion >= 1.80.0 and agentConnected == true', 1],
    ['ec2InstanceId =~ i-.*', 1],
  ])('%s', (expression, placed) => {
    const r = preview(scenario([inst('i-a')]), { placementConstraints: [{ type: 'memberOf', expression }] });
    expect(r.placedCount).toBe(placed);
  });
});

describe('engine choice', () => {
  it('uses the scan engine for spread-by-value after binpack, and says so when indexed was asked for', () => {
    const s = scenario([inst('i-a', { az: 'us-east-1b' }), inst('i-b')]);
    const inputs = scenarioInputs(s);
    const req: PlacementRequest = {
      api: 'RunTask',
      count: 2,
      placementStrategy: [
        { type: 'binpack', field: 'memory' },
        { type: 'spread', field: 'attribute:ecs.availability-zone' },
      ],
    };
    const auto = previewPlacement(inputs.cluster, inputs.taskDefinition, req);
    expect(auto.summary.engine).toBe('scan');
    const asked = previewPlacement(inputs.cluster, inputs.taskDefinition, req, { engine: 'indexed' });
    expect(asked.notes.join()).toMatch(/the scan engine was used/);
    expect(asked.toJson().placements).toEqual(auto.toJson().placements);
  });

  it('accepts a registry passed in options', () => {
    const r = previewPlacement(
      scenarioInputs(scenario([inst('i-a')])).cluster,
      scenarioInputs(scenario([inst('i-a')])).taskDefinition,
      { api: 'RunTask', count: 1 },
      { registry: createPlacementRegistry() },
    );
    expect(r.placedCount).toBe(1);
  });
});

describe('output model', () => {
  it('toJson has exactly placements, failures and notes, in the documented shape', () => {
    const s = scenario([inst('i-a', { freeMemory: 1024 })]);
    const json = preview(s, { count: 3, placementStrategy: [{ type: 'binpack', field: 'memory' }] }).toJson();
    expect(Object.keys(json)).toEqual(['placements', 'failures', 'notes']);
    expect(json.placements[0]).toEqual({
      task: 0,
      containerInstanceArn: 'arn:aws:ecs:us-east-1:111122223333:container-instance/preview/i-a',
      ec2InstanceId: 'i-a',
      availabilityZone: 'us-east-1a',
    });
    expect(Object.keys(json.failures[0])).toEqual(['task', 'reason', 'detail']);
    expect(json.failures[0]).toMatchObject({ task: 2, reason: 'RESOURCE:MEMORY' });
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });

  it('summarises per AZ and per instance', () => {
    const s = scenario([
      inst('a1', { runningTasks: [{ group: 'service:web', count: 1 }] }),
      inst('b1', { az: 'us-east-1b' }),
      inst('b2', { az: 'us-east-1b' }),
    ]);
    const inputs = scenarioInputs(s);
    const r = previewPlacement(inputs.cluster, inputs.taskDefinition, {
      api: 'CreateService',
      serviceName: 'web',
      count: 3,
    });
    expect(r.byAz).toEqual([
      { availabilityZone: 'us-east-1a', instances: 1, placed: 1, groupTasksBefore: 1, groupTasksAfter: 2 },
      { availabilityZone: 'us-east-1b', instances: 2, placed: 2, groupTasksBefore: 0, groupTasksAfter: 2 },
    ]);
    expect(r.byInstance.map((i) => [i.ec2InstanceId, i.placed, i.groupTasks, i.remainingMemory])).toEqual([
      ['a1', 1, 2, 7680],
      ['b1', 1, 1, 7680],
      ['b2', 1, 1, 7680],
    ]);
    expect(r.summary).toMatchObject({
      api: 'CreateService',
      group: 'service:web',
      taskDefinition: 'web:3',
      defaultStrategy: true,
      seed: 1,
    });
    expect(r.placements[0].why).toMatch(
      /^spread\(attribute:ecs.availability-zone\): us-east-1b had 0 task\(s\) of service:web; spread\(instanceId\): 0 task\(s\) of service:web on it; 3 eligible/,
    );
  });

  it('different seeds may break ties differently; the same seed always the same way', () => {
    const s = scenario(Array.from({ length: 8 }, (_, i) => inst(`i-${i}`)));
    const inputs = scenarioInputs(s);
    const firsts = new Set(
      [1, 2, 3, 4, 5, 6].map(
        (seed) =>
          previewPlacement(inputs.cluster, inputs.taskDefinition, { api: 'RunTask', count: 1 }, { seed }).placements[0]
            .ec2InstanceId,
      ),
    );
    expect(firsts.size).toBeGreaterThan(1);
  });
});
