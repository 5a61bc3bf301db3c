// `deploy_to: app-runner` (the default): the service as Copilot deployed it, an AWS::AppRunner::Service with the
// roles, VPC connector, private endpoint and tracing configuration it needs. Logical IDs are Copilot's.
import { durationToMs } from '../../manifest/values';
import type { PathSegment } from '../../manifest/node';
import { importFromEnv } from '../exports';
import { RenderError, RenderWarnings, RequestDrivenWebServiceInput } from '../inputs';
import { vpcEndpointId } from '../environment/ids';
import { GetAtt, Output, Ref, Resource, Sub, Value, compact, resource } from '../template';
import {
  IMPORTED_PARAMETERS,
  ImportedParameters,
  Manifest,
  environmentVariables,
  placementSubnets,
  privateSubnets,
  serviceDiscoveryVariable,
  serviceImage,
} from './common';
import { DENY_IAM, Statement, inlinePolicy, managedPolicy, trustedBy } from './iam';
import { boundedName } from './names';
import { publishedTopics } from './publish';
import { secretReadStatements, secretReferences } from './secrets';

export interface Rendered {
  resources: Record<string, Resource>;
  outputs: Record<string, Output>;
}

/** CPU units App Runner offers, each with the memory sizes (MiB) it can be paired with. */
const INSTANCE_SIZES: Record<number, number[]> = {
  256: [512, 1024],
  512: [1024],
  1024: [2048, 3072, 4096],
  2048: [4096, 6144],
  4096: [8192, 10240, 12288],
};

// Copilot's defaults for a Request-Driven Web Service: 1 vCPU, 2 GB.
export const DEFAULT_CPU = 1024;
export const DEFAULT_MEMORY = 2048;

function instanceSize(manifest: Manifest): { cpu: number; memory: number } {
  const cpu = manifest.cpu ?? DEFAULT_CPU;
  const memory = manifest.memory ?? DEFAULT_MEMORY;
  const memories = INSTANCE_SIZES[cpu];
  if (!memories) {
    throw new RenderError(['cpu'], `App Runner takes cpu 256, 512, 1024, 2048 or 4096, got ${cpu}`);
  }
  if (!memories.includes(memory)) {
    const path = manifest.memory === undefined ? 'cpu' : 'memory';
    throw new RenderError(
      [path],
      `with cpu ${cpu}, App Runner takes memory ${memories.join(', ')} (got ${memory}` +
        `${manifest.memory === undefined ? ', the default' : ''})`,
    );
  }
  return { cpu, memory };
}

/** A health check duration in whole seconds, 1 to 20, as App Runner takes it. */
function seconds(value: string, path: PathSegment[]): number {
  const s = durationToMs(value) / 1000;
  if (!Number.isInteger(s) || s < 1 || s > 20) {
    throw new RenderError(path, `App Runner takes whole seconds from 1s to 20s, got ${value}`);
  }
  return s;
}

/** `http.healthcheck` as a path or full settings; without it App Runner checks that the port accepts TCP. */
function healthCheck(manifest: Manifest): Record<string, Value> {
  const check = manifest.http?.healthcheck;
  if (check === undefined) return { Protocol: 'TCP' };
  if (typeof check === 'string') return { Protocol: 'HTTP', Path: check };
  const at = (field: string): PathSegment[] => ['http', 'healthcheck', field];
  return compact({
    Protocol: 'HTTP',
    Path: check.path ?? '/',
    HealthyThreshold: check.healthy_threshold,
    UnhealthyThreshold: check.unhealthy_threshold,
    Interval: check.interval === undefined ? undefined : seconds(check.interval, at('interval')),
    Timeout: check.timeout === undefined ? undefined : seconds(check.timeout, at('timeout')),
  });
}

/** `count` names an existing auto scaling configuration: an ARN, or `name` / `name/revision` in this account. */
function autoScalingConfigurationArn(count: string | undefined): Value | undefined {
  if (count === undefined) return undefined;
  if (count.startsWith('arn:')) return count;
  return Sub(`arn:\${AWS::Partition}:apprunner:\${AWS::Region}:\${AWS::AccountId}:autoscalingconfiguration/${count}`);
}

const XRAY_WRITE: Statement = {
  Effect: 'Allow',
  Action: [
    'xray:PutTraceSegments',
    'xray:PutTelemetryRecords',
    'xray:GetSamplingRules',
    'xray:GetSamplingTargets',
    'xray:GetSamplingStatisticSummaries',
  ],
  Resource: '*',
};

