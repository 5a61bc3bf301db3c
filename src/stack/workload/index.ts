// Workload stack builders for the ECS workload types: manifest + environment in, CloudFormation template and
// parameter values out. Pure and deterministic; see inputs.ts for what the caller resolves beforehand.
export { buildBackendServiceStack } from './backend';
export { buildLoadBalancedWebServiceStack } from './load-balanced';
export { buildWorkerServiceStack } from './worker';
export { buildScheduledJobStack } from './job';
