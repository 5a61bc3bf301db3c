// Plugins: the example plugin in examples/placement-plugin registers a constraint and two strategies; the preview
// uses them like built-ins, says they are unknown to ECS, and picks the engine their rule shapes allow.
import * as path from 'node:path';
import { MycopilotError } from '../../../src/errors';
import { createPlacementRegistry, loadPlugin, PlacementRequestError, previewPlacement } from '../../../src/placement';
import { Scenario, scenarioInputs } from './scenario-adapter';

const EXAMPLE = path.join(__dirname, '..', '..', '..', 'examples', 'placement-plugin', 'index.js');

const cluster: Scenario = {
  id: 'plugin',
  title: 'plugin',
  instances: [
    {
      id: 'i-a',
      az: 'us-east-1a',
      instanceType: 'm5.large',
      freeCpu: 4096,
      freeMemory: 8192,
      runningTasks: [{ group: 'family:other', count: 3 }],
    },
    {
      id: 'i-b',
      az: 'us-east-1a',
      instanceType: 'm5.large',
      freeCpu: 4096,
      freeMemory: 8192,
      attributes: { gpu: 'yes' },
    },
    {
      id: 'i-c',
      az: 'us-east-1b',
      instanceType: 'm5.large',
      freeCpu: 4096,
      freeMemory: 8192,
      runningTasks: [{ group: 'family:other', count: 1 }],
    },
  ],
  taskDef: { family: 'web', networkMode: 'bridge', containers: [{ name: 'app', cpu: 128, memory: 512 }] },
  request: { api: 'RunTask', count: 6 },
  expected: {},
  assertLevel: 'validity-only',
  open: [],
};

describe('placement plugins', () => {
  it('loads the example plugin and reports what it added', () => {
    const registry = createPlacementRegistry();
    expect(loadPlugin(EXAMPLE, registry)).toEqual({
      strategies: ['fewestTasks', 'preferAttribute'],
      constraints: ['maxPerInstance'],
    });
    expect(registry.originOf('constraint', 'maxPerInstance')).toBe(EXAMPLE);
    expect(registry.originOf('strategy', 'binpack')).toBeUndefined();
  });

  it('places with a plugin strategy and constraint on the indexed engine', () => {
    const registry = createPlacementRegistry();
    loadPlugin(EXAMPLE, registry);
    const { cluster: c, taskDefinition } = scenarioInputs(cluster);
    const r = previewPlacement(
      c,
      taskDefinition,
      {
        api: 'RunTask',
        count: 6,
        placementStrategy: [{ type: 'fewestTasks' }],
        placementConstraints: [{ type: 'maxPerInstance', expression: '2' }],
      },
      { registry },
    );
    expect(r.summary.engine).toBe('indexed');
    // fewestTasks: b (0 running) twice, then c (1, then 2) and a (3) — maxPerInstance caps each at 2.
    expect(r.placements.map((p) => p.ec2InstanceId)).toEqual(['i-b', 'i-b', 'i-c', 'i-c', 'i-a', 'i-a']);
    expect(r.placements[0].why).toContain('fewestTasks: 0 task(s) running');
    expect(r.notes.join('\n')).toMatch(/'fewestTasks' comes from the plugin .*ECS itself does not know it/);
    const more = previewPlacement(
      c,
      taskDefinition,
      {
        api: 'RunTask',
        count: 7,
        placementStrategy: [{ type: 'fewestTasks' }],
        placementConstraints: [{ type: 'maxPerInstance', expression: '2' }],
      },
      { registry },
    );
    expect(more.failures).toEqual([expect.objectContaining({ task: 6, reason: 'CONSTRAINT:maxPerInstance' })]);
  });

  it('runs a free-form narrow rule on the scan engine', () => {
    const registry = createPlacementRegistry();
    loadPlugin(EXAMPLE, registry);
    const { cluster: c, taskDefinition } = scenarioInputs(cluster);
    const r = previewPlacement(
      c,
      taskDefinition,
      { api: 'RunTask', count: 2, placementStrategy: [{ type: 'preferAttribute', field: 'gpu' }] },
      { registry },
    );
    expect(r.summary.engine).toBe('scan');
    expect(r.placements.map((p) => p.ec2InstanceId)).toEqual(['i-b', 'i-b']);
    expect(r.placements[0].why).toContain('preferAttribute(gpu): has gpu');
  });

  it('reports a plugin rule’s own validation message', () => {
    const registry = createPlacementRegistry();
    loadPlugin(EXAMPLE, registry);
    const { cluster: c, taskDefinition } = scenarioInputs(cluster);
    expect(() =>
      previewPlacement(
        c,
        taskDefinition,
        { api: 'RunTask', count: 1, placementConstraints: [{ type: 'maxPerInstance', expression: 'two' }] },
        { registry },
      ),
    ).toThrow(/placementConstraints\[0\]: maxPerInstance needs a whole number/);
  });

  it('rejects plugin types when the plugin is not loaded', () => {
    const { cluster: c, taskDefinition } = scenarioInputs(cluster);
    expect(() =>
      previewPlacement(c, taskDefinition, { api: 'RunTask', count: 1, placementStrategy: [{ type: 'fewestTasks' }] }),
    ).toThrow(PlacementRequestError);
  });

  it('fails clearly on a missing file, a module without register(), and a clash with a built-in', () => {
    const registry = createPlacementRegistry();
    const missing = (() => {
      try {
        loadPlugin('does/not/exist.js', registry);
      } catch (e) {
        return e as MycopilotError;
      }
    })();
    expect(missing?.code).toBe('FILE');
    expect(() =>
      loadPlugin(path.join(__dirname, '..', '..', 'fixtures', 'placement', 'bad-plugin.js'), registry),
    ).toThrow(/must export register\(api\)/);
    expect(() =>
      registry.register({
        kind: 'strategy',
        type: 'binpack',
        compile: () => ({ kind: 'narrow', label: 'x', narrow: (c) => [...c] }),
      }),
    ).toThrow(/already registered/);
  });
});