export function appRunnerService(
  input: RequestDrivenWebServiceInput,
  warnings: RenderWarnings,
  imported: ImportedParameters,
): Rendered {
  const { manifest } = input;
  const resources: Record<string, Resource> = {};
  const outputs: Record<string, Output> = {};

  const image = serviceImage(input);
  if (image.registry === 'other') {
    throw new RenderError(
      ['image', 'location'],
      'App Runner pulls images from Amazon ECR and Amazon ECR Public only',
      'push the image to an ECR repository, or deploy with `deploy_to: ecs-express`',
    );
  }
  const privateEcr = image.registry === 'ecr';
  const size = instanceSize(manifest);
  const secrets = secretReferences(manifest);
  const topics = publishedTopics(manifest);
  const tracing = /^awsxray$/i.test(manifest.observability?.tracing ?? '');
  const subnets = placementSubnets(manifest, warnings, imported);
  if (manifest.command !== undefined && /[\r\n]/.test(manifest.command)) {
    throw new RenderError(['command'], 'App Runner takes a start command on one line');
  }

  // App Runner can only pull from private ECR with a role it assumes; ECR Public needs none (and refuses one).
  if (privateEcr) {
    resources.AccessRole = resource('AWS::IAM::Role', 'IAM role App Runner uses to pull the image from ECR', {
      AssumeRolePolicyDocument: trustedBy('build.apprunner.amazonaws.com'),
      ManagedPolicyArns: [managedPolicy('service-role/AWSAppRunnerServicePolicyForECRAccess')],
    });
  }

  const instancePolicies = [DENY_IAM];
  const readSecrets = secretReadStatements(secrets);
  if (readSecrets.length > 0) instancePolicies.push(inlinePolicy('ReadSecrets', readSecrets));
  if (topics.arns.length > 0) {
    instancePolicies.push(
      inlinePolicy('Publish2SNS', [{ Effect: 'Allow', Action: 'sns:Publish', Resource: topics.arns }]),
    );
  }
  if (tracing) instancePolicies.push(inlinePolicy('EnableAWSXRayTracing', [XRAY_WRITE]));
  resources.InstanceRole = resource('AWS::IAM::Role', 'IAM role of the containers of the service', {
    AssumeRolePolicyDocument: trustedBy('tasks.apprunner.amazonaws.com'),
    Policies: instancePolicies,
  });

  if (tracing) {
    resources.ObservabilityConfiguration = resource(
      'AWS::AppRunner::ObservabilityConfiguration',
      'X-Ray tracing configuration of the service',
      { TraceConfiguration: { Vendor: 'AWSXRAY' } },
    );
  }

  let egress: Record<string, Value> = { EgressType: 'DEFAULT' };
  if (subnets !== undefined) {
    // Addons (databases, caches) allow ingress from this group; the environment group lets the service reach
    // the environment's other services, which accept traffic from it.
    resources.ServiceSecurityGroup = resource(
      'AWS::EC2::SecurityGroup',
      'Security group of the service, for addons to allow ingress from',
      {
        GroupDescription: Sub('${AppName}-${EnvName}-${WorkloadName} App Runner VPC connector'),
        VpcId: importFromEnv('VpcId'),
        Tags: [{ Key: 'Name', Value: Sub('copilot-${AppName}-${EnvName}-${WorkloadName}') }],
      },
    );
    resources.VpcConnector = resource(
      'AWS::AppRunner::VpcConnector',
      'VPC connector that sends the outbound traffic of the service through the environment VPC',
      { Subnets: subnets, SecurityGroups: [Ref('ServiceSecurityGroup'), importFromEnv('EnvironmentSecurityGroup')] },
    );
    egress = { EgressType: 'VPC', VpcConnectorArn: GetAtt('VpcConnector', 'VpcConnectorArn') };
  }

  const variables = environmentVariables(input, [
    ...(subnets !== undefined ? [serviceDiscoveryVariable(input)] : []),
    ...(topics.variable ? [topics.variable] : []),
  ]);
  const imageConfiguration = compact({
    Port: String(manifest.image?.port),
    RuntimeEnvironmentVariables: variables,
    RuntimeEnvironmentSecrets:
      secrets.length > 0 ? secrets.map((s) => ({ Name: s.name, Value: s.valueFrom })) : undefined,
    StartCommand: manifest.command,
  });

  const ingressPrivate = manifest.http?.private;
  const isPrivate = ingressPrivate === true || typeof ingressPrivate === 'object';

  resources.Service = resource('AWS::AppRunner::Service', 'App Runner service running the containers', {
    ServiceName: boundedName(`${input.app}-${input.env}-${input.name}`, 40),
    SourceConfiguration: compact({
      AuthenticationConfiguration: privateEcr ? { AccessRoleArn: GetAtt('AccessRole', 'Arn') } : undefined,
      // Deploys are driven by the CLI (a new image is a new template), never by pushes to the repository.
      AutoDeploymentsEnabled: false,
      ImageRepository: {
        ImageIdentifier: image.identifier,
        ImageRepositoryType: privateEcr ? 'ECR' : 'ECR_PUBLIC',
        ImageConfiguration: imageConfiguration,
      },
    }),
    InstanceConfiguration: {
      Cpu: String(size.cpu),
      Memory: String(size.memory),
      InstanceRoleArn: GetAtt('InstanceRole', 'Arn'),
    },
    HealthCheckConfiguration: healthCheck(manifest),
    NetworkConfiguration: compact({
      EgressConfiguration: egress,
      IngressConfiguration: isPrivate ? { IsPubliclyAccessible: false } : undefined,
    }),
    ...compact({
      ObservabilityConfiguration: tracing
        ? {
            ObservabilityEnabled: true,
            ObservabilityConfigurationArn: GetAtt('ObservabilityConfiguration', 'ObservabilityConfigurationArn'),
          }
        : undefined,
      AutoScalingConfigurationArn: autoScalingConfigurationArn(manifest.count),
    }),
  });

  if (isPrivate) Object.assign(resources, privateIngress(ingressPrivate, warnings, imported));
  Object.assign(resources, topics.resources);

  outputs.ServiceArn = { Description: 'ARN of the App Runner service.', Value: GetAtt('Service', 'ServiceArn') };
  outputs.ServiceURL = { Description: 'URL of the service.', Value: Sub('https://${Service.ServiceUrl}') };
  if (manifest.http?.alias) {
    // App Runner custom domains have no CloudFormation resource: after the stack is deployed, the deploy
    // associates the domain (AssociateCustomDomain) and writes the DNS validation records it returns.
    outputs.CustomDomain = {
      Description: 'Domain to associate with the service after the deploy (apprunner:AssociateCustomDomain).',
      Value: manifest.http.alias,
    };
  }
  return { resources, outputs };
}

