// Request validation: what ECS rejects is rejected before anything is placed, with every problem listed.
import {
  CqlSyntaxError,
  PlacementRequest,
  PlacementRequestError,
  previewPlacement,
  TaskDefinition,
} from '../../../src/placement';
import { Scenario, scenarioInputs } from './scenario-adapter';

const base: Scenario = {
  id: 'v',
  title: 'v',
  instances: [{ id: 'i-a', az: 'us-east-1a', instanceType: 'm5.large', freeCpu: 4096, freeMemory: 8192 }],
  taskDef: { family: 'web', networkMode: 'bridge', containers: [{ name: 'app', cpu: 128, memory: 512 }] },
  request: { api: 'RunTask', count: 1 },
  expected: {},
  assertLevel: 'validation',
  open: [],
};

function problems(request: Partial<PlacementRequest>, td: Partial<TaskDefinition> = {}): string[] {
  const inputs = scenarioInputs(base);
  try {
    previewPlacement(inputs.cluster, { ...inputs.taskDefinition, ...td }, { api: 'RunTask', count: 1, ...request });
  } catch (e) {
    if (e instanceof PlacementRequestError) return e.problems;
    throw e;
  }
  return [];
}

const memberOf = (expression: string) => ({ type: 'memberOf', expression });

describe('placement request validation', () => {
  it.each([
    [
      { placementStrategy: Array.from({ length: 6 }, () => ({ type: 'random' })) },
      'placementStrategy: max 5 placement strategies, got 6',
    ],
    [
      { placementStrategy: [{ type: 'binpack', field: 'disk' }] },
      "placementStrategy[0]: binpack field must be cpu|memory, got 'disk'",
    ],
    [{ placementStrategy: [{ type: 'binpack' }] }, 'placementStrategy[0]: binpack field must be cpu|memory, got none'],
    [
      { placementStrategy: [{ type: 'spread', field: 'zone' }] },
      'placementStrategy[0]: spread field must be instanceId, host or attribute:<name>',
    ],
    [{ placementStrategy: [{ type: 'spread', field: 'attribute:' }] }, 'placementStrategy[0]: spread field must be'],
    [
      { placementStrategy: [{ type: 'pack' }] },
      "placementStrategy[0]: unknown strategy type 'pack' (known: binpack, spread, random)",
    ],
    [
      { placementConstraints: [{ type: 'distinctInstance', expression: 'attribute:a == b' }] },
      'placementConstraints[0]: expression not allowed for distinctInstance',
    ],
    [{ placementConstraints: [{ type: 'memberOf' }] }, 'placementConstraints[0]: memberOf needs an expression'],
    [
      { placementConstraints: [memberOf(`attribute:x in [${'a,'.repeat(1000)}b]`)] },
      'placementConstraints[0]: expression max length 2000 characters, got 2018',
    ],
    [{ placementConstraints: [{ type: 'sameZone' }] }, "placementConstraints[0]: unknown constraint type 'sameZone'"],
    [
      { placementConstraints: Array.from({ length: 11 }, () => memberOf('attribute:a exists')) },
      'placementConstraints: max 10 constraints per task, got 11 in the request + 0 in the task definition',
    ],
    [{ count: -1 }, 'count: must be a whole number ≥ 0, got -1'],
    [{ api: 'CreateService' as const }, 'CreateService needs serviceName'],
  ])('%j → %s', (request, message) => {
    expect(problems(request).join('\n')).toContain(message);
  });

  it('counts task definition constraints in the limit of 10, and allows only memberOf there', () => {
    const td = {
      placementConstraints: [
        ...Array.from({ length: 4 }, () => memberOf('attribute:a exists')),
        { type: 'distinctInstance' },
      ],
    };
    const p = problems({ placementConstraints: Array.from({ length: 6 }, () => memberOf('attribute:b exists')) }, td);
    expect(p).toContain(
      'placementConstraints: max 10 constraints per task, got 6 in the request + 5 in the task definition',
    );
    expect(p.join('\n')).toContain(
      'taskDefinition.placementConstraints[4]: distinctInstance is not allowed in a task definition (only memberOf is)',
    );
  });

  it('rejects a task definition that only runs on Fargate', () => {
    expect(problems({}, { requiresCompatibilities: ['FARGATE'] }).join()).toMatch(
      /requires FARGATE: placement strategies and constraints apply to the EC2 launch type only/,
    );
  });

  it('lists every problem at once', () => {
    const p = problems({
      placementStrategy: [{ type: 'binpack', field: 'disk' }],
      placementConstraints: [{ type: 'distinctInstance', expression: 'x' }],
    });
    expect(p).toHaveLength(2);
  });

  it('keeps the column of a memberOf syntax error and shows it in the hint', () => {
    const inputs = scenarioInputs(base);
    let err: PlacementRequestError | undefined;
    try {
      previewPlacement(inputs.cluster, inputs.taskDefinition, {
        api: 'RunTask',
        count: 1,
        placementConstraints: [memberOf('attribute:a = b')],
      });
    } catch (e) {
      err = e as PlacementRequestError;
    }
    expect(err?.problems).toEqual(["placementConstraints[0]: column 13: expected '==' or '=~', found '='"]);
    expect(err?.cause).toBeInstanceOf(CqlSyntaxError);
    expect((err?.cause as CqlSyntaxError).column).toBe(13);
    expect(err?.hint).toBe('attribute:a = b\n            ^');
  });

  it('notes that a RunTask of more than 10 tasks takes several calls, and previews them all', () => {
    const inputs = scenarioInputs(base);
    const r = previewPlacement(inputs.cluster, inputs.taskDefinition, { api: 'RunTask', count: 25 });
    expect(r.placedCount).toBe(16); // 8192 MiB / 512 MiB: memory runs out before CPU (4096 / 128)
    expect(r.failures).toHaveLength(9);
    expect(r.notes.join()).toMatch(/at most 10 tasks per call: 25 tasks take 3 calls/);
  });

  it('ignores a field on random, with a note', () => {
    const inputs = scenarioInputs(base);
    const r = previewPlacement(inputs.cluster, inputs.taskDefinition, {
      api: 'RunTask',
      count: 1,
      placementStrategy: [{ type: 'random', field: 'memory' }],
    });
    expect(r.placedCount).toBe(1);
    expect(r.notes.join()).toMatch(/random takes no field/);
  });
});
