// A CqlInstance built from plain data, for checking an expression outside a cluster (manifest validation, tests).
import { CqlInstance } from './evaluate';
import { parseTimestamp } from './values';

export interface PlainCqlInstance {
  ec2InstanceId?: string;
  attributes?: Record<string, string>;
  runningTasksCount?: number;
  agentConnected?: boolean;
  agentVersion?: string;
  registeredAt?: string;
  taskGroups?: string[];
}

export function plainCqlInstance(p: PlainCqlInstance): CqlInstance {
  const attributes = p.attributes ?? {};
  const groups = new Set(p.taskGroups ?? []);
  return {
    ec2InstanceId: p.ec2InstanceId ?? 'i-00000000000000000',
    runningTasksCount: p.runningTasksCount ?? groups.size,
    agentConnected: p.agentConnected ?? true,
    agentVersion: p.agentVersion,
    registeredAtMs: p.registeredAt === undefined ? undefined : parseTimestamp(p.registeredAt)?.ms,
    attribute: (name) => (Object.prototype.hasOwnProperty.call(attributes, name) ? attributes[name] : undefined),
    hasTaskGroup: (g) => groups.has(g),
    taskGroups: () => groups,
  };
}
