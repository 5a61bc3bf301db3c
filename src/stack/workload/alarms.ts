// `deployment.rollback_alarms`: names of existing CloudWatch alarms, or thresholds for which alarms are created
// (CPU and memory of the service; for workers, messages delayed in the queue). ECS rolls a deployment back
// when one of them goes off while it runs.
import { importFromEnv } from '../exports';
import { GetAtt, resource } from '../template';
import type { Value } from '../template';
import type { Workload } from './workload';

type Thresholds = { cpu_utilization?: number; memory_utilization?: number; messages_delayed?: number };

/** Copilot's alarm names: `<app>-<env>-<svc>-<kind>`, cut to CloudWatch's 255 characters keeping the kind. */
export function alarmName(w: Workload, kind: string): string {
  const prefix = `${w.app}-${w.env}-${w.name}`;
  const room = 255 - kind.length - 1;
  return `${prefix.slice(0, room)}-${kind}`;
}

function alarm(
  w: Workload,
  id: string,
  kind: string,
  what: string,
  metric: { namespace: string; name: string; dimensions: Value[]; threshold: number; unit: string },
): string {
  const name = alarmName(w, kind);
  w.parts.add(
    id,
    resource('AWS::CloudWatch::Alarm', `A CloudWatch alarm on ${what} that rolls back deployments of ${w.name}`, {
      AlarmDescription: `Roll back ${w.name} when ${what} is at least ${metric.threshold} twice in 3 minutes.`,
      AlarmName: name,
      Namespace: metric.namespace,
      MetricName: metric.name,
      Dimensions: metric.dimensions,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      DatapointsToAlarm: 2,
      EvaluationPeriods: 3,
      Period: 60,
      Statistic: 'Average',
      Threshold: metric.threshold,
      Unit: metric.unit,
    }),
  );
  return name;
}

/** Adds the alarms the manifest asks for and returns the names the service's deployment watches. */
export function rollbackAlarms(w: Workload, queue?: string): Value[] {
  if (w.manifest.type === 'Scheduled Job') return [];
  const setting = w.manifest.deployment?.rollback_alarms;
  if (setting === undefined) return [];
  if (Array.isArray(setting)) return setting;
  const t = setting as Thresholds;
  const service = [
    { Name: 'ClusterName', Value: importFromEnv('ClusterId') },
    { Name: 'ServiceName', Value: GetAtt('Service', 'Name') },
  ];
  const names: Value[] = [];
  if (t.cpu_utilization !== undefined) {
    names.push(
      alarm(w, 'CPURollbackAlarm', 'CopilotRollbackCPUAlarm', 'CPU utilization (%)', {
        namespace: 'AWS/ECS',
        name: 'CPUUtilization',
        dimensions: service,
        threshold: t.cpu_utilization,
        unit: 'Percent',
      }),
    );
  }
  if (t.memory_utilization !== undefined) {
    names.push(
      alarm(w, 'MemoryRollbackAlarm', 'CopilotRollbackMemAlarm', 'memory utilization (%)', {
        namespace: 'AWS/ECS',
        name: 'MemoryUtilization',
        dimensions: service,
        threshold: t.memory_utilization,
        unit: 'Percent',
      }),
    );
  }
  if (t.messages_delayed !== undefined && queue) {
    names.push(
      alarm(w, 'MessagesDelayedRollbackAlarm', 'CopilotRollbackMsgsDelayedAlarm', 'the number of delayed messages', {
        namespace: 'AWS/SQS',
        name: 'ApproximateNumberOfMessagesDelayed',
        dimensions: [{ Name: 'QueueName', Value: GetAtt(queue, 'QueueName') }],
        threshold: t.messages_delayed,
        unit: 'Count',
      }),
    );
  }
  return names;
}
