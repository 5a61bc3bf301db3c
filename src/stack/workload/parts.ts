// The template a workload builder fills in, piece by piece: parameters with their values, conditions,
// resources, outputs, and the IAM statements other pieces ask the task and execution roles for.
// One StackParts lives for one render; builders stay pure because nothing here outlives the call.
import type { Output, Parameter, Resource, Value } from '../template';

/** An inline IAM policy of a role, or an `Fn::If` that yields one or AWS::NoValue. */
export type RolePolicy = { PolicyName: Value; PolicyDocument: Value } | Record<string, Value>;

export class StackParts {
  readonly parameters: Record<string, Parameter> = {};
  readonly values: Record<string, string> = {};
  readonly conditions: Record<string, Value> = {};
  readonly resources: Record<string, Resource> = {};
  readonly outputs: Record<string, Output> = {};
  /** Inline policies of TaskRole, asked for by the pieces that need them (exec, EFS, SNS, SQS, ...). */
  readonly taskPolicies: RolePolicy[] = [];
  /** Inline policies of ExecutionRole (image pull, logs, secrets, env files). */
  readonly executionPolicies: RolePolicy[] = [];

  /** Declares a parameter and the value this render passes for it. */
  param(name: string, definition: Parameter, value: string | number): string {
    this.parameters[name] = definition;
    this.values[name] = String(value);
    return name;
  }

  condition(name: string, expression: Value): string {
    this.conditions[name] = expression;
    return name;
  }

  /** Adds a resource; a logical ID used twice is a bug (or two manifest names that collapse to one ID). */
  add(logicalId: string, resource: Resource): string {
    if (this.resources[logicalId]) throw new Error(`duplicate logical ID ${logicalId}`);
    this.resources[logicalId] = resource;
    return logicalId;
  }

  has(logicalId: string): boolean {
    return logicalId in this.resources;
  }

  output(name: string, output: Output): void {
    this.outputs[name] = output;
  }
}

export { logicalIdSafe } from '../naming';

/** Escapes user text for use inside `Fn::Sub` so that `${...}` in it stays literal. */
export function subLiteral(text: string): string {
  return text.replace(/\$\{/g, '${!');
}

/** Whole seconds of a parsed duration in milliseconds (rounded down, as the services take seconds). */
export function seconds(ms: number): number {
  return Math.floor(ms / 1000);
}

/** `arn:<partition>:<service>:<region>:<account>:<rest>` for this stack's account and region. */
export function localArn(service: string, rest: string, global = false): string {
  const region = global ? '' : '${AWS::Region}';
  return `arn:\${AWS::Partition}:${service}:${region}:\${AWS::AccountId}:${rest}`;
}
