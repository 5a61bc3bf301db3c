// Validation of a placement request before anything is placed, as ECS would reject it: at most 5 strategies and
// 10 constraints (task definition ones included), fields and expressions checked by each rule's compile(),
// distinctInstance never in a task definition. Every problem is reported at once.
import { MycopilotError } from '../errors';
import { CqlSyntaxError } from './cql';
import {
  PlacementApi,
  PlacementConstraintSpec,
  PlacementRequest,
  PlacementStrategySpec,
  ScaleInRequest,
  TaskDefinition,
} from './model';
import { NoteSink } from './notes';
import { ConstraintRule, PlacementRegistry, RuleContext, StrategyRule } from './registry';

export const MAX_STRATEGIES = 5;
export const MAX_CONSTRAINTS = 10;
export const RUN_TASK_MAX_COUNT = 10;
export const MAX_TASKS_PER_SERVICE = 5000;

export interface CompiledStrategy {
  spec: PlacementStrategySpec;
  rule: StrategyRule;
}

export interface CompiledConstraint {
  spec: PlacementConstraintSpec;
  rule: ConstraintRule;
  origin: 'request' | 'taskDefinition';
}

export interface CompiledRequest {
  api: PlacementApi;
  group: string;
  count: number;
  strategies: CompiledStrategy[];
  /** True when the request gave no strategy and the API's default applies. */
  defaultStrategy: boolean;
  constraints: CompiledConstraint[];
  subnets: string[];
  subnetAzs: string[];
}

/** A request ECS would reject; `problems` lists every reason, each prefixed with where it is. */
export class PlacementRequestError extends MycopilotError {
  readonly problems: string[];

  constructor(problems: string[], syntax?: CqlSyntaxError) {
    const message =
      problems.length === 1
        ? `invalid placement request: ${problems[0]}`
        : `invalid placement request:\n  - ${problems.join('\n  - ')}`;
    super('PLACEMENT', message, {
      hint: syntax?.hint ?? 'Fix the request; ECS would reject it before placing anything.',
      cause: syntax,
    });
    this.name = 'PlacementRequestError';
    this.problems = problems;
  }
}

const SERVICE_DEFAULT: PlacementStrategySpec[] = [
  { type: 'spread', field: 'attribute:ecs.availability-zone' },
  { type: 'spread', field: 'instanceId' },
];
const RUN_TASK_DEFAULT: PlacementStrategySpec[] = [{ type: 'random' }];

export function taskGroupOf(
  td: TaskDefinition,
  req: { api?: PlacementApi; serviceName?: string; group?: string },
): string | undefined {
  if (req.group) return req.group;
  if (req.serviceName) return `service:${req.serviceName}`;
  return req.api === 'RunTask' ? `family:${td.family}` : undefined;
}

export function compileRequest(
  td: TaskDefinition,
  request: PlacementRequest,
  registry: PlacementRegistry,
  notes: NoteSink,
): CompiledRequest {
  const problems: string[] = [];
  let syntax: CqlSyntaxError | undefined;
  const fail = (path: string, e: unknown): void => {
    rethrowBugs(e);
    if (e instanceof CqlSyntaxError) syntax ??= e;
    problems.push(`${path}: ${e instanceof Error ? e.message : String(e)}`);
  };

  checkLaunchType(td, problems);
  if (!Number.isInteger(request.count) || request.count < 0)
    problems.push(`count: must be a whole number ≥ 0, got ${request.count}`);
  const group = taskGroupOf(td, request);
  if (!group) problems.push(`${request.api} needs serviceName (the task group is service:<name>)`);
  const ctx = (origin: RuleContext['origin']): RuleContext => ({ group: group ?? '', api: request.api, origin, notes });

  const given = request.placementStrategy ?? [];
  const defaultStrategy = given.length === 0;
  const specs = defaultStrategy ? (request.api === 'RunTask' ? RUN_TASK_DEFAULT : SERVICE_DEFAULT) : given;
  if (given.length > MAX_STRATEGIES)
    problems.push(`placementStrategy: max ${MAX_STRATEGIES} placement strategies, got ${given.length}`);
  const strategies = compileStrategies(specs, registry, ctx('request'), notes, fail);

  const constraints: CompiledConstraint[] = [];
  const fromRequest = request.placementConstraints ?? [];
  const fromTaskDef = td.placementConstraints;
  if (fromRequest.length + fromTaskDef.length > MAX_CONSTRAINTS) {
    problems.push(
      `placementConstraints: max ${MAX_CONSTRAINTS} constraints per task, got ${fromRequest.length} in the request + ${fromTaskDef.length} in the task definition`,
    );
  }
  const addConstraints = (list: PlacementConstraintSpec[], origin: RuleContext['origin'], path: string): void => {
    list.forEach((spec, i) => {
      const at = `${path}[${i}]`;
      const def = registry.constraint(spec.type);
      if (!def)
        return void problems.push(
          `${at}: unknown constraint type '${spec.type}' (known: ${registry.types('constraint').join(', ')})`,
        );
      if (origin === 'taskDefinition' && !def.allowedInTaskDefinition) {
        return void problems.push(
          `${at}: ${spec.type} is not allowed in a task definition (only memberOf is); put it in the request`,
        );
      }
      const plugin = registry.originOf('constraint', spec.type);
      if (plugin)
        notes.add(
          `plugin:constraint:${spec.type}`,
          `Constraint '${spec.type}' comes from the plugin ${plugin}; ECS itself does not know it.`,
        );
      try {
        constraints.push({ spec, rule: def.compile(spec.expression, ctx(origin)), origin });
      } catch (e) {
        fail(at, e);
      }
    });
  };
  addConstraints(fromTaskDef, 'taskDefinition', 'taskDefinition.placementConstraints');
  addConstraints(fromRequest, 'request', 'placementConstraints');

  if (problems.length > 0) throw new PlacementRequestError(problems, syntax);

  if (defaultStrategy) {
    notes.add(
      request.api === 'RunTask'
        ? 'No placement strategy given: RunTask places randomly (its default per an AWS blog post; the API reference does not state it). Random choices come from the seed.'
        : 'No placement strategy given: a service spreads over ecs.availability-zone, then over instances (the documented default).',
    );
  }
  if (request.api === 'RunTask' && request.count > RUN_TASK_MAX_COUNT) {
    const calls = Math.ceil(request.count / RUN_TASK_MAX_COUNT);
    notes.add(
      `RunTask places at most ${RUN_TASK_MAX_COUNT} tasks per call: ${request.count} tasks take ${calls} calls; the preview runs them one after another, each seeing the tasks of the calls before.`,
    );
  }
  if (request.api !== 'RunTask' && request.count > MAX_TASKS_PER_SERVICE) {
    notes.add(
      `A service runs at most ${MAX_TASKS_PER_SERVICE} tasks by default (service quota); ${request.count} needs a quota increase.`,
    );
  }
  for (const n of td.notes) notes.add(n);
  return {
    api: request.api,
    group: group!,
    count: request.count,
    strategies,
    defaultStrategy,
    constraints,
    subnets: request.subnets ?? [],
    subnetAzs: request.subnetAzs ?? [],
  };
}

