// The ECS and Step Functions reads behind --previous and `job logs --last`: the latest stopped task of a
// workload, and the tasks of a job's latest executions.
// Both SDK packages load only when --previous or `job logs` needs them: most reads never do.
import type { ECSClient, Task } from '@aws-sdk/client-ecs';
import type { ExecutionListItem, HistoryEvent, SFNClient } from '@aws-sdk/client-sfn';
import { awsError, call, isNotFound } from '../aws/errors';
import { JobRun, mergeTasks, RunTask, taskIdOfArn, tasksInHistoryText } from './job-runs';

export interface StoppedTask extends RunTask {
  started?: number;
  stopped?: number;
  reason?: string;
}

export interface TaskLookup {
  /** The task of `family` that stopped last, among those ECS still lists (about an hour after they stop). */
  lastStoppedTask(cluster: string, family: string): Promise<StoppedTask | undefined>;
  /** The latest `count` executions of a state machine, newest first; empty when it does not exist. */
  jobRuns(stateMachineArn: string, count: number): Promise<JobRun[]>;
}

/** ListTasks of stopped tasks: a few pages cover what ECS keeps. */
const MAX_STOPPED_PAGES = 5;

export class AwsTaskLookup implements TaskLookup {
  constructor(
    private readonly ecs: () => Promise<ECSClient>,
    private readonly sfn: () => Promise<SFNClient>,
  ) {}

  async lastStoppedTask(cluster: string, family: string): Promise<StoppedTask | undefined> {
    const ecs = await this.ecs();
    const { DescribeTasksCommand, ListTasksCommand } = await import('@aws-sdk/client-ecs');
    const arns: string[] = [];
    let nextToken: string | undefined;
    let pages = 0;
    do {
      const out = await call(`listing the stopped tasks of ${family}`, () =>
        ecs.send(new ListTasksCommand({ cluster, family, desiredStatus: 'STOPPED', nextToken, maxResults: 100 })),
      );
      arns.push(...(out.taskArns ?? []));
      nextToken = out.nextToken;
    } while (nextToken && ++pages < MAX_STOPPED_PAGES);
    let latest: Task | undefined;
    for (let i = 0; i < arns.length; i += 100) {
      const out = await call(`describing the stopped tasks of ${family}`, () =>
        ecs.send(new DescribeTasksCommand({ cluster, tasks: arns.slice(i, i + 100) })),
      );
      for (const t of out.tasks ?? []) if (!latest || stoppedTime(t) > stoppedTime(latest)) latest = t;
    }
    if (!latest?.taskArn) return undefined;
    return {
      id: taskIdOfArn(latest.taskArn),
      containers: (latest.containers ?? []).map((c) => c.name ?? '').filter(Boolean),
      started: (latest.startedAt ?? latest.createdAt)?.getTime(),
      stopped: latest.stoppedAt?.getTime(),
      reason: latest.stoppedReason,
    };
  }

  async jobRuns(stateMachineArn: string, count: number): Promise<JobRun[]> {
    const sfn = await this.sfn();
    const { GetExecutionHistoryCommand, ListExecutionsCommand } = await import('@aws-sdk/client-sfn');
    let executions: ExecutionListItem[];
    try {
      const out = await sfn.send(new ListExecutionsCommand({ stateMachineArn, maxResults: count }));
      executions = out.executions ?? [];
    } catch (err) {
      if (isNotFound(err, 'StateMachineDoesNotExist')) return [];
      throw awsError(`listing the executions of ${stateMachineArn}`, err);
    }
    const runs: JobRun[] = [];
    for (const e of executions.slice(0, count)) {
      const history: HistoryEvent[] = [];
      let nextToken: string | undefined;
      do {
        const out = await call(`reading execution ${e.name}`, () =>
          sfn.send(new GetExecutionHistoryCommand({ executionArn: e.executionArn, nextToken, maxResults: 1000 })),
        );
        history.push(...(out.events ?? []));
        nextToken = out.nextToken;
      } while (nextToken);
      runs.push({
        name: e.name ?? '',
        status: e.status ?? 'UNKNOWN',
        started: e.startDate?.getTime() ?? 0,
        stopped: e.stopDate?.getTime(),
        tasks: mergeTasks(
          history.map((h) =>
            tasksInHistoryText(
              h.taskSubmittedEventDetails?.output ??
                h.taskSucceededEventDetails?.output ??
                h.taskFailedEventDetails?.cause ??
                h.taskTimedOutEventDetails?.cause,
            ),
          ),
        ),
      });
    }
    return runs;
  }
}

function stoppedTime(t: Task): number {
  return (t.stoppedAt ?? t.stoppingAt ?? t.createdAt)?.getTime() ?? 0;
}
