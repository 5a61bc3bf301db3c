// ECS tasks → task rows (revision, health, where they run, their addresses and ports) and stopped tasks grouped
// by why they stopped, so that ten tasks killed by the same failing health check read as one line.
import type { ContainerInstance, Task } from '@aws-sdk/client-ecs';
import type { StoppedGroup, TaskSummary } from './model';
import { revisionOf } from './rollout';
import { iso } from './time';

/** The last part of an ARN: a task or container instance ID. */
export function idOf(arn: string | undefined): string {
  return arn ? (arn.split('/').pop() ?? arn) : '';
}

/** The task's own IP address: on its ENI (awsvpc) or its container's network interface. */
export function taskIp(task: Task): string | undefined {
  for (const a of task.attachments ?? []) {
    if (a.type !== 'ElasticNetworkInterface') continue;
    const ip = a.details?.find((d) => d.name === 'privateIPv4Address')?.value;
    if (ip) return ip;
  }
  for (const c of task.containers ?? []) {
    const ip = c.networkInterfaces?.find((n) => n.privateIpv4Address)?.privateIpv4Address;
    if (ip) return ip;
  }
  return undefined;
}

export interface InstanceInfo {
  ec2InstanceId?: string;
  availabilityZone?: string;
}

/** Container instance ARN → the EC2 instance and its AZ. */
export function instancesByArn(instances: ContainerInstance[]): Map<string, InstanceInfo> {
  return new Map(
    instances.map((ci) => [
      ci.containerInstanceArn ?? '',
      {
        ec2InstanceId: ci.ec2InstanceId,
        availabilityZone: ci.attributes?.find((a) => a.name === 'ecs.availability-zone')?.value,
      },
    ]),
  );
}

export function summarizeTask(task: Task, instances: Map<string, InstanceInfo>): TaskSummary {
  const instance = task.containerInstanceArn ? instances.get(task.containerInstanceArn) : undefined;
  const ports = (task.containers ?? []).flatMap((c) =>
    (c.networkBindings ?? []).map((b) => ({
      container: c.name ?? '',
      containerPort: b.containerPort,
      hostPort: b.hostPort,
    })),
  );
  return {
    id: idOf(task.taskArn),
    arn: task.taskArn ?? '',
    revision: revisionOf(task.taskDefinitionArn),
    lastStatus: task.lastStatus ?? 'UNKNOWN',
    desiredStatus: task.desiredStatus ?? 'UNKNOWN',
    health: task.healthStatus ?? 'UNKNOWN',
    startedAt: iso(task.startedAt ?? task.createdAt),
    capacityProvider: task.capacityProviderName,
    launchType: task.launchType,
    availabilityZone: task.availabilityZone ?? instance?.availabilityZone,
    privateIp: taskIp(task),
    containerInstance: task.containerInstanceArn ? idOf(task.containerInstanceArn) : undefined,
    ec2InstanceId: instance?.ec2InstanceId,
    ports,
    targets: [],
  };
}

/** Oldest first, as tasks are usually read: the ones that have been up longest at the top. */
export function orderTasks(tasks: TaskSummary[]): TaskSummary[] {
  return [...tasks].sort((a, b) => (a.startedAt ?? '').localeCompare(b.startedAt ?? '') || a.id.localeCompare(b.id));
}

const NO_REASON = '(no reason given)';
const SAMPLES = 3;

/** What the containers of a stopped task said as they exited (non-zero exits and reasons only). */
function containerExits(task: Task): string[] {
  return (task.containers ?? [])
    .filter((c) => (c.exitCode !== undefined && c.exitCode !== 0) || c.reason)
    .map((c) => {
      const exit = c.exitCode !== undefined ? `exit ${c.exitCode}` : 'no exit code';
      return `${c.name ?? '?'}: ${exit}${c.reason ? ` (${c.reason})` : ''}`;
    });
}

/** Stopped tasks grouped by stoppedReason, the largest group first; samples are the most recently stopped. */
export function groupStoppedTasks(tasks: Task[]): StoppedGroup[] {
  const groups = new Map<string, Task[]>();
  for (const t of tasks) {
    const reason = t.stoppedReason?.trim() || NO_REASON;
    groups.set(reason, [...(groups.get(reason) ?? []), t]);
  }
  const stoppedAt = (t: Task) => (t.stoppedAt ?? t.stoppingAt ?? t.createdAt)?.getTime() ?? 0;
  return [...groups.entries()]
    .map(([reason, members]) => {
      const recent = [...members].sort((a, b) => stoppedAt(b) - stoppedAt(a));
      const last = recent[0];
      return {
        reason,
        count: members.length,
        stopCodes: [...new Set(members.flatMap((t) => (t.stopCode ? [String(t.stopCode)] : [])))],
        containerExits: [...new Set(recent.flatMap(containerExits))].slice(0, SAMPLES),
        sampleTaskIds: recent.slice(0, SAMPLES).map((t) => idOf(t.taskArn)),
        lastStoppedAt: iso(last.stoppedAt ?? last.stoppingAt),
      };
    })
    .sort((a, b) => b.count - a.count || (b.lastStoppedAt ?? '').localeCompare(a.lastStoppedAt ?? ''));
}
