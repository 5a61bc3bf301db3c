// `deploy_to: ecs-express`: the same manifest as an Amazon ECS Express Mode service
// (AWS::ECS::ExpressGatewayService) for accounts that can no longer create App Runner services. Express Mode
// creates the load balancer, target group, security groups, certificate and scaling policy itself; this stack
// provides the roles, the log group, the container and the network.
import type { PathSegment } from '../../manifest/node';
import { importFromEnv } from '../exports';
import { RenderError, RenderWarnings, RequestDrivenWebServiceInput } from '../inputs';
import { logGroupName } from '../naming';
import { GetAtt, Output, Ref, Resource, Value, compact, resource } from '../template';
import type { Rendered } from './app-runner';
import { splitCommand } from './command';
import {
  ImportedParameters,
  Manifest,
  environmentVariables,
  placementSubnets,
  privateSubnets,
  publicSubnets,
  serviceDiscoveryVariable,
  serviceImage,
} from './common';
import { DENY_IAM, inlinePolicy, managedPolicy, trustedBy } from './iam';
import { publishedTopics } from './publish';
import { secretReadStatements, secretReferences } from './secrets';

/** A manifest field the target ignores, reported to the user by the deploy (template Metadata). */
export interface IgnoredField {
  path: string;
  message: string;
}

/**
 * Scaling when the manifest cannot say (it has no field for it): from one task up to 25, App Runner's default
 * maximum, so a service that scaled that far there still can; on Express Mode's default metric and target
 * (average CPU at 60%).
 */
export const EXPRESS_SCALING = {
  MinTaskCount: 1,
  MaxTaskCount: 25,
  AutoScalingMetric: 'AVERAGE_CPU',
  AutoScalingTargetValue: 60,
};

/** Days the container logs are kept, as Copilot kept them. */
const LOG_RETENTION_DAYS = 30;

function unsupported(path: PathSegment[], what: string): never {
  throw new RenderError(
    path,
    `${what} is not supported by Amazon ECS Express Mode (deploy_to: ecs-express)`,
    'remove it for this environment (environments.<env>), or deploy to App Runner where the account still can',
  );
}

/** Express Mode checks health over HTTP on a path only; it has no thresholds or timing to set. */
function healthCheckPath(manifest: Manifest): string {
  const check = manifest.http?.healthcheck;
  if (check === undefined) return '/';
  if (typeof check === 'string') return check;
  for (const field of ['healthy_threshold', 'unhealthy_threshold', 'interval', 'timeout'] as const) {
    if (check[field] !== undefined) unsupported(['http', 'healthcheck', field], `\`http.healthcheck.${field}\``);
  }
  return check.path ?? '/';
}

/**
 * Fargate size: Copilot's 1 vCPU / 2 GB when neither is set; when one is set, the schema checked it against
 * Fargate's default for the other (256 CPU, 512 MiB), so that default is used here too.
 */
function taskSize(manifest: Manifest): { cpu: number; memory: number } {
  if (manifest.cpu === undefined && manifest.memory === undefined) return { cpu: 1024, memory: 2048 };
  return { cpu: manifest.cpu ?? 256, memory: manifest.memory ?? 512 };
}

/**
 * Where the tasks run. Express Mode makes its load balancer internet-facing when given public subnets and
 * internal when given private ones only, so the service stays in the public subnets unless `http.private` asks
 * for the inside of the VPC. Joining the VPC (`network.vpc.placement`) adds the environment security group,
 * which the environment's services accept traffic from; chosen subnet IDs are used as given.
 */
function network(manifest: Manifest, warnings: RenderWarnings, imported: ImportedParameters): Record<string, Value> {
  const environmentGroup = [importFromEnv('EnvironmentSecurityGroup')];
  const isPrivate = manifest.http?.private;
  if (typeof isPrivate === 'object') unsupported(['http', 'private', 'endpoint'], 'an App Runner VPC endpoint');
  if (isPrivate === true) return { Subnets: privateSubnets(), SecurityGroups: environmentGroup };
  const placement = placementSubnets(manifest, warnings, imported);
  if (placement === undefined) return { Subnets: publicSubnets() };
  const chosen = manifest.network?.vpc?.placement !== 'private';
  return { Subnets: chosen ? placement : publicSubnets(), SecurityGroups: environmentGroup };
}

