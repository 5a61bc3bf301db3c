// A workload's rendered CloudFormation stack as placement inputs: the TaskDefinition resource, rewritten as a
// RegisterTaskDefinition input so the same parser reads it, and the Service resource's strategies, constraints and
// desired count. Builders change; anything missing or not resolvable offline is reported, never guessed.
import { MycopilotError } from '../../errors';
import { PlacementConstraintSpec, PlacementStrategySpec, RunningTask, TaskDefinition } from '../model';
import { parseTaskDefinition } from '../parsers/task-definition';

/** What `renderWorkload` returns as `stack` (only the parts read here). */
export interface RenderedWorkloadStack {
  stackName: string;
  template: unknown;
  parameters: Record<string, string>;
}

export interface WorkloadPlacementTarget {
  /** For messages: `api (stack hello-test-api)`. */
  label: string;
  stackName: string;
  taskDefinition: TaskDefinition;
  /** False when the task definition requires Fargate only: there is nothing to place. */
  runsOnEc2: boolean;
  /** True when the stack has an ECS service (jobs start tasks with RunTask). */
  isService: boolean;
  strategies: PlacementStrategySpec[];
  constraints: PlacementConstraintSpec[];
  /** The service's desired count, when the template or its parameters give it. */
  desiredCount?: number;
  /** Set when the template names the service; CloudFormation otherwise names it `<stack>-Service-<suffix>`. */
  serviceName?: string;
}

type Json = Record<string, unknown>;

export function placementTargetFromStack(stack: RenderedWorkloadStack, workload: string): WorkloadPlacementTarget {
  const label = `${workload} (stack ${stack.stackName})`;
  const resources = asObject(asObject(stack.template)?.Resources) ?? {};
  const taskDef = findResource(resources, 'TaskDefinition', 'AWS::ECS::TaskDefinition');
  if (!taskDef) {
    throw new MycopilotError('USAGE', `${label}: the rendered stack has no ECS task definition`, {
      hint: 'Only workloads that run ECS tasks (services and jobs) can be previewed.',
      exitCode: 2,
    });
  }
  const params = stack.parameters;
  const props = asObject(taskDef.Properties) ?? {};
  const input = registerTaskDefinitionInput(props, params, stack.stackName);
  const taskDefinition = parseTaskDefinition(input, `the rendered TaskDefinition of ${label}`);
  const compat = taskDefinition.requiresCompatibilities;

  const service = findResource(resources, 'Service', 'AWS::ECS::Service');
  const serviceProps = asObject(service?.Properties) ?? {};
  const count = Number(resolve(serviceProps.DesiredCount, params));
  const name = resolve(serviceProps.ServiceName, params);
  return {
    label,
    stackName: stack.stackName,
    taskDefinition,
    runsOnEc2: compat.length === 0 || compat.includes('EC2') || compat.includes('EXTERNAL'),
    isService: service !== undefined,
    strategies: listOf(serviceProps.PlacementStrategies, params).map((s) =>
      defined({ type: typeName(s.Type), field: text(s.Field) }),
    ),
    constraints: listOf(serviceProps.PlacementConstraints, params).map((c) =>
      defined({ type: typeName(c.Type), expression: text(c.Expression) }),
    ),
    desiredCount: Number.isInteger(count) && count >= 0 ? count : undefined,
    serviceName: typeof name === 'string' ? name : undefined,
  };
}

/** Whether the stack runs ECS tasks at all (App Runner and static sites do not). */
export function hasTaskDefinition(stack: RenderedWorkloadStack): boolean {
  const resources = asObject(asObject(stack.template)?.Resources) ?? {};
  return findResource(resources, 'TaskDefinition', 'AWS::ECS::TaskDefinition') !== undefined;
}

/**
 * The task group of the deployed service in a snapshot: `service:<name>` when the name is known, else the one
 * group named `service:<stack>-Service-…` among the running tasks. Undefined when none (or several) match.
 */
export function deployedServiceName(target: WorkloadPlacementTarget, tasks: RunningTask[]): string | undefined {
  if (target.serviceName) return target.serviceName;
  const prefix = `service:${target.stackName}-Service-`;
  const names = new Set(tasks.filter((t) => t.group?.startsWith(prefix)).map((t) => t.group!.slice('service:'.length)));
  return names.size === 1 ? [...names][0] : undefined;
}

/** CloudFormation's PascalCase properties → the camelCase RegisterTaskDefinition input the parser reads. */
function registerTaskDefinitionInput(props: Json, params: Record<string, string>, stackName: string): Json {
  const family = resolve(props.Family, params);
  return defined({
    family: typeof family === 'string' ? family : stackName,
    networkMode: resolve(props.NetworkMode, params),
    requiresCompatibilities: resolve(props.RequiresCompatibilities, params),
    cpu: resolve(props.Cpu, params),
    memory: resolve(props.Memory, params),
    placementConstraints: props.PlacementConstraints
      ? listOf(props.PlacementConstraints, params).map((c) => defined({ type: c.Type, expression: c.Expression }))
      : undefined,
    containerDefinitions: listOf(props.ContainerDefinitions, params).map((c) =>
      defined({
        name: c.Name,
        cpu: numeric(c.Cpu),
        memory: numeric(c.Memory),
        memoryReservation: numeric(c.MemoryReservation),
        portMappings: c.PortMappings
          ? listOf(c.PortMappings, params).map((p) =>
              defined({
                containerPort: numeric(p.ContainerPort),
                hostPort: numeric(p.HostPort),
                protocol: typeof p.Protocol === 'string' ? p.Protocol.toLowerCase() : p.Protocol,
                containerPortRange: p.ContainerPortRange,
              }),
            )
          : undefined,
        resourceRequirements: c.ResourceRequirements
          ? listOf(c.ResourceRequirements, params).map((r) => defined({ type: r.Type, value: r.Value }))
          : undefined,
      }),
    ),
  });
}

function findResource(resources: Json, logicalId: string, type: string): Json | undefined {
  const byId = asObject(resources[logicalId]);
  if (byId?.Type === type) return byId;
  return Object.values(resources)
    .map(asObject)
    .find((r) => r?.Type === type);
}

/** Ref and Fn::Sub over the stack's parameters; any other intrinsic is left as it is (the parser then names it). */
function resolve(value: unknown, params: Record<string, string>): unknown {
  if (Array.isArray(value)) return value.map((v) => resolve(v, params));
  const obj = asObject(value);
  if (!obj) return value;
  const keys = Object.keys(obj);
  if (keys.length === 1 && typeof obj.Ref === 'string' && obj.Ref in params) return params[obj.Ref];
  const sub = obj['Fn::Sub'];
  if (keys.length === 1 && typeof sub === 'string') {
    const text = sub.replace(/\$\{([A-Za-z0-9_:.]+)\}/g, (whole, name: string) => params[name] ?? whole);
    return /\$\{[^!]/.test(text) ? value : text;
  }
  return Object.fromEntries(keys.map((k) => [k, resolve(obj[k], params)]));
}

function listOf(value: unknown, params: Record<string, string>): Json[] {
  const list = resolve(value, params);
  return Array.isArray(list) ? list.map((item) => asObject(item) ?? {}) : [];
}

function asObject(value: unknown): Json | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : undefined;
}

/** CloudFormation accepts "512" where the API takes 512. */
function numeric(value: unknown): unknown {
  return typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** A type that is not a plain string stays visible in the error the validator gives for it. */
function typeName(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value ?? null);
}

/** Drops undefined entries, so optional fields read as absent. */
function defined<T extends Json>(obj: T): T {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as T;
}
