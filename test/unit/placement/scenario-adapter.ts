// Test adapter: turns a scenario of scenarios.json into the JSON the AWS CLI prints (describe-container-instances,
// describe-tasks, describe-task-definition or a RegisterTaskDefinition input), then reads it back through the real
// parsers, so every scenario also exercises them. Also holds an independent validity check of a result.
import {
  ClusterSnapshot,
  DEFAULT_RESERVED_PORTS,
  evaluateCql,
  parseCql,
  parseTaskDefinition,
  PlacementRequest,
  PlacementResult,
  plainCqlInstance,
  ScaleInRequest,
  snapshotFromJson,
  TaskDefinition,
} from '../../../src/placement';

export interface ScenarioInstance {
  id: string;
  az: string;
  instanceType: string;
  freeCpu: number;
  freeMemory: number;
  reservedPorts?: number[];
  freeEniSlots?: number;
  status?: string;
  agentConnected?: boolean;
  attributes?: Record<string, string>;
  runningTasks?: { group: string; count: number; memory?: number; taskDefinition?: string }[];
}

export interface Scenario {
  id: string;
  title: string;
  instances: ScenarioInstance[];
  taskDef: {
    family: string;
    networkMode: string;
    containers: {
      name: string;
      cpu?: number;
      memory?: number;
      memoryReservation?: number;
      portMappings?: { containerPort: number; hostPort?: number; protocol?: string }[];
    }[];
  };
  request: {
    api: 'RunTask' | 'CreateService' | 'UpdateService';
    count?: number;
    serviceName?: string;
    group?: string;
    scaleInBy?: number;
    placementStrategy?: { type: string; field?: string }[] | null;
    placementConstraints?: { type: string; expression?: string }[];
    awsvpcSubnetAzs?: string[];
  };
  expected: {
    placements?: string[];
    unplaced?: { count: number; reason: string }[];
    firstPlacement?: string;
    placementCounts?: Record<string, number>;
    azCounts?: Record<string, number>;
    maxPerInstanceInAz?: Record<string, number>;
    placedCount?: number;
    allowedInstances?: string[];
    stoppedFrom?: Record<string, number>;
    validationError?: string;
  };
  assertLevel: 'exact-order' | 'counts' | 'validity-only' | 'validation';
  open: string[];
}

export interface ScenarioFile {
  scenarios: Scenario[];
  cqlCases: { expression: string; instance: CqlCaseInstance; matches: boolean }[];
  cqlOpenCases: { expression: string; instance?: CqlCaseInstance; note: string }[];
}