export function expressService(
  input: RequestDrivenWebServiceInput,
  warnings: RenderWarnings,
  imported: ImportedParameters,
): Rendered & { ignored: IgnoredField[] } {
  const { manifest } = input;
  if (manifest.http?.alias !== undefined) unsupported(['http', 'alias'], 'a custom domain (`http.alias`)');
  if (manifest.observability?.tracing !== undefined) unsupported(['observability', 'tracing'], 'X-Ray tracing');
  const ignored: IgnoredField[] = [];
  if (manifest.count !== undefined) {
    ignored.push({
      path: 'count',
      message:
        `names an App Runner auto scaling configuration (${manifest.count}); ECS Express Mode scales from ` +
        `${EXPRESS_SCALING.MinTaskCount} to ${EXPRESS_SCALING.MaxTaskCount} tasks on average CPU instead`,
    });
  }

  const resources: Record<string, Resource> = {};
  const outputs: Record<string, Output> = {};
  const image = serviceImage(input);
  const secrets = secretReferences(manifest);
  const topics = publishedTopics(manifest);
  const size = taskSize(manifest);
  const net = network(manifest, warnings, imported);

  // The role Express Mode acts with to create and later delete the load balancer, security groups, certificate
  // and scaling policy; AWS documents its managed policy for exactly this.
  resources.InfrastructureRole = resource('AWS::IAM::Role', 'IAM role ECS uses to manage the Express Mode resources', {
    AssumeRolePolicyDocument: trustedBy('ecs.amazonaws.com'),
    ManagedPolicyArns: [managedPolicy('service-role/AmazonECSInfrastructureRoleforExpressGatewayServices')],
  });

  const readSecrets = secretReadStatements(secrets);
  resources.ExecutionRole = resource(
    'AWS::IAM::Role',
    'IAM role ECS uses to pull the image, write logs and read the secrets',
    compact({
      AssumeRolePolicyDocument: trustedBy('ecs-tasks.amazonaws.com'),
      ManagedPolicyArns: [managedPolicy('service-role/AmazonECSTaskExecutionRolePolicy')],
      Policies: readSecrets.length > 0 ? [inlinePolicy('ReadSecrets', readSecrets)] : undefined,
    }),
  );

  const taskPolicies = [DENY_IAM];
  if (topics.arns.length > 0) {
    taskPolicies.push(inlinePolicy('Publish2SNS', [{ Effect: 'Allow', Action: 'sns:Publish', Resource: topics.arns }]));
  }
  resources.TaskRole = resource('AWS::IAM::Role', 'IAM role of the containers of the service', {
    AssumeRolePolicyDocument: trustedBy('ecs-tasks.amazonaws.com'),
    Policies: taskPolicies,
  });

  // Copilot's log group name, so `svc logs` reads this service like any other ECS service.
  resources.LogGroup = resource('AWS::Logs::LogGroup', 'Log group of the containers', {
    LogGroupName: logGroupName(input.app, input.env, input.name),
    RetentionInDays: LOG_RETENTION_DAYS,
  });

  const variables = environmentVariables(input, [
    serviceDiscoveryVariable(input),
    ...(topics.variable ? [topics.variable] : []),
  ]);
  resources.Service = resource('AWS::ECS::ExpressGatewayService', 'ECS Express Mode service running the containers', {
    ServiceName: `${input.app}-${input.env}-${input.name}`,
    Cluster: importFromEnv('ClusterId'),
    InfrastructureRoleArn: GetAtt('InfrastructureRole', 'Arn'),
    ExecutionRoleArn: GetAtt('ExecutionRole', 'Arn'),
    TaskRoleArn: GetAtt('TaskRole', 'Arn'),
    Cpu: String(size.cpu),
    Memory: String(size.memory),
    HealthCheckPath: healthCheckPath(manifest),
    NetworkConfiguration: net,
    PrimaryContainer: compact({
      Image: image.identifier,
      ContainerPort: manifest.image?.port,
      Command: manifest.command === undefined ? undefined : splitCommand(manifest.command, ['command']),
      Environment: variables,
      Secrets: secrets.length > 0 ? secrets.map((s) => ({ Name: s.name, ValueFrom: s.valueFrom })) : undefined,
      AwsLogsConfiguration: { LogGroup: Ref('LogGroup'), LogStreamPrefix: 'copilot' },
    }),
    ScalingTarget: EXPRESS_SCALING,
  });
  Object.assign(resources, topics.resources);

  outputs.ServiceArn = { Description: 'ARN of the ECS Express Mode service.', Value: GetAtt('Service', 'ServiceArn') };
  // The endpoint Express Mode gives the service (on an AWS domain, with its own certificate).
  outputs.ServiceURL = { Description: 'Endpoint of the service.', Value: GetAtt('Service', 'Endpoint') };
  return { resources, outputs, ignored };
}
