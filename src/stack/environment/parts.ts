// The pieces of the environment template as the builders add them, plus the context every builder reads:
// the manifest, the resolved network and the names of the conditions that switch optional parts on.
import type { EnvironmentManifest } from '../../manifest/schemas';
import type { Output, Parameter, Resource, Value } from '../template';
import { Sub } from '../template';
import type { HttpPlan } from './http-plan';
import type { Network } from './network-plan';

/** Collects template sections in insertion order, so the same input always yields the same bytes. */
export class StackParts {
  readonly parameters: Record<string, Parameter> = {};
  readonly parameterValues: Record<string, string> = {};
  readonly mappings: Record<string, Record<string, Record<string, string>>> = {};
  readonly conditions: Record<string, Value> = {};
  readonly resources: Record<string, Resource> = {};
  readonly outputs: Record<string, Output> = {};

  add(logicalId: string, resource: Resource): void {
    // A second resource under the same ID would silently replace the first: a builder bug, not a user error.
    if (logicalId in this.resources) throw new Error(`duplicate logical ID ${logicalId}`);
    this.resources[logicalId] = resource;
  }

  parameter(name: string, definition: Parameter, value?: string): void {
    this.parameters[name] = definition;
    if (value !== undefined) this.parameterValues[name] = value;
  }

  condition(name: string, expression: Value): string {
    this.conditions[name] = expression;
    return name;
  }

  output(name: string, output: Output): void {
    this.outputs[name] = output;
  }
}

/** Names of the conditions that switch optional parts on; undefined when the part is not in the template. */
export interface Switches {
  /** The public ALB (and what hangs off it: CDN, access-log policy). */
  alb?: string;
  internalAlb?: string;
  efs: string;
  /** NAT gateways: a condition name, `true` when they are always needed, undefined when never created. */
  nat?: string | true;
}

/** What an optional resource needs: `{Condition}` when the switch is a condition, nothing when it is always on. */
export function when(condition: string | true | undefined): { Condition?: string } {
  return typeof condition === 'string' ? { Condition: condition } : {};
}

export interface EnvContext {
  app: string;
  env: string;
  manifest: EnvironmentManifest;
  network: Network;
  http: HttpPlan;
  switches: Switches;
  parts: StackParts;
}

/** The `Name` tag Copilot gives environment resources: `copilot-<app>-<env>[-suffix]`. */
export function nameTag(suffix = ''): { Key: string; Value: Value }[] {
  return [{ Key: 'Name', Value: Sub(`copilot-\${AppName}-\${EnvironmentName}${suffix ? `-${suffix}` : ''}`) }];
}
