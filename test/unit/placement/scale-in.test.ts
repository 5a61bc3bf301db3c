// Scale-in preview: which tasks a service stops under binpack, spread and the service default.
import { previewScaleIn, renderScaleIn } from '../../../src/placement';
import { Scenario, ScenarioInstance, scenarioInputs } from './scenario-adapter';

function inputs(instances: ScenarioInstance[]) {
  const s: Scenario = {
    id: 's',
    title: 's',
    instances,
    taskDef: { family: 'web', networkMode: 'bridge', containers: [{ name: 'app', cpu: 128, memory: 512 }] },
    request: { api: 'UpdateService', serviceName: 'web', scaleInBy: 1 },
    expected: {},
    assertLevel: 'exact-order',
    open: [],
  };
  return scenarioInputs(s);
}

const web = (count: number) => [{ group: 'service:web', count, memory: 512 }];
const inst = (id: string, az: string, count: number, freeMemory = 4096): ScenarioInstance => ({
  id,
  az,
  instanceType: 'm5.large',
  freeCpu: 4096,
  freeMemory,
  runningTasks: web(count),
});

describe('scale-in preview', () => {
  it('service default: stops in the AZ, then on the instance, with the most tasks', () => {
    const i = inputs([
      inst('a1', 'us-east-1a', 1),
      inst('a2', 'us-east-1a', 3),
      inst('b1', 'us-east-1b', 2),
      inst('c1', 'us-east-1c', 1),
    ]);
    const r = previewScaleIn(i.cluster, i.taskDefinition, { serviceName: 'web', scaleInBy: 3 });
    // a: 4, b: 2, c: 1 → a2 (3) → a: 3 → a2 (2) → a: 2 = b: 2, tie → then instance with most: a2 (1), a1 (1), b1 (2) → b1.
    expect(r.stops.map((s) => s.ec2InstanceId)).toEqual(['a2', 'a2', 'b1']);
    expect(r.notes.join()).toMatch(/service default stops tasks in the AZ/);
  });

  it('binpack(memory): stops where the most memory is left after the stop', () => {
    const i = inputs([
      inst('i-a', 'us-east-1a', 1, 1000),
      inst('i-b', 'us-east-1a', 2, 200),
      inst('i-c', 'us-east-1a', 1, 900),
    ]);
    const r = previewScaleIn(i.cluster, i.taskDefinition, {
      serviceName: 'web',
      scaleInBy: 3,
      placementStrategy: [{ type: 'binpack', field: 'memory' }],
    });
    // after: a 1512, b 712, c 1412 → a; then c 1412 vs b 712 → c; then b 712 (a and c have none left)
    expect(r.stops.map((s) => s.ec2InstanceId)).toEqual(['i-a', 'i-c', 'i-b']);
    expect(r.stops[0].why).toBe('binpack(memory): 1512 MiB left after the stop');
    expect(r.stops[0].taskArn).toMatch(/task\/preview\/i-a-0-0$/);
  });

  it('stops no more tasks than there are, and says so', () => {
    const i = inputs([inst('i-a', 'us-east-1a', 1)]);
    const r = previewScaleIn(i.cluster, i.taskDefinition, { serviceName: 'web', scaleInBy: 3 });
    expect(r.stops).toHaveLength(1);
    expect(r.notes.join()).toMatch(/Only 1 task\(s\) of service:web run/);
    expect(r.toJson()).toEqual({
      stops: [expect.objectContaining({ order: 0, ec2InstanceId: 'i-a' })],
      notes: r.notes,
    });
    expect(renderScaleIn(r)).toContain('Stops 1 task(s)');
  });
});
