// Placement preview benchmark: the indexed engine against the straightforward scan-every-instance engine
// (the baseline), measured in the same run on the same inputs, with [spread attribute:ecs.availability-zone,
// binpack memory] and a memberOf constraint.
//
// Run:  npx tsc -p tsconfig.build.json && node bench/placement.js
// Options (environment): RUNS=7 (indexed runs per size), BASELINE_RUNS=3 (scan runs per size; the full run
// takes about two minutes, mostly the baseline), QUICK=1 (smaller sizes).
// 10,000 instances is twice the ECS quota per cluster: it is there to show the growth, not a real cluster.
'use strict';
const path = require('node:path');
const { median, rng } = require('./common');
const { previewPlacement, parseContainerInstances, parseTasks, parseTaskDefinition } = require(
  path.join(__dirname, '..', 'dist', 'placement', 'index.js'),
);

const RUNS = Number(process.env.RUNS ?? 7);
const BASELINE_RUNS = Number(process.env.BASELINE_RUNS ?? 3);
const QUICK = process.env.QUICK === '1';


const TYPES = [
  ['m5.large', 2048, 7680],
  ['m5.xlarge', 4096, 15680],
  ['c5.large', 2048, 3750],
  ['t3.medium', 2048, 3900],
  ['r5.large', 2048, 15800],
];
const AZS = ['us-east-1a', 'us-east-1b', 'us-east-1c'];

/** describe-container-instances and describe-tasks output for a cluster of n instances. */
function clusterJson(n, seed = 7) {
  const r = rng(seed);
  const containerInstances = [];
  const tasks = [];
  for (let i = 0; i < n; i++) {
    const [type, cpu, mem] = TYPES[Math.floor(r() * TYPES.length)];
    const id = `i-${(0x10000000 + i).toString(16)}`;
    const arn = `arn:aws:ecs:us-east-1:111122223333:container-instance/bench/${id}`;
    const running = Math.floor(r() * 3);
    containerInstances.push({
      containerInstanceArn: arn,
      ec2InstanceId: id,
      status: 'ACTIVE',
      agentConnected: true,
      runningTasksCount: running,
      versionInfo: { agentVersion: '1.80.0' },
      registeredAt: '2024-01-15T10:22:45.123000+00:00',
      remainingResources: [
        { name: 'CPU', type: 'INTEGER', integerValue: cpu - 64 * running },
        { name: 'MEMORY', type: 'INTEGER', integerValue: Math.floor(mem * (0.3 + 0.7 * r())) },
        { name: 'PORTS', type: 'STRINGSET', stringSetValue: ['22', '2375', '2376', '51678', '51679', '51680'] },
        { name: 'PORTS_UDP', type: 'STRINGSET', stringSetValue: [] },
      ],
      attributes: [
        { name: 'ecs.availability-zone', value: AZS[Math.floor(r() * AZS.length)] },
        { name: 'ecs.instance-type', value: type },
        { name: 'ecs.os-type', value: 'linux' },
        { name: 'stack', value: r() < 0.5 ? 'prod' : 'dev' },
      ],
    });
    for (let k = 0; k < running; k++) {
      tasks.push({
        taskArn: `arn:aws:ecs:us-east-1:111122223333:task/bench/${id}-${k}`,
        containerInstanceArn: arn,
        group: r() < 0.5 ? 'service:web' : 'service:other',
        lastStatus: 'RUNNING',
        desiredStatus: 'RUNNING',
        cpu: '64',
        memory: '256',
      });
    }
  }
  return { instances: { containerInstances }, tasks: { tasks } };
}

const TASK_DEFINITION = parseTaskDefinition(
  {
    family: 'web',
    networkMode: 'bridge',
    containerDefinitions: [
      {
        name: 'app',
        cpu: 64,
        memory: 1024,
        memoryReservation: 256,
        portMappings: [{ containerPort: 8080, hostPort: 0 }],
      },
    ],
  },
  'bench-taskdef',
);

const request = (count) => ({
  api: 'CreateService',
  serviceName: 'web',
  count,
  placementStrategy: [
    { type: 'spread', field: 'attribute:ecs.availability-zone' },
    { type: 'binpack', field: 'memory' },
  ],
  placementConstraints: [
    { type: 'memberOf', expression: 'attribute:ecs.instance-type =~ m5.* or attribute:stack == prod' },
  ],
});

function timeMs(fn) {
  const t0 = process.hrtime.bigint();
  const value = fn();
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, value };
}


function measure(cluster, count, engine, runs) {
  const times = [];
  let result;
  for (let k = 0; k < runs; k++) {
    const t = timeMs(() => previewPlacement(cluster, TASK_DEFINITION, request(count), { engine }));
    times.push(t.ms);
    result = t.value;
  }
  return { median: median(times), result };
}

function snapshot(n) {
  const json = clusterJson(n);
  const parsed = timeMs(() => ({
    instances: parseContainerInstances(json.instances, 'bench-instances'),
    tasks: parseTasks(json.tasks, 'bench-tasks'),
  }));
  return {
    cluster: { instances: parsed.value.instances, tasks: parsed.value.tasks, tasksKnown: true },
    parseMs: parsed.ms,
  };
}

function row(cells, widths) {
  return cells.map((c, i) => String(c).padStart(widths[i])).join('  ');
}

function main() {
  const fmt = (ms) => ms.toFixed(1);
  const widths = [9, 6, 11, 10, 7, 5];
  console.log(
    `node ${process.version}, ${require('node:os').cpus().length} CPU(s); medians of ${RUNS} (indexed) and ${BASELINE_RUNS} (scan) runs, ms`,
  );
  console.log(
    'request: CreateService, [spread(attribute:ecs.availability-zone), binpack(memory)], memberOf(attribute:ecs.instance-type =~ m5.* or attribute:stack == prod)',
  );

  const instancesN = QUICK ? 1000 : 5000;
  const { cluster, parseMs } = snapshot(instancesN);
  // Warm the JIT on both engines so the first measured size is not paying for compilation.
  measure(cluster, 500, 'indexed', 3);
  measure(cluster, 200, 'scan', 1);
  console.log(
    `\n${instancesN} instances (parsing the CLI JSON: ${fmt(parseMs)} ms, not included below; 0 tasks = fixed setup)`,
  );
  console.log(row(['tasks', 'placed', 'indexed', 'scan', 'ratio', 'same'], widths));
  const taskSizes = QUICK ? [0, 1000, 2000] : [0, 1000, 5000, 10000, 20000];
  for (const tasks of taskSizes) {
    const fast = measure(cluster, tasks, 'indexed', RUNS);
    const slow = measure(cluster, tasks, 'scan', BASELINE_RUNS);
    const same = JSON.stringify(fast.result.toJson()) === JSON.stringify(slow.result.toJson());
    const ratio = `${(slow.median / fast.median).toFixed(0)}x`;
    console.log(
      row([tasks, fast.result.placedCount, fmt(fast.median), fmt(slow.median), ratio, same ? 'yes' : 'NO'], widths),
    );
  }

  const tasksN = QUICK ? 2000 : 10000;
  console.log(`\n${tasksN} tasks, growing the cluster (indexed engine)`);
  console.log(row(['instances', 'placed', 'indexed'], widths.slice(0, 3)));
  for (const n of QUICK ? [500, 1000] : [1250, 2500, 5000, 10000]) {
    const s = snapshot(n);
    measure(s.cluster, 500, 'indexed', 2);
    const fast = measure(s.cluster, tasksN, 'indexed', RUNS);
    console.log(row([n, fast.result.placedCount, fmt(fast.median)], widths.slice(0, 3)));
  }
}

main();
