// The ECS service of Load Balanced Web, Backend and Worker Services: desired count, capacity, network,
// placement, deployment (circuit breaker, rolling or recreate, rollback alarms), ECS Exec, Service Connect and
// Cloud Map service discovery in the environment's namespace.
import { rangeBounds } from '../../manifest/values';
import { importFromEnv } from '../exports';
import { serviceDiscoveryNamespace } from '../naming';
import { GetAtt, Ref, Sub, compact, resource } from '../template';
import type { Value } from '../template';
import { awsLogs } from './containers';
import { awsvpcConfiguration, capacity, placement } from './network';
import { SERVICE_CONNECT_PORT_NAME } from './ports';
import type { Target } from './ports';
import { allowExec, allowTracing } from './roles';
import { TASK_DEFINITION } from './task-definition';
import type { Workload } from './workload';

export const SERVICE = 'Service';
export const DISCOVERY_SERVICE = 'DiscoveryService';
export const TASK_COUNT = 'TaskCount';

type ServiceManifest = Exclude<Workload['manifest'], { type: 'Scheduled Job' }>;

export interface ServiceOptions {
  /** The container port other services reach (Service Connect server, service discovery); none for workers. */
  target?: Target;
  /** ECS `LoadBalancers` entries (target groups and the container ports they send to). */
  loadBalancers?: Value[];
  /** Listener rules and listeners that must exist before ECS registers the tasks in their target groups. */
  dependsOn?: string[];
  gracePeriodSeconds?: number;
  /** Names of the CloudWatch alarms that roll a deployment back. */
  alarmNames?: Value[];
}

/** The count the service starts with; with autoscaling the deploy passes the live desired count instead. */
export function initialCount(w: Workload): number {
  const m = w.manifest as ServiceManifest;
  const count = m.count;
  if (count === undefined) return 1;
  if (typeof count === 'number') return count;
  if (count.spot !== undefined) return count.spot;
  return rangeBounds(count.range)?.min ?? 1;
}

export function execEnabled(w: Workload): boolean {
  const exec = (w.manifest as ServiceManifest).exec;
  return exec === true || (typeof exec === 'object' && exec.enable === true);
}

function discoveryService(w: Workload, target: Target): Value {
  const awsvpc = w.networkMode === 'awsvpc';
  w.parts.add(
    DISCOVERY_SERVICE,
    resource('AWS::ServiceDiscovery::Service', `Service discovery of ${w.name} in the environment namespace`, {
      Description: Sub('Discovery service of ${WorkloadName}'),
      DnsConfig: {
        RoutingPolicy: 'MULTIVALUE',
        // A records need a task IP (awsvpc); bridge and host tasks are found by SRV records (instance IP + port).
        DnsRecords: awsvpc
          ? [
              { TTL: 10, Type: 'A' },
              { TTL: 10, Type: 'SRV' },
            ]
          : [{ TTL: 10, Type: 'SRV' }],
      },
      HealthCheckCustomConfig: { FailureThreshold: 1 },
      Name: Ref('WorkloadName'),
      NamespaceId: importFromEnv('ServiceDiscoveryNamespaceID'),
    }),
  );
  w.parts.output('DiscoveryServiceARN', {
    Description: 'ARN of the discovery service.',
    Value: GetAtt(DISCOVERY_SERVICE, 'Arn'),
    Export: { Name: Sub('${AWS::StackName}-DiscoveryServiceARN') },
  });
  const registry = GetAtt(DISCOVERY_SERVICE, 'Arn');
  return awsvpc
    ? [{ RegistryArn: registry, Port: target.port }]
    : [{ RegistryArn: registry, ContainerName: target.container, ContainerPort: target.port }];
}

function serviceConnect(w: Workload, target: Target | undefined): Value {
  const connect = (w.manifest as ServiceManifest).network?.connect;
  // Explicitly off, so that turning it off in the manifest turns it off in the service too.
  if (connect === undefined || connect === false) return { Enabled: false };
  const alias = typeof connect === 'object' ? connect.alias : undefined;
  return compact({
    Enabled: true,
    Namespace: serviceDiscoveryNamespace(w.app, w.env),
    LogConfiguration: awsLogs(),
    Services: target
      ? [
          {
            PortName: SERVICE_CONNECT_PORT_NAME,
            // Not the workload's own name: that one is taken by the discovery service in the same namespace.
            DiscoveryName: Sub('${WorkloadName}-sc'),
            ClientAliases: [{ Port: target.port, DnsName: alias ?? w.name }],
          },
        ]
      : undefined,
  });
}

/** Whether Service Connect publishes the target under the `target` port name. */
export function serviceConnectServes(w: Workload): boolean {
  const connect = (w.manifest as ServiceManifest).network?.connect;
  return connect === true || typeof connect === 'object';
}

export function addService(w: Workload, options: ServiceOptions): void {
  const m = w.manifest as ServiceManifest;
  const parts = w.parts;
  parts.param(
    TASK_COUNT,
    { Type: 'Number', Description: 'Desired number of tasks (the live count when autoscaling manages it).' },
    initialCount(w),
  );
  const recreate = m.deployment?.rolling?.toLowerCase() === 'recreate';
  const alarms = options.alarmNames ?? [];
  const exec = execEnabled(w);
  if (exec) allowExec(w);
  if (m.observability?.tracing) allowTracing(w);
  const where = placement(w);
  const loadBalancers = options.loadBalancers ?? [];
  parts.add(
    SERVICE,
    resource(
      'AWS::ECS::Service',
      `An ECS service that keeps the tasks of ${w.name} running`,
      compact({
        Cluster: importFromEnv('ClusterId'),
        TaskDefinition: Ref(TASK_DEFINITION),
        DesiredCount: Ref(TASK_COUNT),
        ...capacity(w),
        PlatformVersion: w.ec2 ? undefined : 'LATEST',
        DeploymentConfiguration: {
          DeploymentCircuitBreaker: { Enable: true, Rollback: true },
          // recreate: stop every old task before starting new ones (for workloads that cannot run twice).
          MinimumHealthyPercent: recreate ? 0 : 100,
          MaximumPercent: recreate ? 100 : 200,
          Alarms: { AlarmNames: alarms, Enable: alarms.length > 0, Rollback: true },
        },
        PropagateTags: 'SERVICE',
        EnableExecuteCommand: exec,
        NetworkConfiguration: w.networkMode === 'awsvpc' ? { AwsvpcConfiguration: awsvpcConfiguration(w) } : undefined,
        PlacementStrategies: where.strategies,
        PlacementConstraints: where.constraints,
        ServiceConnectConfiguration: serviceConnect(w, options.target),
        ServiceRegistries: options.target ? discoveryService(w, options.target) : undefined,
        HealthCheckGracePeriodSeconds: loadBalancers.length > 0 ? (options.gracePeriodSeconds ?? 60) : undefined,
        LoadBalancers: loadBalancers.length > 0 ? loadBalancers : undefined,
      }),
      options.dependsOn && options.dependsOn.length > 0 ? { DependsOn: options.dependsOn } : {},
    ),
  );
}
