// The containers of the task: the main container (named after the workload, always first so that Copilot's
// `taskdef_overrides` indices keep working), the FireLens log router and the X-Ray collector when asked for,
// then the sidecars. Each gets the COPILOT_* variables, its secrets, env file, logs, health check and mounts.
import { durationToMs } from '../../manifest/values';
import { serviceDiscoveryNamespace } from '../naming';
import { ImportValue, Ref, Region, Sub, compact } from '../template';
import type { Value } from '../template';
import { environmentFiles } from './env-files';
import { mainImageSource, resolveImage } from './images';
import type { ImageSource } from './images';
import { logicalIdSafe, seconds } from './parts';
import type { Ports } from './ports';
import { SecretAccess, secretList } from './secrets';
import { mainMountPoints, sidecarMountPoints } from './storage';
import { splitCommand } from './words';
import type { Workload } from './workload';

export const LOG_ROUTER = 'firelens_log_router';
const XRAY_COLLECTOR = 'aws-otel-collector';
const DEFAULT_FLUENT_BIT = 'public.ecr.aws/aws-observability/aws-for-fluent-bit:stable';
const XRAY_IMAGE = 'public.ecr.aws/aws-observability/aws-otel-collector:v0.17.0';

type Variables = Record<string, string | { from_cfn: string }>;
type Healthcheck = NonNullable<NonNullable<Workload['manifest']['image']>['healthcheck']>;

export interface ContainerOptions {
  ports: Ports;
  /** Workload-type variables every container gets (COPILOT_LB_DNS, COPILOT_QUEUE_URI, COPILOT_SNS_TOPIC_ARNS...). */
  variables: Record<string, Value>;
}

export interface TaskContainers {
  definitions: Record<string, Value>[];
  secrets: SecretAccess;
  /** ECR repositories the execution role pulls from. */
  repositories: Value[];
}

/** The awslogs configuration shared by containers and Service Connect: the workload's log group. */
export function awsLogs(): Value {
  return {
    LogDriver: 'awslogs',
    Options: { 'awslogs-region': Region, 'awslogs-group': Ref('LogGroup'), 'awslogs-stream-prefix': 'copilot' },
  };
}

/** Whether `logging` asks for more than a retention: then a FireLens log router routes the main container's logs. */
export function usesLogRouter(w: Workload): boolean {
  return Object.keys(w.manifest.logging ?? {}).some((k) => k !== 'retention');
}

function environment(common: Record<string, Value>, own: Variables | undefined): Value[] {
  const all: Record<string, Value> = { ...common };
  for (const [name, value] of Object.entries(own ?? {})) {
    all[name] = typeof value === 'string' ? value : ImportValue(value.from_cfn);
  }
  return Object.keys(all)
    .sort()
    .map((Name) => ({ Name, Value: all[Name] }));
}

function healthCheck(hc: Healthcheck | undefined): Value {
  if (!hc) return undefined;
  const s = (d: string | undefined, fallback: string) => seconds(durationToMs(d ?? fallback));
  return {
    Command: hc.command ?? ['CMD-SHELL', 'exit 0'],
    Interval: s(hc.interval, '10s'),
    Retries: hc.retries ?? 2,
    StartPeriod: s(hc.start_period, '0s'),
    Timeout: s(hc.timeout, '5s'),
  };
}

function dependsOn(deps: Record<string, string> | undefined): Value {
  const names = Object.keys(deps ?? {}).sort();
  if (names.length === 0) return undefined;
  return names.map((ContainerName) => ({ ContainerName, Condition: deps![ContainerName].toUpperCase() }));
}

function labels(map: Record<string, string> | undefined): Value {
  return map && Object.keys(map).length > 0 ? map : undefined;
}

function mountPointsVariable(mounts: { ContainerPath: string; SourceVolume: string }[]): Record<string, Value> {
  if (mounts.length === 0) return {};
  const json = Object.fromEntries(mounts.map((m) => [m.SourceVolume, m.ContainerPath]));
  return { COPILOT_MOUNT_POINTS: JSON.stringify(json) };
}

