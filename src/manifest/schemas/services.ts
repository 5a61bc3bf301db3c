// Load Balanced Web Service, Backend Service and Worker Service: long-running ECS services.
import { z } from 'zod';
import { duration, port } from './primitives';
import { httpConfig, nlbConfig } from './load-balancer';
import {
  ALWAYS,
  checkImageSource,
  deployment,
  exec,
  imageShape,
  issue,
  observability,
  workerDeployment,
} from './workload-common';
import { ecsWorkloadShape, serviceNetwork, webCount, workerCount } from './workload-ecs';
import { checkEcsWorkload, checkTargetContainer } from './workload-rules';
import { asMap } from '../values';

type Ctx = z.core.$RefinementCtx;
type Map = Record<string, unknown>;

const optionalImageShape = z.object(imageShape).partial().shape;

const serviceShape = {
  ...ecsWorkloadShape,
  ...z.object({ exec, network: serviceNetwork, observability }).partial().shape,
};

/** Load balancer target containers must exist and expose a port. */
function checkTargets(m: Map, ctx: Ctx): void {
  const http = asMap(m.http);
  if (http) {
    checkTargetContainer(m, ctx, http.target_container, ['http', 'target_container']);
    checkTargetContainer(m, ctx, http.targetContainer, ['http', 'targetContainer']);
    const rules = Array.isArray(http.additional_rules) ? http.additional_rules : [];
    rules.forEach((r, i) => {
      checkTargetContainer(m, ctx, asMap(r)?.target_container, ['http', 'additional_rules', i, 'target_container']);
    });
  }
  const nlb = asMap(m.nlb);
  if (nlb) {
    checkTargetContainer(m, ctx, nlb.target_container, ['nlb', 'target_container']);
    const listeners = Array.isArray(nlb.additional_listeners) ? nlb.additional_listeners : [];
    listeners.forEach((l, i) => {
      checkTargetContainer(m, ctx, asMap(l)?.target_container, ['nlb', 'additional_listeners', i, 'target_container']);
    });
  }
}

/** The first of `count.requests` / `count.response_time` that is set: they scale on load balancer metrics. */
function requestScaling(m: Map): string | undefined {
  const count = asMap(m.count);
  return ['requests', 'response_time'].find((k) => count?.[k] !== undefined);
}

// ---- Load Balanced Web Service ----

function checkLoadBalancedWebService(value: unknown, ctx: Ctx): void {
  const m = asMap(value);
  if (!m) return;
  checkEcsWorkload(m, ctx, { windowsNoServiceConnect: true });
  checkTargets(m, ctx);
  if (m.http === undefined) {
    issue(ctx, ['http'], 'a Load Balanced Web Service needs `http` (listener rules), or `http: false` with `nlb`');
  } else if (m.http === false && m.nlb === undefined) {
    issue(ctx, ['http'], '`http: false` turns the Application Load Balancer off: then `nlb` is required');
  }
  const scaling = requestScaling(m);
  if (m.http === false && scaling) {
    issue(ctx, ['count', scaling], `scaling on \`${scaling}\` needs the Application Load Balancer (\`http\`)`);
  }
  const albGrace = asMap(asMap(m.http)?.healthcheck)?.grace_period;
  const nlbGrace = asMap(asMap(m.nlb)?.healthcheck)?.grace_period;
  if (albGrace !== undefined && nlbGrace !== undefined) {
    issue(
      ctx,
      ['nlb', 'healthcheck', 'grace_period'],
      'set `grace_period` in `http.healthcheck` or `nlb.healthcheck`, not both',
    );
  }
}

export const loadBalancedWebServiceSchema = z
  .object({
    ...serviceShape,
    type: z
      .literal('Load Balanced Web Service')
      .describe('An internet-facing ECS service behind an Application and/or Network Load Balancer.'),
    ...z
      .object({
        image: z
          .object({
            ...optionalImageShape,
            port: port.describe('Port the main container listens on; traffic is routed to it.'),
          })
          .superRefine(checkImageSource)
          .describe('The main container: its image, port, health check and labels.'),
        http: z
          .union([z.boolean().describe('false: no Application Load Balancer (then `nlb` is required).'), httpConfig])
          .describe('Application Load Balancer listener rules, or false to go without one.'),
        nlb: nlbConfig,
        count: webCount,
        deployment,
      })
      .partial().shape,
  })
  .superRefine(checkLoadBalancedWebService, ALWAYS)
  .describe('Manifest of a Load Balanced Web Service.');

// ---- Backend Service ----

function checkBackendService(value: unknown, ctx: Ctx): void {
  const m = asMap(value);
  if (!m) return;
  checkEcsWorkload(m, ctx, { windowsNoServiceConnect: true });
  checkTargets(m, ctx);
  const scaling = requestScaling(m);
  if (m.http === undefined && scaling) {
    issue(ctx, ['count', scaling], `scaling on \`${scaling}\` needs an internal load balancer: add \`http\``);
  }
  const alias = asMap(asMap(m.network)?.connect)?.alias;
  if (alias !== undefined && asMap(m.http)?.target_container === undefined && asMap(m.image)?.port === undefined) {
    issue(ctx, ['network', 'connect', 'alias'], 'a Service Connect alias needs a port: set `image.port`');
  }
}

