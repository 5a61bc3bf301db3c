// Target group settings shared by the Application and Network Load Balancer pieces: the ALB rule's target
// group (health check, protocol version, draining, stickiness) and the health check port rule of bridge tasks.
import type { PathSegment } from '../../manifest/node';
import { durationToMs } from '../../manifest/values';
import { RenderError } from '../inputs';
import { importFromEnv } from '../exports';
import { compact } from '../template';
import type { Value } from '../template';
import { seconds } from './parts';
import type { Target } from './ports';
import type { Workload } from './workload';

/** An ALB routing rule of the manifest (`http` itself or one of `additional_rules`). */
export type HttpRule = {
  path?: string;
  version?: string;
  healthcheck?: string | Record<string, unknown>;
  stickiness?: boolean;
  alias?: string | string[] | { name: string; hosted_zone?: string }[];
  deregistration_delay?: string;
  target_container?: string;
  target_port?: number;
  allowed_source_ips?: string[];
  hosted_zone?: string;
  redirect_to_https?: boolean;
};

/** How the targets are registered: awsvpc tasks by IP, bridge and host tasks by instance and (host) port. */
export function targetType(w: Workload): 'ip' | 'instance' {
  return w.networkMode === 'awsvpc' ? 'ip' : 'instance';
}

/** Properties of the target group of one ALB rule. */
export function albTargetGroup(
  w: Workload,
  rule: HttpRule,
  target: Target,
  path: PathSegment[],
): Record<string, Value> {
  const hc = typeof rule.healthcheck === 'string' ? { path: rule.healthcheck } : (rule.healthcheck ?? {});
  checkHealthCheckPort(w, hc.port, [...path, 'healthcheck', 'port']);
  const s = (d: unknown) => (typeof d === 'string' ? seconds(durationToMs(d)) : undefined);
  const version = rule.version?.toUpperCase();
  const codes = hc.success_codes as string | undefined;
  return compact({
    HealthCheckPath: (hc.path as string | undefined) ?? '/',
    HealthCheckPort: healthCheckPort(w, hc.port),
    Matcher: codes ? (version === 'GRPC' ? { GrpcCode: codes } : { HttpCode: codes }) : undefined,
    HealthyThresholdCount: hc.healthy_threshold as number | undefined,
    UnhealthyThresholdCount: hc.unhealthy_threshold as number | undefined,
    HealthCheckIntervalSeconds: s(hc.interval),
    HealthCheckTimeoutSeconds: s(hc.timeout),
    Port: target.port,
    Protocol: target.port === 443 ? 'HTTPS' : 'HTTP',
    ProtocolVersion: version,
    TargetGroupAttributes: [
      { Key: 'deregistration_delay.timeout_seconds', Value: String(s(rule.deregistration_delay) ?? 60) },
      { Key: 'stickiness.enabled', Value: String(rule.stickiness === true) },
    ],
    TargetType: targetType(w),
    VpcId: importFromEnv('VpcId'),
  });
}

/** Bridge tasks listen on dynamic host ports: their health checks must go to the port traffic goes to. */
export function checkHealthCheckPort(w: Workload, port: unknown, path: PathSegment[]): void {
  if (port !== undefined && w.networkMode === 'bridge') {
    throw new RenderError(
      path,
      'with `network.mode: bridge` each task gets a dynamic host port, so health checks go to the port traffic goes to',
      'remove the health check `port`',
    );
  }
}

export function healthCheckPort(w: Workload, port: unknown): string | undefined {
  if (w.networkMode === 'bridge') return 'traffic-port';
  return port !== undefined ? String(port) : undefined;
}
