// Task IDs and containers from the Step Functions history of a job run (RunTask and DescribeTasks answers).
import { mergeTasks, taskIdOfArn, tasksInHistoryText } from '../../../src/logs/job-runs';

describe('job runs', () => {
  it('reads task ARNs and containers whatever the capitalisation', () => {
    expect(
      tasksInHistoryText(
        JSON.stringify({
          Attempts: [{ Containers: [{ TaskArn: 'arn:aws:ecs:r:1:task/c/abc', Name: 'report' }] }],
          Tasks: [{ TaskArn: 'arn:aws:ecs:r:1:task/c/abc', Containers: [{ Name: 'report' }, { Name: 'envoy' }] }],
        }),
      ),
    ).toEqual([{ id: 'abc', containers: ['envoy', 'report'] }]);
    expect(tasksInHistoryText('{"taskArn":"arn:aws:ecs:r:1:task/old-id","containers":[{"name":"x"}]}')).toEqual([
      { id: 'old-id', containers: ['x'] },
    ]);
  });

  it('gives nothing for text that is not JSON or holds no task', () => {
    expect(tasksInHistoryText('States.TaskFailed')).toEqual([]);
    expect(tasksInHistoryText(undefined)).toEqual([]);
    expect(tasksInHistoryText('{"ClusterArn":"arn:aws:ecs:r:1:cluster/c"}')).toEqual([]);
  });

  it('merges the tasks of a retried run', () => {
    expect(
      mergeTasks([
        [{ id: 'a', containers: ['x'] }],
        [
          { id: 'a', containers: ['y'] },
          { id: 'b', containers: [] },
        ],
      ]),
    ).toEqual([
      { id: 'a', containers: ['x', 'y'] },
      { id: 'b', containers: [] },
    ]);
    expect(taskIdOfArn('arn:aws:ecs:r:1:task/cluster/0123')).toBe('0123');
  });
});