export const backendServiceSchema = z
  .object({
    ...serviceShape,
    type: z
      .literal('Backend Service')
      .describe(
        'An ECS service reachable only from inside the environment (Service Connect, service discovery, internal ALB).',
      ),
    ...z
      .object({
        image: z
          .object({
            ...optionalImageShape,
            port: port.describe('Port the main container listens on, if it serves requests.'),
          })
          .partial({ port: true })
          .superRefine(checkImageSource)
          .describe('The main container: its image, optional port, health check and labels.'),
        http: httpConfig.describe('Listener rules of the environment internal Application Load Balancer.'),
        count: webCount,
        deployment,
      })
      .partial().shape,
  })
  .superRefine(checkBackendService, ALWAYS)
  .describe('Manifest of a Backend Service.');

// ---- Worker Service ----

const fifoQueue = z
  .union([
    z.boolean().describe('Create a FIFO queue.'),
    z
      .object({
        content_based_deduplication: z.boolean().describe('Deduplicate messages by a hash of their body.'),
        deduplication_scope: z
          .enum(['messageGroup', 'queue'])
          .describe('High-throughput FIFO: deduplicate per message group or per queue.'),
        throughput_limit: z
          .enum(['perQueue', 'perMessageGroupId'])
          .describe('High-throughput FIFO: the throughput quota applies per queue or per message group.'),
        high_throughput: z
          .boolean()
          .describe('High-throughput FIFO; excludes deduplication_scope and throughput_limit.'),
      })
      .partial()
      .superRefine((f, ctx) => {
        if (f.high_throughput !== undefined) {
          if (f.deduplication_scope !== undefined) issue(ctx, ['deduplication_scope'], 'excludes `high_throughput`');
          if (f.throughput_limit !== undefined) issue(ctx, ['throughput_limit'], 'excludes `high_throughput`');
        } else if (f.throughput_limit === 'perMessageGroupId' && f.deduplication_scope === 'queue') {
          issue(ctx, ['throughput_limit'], 'must be perQueue when `deduplication_scope` is queue');
        }
      })
      .describe('FIFO queue settings.'),
  ])
  .describe('Make the queue FIFO: true or advanced settings. The topics it subscribes to must be FIFO too.');

const sqsQueue = z
  .object({
    retention: duration.describe('How long a message is kept (60s-336h). Default 4 days.'),
    delay: duration.describe('Delay before a new message can be received (0s-15m). Default 0s.'),
    timeout: duration.describe('Visibility timeout of a received message (0s-12h). Default 30s.'),
    dead_letter: z
      .object({
        tries: z
          .number()
          .int()
          .min(1)
          .max(1000)
          .describe('Failed receives after which a message moves to a dead-letter queue.'),
      })
      .partial()
      .describe('Dead-letter queue.'),
    fifo: fifoQueue,
  })
  .partial()
  .describe('SQS queue settings.');

// Copilot's validation wanted lower-case names, but its own test manifests subscribe to `service4TestTopic`:
// any letter case is accepted, as the manifests Copilot wrote and read back did.
const serviceName = z.string().regex(/^[a-zA-Z](?:[a-zA-Z0-9]|-(?!-))*[a-zA-Z0-9]$/, {
  message: 'expected a service name: letters, digits and single hyphens, starting with a letter',
});

const subscribe = z
  .object({
    topics: z
      .array(
        z
          .object({
            name: z
              .string()
              .regex(/^[a-zA-Z0-9_-]+$/, { message: 'expected letters, digits, hyphens and underscores only' })
              .describe('Name of the topic, as the publishing service declares it.'),
            service: serviceName.describe('The service that publishes the topic.'),
            filter_policy: z
              .record(z.string(), z.unknown())
              .optional()
              .describe('SNS subscription filter policy on message attributes.'),
            queue: z
              .union([z.boolean().describe('true: a queue with default settings for this topic.'), sqsQueue])
              .optional()
              .describe('A queue of its own for this topic, instead of the shared one.'),
          })
          .describe('A topic to subscribe to.'),
      )
      .describe('SNS topics published by services of the environment.'),
    queue: sqsQueue.describe('The queue shared by the topics without a queue of their own; URL in COPILOT_QUEUE_URI.'),
  })
  .partial()
  .describe('Topics the worker subscribes to, and the queue that receives their messages.');

function checkWorkerService(value: unknown, ctx: Ctx): void {
  const m = asMap(value);
  if (!m) return;
  checkEcsWorkload(m, ctx);
  if (asMap(asMap(m.network)?.connect)?.alias !== undefined) {
    issue(
      ctx,
      ['network', 'connect', 'alias'],
      'a Worker Service exposes no port, so it takes no Service Connect alias',
    );
  }
}

export const workerServiceSchema = z
  .object({
    ...serviceShape,
    type: z.literal('Worker Service').describe('An ECS service that processes messages from SQS queues.'),
    ...z
      .object({
        image: z
          .object(optionalImageShape)
          .superRefine(checkImageSource)
          .describe('The main container: its image, health check and labels.'),
        subscribe,
        count: workerCount,
        deployment: workerDeployment,
      })
      .partial().shape,
  })
  .superRefine(checkWorkerService, ALWAYS)
  .describe('Manifest of a Worker Service.');
