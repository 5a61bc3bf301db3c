// Backend Service: an ECS service reachable inside the environment through Service Connect, service discovery
// and, with `http`, the environment's internal Application Load Balancer.
import type { BackendServiceInput } from '../inputs';
import type { RenderedStack } from '../template';
import { addAlbRouting } from './alb';
import { mainTarget, renderEcsService, routes } from './ecs-service';
import { declaredPorts } from './ports';
import { finishStack } from './stack';
import { addTopics } from './topics';
import { workloadOf } from './workload';

export function buildBackendServiceStack(input: BackendServiceInput): RenderedStack {
  const w = workloadOf(input);
  const ports = declaredPorts(w);
  const variables = addTopics(w);
  const http = w.manifest.http;
  const alb = routes(http) ? addAlbRouting(w, http, 'internal', ports) : undefined;
  if (alb) variables.COPILOT_LB_DNS = alb.dnsName;
  renderEcsService(w, {
    ports,
    variables,
    target: alb?.target ?? mainTarget(w),
    loadBalancers: alb?.loadBalancers,
    listeners: alb?.listenerRules,
    gracePeriodSeconds: alb?.gracePeriodSeconds,
    scaling: { loadBalancer: alb?.loadBalancer },
  });
  return finishStack(w);
}