/**
 * `http.private`: the service is reachable only through an App Runner VPC interface endpoint of the environment
 * VPC: the one named, or one created here in the private subnets (Copilot created it in the environment stack
 * through a Lambda; the environment stack exports none, so the service brings its own).
 */
function privateIngress(
  setting: true | { endpoint: string } | undefined,
  warnings: RenderWarnings,
  imported: ImportedParameters,
): Record<string, Resource> {
  const resources: Record<string, Resource> = {};
  let endpointId: Value;
  if (typeof setting === 'object') {
    endpointId = imported.add(
      IMPORTED_PARAMETERS.vpcEndpoint,
      {
        Type: 'String',
        Description: 'ID of the existing App Runner VPC interface endpoint of the service (http.private.endpoint).',
      },
      vpcEndpointId(setting.endpoint, ['http', 'private', 'endpoint'], warnings),
    );
  } else {
    resources.AppRunnerVpcEndpoint = resource(
      'AWS::EC2::VPCEndpoint',
      'VPC endpoint through which the environment reaches the private service',
      {
        VpcEndpointType: 'Interface',
        ServiceName: Sub('com.amazonaws.${AWS::Region}.apprunner.requests'),
        VpcId: importFromEnv('VpcId'),
        SubnetIds: privateSubnets(),
        SecurityGroupIds: [importFromEnv('EnvironmentSecurityGroup')],
      },
    );
    endpointId = Ref('AppRunnerVpcEndpoint');
  }
  resources.AppRunnerVpcIngressConnection = resource(
    'AWS::AppRunner::VpcIngressConnection',
    'Ingress connection from the environment VPC to the private service',
    {
      ServiceArn: GetAtt('Service', 'ServiceArn'),
      IngressVpcConfiguration: { VpcId: importFromEnv('VpcId'), VpcEndpointId: endpointId },
    },
  );
  return resources;
}
