// Load balancer sections of the ECS services: `http` (Application Load Balancer listener rules, public for a
// Load Balanced Web Service and internal for a Backend Service) and `nlb` (Network Load Balancer).
import { z } from 'zod';
import { duration, port } from './primitives';
import { issue } from './workload-common';
import { asMap } from '../values';

const threshold = (what: string) => z.number().int().min(2).max(10).describe(what);

const httpHealthcheckArgs = z
  .object({
    path: z.string().describe('Path the health check requests go to. Default /.'),
    port: port.describe('Port the health check requests go to. Default: the port traffic goes to.'),
    success_codes: z
      .string()
      .describe('HTTP codes of a healthy answer, e.g. "200", "200,202" or "200-299". Default 200.'),
    healthy_threshold: threshold('Successes in a row before an unhealthy target is healthy (2-10). Default 5.'),
    unhealthy_threshold: threshold('Failures in a row before a target is unhealthy (2-10). Default 2.'),
    timeout: duration.describe('Time without an answer after which a check fails. Default 5s.'),
    interval: duration.describe('Time between two checks of a target. Default 30s.'),
    grace_period: duration.describe('Time after a task starts during which failed checks are ignored. Default 60s.'),
  })
  .partial()
  .describe('Target group health check settings.');

const httpHealthcheck = z
  .union([z.string().describe('Path the health check requests go to.'), httpHealthcheckArgs])
  .describe('Target group health check: a path, or the full settings. Default path /.');

export const alias = z
  .union([
    z.string().describe('A domain name.'),
    z.array(z.string()).describe('Domain names.'),
    z
      .array(
        z
          .object({
            name: z.string().min(1).describe('The domain name.'),
            hosted_zone: z.string().optional().describe('ID of the hosted zone to add the record to.'),
          })
          .describe('A domain name and its hosted zone.'),
      )
      .describe('Domain names with their hosted zones.'),
  ])
  .describe('HTTPS domain names (aliases) of the service.');

/** The number of aliases a value of `alias` names. */
function aliasCount(value: unknown): number {
  if (typeof value === 'string') return value === '' ? 0 : 1;
  return Array.isArray(value) ? value.length : 0;
}

