// The filters of step 1 and 2 of the placement process, in the order their names are reported when they empty
// the candidate set: agent/status, location, attributes, CPU, memory, GPU, ports, ENI, then each constraint.
import { MAX_RESERVED_PORTS, TaskDefinition } from '../model';
import { RuleView } from '../registry';
import { CompiledConstraint } from '../validate';
import { InstanceState } from './instance-state';

export interface PlacementFilter {
  /** Failure category, e.g. `RESOURCE:MEMORY`, `CONSTRAINT:memberOf`. */
  reason: string;
  /** Human name, e.g. `memory` or `memberOf(attribute:x == y)`. */
  label: string;
  /** True when the answer never changes during the preview (evaluated once per instance). */
  isStatic: boolean;
  test(inst: InstanceState): boolean;
  /** What the task needs and what the eliminated instances had, for failure details. */
  explain(eliminated: InstanceState[]): string;
}

export function buildFilters(
  td: TaskDefinition,
  constraints: CompiledConstraint[],
  subnetAzs: Set<string> | undefined,
  view: RuleView,
): PlacementFilter[] {
  const filters: PlacementFilter[] = [
    {
      reason: 'AGENT',
      label: 'agent and status',
      isStatic: true,
      test: (i) => i.instance.status === 'ACTIVE' && i.instance.agentConnected,
      explain: (xs) => {
        const draining = xs.filter((i) => i.instance.status !== 'ACTIVE').length;
        return `${draining} not ACTIVE (e.g. DRAINING), ${xs.length - draining} with the agent disconnected`;
      },
    },
  ];
  if (subnetAzs) {
    filters.push({
      reason: 'LOCATION',
      label: 'subnet availability zones',
      isStatic: true,
      test: (i) => i.availabilityZone !== undefined && subnetAzs.has(i.availabilityZone),
      explain: () => `outside the subnets' AZs (${[...subnetAzs].sort().join(', ')})`,
    });
  }
  if (td.requiresAttributes.length > 0) {
    const needs = td.requiresAttributes;
    filters.push({
      reason: 'ATTRIBUTE',
      label: 'required attributes',
      isStatic: true,
      test: (i) =>
        needs.every((a) =>
          a.value === undefined ? i.attribute(a.name) !== undefined : i.attribute(a.name) === a.value,
        ),
      explain: (xs) => {
        const missing = needs.find((a) =>
          xs.some((i) => (a.value === undefined ? i.attribute(a.name) === undefined : i.attribute(a.name) !== a.value)),
        );
        return `lacking attributes the task definition requires (e.g. ${missing?.name}${missing?.value !== undefined ? `=${missing.value}` : ''})`;
      },
    });
  }
  if (td.cpu > 0) {
    filters.push({
      reason: 'RESOURCE:CPU',
      label: 'CPU',
      isStatic: false,
      test: (i) => i.cpu >= td.cpu,
      explain: (xs) =>
        `short of CPU (the task needs ${td.cpu} units; the most left on them is ${max(xs, (i) => i.cpu)})`,
    });
  }
  if (td.memory > 0) {
    filters.push({
      reason: 'RESOURCE:MEMORY',
      label: 'memory',
      isStatic: false,
      test: (i) => i.memory >= td.memory,
      explain: (xs) =>
        `short of memory (the task needs ${td.memory} MiB; the most left on them is ${max(xs, (i) => i.memory)} MiB)`,
    });
  }
  if (td.gpu > 0) {
    filters.push({
      reason: 'RESOURCE:GPU',
      label: 'GPU',
      isStatic: false,
      test: (i) => i.gpu >= td.gpu,
      explain: (xs) => `short of GPUs (the task needs ${td.gpu}; the most left on them is ${max(xs, (i) => i.gpu)})`,
    });
  }
  if (td.staticPorts.length > 0 && td.networkMode !== 'awsvpc') {
    const ports = td.staticPorts;
    filters.push({
      reason: 'RESOURCE:PORTS',
      label: 'host ports',
      isStatic: false,
      test: (i) => i.portsFree(ports, MAX_RESERVED_PORTS),
      explain: (xs) => {
        const taken = xs.filter((i) =>
          ports.some((p) => (p.protocol === 'tcp' ? i.tcpPorts : i.udpPorts).has(p.port)),
        ).length;
        const full = xs.length - taken;
        return [
          taken > 0 ? `with host port ${ports.map((p) => `${p.port}/${p.protocol}`).join(', ')} already reserved` : '',
          full > 0
            ? `${taken > 0 ? `${full} ` : ''}at the limit of ${MAX_RESERVED_PORTS} reserved ports (applied per protocol: the docs do not say)`
            : '',
        ]
          .filter(Boolean)
          .join(', ');
      },
    });
  }
  if (td.networkMode === 'awsvpc') {
    filters.push({
      reason: 'RESOURCE:ENI',
      label: 'ENI slots',
      isStatic: false,
      test: (i) => i.eniFree >= 1,
      explain: () => 'with no free ENI slot for an awsvpc task',
    });
  }
  for (const c of constraints) {
    const rule = c.rule;
    filters.push({
      reason: rule.reason,
      label: rule.label,
      isStatic: !rule.dependsOnTaskState && rule.scope !== 'cluster',
      test: (i) => rule.accepts(i, view),
      explain: () => `rejected by ${rule.label}${c.origin === 'taskDefinition' ? ' (from the task definition)' : ''}`,
    });
  }
  return filters;
}

function max(xs: InstanceState[], f: (i: InstanceState) => number): number {
  let m = -Infinity;
  for (const x of xs) m = Math.max(m, f(x));
  return m;
}
