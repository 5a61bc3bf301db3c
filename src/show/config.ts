// A deployed workload's configuration in one environment, from what ECS runs (the service and its registered
// task definition) or, for App Runner, from the deployed template. Variables and secrets by name only.
import type { Service, TaskDefinition } from '@aws-sdk/client-ecs';
import { literal, ParsedTemplate } from '../status/cfn-template';
import { taskDefinitionName } from '../status/rollout';
import type { ContainerConfig, WorkloadEnvironmentView } from './model';

export type Configuration = Omit<WorkloadEnvironmentView, 'env' | 'stack' | 'endpoints' | 'resources'>;

export const emptyConfiguration = (): Configuration => ({
  capacityProviders: [],
  placement: { strategies: [], constraints: [] },
  containers: [],
});

function containersOf(td: TaskDefinition): ContainerConfig[] {
  return (td.containerDefinitions ?? []).map((c) => ({
    name: c.name ?? '',
    image: c.image,
    ports: (c.portMappings ?? []).map((p) => p.containerPort).filter((p): p is number => p !== undefined),
    variables: (c.environment ?? [])
      .map((e) => e.name ?? '')
      .filter(Boolean)
      .sort(),
    secrets: (c.secrets ?? [])
      .map((s) => ({ name: s.name ?? '', from: s.valueFrom ?? '' }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  }));
}

/** From the ECS service (absent for jobs) and the task definition it runs. */
export function ecsConfiguration(td: TaskDefinition | undefined, service: Service | undefined): Configuration {
  const platform = td?.runtimePlatform;
  return {
    cpu: td?.cpu,
    memory: td?.memory,
    desiredCount: service?.desiredCount,
    platform: platform
      ? [platform.operatingSystemFamily, platform.cpuArchitecture].filter(Boolean).join('/') || undefined
      : undefined,
    launchType: service?.launchType ?? (service ? undefined : td?.requiresCompatibilities?.join(', ')),
    capacityProviders: (service?.capacityProviderStrategy ?? []).map((p) =>
      p.weight !== undefined || p.base
        ? `${p.capacityProvider} (weight ${p.weight ?? 0}, base ${p.base ?? 0})`
        : (p.capacityProvider ?? ''),
    ),
    networkMode: td?.networkMode,
    placement: {
      strategies: (service?.placementStrategy ?? []).map((s) => [s.type, s.field].filter(Boolean).join(':')),
      constraints: (service?.placementConstraints ?? []).map((c) => [c.type, c.expression].filter(Boolean).join(':')),
    },
    taskDefinition: td?.taskDefinitionArn ? taskDefinitionName(td.taskDefinitionArn) : undefined,
    containers: td ? containersOf(td) : [],
  };
}

type Named = { Name?: unknown; Value?: unknown };

const names = (list: unknown): string[] =>
  Array.isArray(list)
    ? (list as Named[])
        .map((v) => String(v.Name ?? ''))
        .filter(Boolean)
        .sort()
    : [];

/** App Runner: size, image, variables and secrets as the template declares them. */
export function appRunnerConfiguration(template: ParsedTemplate, parameters: Record<string, string>): Configuration {
  const p = template.Resources?.Service?.Properties ?? {};
  const instance = (p.InstanceConfiguration ?? {}) as Record<string, unknown>;
  const repo = ((p.SourceConfiguration as Record<string, unknown> | undefined)?.ImageRepository ?? {}) as Record<
    string,
    unknown
  >;
  const image = (repo.ImageConfiguration ?? {}) as Record<string, unknown>;
  const secrets = Array.isArray(image.RuntimeEnvironmentSecrets) ? (image.RuntimeEnvironmentSecrets as Named[]) : [];
  const port = Number(literal(image.Port, parameters));
  return {
    ...emptyConfiguration(),
    cpu: literal(instance.Cpu, parameters),
    memory: literal(instance.Memory, parameters),
    containers: [
      {
        name: 'service',
        image: literal(repo.ImageIdentifier, parameters),
        ports: Number.isFinite(port) && port > 0 ? [port] : [],
        variables: names(image.RuntimeEnvironmentVariables),
        secrets: secrets
          .map((s) => ({ name: String(s.Name ?? ''), from: literal(s.Value, parameters) ?? '(from the template)' }))
          .filter((s) => s.name)
          .sort((a, b) => a.name.localeCompare(b.name)),
      },
    ],
  };
}

/**
 * Fills what the live task definition lacks from the deployed template's (`Cpu`, `Memory`, `NetworkMode`,
 * `RuntimePlatform`): a task definition registered outside CloudFormation's full set of properties (as by
 * local emulators) still shows its declared size.
 */
export function withTemplateDefaults(
  config: Configuration,
  template: ParsedTemplate,
  parameters: Record<string, string>,
): Configuration {
  const td = template.Resources?.TaskDefinition;
  if (td?.Type !== 'AWS::ECS::TaskDefinition') return config;
  const p = td.Properties ?? {};
  const platform = (p.RuntimePlatform ?? {}) as Record<string, unknown>;
  const declared = [literal(platform.OperatingSystemFamily, parameters), literal(platform.CpuArchitecture, parameters)];
  return {
    ...config,
    cpu: config.cpu ?? literal(p.Cpu, parameters),
    memory: config.memory ?? literal(p.Memory, parameters),
    networkMode: config.networkMode ?? literal(p.NetworkMode, parameters),
    platform: config.platform ?? (declared.filter(Boolean).join('/') || undefined),
  };
}
