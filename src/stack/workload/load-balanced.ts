// Load Balanced Web Service: an ECS service behind the environment's public Application Load Balancer (`http`), or
// an existing one (`http.alb`), and/or a Network Load Balancer of its own (`nlb`).
import type { LoadBalancedWebServiceInput } from '../inputs';
import type { RenderedStack } from '../template';
import { addAlbRouting } from './alb';
import { mainTarget, renderEcsService, routes } from './ecs-service';
import { addNlb } from './nlb';
import { declaredPorts } from './ports';
import { finishStack } from './stack';
import { addTopics } from './topics';
import { workloadOf } from './workload';

export function buildLoadBalancedWebServiceStack(input: LoadBalancedWebServiceInput): RenderedStack {
  const w = workloadOf(input);
  const m = w.manifest;
  const ports = declaredPorts(w);
  const variables = addTopics(w);
  const alb = routes(m.http) ? addAlbRouting(w, m.http, 'public', ports) : undefined;
  if (alb) variables.COPILOT_LB_DNS = alb.dnsName;
  const nlb = m.nlb ? addNlb(w, m.nlb, ports) : undefined;
  renderEcsService(w, {
    ports,
    variables,
    target: alb?.target ?? nlb?.target ?? mainTarget(w),
    loadBalancers: [...(alb?.loadBalancers ?? []), ...(nlb?.loadBalancers ?? [])],
    listeners: [...(alb?.listenerRules ?? []), ...(nlb?.listeners ?? [])],
    // The schema allows a grace period in one of the two health checks only.
    gracePeriodSeconds: alb?.gracePeriodSeconds ?? nlb?.gracePeriodSeconds,
    scaling: { loadBalancer: alb?.loadBalancer },
  });
  return finishStack(w);
}
