// Pieces of the ECS workloads (Load Balanced Web, Backend, Worker, Scheduled Job) that describe where and how
// tasks run: network and task count (autoscaling); and the fields every ECS workload manifest has.
import { z } from 'zod';
import { asMap, durationToMs, rangeBounds } from '../values';
import { duration, stringOrList } from './primitives';
import {
  command,
  cpu,
  entrypoint,
  envFile,
  fromCfn,
  issue,
  logging,
  memory,
  platform,
  publish,
  secrets,
  taskdefOverrides,
  variables,
} from './workload-common';
import { capacityProviders, ecsPlacement, launchType } from './workload-ec2';
import { sidecars, storage } from './workload-storage';

// ---- network ----

export const subnetPlacement = z
  .union([
    z
      .enum(['public', 'private'])
      .describe("public: the environment's public subnets; private: its private subnets (egress through NAT)."),
    z
      .object({
        subnets: z
          .union([
            z.array(z.string()).describe('IDs of the subnets.'),
            z
              .object({
                from_tags: z
                  .record(z.string(), stringOrList)
                  .describe('Tag filters: subnets must match every tag, and any of the values listed for a tag.'),
              })
              .describe('Select subnets by their tags.'),
          ])
          .describe('The subnets: a list of IDs, or tag filters.'),
      })
      .describe('Run tasks in chosen subnets of the environment VPC.'),
  ])
  .describe('Subnets the tasks run in. Default public. (Not to be confused with the top-level ECS `placement`.)');

const securityGroupRef = z
  .union([z.string().describe('A security group ID.'), fromCfn])
  .describe('A security group: its ID, or a stack export holding it.');

export const securityGroups = z
  .union([
    z.array(securityGroupRef).describe('Security groups added to the tasks.'),
    z
      .object({
        deny_default: z
          .boolean()
          .describe("Leave out the environment's default security group that lets workloads reach each other."),
        groups: z.array(securityGroupRef).describe('Security groups added to the tasks.'),
      })
      .partial()
      .describe('Security groups, and whether to leave out the default one.'),
  ])
  .describe('Extra security groups of the task network interfaces (awsvpc network mode only).');

export const vpc = z
  .object({ placement: subnetPlacement, security_groups: securityGroups })
  .partial()
  .describe('Subnets and security groups of the tasks.');

export const serviceConnect = z
  .union([
    z.boolean().describe('Enable Service Connect.'),
    z.object({ alias: z.string().describe('DNS name of the service in Service Connect. Default: its name.') }),
  ])
  .describe('Join Service Connect so that other services reach this one by name. Default false.');

export const networkMode = z
  .enum(['awsvpc', 'bridge', 'host'])
  .describe(
    'Docker network mode of the task. awsvpc (default): each task gets its own network interface in the VPC. ' +
      'bridge: containers share the instance through Docker bridge networking with dynamic host ports behind ' +
      'the load balancer. host: containers use the instance network directly. bridge and host need the EC2 ' +
      'launch type.',
  );

export const serviceNetwork = z
  .object({ vpc, connect: serviceConnect, mode: networkMode })
  .partial()
  .describe('Networking of the tasks.');

export const jobNetwork = z.object({ vpc, mode: networkMode }).partial().describe('Networking of the tasks.');

// ---- count and autoscaling ----

const cooldown = z
  .object({
    in: duration.describe('Wait after a scale-in before scaling in again.'),
    out: duration.describe('Wait after a scale-out before scaling out again.'),
  })
  .partial()
  .describe('Cooldown periods between scaling activities.');

function scaling(value: z.ZodType, what: string) {
  return z
    .union([value, z.object({ value, cooldown }).partial().describe('Target value and its own cooldown.')])
    .describe(what);
}

const percentage = z.number().int().min(0).max(100).describe('A percentage from 0 to 100.');

const range = z
  .union([
    z
      .string()
      .regex(/^\d+-\d+$/, { message: 'expected a range such as "1-10"' })
      .describe('Minimum and maximum number of tasks, as min-max.'),
    z
      .object({
        min: z.number().int().min(0).describe('Minimum number of tasks.'),
        max: z.number().int().min(0).describe('Maximum number of tasks.'),
        spot_from: z
          .number()
          .int()
          .min(0)
          .optional()
          .describe('Tasks from this count on run on Fargate Spot; the ones below it on Fargate.'),
      })
      .describe('Minimum and maximum number of tasks, and where Fargate Spot starts.'),
  ])
  .describe('Bounds of autoscaling.');

