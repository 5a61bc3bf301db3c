// What the three ECS service types share once their routing is known: the task definition, the rollback
// alarms, the service itself and its autoscaling.
import type { Value } from '../template';
import type { HttpConfig } from './alb';
import { rollbackAlarms } from './alarms';
import { addAutoscaling } from './autoscaling';
import type { ScalingOptions } from './autoscaling';
import { ownPort } from './ports';
import type { Ports, Target } from './ports';
import { addService, serviceConnectServes } from './service';
import { addTaskDefinition } from './task-definition';
import type { Workload } from './workload';

/** Whether an `http` section routes anything (an empty map does not). */
export function routes(http: HttpConfig | undefined | boolean): http is HttpConfig {
  return typeof http === 'object' && Object.keys(http).length > 0;
}

/** The main container's own port as a target, for services without load balancer rules. */
export function mainTarget(w: Workload): Target | undefined {
  const port = ownPort(w, w.name);
  return port === undefined ? undefined : { container: w.name, port, protocol: 'tcp' };
}

export interface EcsServiceOptions {
  ports: Ports;
  /** Workload-type variables of every container (COPILOT_LB_DNS, COPILOT_QUEUE_URI, ...). */
  variables: Record<string, Value>;
  /** What Service Connect and service discovery publish. */
  target?: Target;
  /** Target groups the service registers its tasks in, and the listener (rules) that must exist first. */
  loadBalancers?: Value[];
  listeners?: string[];
  gracePeriodSeconds?: number;
  scaling?: ScalingOptions;
  /** Logical ID of the queue whose delayed messages may roll a deployment back (workers). */
  queue?: string;
}

export function renderEcsService(w: Workload, options: EcsServiceOptions): void {
  const { ports, target } = options;
  if (target && serviceConnectServes(w)) ports.serviceConnect = target;
  addTaskDefinition(w, { ports, variables: options.variables });
  addService(w, {
    target,
    loadBalancers: options.loadBalancers,
    dependsOn: options.listeners,
    gracePeriodSeconds: options.gracePeriodSeconds,
    alarmNames: rollbackAlarms(w, options.queue),
  });
  addAutoscaling(w, options.scaling);
}
