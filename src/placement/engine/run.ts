// previewPlacement: validate the request, build the cluster state, then for each task choose, explain and commit.
// The indexed engine is used whenever the rules allow it; the scan engine otherwise (or when asked).
import { ClusterSnapshot, PlacementRequest, TaskDefinition } from '../model';
import { NoteSink } from '../notes';
import { PlacementRegistry, StrategyRule } from '../registry';
import { AzSummary, InstanceSummary, PlacementResult, TaskFailure, TaskPlacement } from '../result';
import { ClusterState, EmptyExplanation } from '../state/cluster-state';
import { compileRequest, CompiledRequest } from '../validate';
import { createPlacementRegistry } from '../builtins';
import { canIndex, IndexedSelector } from './indexed';
import { ScanSelector } from './scan';
import { CandidateSelector, Choice } from './selector';

export interface PreviewOptions {
  /** Seed of every random choice and tie-break; the same seed gives the same preview. Default 1. */
  seed?: number;
  /** Strategies and constraints by name; default: the built-ins. */
  registry?: PlacementRegistry;
  /** `auto` (default) picks the indexed engine when the rules allow it. */
  engine?: 'auto' | 'indexed' | 'scan';
  /** Task ENI slots by EC2 instance id, container instance ARN or instance type. */
  eniSlots?: Record<string, number>;
}

export const DEFAULT_SEED = 1;

export function previewPlacement(
  cluster: ClusterSnapshot,
  taskDefinition: TaskDefinition,
  request: PlacementRequest,
  options: PreviewOptions = {},
): PlacementResult {
  const seed = options.seed ?? DEFAULT_SEED;
  const notes = new NoteSink();
  const compiled = compileRequest(taskDefinition, request, options.registry ?? createPlacementRegistry(), notes);
  const state = new ClusterState(cluster, taskDefinition, compiled, { seed, notes, eniSlots: options.eniSlots });
  const rules = compiled.strategies.map((s) => s.rule);
  const selector = chooseEngine(state, compiled, rules, options.engine ?? 'auto', notes);

  const placements: TaskPlacement[] = [];
  const failures: TaskFailure[] = [];
  let ties = 0;
  let empty: EmptyExplanation | undefined;
  for (let task = 0; task < compiled.count; task++) {
    const choice = selector.select();
    if (!choice) {
      // Every task of a request is the same, so the explanation holds until something is committed.
      empty ??= state.explainEmpty();
      failures.push({ task, ...empty });
      continue;
    }
    if (choice.tie) ties++;
    const inst = choice.inst;
    placements.push({
      task,
      containerInstanceArn: inst.containerInstanceArn,
      ec2InstanceId: inst.ec2InstanceId,
      availabilityZone: inst.availabilityZone ?? null,
      why: explainChoice(choice, rules, compiled.group, seed),
    });
    state.commit(inst);
    selector.committed(inst);
    empty = undefined;
  }

  if (ties > 0) {
    notes.add(
      `${ties} placement(s) had several equally good instances; the preview chose by a seeded order (seed ${seed}). ECS breaks such ties arbitrarily, so those choices may differ.`,
    );
  }
  if (failures.length > 0) {
    notes.add(
      'ECS does not document how per-instance reasons are summed up in RunTask failures or service events; each failure here names the last filter that emptied the candidates.',
    );
  }
  return new PlacementResult(
    {
      api: compiled.api,
      group: compiled.group,
      taskDefinition:
        taskDefinition.revision === undefined
          ? taskDefinition.family
          : `${taskDefinition.family}:${taskDefinition.revision}`,
      count: compiled.count,
      strategies: compiled.strategies.map((s) => s.rule.label),
      defaultStrategy: compiled.defaultStrategy,
      constraints: compiled.constraints.map((c) => c.rule.label),
      engine: selector.name,
      seed,
    },
    placements,
    failures,
    summarizeAzs(state),
    summarizeInstances(state),
    notes.list(),
  );
}

function chooseEngine(
  state: ClusterState,
  compiled: CompiledRequest,
  rules: StrategyRule[],
  wanted: 'auto' | 'indexed' | 'scan',
  notes: NoteSink,
): CandidateSelector {
  const indexable = canIndex(
    rules,
    compiled.constraints.map((c) => c.rule),
  );
  if (wanted === 'indexed' && !indexable) {
    notes.add(
      'The indexed engine cannot order these strategies (a plugin rule or spread-by-value after another kind); the scan engine was used.',
    );
  }
  return indexable && wanted !== 'scan' ? new IndexedSelector(state, rules) : new ScanSelector(state, rules);
}

export function explainChoice(choice: Choice, rules: StrategyRule[], group: string, seed: number): string {
  const parts: string[] = [];
  let s = 0;
  for (const rule of rules) {
    if (rule.kind === 'spread-value') {
      const count = choice.spreadCounts[s++];
      parts.push(`${rule.label}: ${rule.value(choice.inst) ?? '(none)'} had ${count} task(s) of ${group}`);
    } else if (rule.kind === 'instance-score') parts.push(`${rule.label}: ${rule.describe(choice.inst)}`);
    else parts.push(rule.describe ? `${rule.label}: ${rule.describe(choice.inst)}` : rule.label);
  }
  parts.push(`${choice.eligible} eligible`);
  if (choice.tie) parts.push(`tie broken by seed ${seed}`);
  return parts.join('; ');
}

function summarizeAzs(state: ClusterState): AzSummary[] {
  const byAz = new Map<string, AzSummary>();
  for (const inst of state.instances) {
    const az = inst.availabilityZone ?? '(unknown)';
    let s = byAz.get(az);
    if (!s)
      byAz.set(az, (s = { availabilityZone: az, instances: 0, placed: 0, groupTasksBefore: 0, groupTasksAfter: 0 }));
    s.instances++;
    s.placed += inst.placed;
    s.groupTasksBefore += state.groupTasksBefore[inst.index];
    s.groupTasksAfter += inst.groupTaskCount;
  }
  return [...byAz.values()].sort((a, b) => (a.availabilityZone < b.availabilityZone ? -1 : 1));
}

function summarizeInstances(state: ClusterState): InstanceSummary[] {
  return state.instances
    .filter((i) => i.placed > 0)
    .map((i) => ({
      containerInstanceArn: i.containerInstanceArn,
      ec2InstanceId: i.ec2InstanceId,
      availabilityZone: i.availabilityZone ?? null,
      placed: i.placed,
      groupTasks: i.groupTaskCount,
      remainingCpu: i.cpu,
      remainingMemory: i.memory,
    }));
}