const countShape = {
  spot: z.number().int().min(0).describe('Run this many tasks on Fargate Spot, without autoscaling.'),
  range,
  cooldown,
  cpu_percentage: scaling(percentage, 'Keep the average CPU utilization of the service near this percentage.'),
  memory_percentage: scaling(percentage, 'Keep the average memory utilization of the service near this percentage.'),
};

const webScaling = {
  requests: scaling(
    z.number().int().positive().describe('Requests per task.'),
    'Keep the number of load balancer requests per task near this value.',
  ),
  response_time: scaling(duration.describe('Response time.'), 'Keep the average response time near this duration.'),
};

const workerScaling = {
  queue_delay: z
    .object({
      acceptable_latency: duration.describe('How long a message may wait in the queue.'),
      msg_processing_time: duration.describe('Average time a task takes to process a message.'),
      cooldown,
    })
    .partial()
    .describe('Scale so that the queue backlog per task stays within acceptable_latency / msg_processing_time.'),
};

function checkCount(scalingNames: string[]) {
  return (value: unknown, ctx: z.core.$RefinementCtx) => {
    const c = asMap(value) ?? {};
    const set = scalingNames.filter((n) => c[n] !== undefined);
    const listed = scalingNames.join(', ');
    if (c.spot !== undefined && (c.range !== undefined || set.length > 0)) {
      issue(
        ctx,
        ['spot'],
        '`spot` runs a fixed number of Fargate Spot tasks and excludes autoscaling (`range`, ' + `${listed})`,
      );
    } else if (c.range !== undefined && set.length === 0) {
      issue(ctx, ['range'], `autoscaling with \`range\` needs at least one of ${listed}`);
    } else if (c.range === undefined) {
      for (const name of set)
        issue(ctx, [name], `\`${name}\` needs \`range\`, the minimum and maximum number of tasks`);
    }
    if (c.cooldown !== undefined && set.length === 0) {
      issue(ctx, ['cooldown'], `\`cooldown\` applies to autoscaling: add \`range\` and one of ${listed}`);
    }
    const bounds = rangeBounds(c.range);
    if (bounds && bounds.min > bounds.max) {
      const path = typeof c.range === 'string' ? ['range'] : ['range', 'min'];
      issue(ctx, path, `the minimum (${bounds.min}) is greater than the maximum (${bounds.max})`);
    }
    const queue = asMap(c.queue_delay);
    if (queue) {
      const latency = queue.acceptable_latency;
      const processing = queue.msg_processing_time;
      if ((latency === undefined) !== (processing === undefined)) {
        const missing = latency === undefined ? 'acceptable_latency' : 'msg_processing_time';
        issue(ctx, ['queue_delay', missing], 'queue_delay needs both `acceptable_latency` and `msg_processing_time`');
      } else if (typeof latency === 'string' && typeof processing === 'string') {
        if (durationToMs(latency) === 0) issue(ctx, ['queue_delay', 'acceptable_latency'], 'must be longer than 0s');
        if (durationToMs(processing) === 0)
          issue(ctx, ['queue_delay', 'msg_processing_time'], 'must be longer than 0s');
        if (durationToMs(processing) > durationToMs(latency)) {
          issue(ctx, ['queue_delay', 'msg_processing_time'], 'must not be longer than `acceptable_latency`');
        }
      }
    }
  };
}

function countOf(extra: Record<string, z.ZodType>) {
  const names = ['cpu_percentage', 'memory_percentage', ...Object.keys(extra)];
  return z
    .union([
      z.number().int().min(0).describe('Number of tasks to keep running.'),
      z
        .object({ ...countShape, ...extra })
        .partial()
        .superRefine(checkCount(names))
        .describe('Fargate Spot tasks, or autoscaling: `range` plus target metrics.'),
    ])
    .describe('How many tasks run: a number, or autoscaling settings. Default 1.');
}

/** `count` of services behind a load balancer (Load Balanced Web, Backend). */
export const webCount = countOf(webScaling);
/** `count` of Worker Services, which can scale on their queue. */
export const workerCount = countOf(workerScaling);

// ---- fields every ECS workload has ----

/** Fields of every ECS workload manifest besides `type`, `image` and the type-specific ones. */
export const ecsWorkloadShape = {
  name: z
    .string()
    .min(1)
    .describe('Name of the workload; its resources (log group, ECS service, ...) are named after it.'),
  ...z
    .object({
      cpu,
      memory,
      platform,
      launch_type: launchType,
      capacity_providers: capacityProviders,
      placement: ecsPlacement,
      entrypoint,
      command,
      variables,
      env_file: envFile,
      secrets,
      storage,
      logging,
      sidecars,
      publish,
      taskdef_overrides: taskdefOverrides,
    })
    .partial().shape,
};
