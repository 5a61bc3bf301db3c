// Load balancer targets ↔ tasks. awsvpc tasks are registered by IP (the target is the task's ENI address);
// bridge and host tasks by EC2 instance and host port (the target is the instance the task runs on, at the
// dynamic host port ECS bound for the container). Matching both ways lets `status` say which task is unhealthy.
import type { TargetHealthDescription } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { TargetHealthEntry, TaskSummary } from './model';

/** `arn:...:targetgroup/<name>/<id>` → `<name>`. */
export function targetGroupName(arn: string): string {
  const m = arn.match(/targetgroup\/([^/]+)\//);
  return m ? m[1] : arn;
}

const isInstanceId = (id: string) => /^i-[0-9a-f]+$/i.test(id);

/** The task a target is, or undefined (a task that already stopped, or something registered by hand). */
export function matchTarget(target: { id: string; port?: number }, tasks: TaskSummary[]): TaskSummary | undefined {
  if (isInstanceId(target.id)) {
    // Several tasks share an instance in bridge mode; the host port tells them apart.
    return tasks.find(
      (t) =>
        t.ec2InstanceId === target.id && (target.port === undefined || t.ports.some((p) => p.hostPort === target.port)),
    );
  }
  return tasks.find((t) => t.privateIp === target.id);
}

/**
 * The health of every target of the target groups, each matched to its task; also records on each task the
 * target groups it is in and its state there. Mutates `tasks[].targets`.
 */
export function matchTargets(
  groups: { arn: string; targets: TargetHealthDescription[] }[],
  tasks: TaskSummary[],
): TargetHealthEntry[] {
  for (const t of tasks) t.targets = [];
  const entries: TargetHealthEntry[] = [];
  for (const group of groups) {
    const name = targetGroupName(group.arn);
    for (const d of group.targets) {
      const id = d.Target?.Id ?? '';
      const port = d.Target?.Port;
      const state = d.TargetHealth?.State ?? 'unknown';
      const task = matchTarget({ id, port }, tasks);
      task?.targets.push({ targetGroup: name, state });
      entries.push({
        targetGroup: name,
        targetGroupArn: group.arn,
        target: id,
        port,
        availabilityZone: d.Target?.AvailabilityZone,
        state,
        reason: d.TargetHealth?.Reason,
        description: d.TargetHealth?.Description,
        taskId: task?.id,
      });
    }
  }
  return entries;
}
