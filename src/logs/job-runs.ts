// Which ECS tasks a Scheduled Job's execution ran. The state machine runs the task with ecs:runTask.sync, so
// the execution history carries the RunTask answer (TaskSubmitted) and the stopped task (TaskSucceeded,
// TaskFailed), as JSON text whose keys Step Functions capitalises. Pure: the text in, task IDs and containers out.

export interface RunTask {
  id: string;
  containers: string[];
}

export interface JobRun {
  /** Execution name (also the ECS task group of its tasks). */
  name: string;
  status: string;
  started: number;
  stopped?: number;
  tasks: RunTask[];
}

/** The task ID at the end of a task ARN (`.../task/<cluster>/<id>` or the older `.../task/<id>`). */
export function taskIdOfArn(arn: string): string {
  return arn.slice(arn.lastIndexOf('/') + 1);
}

/** Tasks found in one history event's output or cause; text that is not JSON gives none. */
export function tasksInHistoryText(text: string | undefined): RunTask[] {
  if (!text) return [];
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return [];
  }
  const found = new Map<string, Set<string>>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    const arn = o.TaskArn ?? o.taskArn;
    if (typeof arn === 'string' && /:task\//.test(arn)) {
      const id = taskIdOfArn(arn);
      const containers = found.get(id) ?? new Set<string>();
      for (const c of asArray(o.Containers ?? o.containers)) {
        const name = (c as Record<string, unknown>)?.Name ?? (c as Record<string, unknown>)?.name;
        if (typeof name === 'string') containers.add(name);
      }
      found.set(id, containers);
    }
    for (const v of Object.values(o)) if (v && typeof v === 'object') visit(v);
  };
  visit(value);
  return [...found].map(([id, containers]) => ({ id, containers: [...containers].sort() }));
}

function asArray(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/** Merges the tasks of several history events of one execution (a retried run has several). */
export function mergeTasks(lists: RunTask[][]): RunTask[] {
  const byId = new Map<string, Set<string>>();
  for (const list of lists)
    for (const t of list) {
      const set = byId.get(t.id) ?? new Set<string>();
      t.containers.forEach((c) => set.add(c));
      byId.set(t.id, set);
    }
  return [...byId].map(([id, containers]) => ({ id, containers: [...containers].sort() }));
}
