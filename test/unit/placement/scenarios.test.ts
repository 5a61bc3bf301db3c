// Acceptance: every scenario of scenarios.json, through the AWS-shaped inputs, asserting exactly what its
// assertLevel allows, on both engines and several seeds (a tie must never change what is asserted).
import { MycopilotError } from '../../../src/errors';
import { PlacementRequestError, PlacementResult, previewPlacement, previewScaleIn } from '../../../src/placement';
import { Scenario, scenarioFile, scenarioInputs, validityProblems } from './scenario-adapter';

const ENGINES = ['indexed', 'scan'] as const;
const SEEDS = [1, 2, 3, 7, 42];

function unplacedByReason(result: PlacementResult): Record<string, number> {
  const out: Record<string, number> = {};
  for (const f of result.failures) out[f.reason] = (out[f.reason] ?? 0) + 1;
  return out;
}

function expectedUnplaced(s: Scenario): Record<string, number> {
  const out: Record<string, number> = {};
  for (const u of s.expected.unplaced ?? []) out[u.reason] = (out[u.reason] ?? 0) + u.count;
  return out;
}

function countsById(result: PlacementResult): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of result.placements) out[p.ec2InstanceId] = (out[p.ec2InstanceId] ?? 0) + 1;
  return out;
}

const byLevel = (level: Scenario['assertLevel']): Scenario[] =>
  scenarioFile.scenarios.filter((s) => s.assertLevel === level);

describe('placement scenarios', () => {
  it('covers every scenario with a known assertLevel', () => {
    const levels = new Set(['exact-order', 'counts', 'validity-only', 'validation']);
    for (const s of scenarioFile.scenarios) expect(levels.has(s.assertLevel)).toBe(true);
  });

  describe.each(ENGINES)('%s engine', (engine) => {
    describe('exact-order', () => {
      it.each(byLevel('exact-order').map((s) => [s.id, s] as const))('%s', (_id, s) => {
        for (const seed of SEEDS) {
          const inputs = scenarioInputs(s, seed);
          if (inputs.scaleIn) {
            const r = previewScaleIn(inputs.cluster, inputs.taskDefinition, inputs.scaleIn, { seed });
            expect(r.stoppedFrom()).toEqual(s.expected.stoppedFrom);
            continue;
          }
          const r = previewPlacement(inputs.cluster, inputs.taskDefinition, inputs.request!, { seed, engine });
          expect(r.summary.engine).toBe(engine);
          expect(r.placements.map((p) => p.ec2InstanceId)).toEqual(s.expected.placements);
          expect(unplacedByReason(r)).toEqual(expectedUnplaced(s));
          expect(r.failures.map((f) => f.task)).toEqual(
            Array.from({ length: r.failures.length }, (_, k) => (s.expected.placements?.length ?? 0) + k),
          );
          expect(validityProblems(inputs.cluster, inputs.taskDefinition, inputs.request!, r)).toEqual([]);
        }
      });
    });

    describe('counts', () => {
      it.each(byLevel('counts').map((s) => [s.id, s] as const))('%s', (_id, s) => {
        for (const seed of SEEDS) {
          const inputs = scenarioInputs(s, seed);
          const r = previewPlacement(inputs.cluster, inputs.taskDefinition, inputs.request!, { seed, engine });
          const counts = countsById(r);
          for (const [id, n] of Object.entries(s.expected.placementCounts ?? {}))
            expect([id, counts[id] ?? 0]).toEqual([id, n]);
          for (const [az, n] of Object.entries(s.expected.azCounts ?? {})) {
            expect([az, r.placements.filter((p) => p.availabilityZone === az).length]).toEqual([az, n]);
          }
          for (const [az, max] of Object.entries(s.expected.maxPerInstanceInAz ?? {})) {
            const inAz = r.placements.filter((p) => p.availabilityZone === az).map((p) => p.ec2InstanceId);
            for (const id of new Set(inAz)) expect(inAz.filter((x) => x === id).length).toBeLessThanOrEqual(max);
          }
          if (s.expected.firstPlacement) expect(r.placements[0]?.ec2InstanceId).toBe(s.expected.firstPlacement);
          expect(unplacedByReason(r)).toEqual(expectedUnplaced(s));
          expect(validityProblems(inputs.cluster, inputs.taskDefinition, inputs.request!, r)).toEqual([]);
        }
      });
    });

    describe('validity-only', () => {
      it.each(byLevel('validity-only').map((s) => [s.id, s] as const))('%s', (_id, s) => {
        for (const seed of SEEDS) {
          const inputs = scenarioInputs(s, seed);
          const r = previewPlacement(inputs.cluster, inputs.taskDefinition, inputs.request!, { seed, engine });
          if (s.expected.placedCount !== undefined) expect(r.placedCount).toBe(s.expected.placedCount);
          for (const p of r.placements)
            expect(s.expected.allowedInstances ?? [p.ec2InstanceId]).toContain(p.ec2InstanceId);
          expect(validityProblems(inputs.cluster, inputs.taskDefinition, inputs.request!, r)).toEqual([]);
        }
      });
    });
  });

  describe('validation', () => {
    it.each(byLevel('validation').map((s) => [s.id, s] as const))('%s is rejected before placement', (_id, s) => {
      const inputs = scenarioInputs(s);
      let error: unknown;
      try {
        previewPlacement(inputs.cluster, inputs.taskDefinition, inputs.request!);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(PlacementRequestError);
      const e = error as PlacementRequestError;
      expect(e).toBeInstanceOf(MycopilotError);
      expect(e.code).toBe('PLACEMENT');
      expect(e.hint).toBeTruthy();
      expect(e.problems.join('\n')).toContain(s.expected.validationError);
    });
  });

  it('records the open points of scenarios in notes rather than silently', () => {
    const s = scenarioFile.scenarios.find((x) => x.id === 'P04-binpack-overflow-failure')!;
    const inputs = scenarioInputs(s);
    const r = previewPlacement(inputs.cluster, inputs.taskDefinition, inputs.request!);
    expect(r.notes.some((n) => n.includes('last filter that emptied'))).toBe(true);
    const tie = scenarioFile.scenarios.find((x) => x.id === 'P13-spread-az-then-instance')!;
    const ti = scenarioInputs(tie);
    expect(
      previewPlacement(ti.cluster, ti.taskDefinition, ti.request!).notes.some((n) => n.includes('seeded order')),
    ).toBe(true);
  });
});