export interface CompiledScaleIn {
  group: string;
  scaleInBy: number;
  strategies: CompiledStrategy[];
  defaultStrategy: boolean;
}

export function compileScaleIn(
  td: TaskDefinition,
  request: ScaleInRequest,
  registry: PlacementRegistry,
  notes: NoteSink,
): CompiledScaleIn {
  const problems: string[] = [];
  const group = taskGroupOf(td, { api: 'UpdateService', ...request });
  if (!group) problems.push('scale-in needs serviceName or group (the task group is service:<name>)');
  if (!Number.isInteger(request.scaleInBy) || request.scaleInBy < 0)
    problems.push(`scaleInBy: must be a whole number ≥ 0, got ${request.scaleInBy}`);
  const given = request.placementStrategy ?? [];
  if (given.length > MAX_STRATEGIES)
    problems.push(`placementStrategy: max ${MAX_STRATEGIES} placement strategies, got ${given.length}`);
  const defaultStrategy = given.length === 0;
  const ctx: RuleContext = { group: group ?? '', api: 'UpdateService', origin: 'request', notes };
  const strategies = compileStrategies(defaultStrategy ? SERVICE_DEFAULT : given, registry, ctx, notes, (path, e) => {
    rethrowBugs(e);
    problems.push(`${path}: ${e instanceof Error ? e.message : String(e)}`);
  });
  if (problems.length > 0) throw new PlacementRequestError(problems);
  return { group: group!, scaleInBy: request.scaleInBy, strategies, defaultStrategy };
}

function compileStrategies(
  specs: PlacementStrategySpec[],
  registry: PlacementRegistry,
  ctx: RuleContext,
  notes: NoteSink,
  fail: (path: string, e: unknown) => void,
): CompiledStrategy[] {
  const out: CompiledStrategy[] = [];
  specs.forEach((spec, i) => {
    const at = `placementStrategy[${i}]`;
    const def = registry.strategy(spec.type);
    if (!def)
      return fail(
        at,
        new Error(`unknown strategy type '${spec.type}' (known: ${registry.types('strategy').join(', ')})`),
      );
    const plugin = registry.originOf('strategy', spec.type);
    if (plugin)
      notes.add(
        `plugin:strategy:${spec.type}`,
        `Strategy '${spec.type}' comes from the plugin ${plugin}; ECS itself does not know it.`,
      );
    try {
      out.push({ spec, rule: def.compile(spec.field, ctx) });
    } catch (e) {
      fail(at, e);
    }
  });
  return out;
}

function checkLaunchType(td: TaskDefinition, problems: string[]): void {
  const c = td.requiresCompatibilities;
  if (c.length > 0 && !c.includes('EC2') && !c.includes('EXTERNAL')) {
    problems.push(
      `task definition ${td.family} requires ${c.join(', ')}: placement strategies and constraints apply to the EC2 launch type only`,
    );
  }
}

/** A rule reports a bad field or expression with a plain Error; a TypeError and the like is a bug, not the user's. */
function rethrowBugs(e: unknown): void {
  if (e instanceof TypeError || e instanceof ReferenceError || e instanceof RangeError || e instanceof SyntaxError)
    throw e;
}
