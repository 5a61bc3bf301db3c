// Scale-in preview: which tasks a service would stop. Each strategy, in order, keeps the instances it would stop
// from first: binpack the instance left with the most of its resource once the task is gone, spread the value
// (AZ, instance) with the most tasks of the service, random any; ties go by the seeded order.
import { ClusterSnapshot, RunningTask, ScaleInRequest, TaskDefinition } from './model';
import { NoteSink } from './notes';
import { createPlacementRegistry } from './builtins';
import { PlacementRegistry } from './registry';
import { SeededRandom } from './rng';
import { InstanceState } from './state/instance-state';
import { compileScaleIn } from './validate';
import { MISSING_VALUE } from './engine/scan';

export interface TaskStop {
  /** 0-based order of the stop. */
  order: number;
  taskArn: string;
  containerInstanceArn: string;
  ec2InstanceId: string;
  availabilityZone: string | null;
  why: string;
}

export interface ScaleInJson {
  stops: {
    order: number;
    taskArn: string;
    containerInstanceArn: string;
    ec2InstanceId: string;
    availabilityZone: string | null;
  }[];
  notes: string[];
}

export class ScaleInResult {
  constructor(
    readonly group: string,
    readonly strategies: string[],
    readonly stops: TaskStop[],
    readonly notes: string[],
  ) {}

  /** Stops per EC2 instance id. */
  stoppedFrom(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const s of this.stops) out[s.ec2InstanceId] = (out[s.ec2InstanceId] ?? 0) + 1;
    return out;
  }

  toJson(): ScaleInJson {
    return {
      stops: this.stops.map((s) => ({
        order: s.order,
        taskArn: s.taskArn,
        containerInstanceArn: s.containerInstanceArn,
        ec2InstanceId: s.ec2InstanceId,
        availabilityZone: s.availabilityZone,
      })),
      notes: [...this.notes],
    };
  }
}

export function previewScaleIn(
  cluster: ClusterSnapshot,
  td: TaskDefinition,
  request: ScaleInRequest,
  options: { seed?: number; registry?: PlacementRegistry } = {},
): ScaleInResult {
  const seed = options.seed ?? 1;
  const notes = new NoteSink();
  const compiled = compileScaleIn(td, request, options.registry ?? createPlacementRegistry(), notes);
  const group = compiled.group;
  const instances = cluster.instances.map((c, i) => new InstanceState(i, c));
  const byArn = new Map(instances.map((i) => [i.containerInstanceArn, i]));
  const tasksOn = new Map<InstanceState, RunningTask[]>();
  for (const t of cluster.tasks) {
    const inst = byArn.get(t.containerInstanceArn);
    if (!inst || t.desiredStatus === 'STOPPED' || t.lastStatus === 'STOPPED' || t.group === undefined) continue;
    inst.addGroupTask(t.group);
    if (t.group !== group) continue;
    inst.groupTaskCount++;
    const list = tasksOn.get(inst) ?? [];
    list.push(t);
    tasksOn.set(inst, list);
  }
  for (const list of tasksOn.values())
    list.sort((a, b) => (a.taskArn < b.taskArn ? -1 : a.taskArn > b.taskArn ? 1 : 0));
  const rng = new SeededRandom(seed);
  const rank = rng.ranks(instances.length);
  for (const inst of instances) {
    inst.rank = rank[inst.index];
    inst.randomKey = rng.exponential();
  }
  const resourcesOf = (t: RunningTask): { cpu: number; memory: number } => {
    for (const [field, v] of [
      ['cpu', t.cpu],
      ['memory', t.memory],
    ] as const) {
      if (v === undefined) {
        notes.add(
          `scale-in-${field}`,
          `DescribeTasks gave no task-level ${field} for some tasks: the task definition's ${field} is used for them.`,
        );
      }
    }
    return { cpu: t.cpu ?? td.cpu, memory: t.memory ?? td.memory };
  };

  if (compiled.defaultStrategy) {
    notes.add(
      'No placement strategy given: the service default stops tasks in the AZ, then on the instance, with the most of its tasks.',
    );
  }
  const stops: TaskStop[] = [];
  let ties = 0;
  for (let order = 0; order < compiled.scaleInBy; order++) {
    let cands = instances.filter((i) => (tasksOn.get(i)?.length ?? 0) > 0);
    if (cands.length === 0) {
      notes.add(
        `Only ${order} task(s) of ${group} run in the snapshot; the other ${compiled.scaleInBy - order} stop(s) have nothing to stop.`,
      );
      break;
    }
    const why: string[] = [];
    for (const { rule } of compiled.strategies) {
      if (rule.kind === 'spread-value') {
        const counts = new Map<string, number>();
        for (const i of instances) {
          const v = rule.value(i) ?? MISSING_VALUE;
          counts.set(v, (counts.get(v) ?? 0) + i.groupTaskCount);
        }
        let most = -Infinity;
        for (const c of cands) most = Math.max(most, counts.get(rule.value(c) ?? MISSING_VALUE)!);
        cands = cands.filter((c) => counts.get(rule.value(c) ?? MISSING_VALUE) === most);
        why.push(`${rule.label}: ${rule.value(cands[0]) ?? '(none)'} had ${most} task(s) of ${group}, the most`);
      } else if (rule.kind === 'instance-score') {
        const score = (i: InstanceState): number => {
          const stopped = resourcesOf(tasksOn.get(i)![0]);
          return rule.scaleInScore ? rule.scaleInScore(i, stopped) : -rule.score(i);
        };
        let best = Infinity;
        for (const c of cands) best = Math.min(best, score(c));
        cands = cands.filter((c) => score(c) === best);
      } else {
        notes.add(
          `scale-in:${rule.label}`,
          `${rule.label} has no defined scale-in order; it is ignored when choosing tasks to stop.`,
        );
      }
    }
    let inst = cands[0];
    for (const c of cands) if (c.rank < inst.rank) inst = c;
    if (cands.length > 1) ties++;
    const task = tasksOn.get(inst)!.shift()!;
    const freed = resourcesOf(task);
    inst.cpu += freed.cpu;
    inst.memory += freed.memory;
    inst.groupTaskCount--;
    inst.runningTasksCount--;
    inst.addGroupTask(group, -1);
    inst.randomKey += rng.exponential();
    for (const { rule } of compiled.strategies) {
      if (rule.kind === 'instance-score') why.push(`${rule.label}: ${rule.describe(inst)} after the stop`);
    }
    if (cands.length > 1) why.push(`tie broken by seed ${seed}`);
    stops.push({
      order,
      taskArn: task.taskArn,
      containerInstanceArn: inst.containerInstanceArn,
      ec2InstanceId: inst.ec2InstanceId,
      availabilityZone: inst.availabilityZone ?? null,
      why: why.join('; '),
    });
  }
  if (ties > 0) {
    notes.add(
      `${ties} stop(s) had several equally good instances; the seeded order (seed ${seed}) chose. ECS picks among them at random.`,
    );
  }
  if (!cluster.tasksKnown) notes.add('No DescribeTasks output given: there are no known tasks to stop.');
  return new ScaleInResult(
    group,
    compiled.strategies.map((s) => s.rule.label),
    stops,
    notes.list(),
  );
}