export interface CqlCaseInstance {
  attributes?: Record<string, string>;
  taskGroups?: string[];
  runningTasksCount?: number;
  agentVersion?: string;
  registeredAt?: string;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
export const scenarioFile: ScenarioFile = require('../../fixtures/placement/scenarios.json');

const ACCOUNT = '111122223333';
export const instanceArn = (id: string): string => `arn:aws:ecs:us-east-1:${ACCOUNT}:container-instance/preview/${id}`;

/** describe-container-instances output for the scenario (plus the snapshot's eniSlots extension). */
export function describeContainerInstancesJson(s: Scenario): Record<string, unknown> {
  const eniSlots: Record<string, number> = {};
  const containerInstances = s.instances.map((i) => {
    if (i.freeEniSlots !== undefined) eniSlots[i.id] = i.freeEniSlots;
    const attributes = [
      { name: 'ecs.availability-zone', value: i.az },
      { name: 'ecs.instance-type', value: i.instanceType },
      { name: 'ecs.os-type', value: 'linux' },
      { name: 'com.amazonaws.ecs.capability.docker-remote-api.1.17' },
      ...Object.entries(i.attributes ?? {}).map(([name, value]) => ({ name, value })),
    ];
    return {
      containerInstanceArn: instanceArn(i.id),
      ec2InstanceId: i.id,
      versionInfo: { agentVersion: '1.80.0', agentHash: 'abc', dockerVersion: 'DockerVersion: 20.10.25' },
      remainingResources: [
        { name: 'CPU', type: 'INTEGER', doubleValue: 0.0, longValue: 0, integerValue: i.freeCpu },
        { name: 'MEMORY', type: 'INTEGER', doubleValue: 0.0, longValue: 0, integerValue: i.freeMemory },
        { name: 'PORTS', type: 'STRINGSET', stringSetValue: (i.reservedPorts ?? DEFAULT_RESERVED_PORTS).map(String) },
        { name: 'PORTS_UDP', type: 'STRINGSET', stringSetValue: [] },
      ],
      status: i.status ?? 'ACTIVE',
      agentConnected: i.agentConnected ?? true,
      runningTasksCount: (i.runningTasks ?? []).reduce((n, t) => n + t.count, 0),
      pendingTasksCount: 0,
      attributes,
      registeredAt: '2024-01-15T10:22:45.123000+00:00',
      attachments: [],
      tags: [],
    };
  });
  const out: Record<string, unknown> = { containerInstances, failures: [] };
  if (Object.keys(eniSlots).length > 0) out.eniSlots = eniSlots;
  return out;
}

/** describe-tasks output for the scenario's running tasks. */
export function describeTasksJson(s: Scenario): Record<string, unknown> {
  const tasks: unknown[] = [];
  for (const i of s.instances) {
    (i.runningTasks ?? []).forEach((rt, k) => {
      for (let n = 0; n < rt.count; n++) {
        tasks.push({
          taskArn: `arn:aws:ecs:us-east-1:${ACCOUNT}:task/preview/${i.id}-${k}-${n}`,
          clusterArn: `arn:aws:ecs:us-east-1:${ACCOUNT}:cluster/preview`,
          containerInstanceArn: instanceArn(i.id),
          taskDefinitionArn: `arn:aws:ecs:us-east-1:${ACCOUNT}:task-definition/${rt.taskDefinition ?? 'other:1'}`,
          group: rt.group,
          lastStatus: 'RUNNING',
          desiredStatus: 'RUNNING',
          launchType: 'EC2',
          ...(rt.memory !== undefined ? { memory: String(rt.memory) } : {}),
          attachments: [],
          containers: [],
        });
      }
    });
  }
  return { tasks, failures: [] };
}

/** Even variants: describe-task-definition output; odd: a RegisterTaskDefinition input. */
export function taskDefinitionJson(s: Scenario, variant: number): Record<string, unknown> {
  const body = {
    family: s.taskDef.family,
    networkMode: s.taskDef.networkMode,
    containerDefinitions: s.taskDef.containers.map((c) => ({
      name: c.name,
      image: 'public.ecr.aws/docker/library/busybox:latest',
      essential: true,
      ...(c.cpu !== undefined ? { cpu: c.cpu } : {}),
      ...(c.memory !== undefined ? { memory: c.memory } : {}),
      ...(c.memoryReservation !== undefined ? { memoryReservation: c.memoryReservation } : {}),
      portMappings: (c.portMappings ?? []).map((p) => ({ protocol: 'tcp', ...p })),
    })),
    requiresCompatibilities: ['EC2'],
  };
  if (variant % 2 === 1) return body;
  return {
    taskDefinition: {
      taskDefinitionArn: `arn:aws:ecs:us-east-1:${ACCOUNT}:task-definition/${s.taskDef.family}:3`,
      revision: 3,
      status: 'ACTIVE',
      compatibilities: ['EC2'],
      requiresAttributes: [{ name: 'com.amazonaws.ecs.capability.docker-remote-api.1.17' }],
      ...body,
    },
  };
}

export interface ScenarioInputs {
  cluster: ClusterSnapshot;
  taskDefinition: TaskDefinition;
  request?: PlacementRequest;
  scaleIn?: ScaleInRequest;
}

/** Everything through JSON text and the parsers, as files would be read. */
export function scenarioInputs(s: Scenario, variant = 0): ScenarioInputs {
  const roundTrip = (v: unknown): unknown => JSON.parse(JSON.stringify(v));
  const cluster = snapshotFromJson(
    roundTrip(describeContainerInstancesJson(s)),
    `${s.id}/instances.json`,
    roundTrip(describeTasksJson(s)),
    `${s.id}/tasks.json`,
  );
  const taskDefinition = parseTaskDefinition(roundTrip(taskDefinitionJson(s, variant)), `${s.id}/taskdef.json`);
  const r = s.request;
  if (r.scaleInBy !== undefined) {
    return {
      cluster,
      taskDefinition,
      scaleIn: {
        serviceName: r.serviceName,
        group: r.group,
        scaleInBy: r.scaleInBy,
        placementStrategy: r.placementStrategy,
      },
    };
  }
  return {
    cluster,
    taskDefinition,
    request: {
      api: r.api,
      count: r.count ?? 0,
      serviceName: r.serviceName,
      group: r.group,
      placementStrategy: r.placementStrategy,
      placementConstraints: r.placementConstraints,
      subnetAzs: r.awsvpcSubnetAzs,
    },
  };
}

/**
 * An independent replay of a preview on the parsed inputs (not the engine's state): what blocks an instance now
 * (status/agent, AZ, CPU, memory, GPU, host ports, ENI slots, memberOf as the instance stands, distinctInstance),
 * and applying a placement.
 */
export class Replay {
  readonly group: string;
  private readonly live = new Map<
    string,
    {
      cpu: number;
      memory: number;
      gpu: number;
      tcp: Set<number>;
      udp: Set<number>;
      eni: number;
      running: number;
      groups: Map<string, number>;
    }
  >();
  private readonly constraints: { type: string; expression?: string }[];

