// A small seeded generator of random placement cases, in the scenario format (so they go through the same
// AWS-shaped adapter and parsers). Sizes stay small so hundreds of cases run in seconds.
import { SeededRandom } from '../../../src/placement';
import { Scenario, ScenarioInstance } from './scenario-adapter';

export interface GeneratorOptions {
  instances?: [number, number];
  tasks?: [number, number];
  /** Only these network modes. */
  networkModes?: string[];
  /** Strategy chains to pick from; default: random chains of up to 3 rules. */
  strategies?: Scenario['request']['placementStrategy'][];
  /** Constraint sets to pick from; default: random subsets. */
  constraints?: Scenario['request']['placementConstraints'][];
  /** No pre-existing tasks of the group being placed. */
  noExistingGroupTasks?: boolean;
  /** Every instance ACTIVE, connected, with room for every task (for balance properties). */
  ample?: boolean;
}

const AZS = ['us-east-1a', 'us-east-1b', 'us-east-1c', 'us-east-1d'];
const TYPES = ['t2.small', 't3.medium', 'm5.large', 'm5.xlarge', 'c5.large'];
const STRATEGY_POOL = [
  { type: 'binpack', field: 'memory' },
  { type: 'binpack', field: 'cpu' },
  { type: 'spread', field: 'attribute:ecs.availability-zone' },
  { type: 'spread', field: 'instanceId' },
  { type: 'spread', field: 'attribute:stack' },
  { type: 'spread', field: 'host' },
  { type: 'random' },
];
const EXPRESSIONS = [
  'attribute:ecs.instance-type =~ t.*',
  'attribute:ecs.availability-zone in [us-east-1a, us-east-1b]',
  'attribute:stack == prod or attribute:stack !exists',
  'not(task:group == family:other)',
  'runningTasksCount < 4',
  'attribute:ecs.instance-type != c5.large and not(attribute:stack == dev)',
  'task:group == family:web or runningTasksCount <= 1',
];

export function generateCase(seed: number, opts: GeneratorOptions = {}): Scenario {
  const r = new SeededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[r.int(xs.length)];
  const between = ([lo, hi]: [number, number]): number => lo + r.int(hi - lo + 1);
  const networkMode = pick(opts.networkModes ?? ['bridge', 'bridge', 'host', 'awsvpc']);
  const api = r.next() < 0.6 ? 'RunTask' : 'CreateService';
  const group = api === 'RunTask' ? 'family:web' : 'service:web';
  const azs = AZS.slice(0, 1 + r.int(AZS.length));
  const n = between(opts.instances ?? [1, 14]);
  const instances: ScenarioInstance[] = [];
  for (let k = 0; k < n; k++) {
    const attributes: Record<string, string> = {};
    const stack = r.next();
    if (stack < 0.4) attributes.stack = 'prod';
    else if (stack < 0.7) attributes.stack = 'dev';
    const runningTasks: NonNullable<ScenarioInstance['runningTasks']> = [];
    if (!opts.noExistingGroupTasks && r.next() < 0.4) runningTasks.push({ group, count: 1 + r.int(3) });
    if (r.next() < 0.3) runningTasks.push({ group: 'family:other', count: 1 + r.int(2) });
    const inst: ScenarioInstance = {
      id: `i-${String(k).padStart(4, '0')}`,
      az: pick(azs),
      instanceType: pick(TYPES),
      freeCpu: opts.ample ? 1 << 20 : 128 * r.int(33),
      freeMemory: opts.ample ? 1 << 22 : 256 * r.int(33),
      attributes,
      runningTasks,
    };
    if (!opts.ample) {
      if (r.next() < 0.1) inst.status = 'DRAINING';
      if (r.next() < 0.08) inst.agentConnected = false;
      if (r.next() < 0.3) inst.reservedPorts = [22, 2375, 2376, 51678, 51679, 51680, 80];
    }
    if (networkMode === 'awsvpc') inst.freeEniSlots = opts.ample ? 1 << 20 : r.int(4);
    instances.push(inst);
  }
  const staticPort = !opts.ample && networkMode !== 'awsvpc' && r.next() < 0.4;
  const taskDef: Scenario['taskDef'] = {
    family: 'web',
    networkMode,
    containers: [
      {
        name: 'app',
        cpu: 64 * r.int(9),
        ...(r.next() < 0.5
          ? { memory: 128 * (1 + r.int(8)) }
          : { memory: 2048, memoryReservation: 128 * (1 + r.int(8)) }),
        portMappings: staticPort
          ? [{ containerPort: 80, ...(networkMode === 'host' ? {} : { hostPort: 80 }) }]
          : networkMode === 'bridge'
            ? [{ containerPort: 8080, hostPort: 0 }]
            : [],
      },
    ],
  };
  const strategies =
    opts.strategies !== undefined
      ? pick(opts.strategies)
      : r.next() < 0.15
        ? []
        : Array.from({ length: 1 + r.int(3) }, () => pick(STRATEGY_POOL));
  const constraints =
    opts.constraints !== undefined
      ? pick(opts.constraints)
      : [
          ...(r.next() < 0.25 ? [{ type: 'distinctInstance' }] : []),
          ...(r.next() < 0.5 ? [{ type: 'memberOf', expression: pick(EXPRESSIONS) }] : []),
          ...(r.next() < 0.15 ? [{ type: 'memberOf', expression: pick(EXPRESSIONS) }] : []),
        ];
  return {
    id: `gen-${seed}`,
    title: 'generated',
    instances,
    taskDef,
    request: {
      api,
      count: between(opts.tasks ?? [1, 25]),
      ...(api === 'RunTask' ? {} : { serviceName: 'web' }),
      placementStrategy: strategies,
      placementConstraints: constraints,
      ...(networkMode === 'awsvpc' && r.next() < 0.7 ? { awsvpcSubnetAzs: azs.slice(0, 1 + r.int(azs.length)) } : {}),
    },
    expected: {},
    assertLevel: 'validity-only',
    open: [],
  };
}
