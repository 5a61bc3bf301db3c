// `count.range` with target metrics: an Application Auto Scaling target over the service's desired count and one
// target tracking policy per metric (CPU, memory, ALB requests per task, ALB response time, and for workers the
// queue backlog per task). The backlog is computed with metric math, so no Lambda publishes a custom metric.
import { durationToMs, rangeBounds } from '../../manifest/values';
import { RenderError } from '../inputs';
import { importFromEnv } from '../exports';
import { GetAtt, Join, Ref, resource } from '../template';
import type { Value } from '../template';
import { SERVICE } from './service';
import type { Workload } from './workload';

const TARGET = 'AutoScalingTarget';

type Cooldown = { in?: string; out?: string };
type Scaling<T> = T | { value?: T; cooldown?: Cooldown };

export interface ScalingOptions {
  /** For `requests` and `response_time`: the load balancer's full name and the target group's logical ID. */
  loadBalancer?: { fullName: Value; targetGroup: string };
  /** For `queue_delay` (workers): logical IDs of the queues whose backlog is kept per task. */
  queues?: string[];
}

type CountMap = {
  range?: unknown;
  cooldown?: Cooldown;
  cpu_percentage?: Scaling<number>;
  memory_percentage?: Scaling<number>;
  requests?: Scaling<number>;
  response_time?: Scaling<string>;
  queue_delay?: { acceptable_latency?: string; msg_processing_time?: string; cooldown?: Cooldown };
};

function countOf(w: Workload): CountMap | undefined {
  const m = w.manifest;
  if (!('count' in m) || typeof m.count !== 'object' || m.count === null) return undefined;
  return m.count as CountMap;
}

function valueOf<T>(s: Scaling<T> | undefined): T | undefined {
  if (s === undefined) return undefined;
  return typeof s === 'object' && s !== null ? (s as { value?: T }).value : (s as T);
}

function cooldownOf<T>(s: Scaling<T> | undefined, fallback: Cooldown | undefined): Record<string, number> {
  const own = typeof s === 'object' && s !== null ? (s as { cooldown?: Cooldown }).cooldown : undefined;
  const seconds = (d: string | undefined, dflt: number) =>
    d === undefined ? dflt : Math.round(durationToMs(d) / 1000);
  // Copilot's defaults: scale in slowly (120s), out quickly (60s).
  return {
    ScaleInCooldown: seconds(own?.in ?? fallback?.in, 120),
    ScaleOutCooldown: seconds(own?.out ?? fallback?.out, 60),
  };
}

function policy(w: Workload, id: string, what: string, name: string, configuration: Record<string, Value>): void {
  w.parts.add(
    id,
    resource('AWS::ApplicationAutoScaling::ScalingPolicy', `An autoscaling policy that keeps ${what}`, {
      PolicyName: Join('-', [Ref('WorkloadName'), name]),
      PolicyType: 'TargetTrackingScaling',
      ScalingTargetId: Ref(TARGET),
      TargetTrackingScalingPolicyConfiguration: configuration,
    }),
  );
}

function containerInsights(w: Workload): boolean {
  const setting = w.environment.observability?.container_insights;
  return setting === true || setting === 'enhanced';
}

