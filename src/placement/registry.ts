// The one small interface placement strategies and constraints are registered behind, by type name. Built-ins
// (binpack, spread, random, memberOf, distinctInstance) and plugins use it alike; the engine only sees the rules
// a definition compiles, and picks its fast path from their kind.
import { CqlInstance } from './cql';
import { PlacementApi } from './model';
import { NoteSink } from './notes';

/** What a rule may read about one container instance, as it stands at this point of the preview. */
export interface PlacementInstance extends CqlInstance {
  readonly containerInstanceArn: string;
  readonly availabilityZone: string | undefined;
  readonly instanceType: string | undefined;
  readonly remainingCpu: number;
  readonly remainingMemory: number;
  readonly remainingGpu: number;
  /** Tasks of the request's task group on this instance: running ones plus those this preview placed. */
  readonly groupTaskCount: number;
  /** Tasks of any group on this instance. */
  taskGroupCount(group: string): number;
  /** A seeded random key, redrawn (made larger) whenever the instance receives a task; `random` picks the smallest. */
  readonly randomKey: number;
}

export interface RuleContext {
  /** The task group being placed (`service:web`, `family:web`, ...). */
  group: string;
  api: PlacementApi;
  /** Where the entry was written. */
  origin: 'request' | 'taskDefinition';
  notes: NoteSink;
}

/** What a strategy or constraint sees besides the instance: notes, and (for cluster-wide rules) every instance. */
export interface RuleView {
  notes: NoteSink;
  instances: readonly PlacementInstance[];
}

/**
 * A strategy narrows the candidates to its best subset. Say which shape it has, so the engine can index it:
 * - `instance-score`: lower wins; the score depends only on that instance (binpack, spread by instance, random);
 * - `spread-value`: instances grouped by a fixed value; the value with the fewest tasks of the group wins;
 * - `narrow`: anything else (the engine then scans every instance for every task).
 */
export type StrategyRule = InstanceScoreRule | SpreadValueRule | NarrowRule;

export interface InstanceScoreRule {
  kind: 'instance-score';
  label: string;
  score(inst: PlacementInstance): number;
  /** Scale-in: lower stops first. Default: the negated placement score (the least preferred instance stops first). */
  scaleInScore?(inst: PlacementInstance, stopped: { cpu: number; memory: number }): number;
  /** Why this instance, in a few words (`1536 MiB left`). */
  describe(inst: PlacementInstance): string;
}

export interface SpreadValueRule {
  kind: 'spread-value';
  label: string;
  /** The value the instance is counted under; fixed for the instance. Undefined when it lacks one. */
  value(inst: PlacementInstance): string | undefined;
  /** What the value is, for notes and explanations (`attribute ecs.availability-zone`). */
  valueName: string;
}

export interface NarrowRule {
  kind: 'narrow';
  label: string;
  narrow(candidates: readonly PlacementInstance[], view: RuleView): PlacementInstance[];
  describe?(inst: PlacementInstance): string;
}

export interface ConstraintRule {
  label: string;
  /** Failure category when this constraint empties the candidates, e.g. `CONSTRAINT:memberOf`. */
  reason: string;
  /** False: the answer never changes during a preview, so it is evaluated once per instance. */
  dependsOnTaskState: boolean;
  /** `instance` (default): the answer depends only on this instance. `cluster`: on others too (scan engine). */
  scope?: 'instance' | 'cluster';
  accepts(inst: PlacementInstance, view: RuleView): boolean;
}

export interface StrategyDefinition {
  kind: 'strategy';
  type: string;
  /** Throw an Error whose message says what is wrong with the field. */
  compile(field: string | undefined, ctx: RuleContext): StrategyRule;
}

export interface ConstraintDefinition {
  kind: 'constraint';
  type: string;
  /** Task definitions may only carry constraints that allow it (ECS: memberOf only). */
  allowedInTaskDefinition?: boolean;
  /** Throw an Error whose message says what is wrong with the expression. */
  compile(expression: string | undefined, ctx: RuleContext): ConstraintRule;
}

export type PlacementRuleDefinition = StrategyDefinition | ConstraintDefinition;

interface Entry<T> {
  def: T;
  /** The plugin file that registered it; undefined for a built-in. */
  origin?: string;
}

export class PlacementRegistry {
  private readonly strategies = new Map<string, Entry<StrategyDefinition>>();
  private readonly constraints = new Map<string, Entry<ConstraintDefinition>>();

  register(def: PlacementRuleDefinition, options: { replace?: boolean; origin?: string } = {}): this {
    if (
      !def ||
      (def.kind !== 'strategy' && def.kind !== 'constraint') ||
      typeof def.type !== 'string' ||
      def.type === ''
    ) {
      throw new Error("a placement rule definition needs kind 'strategy' or 'constraint', a type name and compile()");
    }
    if (typeof def.compile !== 'function')
      throw new Error(`placement ${def.kind} '${def.type}' has no compile function`);
    const map = (def.kind === 'strategy' ? this.strategies : this.constraints) as Map<
      string,
      Entry<PlacementRuleDefinition>
    >;
    if (map.has(def.type) && !options.replace) {
      throw new Error(
        `placement ${def.kind} '${def.type}' is already registered; pass { replace: true } to override it`,
      );
    }
    map.set(def.type, { def, origin: options.origin });
    return this;
  }

  strategy(type: string): StrategyDefinition | undefined {
    return this.strategies.get(type)?.def;
  }

  constraint(type: string): ConstraintDefinition | undefined {
    return this.constraints.get(type)?.def;
  }

  /** The plugin file a type came from, or undefined for a built-in (or an unknown type). */
  originOf(kind: 'strategy' | 'constraint', type: string): string | undefined {
    return (kind === 'strategy' ? this.strategies : this.constraints).get(type)?.origin;
  }

  types(kind: 'strategy' | 'constraint'): string[] {
    return [...(kind === 'strategy' ? this.strategies : this.constraints).keys()];
  }

  clone(): PlacementRegistry {
    const copy = new PlacementRegistry();
    for (const [k, v] of this.strategies) copy.strategies.set(k, v);
    for (const [k, v] of this.constraints) copy.constraints.set(k, v);
    return copy;
  }
}
