// The outcome of a preview: where each task goes and why, why the others could not go anywhere, totals per AZ and
// per instance, and the notes on everything the docs leave open. toJson() is the stable machine-readable form.

export interface TaskPlacement {
  /** 0-based task number in the request. */
  task: number;
  containerInstanceArn: string;
  ec2InstanceId: string;
  availabilityZone: string | null;
  /** Why this instance: each strategy's view of it, how many were eligible, whether a tie was broken. */
  why: string;
}

export interface TaskFailure {
  task: number;
  /** RESOURCE:CPU|MEMORY|GPU|PORTS|ENI, AGENT, LOCATION, ATTRIBUTE, CONSTRAINT:<type>, or NO_INSTANCES. */
  reason: string;
  detail: string;
  /** The filter that removed the last candidates. */
  emptiedBy: string;
  /** How many instances each filter removed (first failing filter per instance). */
  eliminated: { reason: string; label: string; instances: number }[];
}

export interface AzSummary {
  availabilityZone: string;
  instances: number;
  placed: number;
  groupTasksBefore: number;
  groupTasksAfter: number;
}

export interface InstanceSummary {
  containerInstanceArn: string;
  ec2InstanceId: string;
  availabilityZone: string | null;
  placed: number;
  /** Tasks of the group on it after the preview. */
  groupTasks: number;
  remainingCpu: number;
  remainingMemory: number;
}

export interface PreviewSummary {
  api: string;
  group: string;
  taskDefinition: string;
  count: number;
  strategies: string[];
  defaultStrategy: boolean;
  constraints: string[];
  engine: 'indexed' | 'scan';
  seed: number;
}

export interface PlacementJson {
  placements: { task: number; containerInstanceArn: string; ec2InstanceId: string; availabilityZone: string | null }[];
  failures: { task: number; reason: string; detail: string }[];
  notes: string[];
}

export class PlacementResult {
  constructor(
    readonly summary: PreviewSummary,
    readonly placements: TaskPlacement[],
    readonly failures: TaskFailure[],
    /** Every AZ of the cluster, sorted by name. */
    readonly byAz: AzSummary[],
    /** Only instances that received a task, in snapshot order (a cluster may have thousands). */
    readonly byInstance: InstanceSummary[],
    readonly notes: string[],
  ) {}

  get placedCount(): number {
    return this.placements.length;
  }

  toJson(): PlacementJson {
    return {
      placements: this.placements.map((p) => ({
        task: p.task,
        containerInstanceArn: p.containerInstanceArn,
        ec2InstanceId: p.ec2InstanceId,
        availabilityZone: p.availabilityZone,
      })),
      failures: this.failures.map((f) => ({ task: f.task, reason: f.reason, detail: f.detail })),
      notes: [...this.notes],
    };
  }
}
