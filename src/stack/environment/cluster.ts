// The ECS cluster every workload of the environment runs in, and the Cloud Map namespace services find each
// other through (`<svc>.<env>.<app>.local`).
import { serviceDiscoveryNamespace } from '../naming';
import { compact, resource } from '../template';
import { EnvContext } from './parts';

/** Fargate's capacity providers, always available to the cluster's workloads. */
export const FARGATE_PROVIDERS = ['FARGATE', 'FARGATE_SPOT'];

function containerInsights(setting: boolean | 'enhanced' | undefined): string | undefined {
  if (setting === undefined) return undefined;
  if (setting === 'enhanced') return 'enhanced';
  return setting ? 'enabled' : 'disabled';
}

export function addCluster(ctx: EnvContext): void {
  const insights = containerInsights(ctx.manifest.observability?.container_insights);
  ctx.parts.add(
    'Cluster',
    resource(
      'AWS::ECS::Cluster',
      'An ECS cluster for the services and jobs of the environment',
      compact({
        // With EC2 capacity the providers are set by one ClusterCapacityProviderAssociations resource instead:
        // two resources managing the same cluster setting would undo each other's changes.
        CapacityProviders: ctx.manifest.capacity?.ec2 ? undefined : FARGATE_PROVIDERS,
        Configuration: { ExecuteCommandConfiguration: { Logging: 'DEFAULT' } }, // `svc exec` sessions
        ClusterSettings: insights ? [{ Name: 'containerInsights', Value: insights }] : undefined,
      }),
    ),
  );
  ctx.parts.add(
    'ServiceDiscoveryNamespace',
    resource('AWS::ServiceDiscovery::PrivateDnsNamespace', 'A private DNS namespace for service discovery', {
      Name: serviceDiscoveryNamespace(ctx.app, ctx.env),
      Vpc: ctx.network.vpcId,
    }),
  );
}