const IPV4_CIDR = /^((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\/(3[0-2]|[12]?\d)$/;
const IPV6_CIDR = /^[0-9a-fA-F:]*:[0-9a-fA-F:.]*\/(12[0-8]|1[01]\d|[1-9]?\d)$/;

const routingRuleShape = {
  path: z.string().describe('Requests to this path are forwarded to the service; "/" for all.'),
  version: z
    .string()
    .regex(/^(grpc|http1|http2)$/i, { message: 'expected grpc, http1 or http2' })
    .describe('Protocol version between the load balancer and the targets: http1 (default), http2 or grpc.'),
  healthcheck: httpHealthcheck,
  stickiness: z.boolean().describe('Sticky sessions: route a client to the same task.'),
  alias,
  deregistration_delay: duration.describe(
    'Time to let a deregistered target drain its connections (0s-3600s). Default 60s.',
  ),
  target_container: z.string().describe('Container that receives the traffic. Default: the main container.'),
  target_port: port.describe('Container port that receives the traffic. Default: the port of the target container.'),
  allowed_source_ips: z
    .array(
      z
        .string()
        .refine((ip) => IPV4_CIDR.test(ip) || IPV6_CIDR.test(ip), {
          message: 'expected a CIDR block such as 10.0.0.0/16',
        })
        .describe('A CIDR block.'),
    )
    .describe('CIDR blocks allowed to reach the service; others get 403.'),
  hosted_zone: z.string().describe('ID of the hosted zone to add the alias records to; needs `alias`.'),
  redirect_to_https: z.boolean().describe('Redirect HTTP to HTTPS when the service has an alias. Default true.'),
};

/** Rules of one listener rule (the main one or an additional one); `path` is relative to `http`. */
function checkRule(rule: Record<string, unknown>, ctx: z.core.$RefinementCtx, at: (string | number)[]): void {
  if (rule.path === undefined) issue(ctx, [...at, 'path'], 'a listener rule needs `path` ("/" for every request)');
  if (rule.hosted_zone !== undefined && aliasCount(rule.alias) === 0) {
    issue(ctx, [...at, 'hosted_zone'], '`hosted_zone` needs `alias`');
  }
  const ips = Array.isArray(rule.allowed_source_ips) ? rule.allowed_source_ips.length : 0;
  if (aliasCount(rule.alias) + ips >= 5) {
    issue(
      ctx,
      [...at, 'alias'],
      `a listener rule takes at most 4 aliases and source IPs together, got ${aliasCount(rule.alias) + ips}`,
    );
  }
}

const additionalRule = z.object(routingRuleShape).partial().describe('An additional listener rule.');

const httpShape = {
  ...routingRuleShape,
  alb: z.string().describe('ARN or name of an existing load balancer to add the listener rules to.'),
  targetContainer: z.string().describe('Deprecated spelling of `target_container`.'),
  additional_rules: z.array(additionalRule).describe('More listener rules, each with its own path and target.'),
};

export const httpConfig = z
  .object(httpShape)
  .partial()
  .superRefine((value, ctx) => {
    const http = asMap(value) ?? {};
    if (Object.keys(http).some((k) => k !== 'alb')) checkRule(http, ctx, []);
    if (http.target_container !== undefined && http.targetContainer !== undefined) {
      issue(ctx, ['targetContainer'], '`targetContainer` is the old spelling of `target_container`: keep one');
    }
    const rules = Array.isArray(http.additional_rules) ? http.additional_rules : [];
    rules.forEach((r, i) => {
      const rule = asMap(r);
      if (!rule) return;
      checkRule(rule, ctx, ['additional_rules', i]);
      if (asMap(rule.healthcheck)?.grace_period !== undefined) {
        issue(
          ctx,
          ['additional_rules', i, 'healthcheck', 'grace_period'],
          '`grace_period` can only be set on the main rule (http.healthcheck)',
        );
      }
    });
  })
  .describe('Application Load Balancer listener rules that route requests to the service.');

// ---- Network Load Balancer ----

const nlbHealthcheck = z
  .object({
    port: port.describe('Port the health checks go to. Default: the target port.'),
    healthy_threshold: threshold('Successes in a row before an unhealthy target is healthy (2-10). Default 3.'),
    unhealthy_threshold: threshold('Failures in a row before a target is unhealthy (2-10). Default 3.'),
    timeout: duration.describe('Time without an answer after which a check fails. Default 10s.'),
    interval: duration.describe('Time between two checks: 10s or 30s. Default 30s.'),
    grace_period: duration.describe('Time after a task starts during which failed checks are ignored. Default 60s.'),
  })
  .partial()
  .describe('TCP health check of the targets.');

const listenerShape = {
  port: z
    .string()
    .regex(/^\d{1,5}(\/(tcp|udp|tls))?$/i, { message: 'expected a port and protocol such as "80/tcp" or "443/tls"' })
    .describe('Port and protocol the load balancer listens on: 80, 80/tcp, 53/udp or 443/tls (default tcp).'),
  healthcheck: nlbHealthcheck,
  target_container: z.string().optional().describe('Container that receives the traffic. Default: the main container.'),
  target_port: port.optional().describe('Container port that receives the traffic. Default: the listener port.'),
  ssl_policy: z.string().optional().describe('TLS security policy of a tls listener.'),
  stickiness: z.boolean().optional().describe('Route a client to the same target.'),
  deregistration_delay: duration
    .optional()
    .describe('Time to let a deregistered target drain its connections. Default 60s.'),
};

const nlbListener = z
  .object({ ...listenerShape, healthcheck: nlbHealthcheck.optional() })
  .describe('An additional listener.');

export const nlbConfig = z
  .object({
    ...listenerShape,
    healthcheck: nlbHealthcheck.optional(),
    alias: alias.optional().describe('Domain names of the Network Load Balancer (no hosted_zone).'),
    additional_listeners: z
      .array(nlbListener)
      .optional()
      .describe('More listeners, each with its own port and target.'),
  })
  .superRefine((nlb, ctx) => {
    if (Array.isArray(nlb.alias)) {
      nlb.alias.forEach((a, i) => {
        if (asMap(a)?.hosted_zone !== undefined)
          issue(ctx, ['alias', i, 'hosted_zone'], '`hosted_zone` is not supported for a Network Load Balancer');
      });
    }
    (nlb.additional_listeners ?? []).forEach((l, i) => {
      if (l.healthcheck?.grace_period !== undefined) {
        issue(
          ctx,
          ['additional_listeners', i, 'healthcheck', 'grace_period'],
          '`grace_period` can only be set on the main listener (nlb.healthcheck)',
        );
      }
    });
  })
  .describe('A Network Load Balancer in front of the service (TCP, UDP or TLS).');