export function addAutoscaling(w: Workload, options: ScalingOptions = {}): void {
  const count = countOf(w);
  const bounds = rangeBounds(count?.range);
  if (!count || !bounds) return;
  w.parts.add(
    TARGET,
    resource('AWS::ApplicationAutoScaling::ScalableTarget', `An autoscaling target for the task count of ${w.name}`, {
      MinCapacity: bounds.min,
      MaxCapacity: bounds.max,
      ResourceId: Join('/', ['service', importFromEnv('ClusterId'), GetAtt(SERVICE, 'Name')]),
      ScalableDimension: 'ecs:service:DesiredCount',
      ServiceNamespace: 'ecs',
    }),
  );
  const fallback = count.cooldown;
  const cpu = valueOf(count.cpu_percentage);
  if (cpu !== undefined) {
    policy(w, 'AutoScalingPolicyECSServiceAverageCPUUtilization', `CPU utilization near ${cpu}%`, 'CPU', {
      PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageCPUUtilization' },
      ...cooldownOf(count.cpu_percentage, fallback),
      TargetValue: cpu,
    });
  }
  const memory = valueOf(count.memory_percentage);
  if (memory !== undefined) {
    policy(w, 'AutoScalingPolicyECSServiceAverageMemoryUtilization', `memory utilization near ${memory}%`, 'Memory', {
      PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageMemoryUtilization' },
      ...cooldownOf(count.memory_percentage, fallback),
      TargetValue: memory,
    });
  }
  const lb = options.loadBalancer;
  const requests = valueOf(count.requests);
  if (requests !== undefined && lb) {
    policy(w, 'AutoScalingPolicyALBSumRequestCountPerTarget', `${requests} requests per task`, 'Requests', {
      PredefinedMetricSpecification: {
        PredefinedMetricType: 'ALBRequestCountPerTarget',
        ResourceLabel: Join('/', [lb.fullName, GetAtt(lb.targetGroup, 'TargetGroupFullName')]),
      },
      ...cooldownOf(count.requests, fallback),
      TargetValue: requests,
    });
  }
  const responseTime = valueOf(count.response_time);
  if (responseTime !== undefined && lb) {
    const target = durationToMs(responseTime) / 1000;
    policy(w, 'AutoScalingPolicyALBAverageResponseTime', `the response time near ${target}s`, 'ResponseTime', {
      CustomizedMetricSpecification: {
        Namespace: 'AWS/ApplicationELB',
        MetricName: 'TargetResponseTime',
        Dimensions: [
          { Name: 'LoadBalancer', Value: lb.fullName },
          { Name: 'TargetGroup', Value: GetAtt(lb.targetGroup, 'TargetGroupFullName') },
        ],
        Statistic: 'Average',
        Unit: 'Seconds',
      },
      ...cooldownOf(count.response_time, fallback),
      TargetValue: target,
    });
  }
  const delay = count.queue_delay;
  if (delay?.acceptable_latency && delay.msg_processing_time && options.queues) {
    queueBacklogPolicies(w, options.queues, delay, fallback);
  }
}

/**
 * Backlog per task = visible messages / running tasks, kept at acceptable_latency / msg_processing_time.
 * The running task count comes from Container Insights, so the environment must have it on.
 */
function queueBacklogPolicies(
  w: Workload,
  queues: string[],
  delay: NonNullable<CountMap['queue_delay']>,
  fallback: Cooldown | undefined,
): void {
  if (!containerInsights(w)) {
    throw new RenderError(
      ['count', 'queue_delay'],
      `scaling on queue_delay needs the running task count that Container Insights reports, and environment "${w.env}" does not have it on`,
      'set `observability.container_insights: true` in the environment manifest and deploy the environment',
    );
  }
  const backlog = Math.max(
    1,
    Math.floor(durationToMs(delay.acceptable_latency!) / durationToMs(delay.msg_processing_time!)),
  );
  const cooldown = cooldownOf({ cooldown: delay.cooldown }, fallback);
  for (const queue of queues) {
    policy(w, `AutoScalingPolicy${queue}`, `${backlog} messages per task in ${queue}`, `Backlog${queue}`, {
      CustomizedMetricSpecification: {
        Metrics: [
          {
            Id: 'messages',
            MetricStat: {
              Metric: {
                Namespace: 'AWS/SQS',
                MetricName: 'ApproximateNumberOfMessagesVisible',
                Dimensions: [{ Name: 'QueueName', Value: GetAtt(queue, 'QueueName') }],
              },
              Stat: 'Average',
            },
            ReturnData: false,
          },
          {
            Id: 'tasks',
            MetricStat: {
              Metric: {
                Namespace: 'ECS/ContainerInsights',
                MetricName: 'RunningTaskCount',
                Dimensions: [
                  { Name: 'ClusterName', Value: importFromEnv('ClusterId') },
                  { Name: 'ServiceName', Value: GetAtt(SERVICE, 'Name') },
                ],
              },
              Stat: 'Average',
            },
            ReturnData: false,
          },
          {
            Id: 'backlog',
            // With no task running the whole queue is the backlog of the first one to start.
            Expression: 'messages / IF(FILL(tasks, 0) > 0, FILL(tasks, 0), 1)',
            Label: 'Messages per running task',
            ReturnData: true,
          },
        ],
      },
      ...cooldown,
      TargetValue: backlog,
    });
  }
}
