// The cluster as a preview changes it: instances with what is left, task-group counts, ENI slots, and the filters
// with their once-per-instance answers cached. Shared by the indexed engine and the scan engine, so the two differ
// only in how they choose among candidates.
import { eniSlotsFor } from '../eni-limits';
import { ClusterSnapshot, SUBNET_ATTRIBUTE, TaskDefinition, TRUNK_ATTRIBUTE } from '../model';
import { NoteSink } from '../notes';
import { RuleView } from '../registry';
import { SeededRandom } from '../rng';
import { CompiledRequest } from '../validate';
import { buildFilters, PlacementFilter } from './filters';
import { InstanceState } from './instance-state';

export const MAX_INSTANCES_PER_CLUSTER = 5000;

export interface ClusterStateOptions {
  seed: number;
  notes: NoteSink;
  /** Task ENI slots by instance id, ARN or type; merged over the snapshot's own overrides. */
  eniSlots?: Record<string, number>;
}

/** Why the candidate set is empty: the last filter that removed an instance, and how many each removed. */
export interface EmptyExplanation {
  reason: string;
  emptiedBy: string;
  detail: string;
  eliminated: { reason: string; label: string; instances: number }[];
}

export class ClusterState {
  readonly instances: InstanceState[];
  readonly filters: PlacementFilter[];
  readonly view: RuleView;
  readonly notes: NoteSink;
  /** Tasks of the group on each instance before the preview. */
  readonly groupTasksBefore: Int32Array;
  private readonly staticPass: (Uint8Array | undefined)[];
  private readonly staticOk: Uint8Array;
  private readonly dynamic: PlacementFilter[];
  private readonly rng: SeededRandom;

  constructor(
    snapshot: ClusterSnapshot,
    private readonly td: TaskDefinition,
    private readonly request: CompiledRequest,
    options: ClusterStateOptions,
  ) {
    this.notes = options.notes;
    this.instances = distinctInstances(snapshot, this.notes).map((c, i) => new InstanceState(i, c));
    if (this.instances.length > MAX_INSTANCES_PER_CLUSTER) {
      this.notes.add(
        `A cluster holds at most ${MAX_INSTANCES_PER_CLUSTER} container instances (quota); this snapshot has ${this.instances.length}.`,
      );
    }
    this.view = { notes: this.notes, instances: this.instances };
    const eniUsed = this.countTasks(snapshot);
    this.groupTasksBefore = Int32Array.from(this.instances, (i) => i.groupTaskCount);
    if (td.networkMode === 'awsvpc') this.assignEniSlots(eniUsed, { ...snapshot.eniSlots, ...options.eniSlots });

    this.rng = new SeededRandom(options.seed);
    const rank = this.rng.ranks(this.instances.length);
    for (const inst of this.instances) inst.rank = rank[inst.index];
    for (const inst of this.instances) inst.randomKey = this.rng.exponential();

    this.filters = buildFilters(td, request.constraints, this.subnetAzs(), this.view);
    this.dynamic = this.filters.filter((f) => !f.isStatic);
    // Static answers are computed for every instance, even one an earlier filter already rejects, so that the
    // notes an expression raises do not depend on the engine.
    this.staticOk = new Uint8Array(this.instances.length).fill(1);
    this.staticPass = this.filters.map((f) => {
      if (!f.isStatic) return undefined;
      const pass = new Uint8Array(this.instances.length);
      for (const inst of this.instances) {
        pass[inst.index] = f.test(inst) ? 1 : 0;
        if (!pass[inst.index]) this.staticOk[inst.index] = 0;
      }
      return pass;
    });
    for (const f of this.dynamic) for (const inst of this.instances) f.test(inst); // same for dynamic constraints' notes
    this.noteSpreadGaps();
  }

  /** Can the next task go on this instance? */
  feasible(inst: InstanceState): boolean {
    if (!this.staticOk[inst.index]) return false;
    const d = this.dynamic;
    for (let k = 0; k < d.length; k++) if (!d[k].test(inst)) return false;
    return true;
  }

  /** Index in `filters` of the first filter that rejects the instance, or -1. */
  firstFailing(inst: InstanceState): number {
    for (let k = 0; k < this.filters.length; k++) {
      const pass = this.staticPass[k];
      if (pass ? !pass[inst.index] : !this.filters[k].test(inst)) return k;
    }
    return -1;
  }

  /** Step 4: the task runs here now. */
  commit(inst: InstanceState): void {
    const td = this.td;
    inst.cpu -= td.cpu;
    inst.memory -= td.memory;
    inst.gpu -= td.gpu;
    if (td.networkMode === 'awsvpc') inst.eniFree -= 1;
    else inst.reservePorts(td.staticPorts);
    inst.groupTaskCount += 1;
    inst.runningTasksCount += 1;
    inst.addGroupTask(this.request.group);
    inst.placed += 1;
    inst.randomKey += this.rng.exponential();
  }

