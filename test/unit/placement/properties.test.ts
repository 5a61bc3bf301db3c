// Properties over generated clusters: no placement breaks a resource or constraint and no task is left out while an
// instance could take it; the indexed engine agrees with the scan engine (the straightforward reference) on every
// choice, reason and explanation; spread stays balanced within one task when capacity allows; binpack always takes
// the least remaining resource among the instances that fit.
import { PlacementResult, previewPlacement } from '../../../src/placement';
import { generateCase } from './generator';
import { Replay, scenarioInputs, validityProblems } from './scenario-adapter';

const CASES = 400;

function run(seed: number, engine: 'indexed' | 'scan', inputs: ReturnType<typeof scenarioInputs>): PlacementResult {
  return previewPlacement(inputs.cluster, inputs.taskDefinition, inputs.request!, { seed, engine });
}

describe('placement properties', () => {
  it('never violates resources or constraints, and never leaves a task out that could run', () => {
    for (let seed = 1; seed <= CASES; seed++) {
      const inputs = scenarioInputs(generateCase(seed), seed);
      for (const engine of ['indexed', 'scan'] as const) {
        const r = run(seed, engine, inputs);
        expect([seed, engine, validityProblems(inputs.cluster, inputs.taskDefinition, inputs.request!, r)]).toEqual([
          seed,
          engine,
          [],
        ]);
        expect(r.placements.length + r.failures.length).toBe(inputs.request!.count);
      }
    }
  });

  it('indexed and scan engines give the same placements, failures, explanations and notes', () => {
    let indexedRuns = 0;
    for (let seed = 1; seed <= CASES; seed++) {
      const inputs = scenarioInputs(generateCase(seed), seed);
      const fast = run(seed, 'indexed', inputs);
      const slow = run(seed, 'scan', inputs);
      if (fast.summary.engine === 'indexed') indexedRuns++;
      expect([seed, fast.placements]).toEqual([seed, slow.placements]);
      expect([seed, fast.failures]).toEqual([seed, slow.failures]);
      expect([seed, fast.byAz, fast.byInstance]).toEqual([seed, slow.byAz, slow.byInstance]);
      expect([seed, fast.notes.filter((n) => !n.includes('scan engine'))]).toEqual([seed, slow.notes]);
    }
    // Most generated chains are indexable; the rest exercise the fallback.
    expect(indexedRuns).toBeGreaterThan(CASES / 2);
  });

  it('agrees with the scan engine on larger clusters with [spread AZ, binpack memory] and memberOf', () => {
    for (let seed = 1; seed <= 6; seed++) {
      const c = generateCase(1000 + seed, {
        instances: [150, 300],
        tasks: [200, 400],
        networkModes: ['bridge'],
        strategies: [
          [
            { type: 'spread', field: 'attribute:ecs.availability-zone' },
            { type: 'binpack', field: 'memory' },
          ],
          [
            { type: 'spread', field: 'attribute:ecs.availability-zone' },
            { type: 'spread', field: 'attribute:stack' },
            { type: 'spread', field: 'instanceId' },
          ],
        ],
        constraints: [
          [{ type: 'memberOf', expression: 'attribute:ecs.instance-type =~ t.* or attribute:stack == prod' }],
          [],
        ],
      });
      const inputs = scenarioInputs(c, seed);
      const fast = run(seed, 'indexed', inputs);
      const slow = run(seed, 'scan', inputs);
      expect(fast.summary.engine).toBe('indexed');
      expect(fast.toJson()).toEqual(slow.toJson());
      expect(fast.placements.map((p) => p.why)).toEqual(slow.placements.map((p) => p.why));
    }
  });

  it.each([
    ['attribute:ecs.availability-zone', (p: { availabilityZone: string | null }) => p.availabilityZone ?? ''],
    ['instanceId', (p: { ec2InstanceId: string }) => p.ec2InstanceId],
  ] as const)(
    'spread(%s) never leaves a value more than one task above another when capacity allows',
    (field, valueOf) => {
      for (let seed = 1; seed <= 150; seed++) {
        const c = generateCase(seed, {
          ample: true,
          noExistingGroupTasks: true,
          networkModes: ['bridge'],
          strategies: [[{ type: 'spread', field }]],
          constraints: [[]],
        });
        const inputs = scenarioInputs(c, seed);
        const r = run(seed, 'indexed', inputs);
        expect(r.failures).toEqual([]);
        // Every value present among the instances counts, including those that got nothing.
        const counts = new Map<string, number>();
        for (const i of c.instances) counts.set(field === 'instanceId' ? i.id : i.az, 0);
        for (const p of r.placements) counts.set(valueOf(p as never), counts.get(valueOf(p as never))! + 1);
        const values = [...counts.values()];
        expect([seed, Math.max(...values) - Math.min(...values)]).toEqual([seed, expect.any(Number)]);
        expect(Math.max(...values) - Math.min(...values)).toBeLessThanOrEqual(1);
      }
    },
  );

  it('spread with existing tasks always adds to a value with the fewest tasks among those that can take one', () => {
    for (let seed = 1; seed <= 150; seed++) {
      const c = generateCase(seed, { strategies: [[{ type: 'spread', field: 'attribute:ecs.availability-zone' }]] });
      const inputs = scenarioInputs(c, seed);
      const r = run(seed, 'indexed', inputs);
      const replay = new Replay(inputs.cluster, inputs.taskDefinition, inputs.request!);
      const azOf = new Map(
        inputs.cluster.instances.map((i) => [i.containerInstanceArn, i.attributes.get('ecs.availability-zone')!]),
      );
      for (const p of r.placements) {
        const perAz = new Map<string, number>();
        for (const i of inputs.cluster.instances) {
          const az = azOf.get(i.containerInstanceArn)!;
          perAz.set(az, (perAz.get(az) ?? 0) + replay.groupCount(i.containerInstanceArn));
        }
        const fewest = Math.min(...replay.eligible().map((arn) => perAz.get(azOf.get(arn)!)!));
        expect([seed, p.task, perAz.get(p.availabilityZone!)]).toEqual([seed, p.task, fewest]);
        replay.apply(p.containerInstanceArn);
      }
    }
  });

  it.each(['memory', 'cpu'] as const)(
    'binpack(%s) never picks an instance with more remaining than another that fits',
    (field) => {
      for (let seed = 1; seed <= 200; seed++) {
        const c = generateCase(seed, { strategies: [[{ type: 'binpack', field }]] });
        const inputs = scenarioInputs(c, seed);
        const r = run(seed, 'indexed', inputs);
        const replay = new Replay(inputs.cluster, inputs.taskDefinition, inputs.request!);
        for (const p of r.placements) {
          const least = Math.min(...replay.eligible().map((arn) => replay.remaining(arn)[field]));
          expect([seed, p.task, replay.remaining(p.containerInstanceArn)[field]]).toEqual([seed, p.task, least]);
          replay.apply(p.containerInstanceArn);
        }
      }
    },
  );

  it('gives the same preview for the same seed', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const inputs = scenarioInputs(generateCase(seed), seed);
      expect(run(seed, 'indexed', inputs).toJson()).toEqual(run(seed, 'indexed', inputs).toJson());
    }
  });
});