  constructor(
    readonly cluster: ClusterSnapshot,
    readonly td: TaskDefinition,
    readonly request: PlacementRequest,
  ) {
    this.group = request.group ?? (request.serviceName ? `service:${request.serviceName}` : `family:${td.family}`);
    for (const i of cluster.instances) {
      this.live.set(i.containerInstanceArn, {
        cpu: i.remaining.cpu,
        memory: i.remaining.memory,
        gpu: i.remaining.gpu,
        tcp: new Set(i.remaining.tcpPorts),
        udp: new Set(i.remaining.udpPorts),
        eni: 0,
        running: i.runningTasksCount,
        groups: new Map<string, number>(),
      });
    }
    for (const t of cluster.tasks) {
      const st = this.live.get(t.containerInstanceArn);
      if (!st || !t.group || t.desiredStatus === 'STOPPED') continue;
      st.groups.set(t.group, (st.groups.get(t.group) ?? 0) + 1);
      if (t.usesEni) st.eni++;
    }
    this.constraints = [...td.placementConstraints, ...(request.placementConstraints ?? [])];
  }

  remaining(arn: string): { cpu: number; memory: number } {
    return this.live.get(arn)!;
  }

  groupCount(arn: string, group = this.group): number {
    return this.live.get(arn)!.groups.get(group) ?? 0;
  }

  /** Why the next task cannot run on the instance (empty: it can). */
  blockers(arn: string): string[] {
    const inst = this.cluster.instances.find((i) => i.containerInstanceArn === arn);
    const st = this.live.get(arn);
    if (!inst || !st) return ['unknown instance'];
    const out: string[] = [];
    const td = this.td;
    if (inst.status !== 'ACTIVE' || !inst.agentConnected) out.push('instance not ACTIVE/connected');
    const azs = this.request.subnetAzs ?? [];
    if (
      td.networkMode === 'awsvpc' &&
      azs.length > 0 &&
      !azs.includes(inst.attributes.get('ecs.availability-zone') ?? '')
    )
      out.push("outside the subnets' AZs");
    if (st.cpu < td.cpu) out.push('CPU');
    if (st.memory < td.memory) out.push('memory');
    if (st.gpu < td.gpu) out.push('GPU');
    if (td.networkMode === 'awsvpc') {
      const slots = this.cluster.eniSlots?.[inst.ec2InstanceId];
      if (slots !== undefined && st.eni + 1 > slots) out.push('no ENI slot');
    } else {
      for (const port of td.staticPorts)
        if ((port.protocol === 'tcp' ? st.tcp : st.udp).has(port.port)) out.push(`host port ${port.port}`);
    }
    const view = plainCqlInstance({
      ec2InstanceId: inst.ec2InstanceId,
      attributes: Object.fromEntries(inst.attributes),
      runningTasksCount: st.running,
      agentConnected: inst.agentConnected,
      agentVersion: inst.agentVersion,
      registeredAt: inst.registeredAt,
      taskGroups: [...st.groups.keys()].filter((g) => (st.groups.get(g) ?? 0) > 0),
    });
    for (const c of this.constraints) {
      if (c.type === 'memberOf' && !evaluateCql(parseCql(c.expression!), view)) out.push(`memberOf(${c.expression})`);
      if (c.type === 'distinctInstance' && (st.groups.get(this.group) ?? 0) > 0) out.push('distinctInstance');
    }
    return out;
  }

  apply(arn: string): void {
    const st = this.live.get(arn)!;
    st.cpu -= this.td.cpu;
    st.memory -= this.td.memory;
    st.gpu -= this.td.gpu;
    if (this.td.networkMode === 'awsvpc') st.eni++;
    else for (const p of this.td.staticPorts) (p.protocol === 'tcp' ? st.tcp : st.udp).add(p.port);
    st.running++;
    st.groups.set(this.group, (st.groups.get(this.group) ?? 0) + 1);
  }

  /** Instances that could take the next task. */
  eligible(): string[] {
    return this.cluster.instances.map((i) => i.containerInstanceArn).filter((arn) => this.blockers(arn).length === 0);
  }
}

/** Every violation in a result: a task placed where it could not run, or a task left out while an instance could take it. */
export function validityProblems(
  cluster: ClusterSnapshot,
  td: TaskDefinition,
  request: PlacementRequest,
  result: PlacementResult,
): string[] {
  const replay = new Replay(cluster, td, request);
  const problems: string[] = [];
  const events = [
    ...result.placements.map((p) => ({
      task: p.task,
      arn: p.containerInstanceArn as string | undefined,
      id: p.ec2InstanceId,
    })),
    ...result.failures.map((f) => ({ task: f.task, arn: undefined, id: '' })),
  ].sort((a, b) => a.task - b.task);
  for (const e of events) {
    if (e.arn === undefined) {
      const open = replay.eligible();
      if (open.length > 0)
        problems.push(`task ${e.task}: not placed although ${open.length} instance(s) could take it`);
      continue;
    }
    for (const b of replay.blockers(e.arn)) problems.push(`task ${e.task} on ${e.id}: ${b}`);
    replay.apply(e.arn);
  }
  return problems;
}