  explainEmpty(): EmptyExplanation {
    if (this.instances.length === 0) {
      return {
        reason: 'NO_INSTANCES',
        emptiedBy: 'cluster',
        detail: 'the cluster has no container instances',
        eliminated: [],
      };
    }
    const byFilter: InstanceState[][] = this.filters.map(() => []);
    let last = -1;
    for (const inst of this.instances) {
      const k = this.firstFailing(inst);
      if (k < 0) continue; // cannot happen when the engine found nothing; keep the explanation honest anyway
      byFilter[k].push(inst);
      last = Math.max(last, k);
    }
    const eliminated = this.filters
      .map((f, k) => ({ reason: f.reason, label: f.label, instances: byFilter[k].length }))
      .filter((e) => e.instances > 0);
    const f = this.filters[last];
    const parts = this.filters
      .map((g, k) => (byFilter[k].length > 0 ? `${byFilter[k].length} ${g.explain(byFilter[k])}` : ''))
      .filter(Boolean);
    return {
      reason: f.reason,
      emptiedBy: f.label,
      detail: `no instance left after the ${f.label} filter: of ${this.instances.length} instance(s), ${parts.join('; ')}`,
      eliminated,
    };
  }

  /** Group counts, task groups and ENI use from DescribeTasks; returns ENIs in use per instance. */
  private countTasks(snapshot: ClusterSnapshot): Int32Array {
    const byArn = new Map(this.instances.map((i) => [i.containerInstanceArn, i]));
    const eniUsed = new Int32Array(this.instances.length);
    let elsewhere = 0;
    for (const t of snapshot.tasks) {
      const inst = byArn.get(t.containerInstanceArn);
      if (!inst) {
        elsewhere++;
        continue;
      }
      // A task being stopped no longer counts for its group; it holds its ENI until it has stopped.
      const active = t.desiredStatus !== 'STOPPED' && t.lastStatus !== 'STOPPED';
      if (active && t.group !== undefined) {
        inst.addGroupTask(t.group);
        if (t.group === this.request.group) inst.groupTaskCount++;
      }
      if (t.usesEni && t.lastStatus !== 'STOPPED') eniUsed[inst.index]++;
    }
    if (elsewhere > 0)
      this.notes.add(
        `${elsewhere} task(s) run on container instances missing from the snapshot; they are not counted.`,
      );
    if (!snapshot.tasksKnown) {
      this.notes.add(
        'No DescribeTasks output given: spread counts, distinctInstance and task:group see only the tasks this preview places.',
      );
    }
    return eniUsed;
  }

  private assignEniSlots(eniUsed: Int32Array, overrides: Record<string, number>): void {
    const unknown = new Set<string>();
    for (const inst of this.instances) {
      const trunking = inst.attribute(TRUNK_ATTRIBUTE) !== undefined;
      const s = eniSlotsFor(inst, trunking, overrides);
      if (s.source === 'unknown') unknown.add(inst.instanceType ?? '(no ecs.instance-type)');
      if (s.source.includes('trunk limit unknown')) {
        this.notes.add(
          `eni-trunk:${inst.instanceType}`,
          `${inst.instanceType}: ENI trunking is on but its trunk limit is not in the table; the limit without trunking is used. Set an eniSlots override.`,
        );
      }
      inst.eniFree = s.slots - eniUsed[inst.index];
    }
    if (unknown.size > 0) {
      this.notes.add(
        `ENI slots of instance type(s) ${[...unknown].sort().join(', ')} are not in the table: assumed unlimited. Set an eniSlots override (per instance id or type).`,
      );
    }
  }

  /** awsvpc: the subnets' AZs, from the request and from the instances' ecs.subnet-id attributes. */
  private subnetAzs(): Set<string> | undefined {
    const req = this.request;
    if (this.td.networkMode !== 'awsvpc') {
      if (req.subnets.length + req.subnetAzs.length > 0)
        this.notes.add('Subnets are ignored: the task does not use awsvpc network mode.');
      return undefined;
    }
    const azs = new Set(req.subnetAzs);
    const subnetAz = new Map<string, string>();
    for (const i of this.instances) {
      const s = i.attribute(SUBNET_ATTRIBUTE);
      if (s !== undefined && i.availabilityZone !== undefined) subnetAz.set(s, i.availabilityZone);
    }
    const unresolved = req.subnets.filter((s) => {
      const az = subnetAz.get(s);
      if (az) azs.add(az);
      return !az;
    });
    if (unresolved.length > 0) {
      this.notes.add(
        `The AZ of subnet(s) ${unresolved.join(', ')} is unknown (no instance runs in them): give their AZs (subnetAzs).`,
      );
    }
    if (azs.size === 0) {
      this.notes.add(
        'No subnets given for an awsvpc task: the AZ filter is skipped (RunTask and services require subnets).',
      );
      return undefined;
    }
    return azs;
  }

  private noteSpreadGaps(): void {
    for (const s of this.request.strategies) {
      const rule = s.rule;
      if (rule.kind !== 'spread-value') continue;
      const lacking = this.instances.filter((i) => this.staticOk[i.index] && rule.value(i) === undefined).length;
      if (lacking > 0) {
        this.notes.add(
          `${lacking} candidate instance(s) lack ${rule.valueName}: ${rule.label} counts them as one more value of their own (the docs do not say).`,
        );
      }
    }
  }
}

function distinctInstances(snapshot: ClusterSnapshot, notes: NoteSink): ClusterSnapshot['instances'] {
  const seen = new Set<string>();
  return snapshot.instances.filter((c) => {
    if (seen.has(c.containerInstanceArn)) {
      notes.add(
        `dup:${c.containerInstanceArn}`,
        `Container instance ${c.containerInstanceArn} is listed twice; the first entry is used.`,
      );
      return false;
    }
    seen.add(c.containerInstanceArn);
    return true;
  });
}