export function taskContainers(w: Workload, options: ContainerOptions): TaskContainers {
  const m = w.manifest;
  const access = new SecretAccess();
  const repositories: Value[] = [];
  const image = (container: string, source: ImageSource) => {
    const resolved = resolveImage(w, container, source);
    if (resolved.repositoryArn !== undefined) repositories.push(resolved.repositoryArn);
    return resolved.image;
  };
  const common: Record<string, Value> = {
    COPILOT_APPLICATION_NAME: Sub('${AppName}'),
    COPILOT_ENVIRONMENT_NAME: Sub('${EnvName}'),
    COPILOT_SERVICE_NAME: Sub('${WorkloadName}'),
    COPILOT_SERVICE_DISCOVERY_ENDPOINT: serviceDiscoveryNamespace(w.app, w.env),
    ...options.variables,
  };
  const credentials = (arn: string | undefined) => {
    if (!arn) return undefined;
    access.addArn(arn);
    return { CredentialsParameter: arn };
  };
  const logging = m.logging;
  const router = usesLogRouter(w);
  const mainMounts = mainMountPoints(w);

  const main = compact({
    Name: w.name,
    Image: image(w.name, mainImageSource(w)),
    Essential: true,
    EntryPoint: splitCommand(m.entrypoint),
    Command: splitCommand(m.command),
    Environment: environment({ ...common, ...mountPointsVariable(mainMounts) }, m.variables),
    Secrets: secretList(m.secrets, access),
    EnvironmentFiles: m.env_file ? environmentFiles(w, 'EnvFileARN', w.name) : undefined,
    LogConfiguration: router
      ? compact({
          LogDriver: 'awsfirelens',
          Options:
            logging?.destination && Object.keys(logging.destination).length > 0 ? logging.destination : undefined,
          SecretOptions: secretList(logging?.secretOptions, access),
        })
      : awsLogs(),
    PortMappings: options.ports.mappings(w.name, w.networkMode),
    MountPoints: mainMounts.length > 0 ? mainMounts : undefined,
    DockerLabels: labels(m.image?.labels),
    DependsOn: dependsOn(m.image?.depends_on),
    HealthCheck: healthCheck(m.image?.healthcheck),
    ReadonlyRootFilesystem: m.storage?.readonly_fs ? true : undefined,
    RepositoryCredentials: credentials(m.image?.credentials),
  });
  const definitions: Record<string, Value>[] = [main];

  if (router && logging) {
    const options: Record<string, string> = { 'enable-ecs-log-metadata': String(logging.enableMetadata ?? true) };
    if (logging.configFilePath) {
      options['config-file-type'] = 'file';
      options['config-file-value'] = logging.configFilePath;
    }
    definitions.push(
      compact({
        Name: LOG_ROUTER,
        Image: logging.image ?? DEFAULT_FLUENT_BIT,
        Essential: true,
        Environment: environment(common, logging.variables),
        Secrets: secretList(logging.secrets, access),
        EnvironmentFiles: logging.env_file ? environmentFiles(w, 'LoggingEnvFileARN', LOG_ROUTER) : undefined,
        FirelensConfiguration: { Type: 'fluentbit', Options: options },
        LogConfiguration: awsLogs(),
      }),
    );
  }

  if (m.type !== 'Scheduled Job' && m.observability?.tracing) {
    definitions.push({
      Name: XRAY_COLLECTOR,
      Image: XRAY_IMAGE,
      Essential: true,
      Command: ['--config=/etc/ecs/ecs-xray.yaml'],
      LogConfiguration: awsLogs(),
    });
  }

  for (const name of Object.keys(m.sidecars ?? {}).sort()) {
    const sc = m.sidecars![name];
    const source: ImageSource =
      typeof sc.image === 'string'
        ? { location: sc.image }
        : sc.image.location
          ? { location: sc.image.location }
          : { build: true };
    const mounts = sidecarMountPoints(w, name);
    definitions.push(
      compact({
        Name: name,
        Image: image(name, source),
        Essential: sc.essential ?? true,
        EntryPoint: splitCommand(sc.entrypoint),
        Command: splitCommand(sc.command),
        Environment: environment({ ...common, ...mountPointsVariable(mounts) }, sc.variables),
        Secrets: secretList(sc.secrets, access),
        EnvironmentFiles: sc.env_file ? environmentFiles(w, `EnvFileARNFor${logicalIdSafe(name)}`, name) : undefined,
        LogConfiguration: awsLogs(),
        PortMappings: options.ports.mappings(name, w.networkMode),
        MountPoints: mounts.length > 0 ? mounts : undefined,
        DockerLabels: labels(sc.labels),
        DependsOn: dependsOn(sc.depends_on),
        HealthCheck: healthCheck(sc.healthcheck),
        RepositoryCredentials: credentials(sc.credentialsParameter),
      }),
    );
  }
  return { definitions, secrets: access, repositories };
}
