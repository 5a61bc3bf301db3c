// The plain-text renderer: one readable page per preview, failures grouped, long lists cut short.
import { previewPlacement, renderPlacement } from '../../../src/placement';
import { table } from '../../../src/placement/render';
import { scenarioFile, scenarioInputs } from './scenario-adapter';

function run(id: string, count?: number) {
  const s = scenarioFile.scenarios.find((x) => x.id === id)!;
  const i = scenarioInputs(s);
  return previewPlacement(i.cluster, i.taskDefinition, { ...i.request!, count: count ?? i.request!.count });
}

describe('renderPlacement', () => {
  it('renders tasks, failures, AZs, instances and notes', () => {
    const text = renderPlacement(run('P04-binpack-overflow-failure', 8));
    expect(text).toBe(
      [
        'Placement preview: RunTask of web:3, task group family:web, 8 task(s)',
        'Strategy: binpack(memory)',
        'Constraints: (none)',
        'Placed 5 of 8 (engine indexed, seed 1)',
        '',
        'TASK  INSTANCE  AZ          WHY',
        '0     i-a       us-east-1a  binpack(memory): 1024 MiB left; 2 eligible',
        '1     i-a       us-east-1a  binpack(memory): 512 MiB left; 2 eligible',
        '2     i-b       us-east-1a  binpack(memory): 1536 MiB left; 1 eligible',
        '3     i-b       us-east-1a  binpack(memory): 1024 MiB left; 1 eligible',
        '4     i-b       us-east-1a  binpack(memory): 512 MiB left; 1 eligible',
        '',
        'Not placed:',
        'TASKS  REASON           DETAIL',
        '5-7    RESOURCE:MEMORY  no instance left after the memory filter: of 2 instance(s), 2 short of memory (the task needs 512 MiB; the most left on them is 0 MiB)',
        '',
        'AZ          INSTANCES  PLACED  family:web BEFORE  AFTER',
        'us-east-1a  2          5       0                  5',
        '',
        'INSTANCE  AZ          PLACED  GROUP TASKS  CPU LEFT  MEMORY LEFT',
        'i-a       us-east-1a  2       2            3840      0 MiB',
        'i-b       us-east-1a  3       3            3712      0 MiB',
        '',
        'Notes:',
        '  - ECS does not document how per-instance reasons are summed up in RunTask failures or service events; each failure here names the last filter that emptied the candidates.',
        '',
      ].join('\n'),
    );
  });

  it('cuts long tables short and marks the default strategy', () => {
    const text = renderPlacement(run('P44-dynamic-host-port', 9), { maxTasks: 4, maxInstances: 0 });
    expect(text).toContain('Strategy: random (default)');
    expect(text).toContain('… 5 more placement(s); use --json for all');
    expect(text).toContain('… 1 more instance(s) received tasks');
  });

  it('aligns columns and never pads the last one', () => {
    expect(table(['A', 'LONG HEADER', 'Z'], [['xyz', 'b', 'last  ']])).toEqual([
      'A    LONG HEADER  Z',
      'xyz  b            last',
    ]);
  });
});
