// Request-Driven Web Service stacks: App Runner (default) and ECS Express Mode (`deploy_to: ecs-express`), from
// manifests loaded through the real pipeline; every corpus manifest renders and passes cfn-lint.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { loadManifest } from '../../../src/manifest/load';
import type { EnvironmentManifest, RequestDrivenWebService } from '../../../src/manifest/schemas';
import { IGNORED_FIELDS_METADATA, buildRequestDrivenWebServiceStack, splitCommand } from '../../../src/stack/apprunner';
import { RenderError, RequestDrivenWebServiceInput } from '../../../src/stack/inputs';
import type { RenderedStack, Resource } from '../../../src/stack/template';
import { cfnLint } from '../../helpers/cfn-lint';
import { CORPUS, CORPUS_VARS } from '../../helpers/cli';
import { renderError } from '../../helpers/render-error';

const DIGEST = `sha256:${'ab'.repeat(32)}`;
const ENVIRONMENT = { name: 'test', type: 'Environment' } as EnvironmentManifest;

function load(text: string, env?: string, file = 'copilot/web/manifest.yml'): RequestDrivenWebService {
  const r = loadManifest({ file, text, env, app: 'my-app', vars: { ...CORPUS_VARS } });
  if (!r.manifest) throw new Error(`${file} does not load: ${JSON.stringify(r.errors)}`);
  return r.manifest as RequestDrivenWebService;
}

function input(manifest: RequestDrivenWebService, env = 'test'): RequestDrivenWebServiceInput {
  return {
    app: 'my-app',
    env,
    name: manifest.name,
    manifest,
    environment: { ...ENVIRONMENT, name: env },
    images: { [manifest.name]: { tag: 'cicdtest', digest: DIGEST } },
    rulePriorities: [],
  };
}

const build = (text: string) => buildRequestDrivenWebServiceStack(input(load(text)));

const res = (stack: RenderedStack, id: string): Resource => {
  const r = stack.template.Resources[id];
  if (!r) throw new Error(`no resource ${id}; have ${Object.keys(stack.template.Resources).join(', ')}`);
  return r;
};
const props = (stack: RenderedStack, id: string): any => res(stack, id).Properties;
const policies = (stack: RenderedStack, id: string): Record<string, any[]> =>
  Object.fromEntries((props(stack, id).Policies ?? []).map((p: any) => [p.PolicyName, p.PolicyDocument.Statement]));
const trust = (stack: RenderedStack, id: string) =>
  props(stack, id).AssumeRolePolicyDocument.Statement.map(
    (s: { Principal: { Service: string } }) => s.Principal.Service,
  );

const importEnv = (key: string) => ({ 'Fn::ImportValue': { 'Fn::Sub': `\${AppName}-\${EnvName}-${key}` } });
const splitEnv = (key: string) => ({ 'Fn::Split': [',', importEnv(key)] });

const BASE = `name: web
type: Request-Driven Web Service
image:
  build: web/Dockerfile
  port: 8080
`;

const RDWS_FILE = path.join(CORPUS, 'internal/pkg/deploy/cloudformation/stack/testdata/workloads/rdws-manifest.yml');
const rdwsCorpus = (env?: string) => load(readFileSync(RDWS_FILE, 'utf8'), env, RDWS_FILE);

describe('App Runner (deploy_to: app-runner, the default)', () => {
  const stack = buildRequestDrivenWebServiceStack(input(rdwsCorpus('test')));

  it('is the stack <app>-<env>-<name> with Copilot tags and parameters', () => {
    expect(stack.stackName).toBe('my-app-test-frontend');
    expect(stack.tags).toEqual({
      'copilot-application': 'my-app',
      'copilot-environment': 'test',
      'copilot-service': 'frontend',
    });
    expect(stack.parameters).toEqual({ AppName: 'my-app', EnvName: 'test', WorkloadName: 'frontend' });
    expect(res(stack, 'Service').Type).toBe('AWS::AppRunner::Service');
    expect(props(stack, 'Service').ServiceName).toBe('my-app-test-frontend');
  });

  it('runs the built image from the private ECR repository by digest, pulled with the access role', () => {
    const source = props(stack, 'Service').SourceConfiguration;
    expect(source.ImageRepository.ImageIdentifier).toEqual({
      'Fn::Sub': `\${AWS::AccountId}.dkr.ecr.\${AWS::Region}.\${AWS::URLSuffix}/my-app/frontend@${DIGEST}`,
    });
    expect(source.ImageRepository.ImageRepositoryType).toBe('ECR');
    expect(source.AutoDeploymentsEnabled).toBe(false);
    expect(source.AuthenticationConfiguration).toEqual({ AccessRoleArn: { 'Fn::GetAtt': ['AccessRole', 'Arn'] } });
    expect(trust(stack, 'AccessRole')).toEqual(['build.apprunner.amazonaws.com']);
    expect(props(stack, 'AccessRole').ManagedPolicyArns).toEqual([
      { 'Fn::Sub': 'arn:${AWS::Partition}:iam::aws:policy/service-role/AWSAppRunnerServicePolicyForECRAccess' },
    ]);
  });

  it('references a tag when the push reported no digest', () => {
    const i = input(load(BASE));
    i.images = { web: { tag: 'abc1234' } };
    const s = buildRequestDrivenWebServiceStack(i);
    expect(props(s, 'Service').SourceConfiguration.ImageRepository.ImageIdentifier['Fn::Sub']).toMatch(
      /\/my-app\/web:abc1234$/,
    );
  });

  it('needs no access role for ECR Public, and one for an image in private ECR', () => {
    const pub = build(BASE.replace('build: web/Dockerfile', 'location: public.ecr.aws/nginx/nginx:1.27'));
    expect(pub.template.Resources.AccessRole).toBeUndefined();
    const source = props(pub, 'Service').SourceConfiguration;
    expect(source.AuthenticationConfiguration).toBeUndefined();
    expect(source.ImageRepository).toMatchObject({
      ImageIdentifier: 'public.ecr.aws/nginx/nginx:1.27',
      ImageRepositoryType: 'ECR_PUBLIC',
    });

    const priv = build(
      BASE.replace('build: web/Dockerfile', 'location: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/web:1'),
    );
    expect(props(priv, 'Service').SourceConfiguration.ImageRepository.ImageRepositoryType).toBe('ECR');
    expect(trust(priv, 'AccessRole')).toEqual(['build.apprunner.amazonaws.com']);
  });

  it('refuses images App Runner cannot pull, at image.location', () => {
    const err = renderError(() => build(BASE.replace('build: web/Dockerfile', 'location: nginx:latest')));
    expect(err.path).toEqual(['image', 'location']);
    expect(err.hint).toMatch(/ecs-express/);
  });

  it('gives the instance role exactly the secrets it injects, and denies IAM', () => {
    expect(trust(stack, 'InstanceRole')).toEqual(['tasks.apprunner.amazonaws.com']);
    expect(props(stack, 'Service').InstanceConfiguration.InstanceRoleArn).toEqual({
      'Fn::GetAtt': ['InstanceRole', 'Arn'],
    });
    const p = policies(stack, 'InstanceRole');
    expect(p.DenyIAM).toEqual([{ Effect: 'Deny', Action: 'iam:*', Resource: '*' }]);
    const [parameters, secrets, kms] = p.ReadSecrets;
    expect(parameters).toEqual({
      Sid: 'ReadParameters',
      Effect: 'Allow',
      Action: 'ssm:GetParameters',
      Resource: [
        { 'Fn::ImportValue': 'my-other-stack-exported-secret' },
        'arn:aws:ssm:us-east-1:123456789123:parameter/jan11ssm',
      ],
    });
    expect(secrets.Action).toBe('secretsmanager:GetSecretValue');
    expect(secrets.Resource).toEqual([
      { 'Fn::ImportValue': 'my-other-stack-exported-secret' },
      {
        'Fn::Sub':
          'arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:mysecretsmanagername-??????',
      },
    ]);
    // Keys only through SSM / Secrets Manager.
    expect(kms.Action).toBe('kms:Decrypt');
    expect(Object.keys(kms.Condition.StringEquals)).toEqual(['kms:ViaService']);
    // No allow on every parameter or secret of the account.
    const allowed = JSON.stringify([parameters.Resource, secrets.Resource]);
    expect(allowed).not.toMatch(/parameter\/\*|secret:\*/);
    expect(p.Publish2SNS).toEqual([
      {
        Effect: 'Allow',
        Action: 'sns:Publish',
        Resource: [{ Ref: 'customersSNSTopic' }, { Ref: 'mytopicfifoSNSTopic' }],
      },
    ]);
  });

  it('injects secrets as ARNs and variables with the Copilot ones first', () => {
    const config = props(stack, 'Service').SourceConfiguration.ImageRepository.ImageConfiguration;
    expect(config.Port).toBe('8080');
    expect(config.StartCommand).toBe('crazy diamond');
    expect(config.RuntimeEnvironmentSecrets).toEqual([
      { Name: 'MY_FROM_CFN_SECRET', Value: { 'Fn::ImportValue': 'my-other-stack-exported-secret' } },
      {
        Name: 'MY_SECRETS_MANAGER_SECRET',
        Value: {
          'Fn::Sub':
            'arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:mysecretsmanagername',
        },
      },
      { Name: 'my-ssm-secret', Value: 'arn:aws:ssm:us-east-1:123456789123:parameter/jan11ssm' },
    ]);
    expect(config.RuntimeEnvironmentVariables.map((v: { Name: string }) => v.Name)).toEqual([
      'COPILOT_APPLICATION_NAME',
      'COPILOT_ENVIRONMENT_NAME',
      'COPILOT_SERVICE_NAME',
      'COPILOT_SERVICE_DISCOVERY_ENDPOINT',
      'COPILOT_SNS_TOPIC_ARNS',
      'DB_NAME',
      'LOG_LEVEL',
    ]);
    const vars = Object.fromEntries(
      config.RuntimeEnvironmentVariables.map((v: { Name: string; Value: unknown }) => [v.Name, v.Value]),
    );
    expect(vars.COPILOT_SERVICE_DISCOVERY_ENDPOINT).toBe('test.my-app.local');
    expect(vars.DB_NAME).toEqual({ 'Fn::ImportValue': 'test-UserDB' });
    expect(vars.COPILOT_SNS_TOPIC_ARNS).toEqual({
      'Fn::Sub': '{"customers":"${customersSNSTopic}","mytopic.fifo":"${mytopicfifoSNSTopic}"}',
    });
    expect(props(stack, 'mytopicfifoSNSTopic')).toMatchObject({
      TopicName: { 'Fn::Sub': '${AWS::StackName}-mytopic.fifo' },
      FifoTopic: true,
    });
  });

  it('sends egress through a VPC connector in the private subnets when placement is private', () => {
    expect(props(stack, 'VpcConnector')).toEqual({
      Subnets: splitEnv('PrivateSubnets'),
      SecurityGroups: [{ Ref: 'ServiceSecurityGroup' }, importEnv('EnvironmentSecurityGroup')],
    });
    expect(props(stack, 'ServiceSecurityGroup').VpcId).toEqual(importEnv('VpcId'));
    expect(props(stack, 'Service').NetworkConfiguration).toEqual({
      EgressConfiguration: {
        EgressType: 'VPC',
        VpcConnectorArn: { 'Fn::GetAtt': ['VpcConnector', 'VpcConnectorArn'] },
      },
    });
  });

  it('has no VPC connector without placement', () => {
    const s = build(BASE);
    expect(s.template.Resources.VpcConnector).toBeUndefined();
    expect(props(s, 'Service').NetworkConfiguration).toEqual({ EgressConfiguration: { EgressType: 'DEFAULT' } });
  });

  it('connects to chosen subnets, and warns at its path about an ID that does not look like one', () => {
    const s = build(
      `${BASE}network:\n  vpc:\n    placement:\n      subnets: [subnet-0123456789abcdef0, subnet-abcdef01]\n`,
    );
    // Existing subnets: a typed parameter, which CloudFormation checks at deploy, with the manifest's IDs.
    expect(props(s, 'VpcConnector').Subnets).toEqual({ Ref: 'ImportedPlacementSubnetIds' });
    expect(s.template.Parameters?.ImportedPlacementSubnetIds).toEqual({
      Type: 'List<AWS::EC2::Subnet::Id>',
      Description: 'IDs of the existing subnets the service connects to (network.vpc.placement.subnets).',
    });
    expect(s.parameters.ImportedPlacementSubnetIds).toBe('subnet-0123456789abcdef0,subnet-abcdef01');
    expect(s.warnings).toBeUndefined();
    // The corpus's placeholders are passed as written: AWS says whether they exist.
    const placeholders = buildRequestDrivenWebServiceStack(input(rdwsCorpus('prod'), 'prod'));
    const wellFormed = load(readFileSync(RDWS_FILE, 'utf8').replaceAll('mockSubnetID', 'subnet-0000000'), 'prod');
    expect(wellFormed.network?.vpc?.placement).toEqual({ subnets: ['subnet-00000001', 'subnet-00000002'] });
    expect(placeholders.template).toEqual(buildRequestDrivenWebServiceStack(input(wellFormed, 'prod')).template);
    expect(placeholders.parameters.ImportedPlacementSubnetIds).toBe('mockSubnetID1,mockSubnetID2');
    expect(placeholders.warnings?.map((w) => [w.path, w.value])).toEqual([
      [['network', 'vpc', 'placement', 'subnets', 0], 'mockSubnetID1'],
      [['network', 'vpc', 'placement', 'subnets', 1], 'mockSubnetID2'],
    ]);
    expect(placeholders.warnings?.[0].hint).toMatch(/subnet-0123456789abcdef0/);
    const tags = renderError(() =>
      build(`${BASE}network:\n  vpc:\n    placement:\n      subnets:\n        from_tags:\n          t: v\n`),
    );
    expect(tags.path).toEqual(['network', 'vpc', 'placement', 'subnets', 'from_tags']);
  });

  it('uses the named auto scaling configuration', () => {
    expect(props(stack, 'Service').AutoScalingConfigurationArn).toEqual({
      'Fn::Sub':
        'arn:${AWS::Partition}:apprunner:${AWS::Region}:${AWS::AccountId}:autoscalingconfiguration/high-availability/3',
    });
    const arn = 'arn:aws:apprunner:us-west-2:123456789012:autoscalingconfiguration/hi/2/0123456789abcdef';
    expect(props(build(`${BASE}count: ${arn}\n`), 'Service').AutoScalingConfigurationArn).toBe(arn);
    expect(props(build(BASE), 'Service').AutoScalingConfigurationArn).toBeUndefined();
  });

  it('checks health over TCP by default, over HTTP on a path or with full settings', () => {
    expect(props(build(BASE), 'Service').HealthCheckConfiguration).toEqual({ Protocol: 'TCP' });
    expect(props(build(`${BASE}http:\n  healthcheck: /ping\n`), 'Service').HealthCheckConfiguration).toEqual({
      Protocol: 'HTTP',
      Path: '/ping',
    });
    const full = build(
      `${BASE}http:\n  healthcheck:\n    healthy_threshold: 3\n    unhealthy_threshold: 5\n    interval: 10s\n    timeout: 5s\n`,
    );
    expect(props(full, 'Service').HealthCheckConfiguration).toEqual({
      Protocol: 'HTTP',
      Path: '/',
      HealthyThreshold: 3,
      UnhealthyThreshold: 5,
      Interval: 10,
      Timeout: 5,
    });
    const err = renderError(() => build(`${BASE}http:\n  healthcheck:\n    interval: 1500ms\n`));
    expect(err.path).toEqual(['http', 'healthcheck', 'interval']);
  });

  it('sizes instances as App Runner offers them', () => {
    expect(props(build(BASE), 'Service').InstanceConfiguration).toMatchObject({ Cpu: '1024', Memory: '2048' });
    expect(props(build(`${BASE}cpu: 256\nmemory: 512\n`), 'Service').InstanceConfiguration).toMatchObject({
      Cpu: '256',
      Memory: '512',
    });
    expect(renderError(() => build(`${BASE}cpu: 2048\nmemory: 2048\n`)).path).toEqual(['memory']);
    expect(renderError(() => build(`${BASE}cpu: 8192\nmemory: 16384\n`)).path).toEqual(['cpu']);
  });

  it('traces with X-Ray through an observability configuration', () => {
    const s = build(`${BASE}observability:\n  tracing: awsxray\n`);
    expect(props(s, 'ObservabilityConfiguration')).toEqual({ TraceConfiguration: { Vendor: 'AWSXRAY' } });
    expect(props(s, 'Service').ObservabilityConfiguration).toEqual({
      ObservabilityEnabled: true,
      ObservabilityConfigurationArn: { 'Fn::GetAtt': ['ObservabilityConfiguration', 'ObservabilityConfigurationArn'] },
    });
    expect(policies(s, 'InstanceRole').EnableAWSXRayTracing[0].Action).toContain('xray:PutTraceSegments');
  });

  it('makes a private service reachable through a VPC endpoint of the environment', () => {
    const s = build(`${BASE}http:\n  private: true\n`);
    expect(props(s, 'Service').NetworkConfiguration.IngressConfiguration).toEqual({ IsPubliclyAccessible: false });
    expect(props(s, 'AppRunnerVpcEndpoint')).toMatchObject({
      VpcEndpointType: 'Interface',
      ServiceName: { 'Fn::Sub': 'com.amazonaws.${AWS::Region}.apprunner.requests' },
      SubnetIds: splitEnv('PrivateSubnets'),
    });
    expect(props(s, 'AppRunnerVpcIngressConnection')).toEqual({
      ServiceArn: { 'Fn::GetAtt': ['Service', 'ServiceArn'] },
      IngressVpcConfiguration: { VpcId: importEnv('VpcId'), VpcEndpointId: { Ref: 'AppRunnerVpcEndpoint' } },
    });

    const named = build(`${BASE}http:\n  private:\n    endpoint: vpce-0123456789abcdef0\n`);
    expect(named.template.Resources.AppRunnerVpcEndpoint).toBeUndefined();
    expect(props(named, 'AppRunnerVpcIngressConnection').IngressVpcConfiguration.VpcEndpointId).toEqual({
      Ref: 'ImportedVpcEndpointId',
    });
    expect(named.template.Parameters?.ImportedVpcEndpointId.Type).toBe('String');
    expect(named.parameters.ImportedVpcEndpointId).toBe('vpce-0123456789abcdef0');
    expect(named.warnings).toBeUndefined();
    const other = build(`${BASE}http:\n  private:\n    endpoint: my-endpoint\n`);
    expect(other.template).toEqual(named.template);
    expect(other.parameters.ImportedVpcEndpointId).toBe('my-endpoint');
    expect(other.warnings?.map((w) => w.path)).toEqual([['http', 'private', 'endpoint']]);
  });

  it('outputs the custom domain the deploy associates (App Runner has no resource for it)', () => {
    const s = build(`${BASE}http:\n  alias: web.example.com\n`);
    expect(s.template.Outputs?.CustomDomain?.Value).toBe('web.example.com');
    expect(build(BASE).template.Outputs?.CustomDomain).toBeUndefined();
  });

  it('keeps service names within App Runner’s 40 characters, stably', () => {
    const i = input(load(BASE.replace('name: web', 'name: a-rather-long-service-name')), 'production-eu-west');
    const a = props(buildRequestDrivenWebServiceStack(i), 'Service').ServiceName;
    expect(a.length).toBeLessThanOrEqual(40);
    expect(a).toMatch(/^my-app-production-eu-west-a-rathe-[0-9a-f]{6}$/);
    expect(props(buildRequestDrivenWebServiceStack(i), 'Service').ServiceName).toBe(a);
  });

  it('renders the same bytes for the same input', () => {
    const again = buildRequestDrivenWebServiceStack(input(rdwsCorpus('test')));
    expect(JSON.stringify(again)).toBe(JSON.stringify(stack));
  });
});

describe('ECS Express Mode (deploy_to: ecs-express)', () => {
  const express = (text: string) => build(`${text}deploy_to: ecs-express\n`);
  const stack = buildRequestDrivenWebServiceStack(
    input(load(`${readFileSync(RDWS_FILE, 'utf8')}\ndeploy_to: ecs-express\n`, 'test', RDWS_FILE)),
  );
  const service = props(stack, 'Service');

  it('renders an ExpressGatewayService in the environment cluster', () => {
    expect(res(stack, 'Service').Type).toBe('AWS::ECS::ExpressGatewayService');
    expect(service).toMatchObject({
      ServiceName: 'my-app-test-frontend',
      Cluster: importEnv('ClusterId'),
      Cpu: '1024',
      Memory: '2048',
      HealthCheckPath: '/',
      ScalingTarget: {
        MinTaskCount: 1,
        MaxTaskCount: 25,
        AutoScalingMetric: 'AVERAGE_CPU',
        AutoScalingTargetValue: 60,
      },
    });
    expect(stack.template.Resources.AccessRole).toBeUndefined();
    expect(stack.template.Resources.InstanceRole).toBeUndefined();
  });

  it('creates the infrastructure role with the managed policy AWS documents for Express Mode', () => {
    expect(trust(stack, 'InfrastructureRole')).toEqual(['ecs.amazonaws.com']);
    expect(props(stack, 'InfrastructureRole').ManagedPolicyArns).toEqual([
      {
        'Fn::Sub':
          'arn:${AWS::Partition}:iam::aws:policy/service-role/AmazonECSInfrastructureRoleforExpressGatewayServices',
      },
    ]);
    expect(service.InfrastructureRoleArn).toEqual({ 'Fn::GetAtt': ['InfrastructureRole', 'Arn'] });
  });

  it('creates the execution role with the task execution policy and read access to exactly its secrets', () => {
    expect(trust(stack, 'ExecutionRole')).toEqual(['ecs-tasks.amazonaws.com']);
    expect(props(stack, 'ExecutionRole').ManagedPolicyArns).toEqual([
      { 'Fn::Sub': 'arn:${AWS::Partition}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy' },
    ]);
    const read = policies(stack, 'ExecutionRole').ReadSecrets;
    expect(read.map((s) => s.Sid)).toEqual(['ReadParameters', 'ReadSecrets', 'DecryptSecrets']);
    expect(service.ExecutionRoleArn).toEqual({ 'Fn::GetAtt': ['ExecutionRole', 'Arn'] });
    // The containers' own role publishes to the topics and never manages IAM.
    expect(trust(stack, 'TaskRole')).toEqual(['ecs-tasks.amazonaws.com']);
    expect(Object.keys(policies(stack, 'TaskRole'))).toEqual(['DenyIAM', 'Publish2SNS']);
    expect(service.TaskRoleArn).toEqual({ 'Fn::GetAtt': ['TaskRole', 'Arn'] });
  });

  it('runs the container with its port, command, variables, secrets and Copilot log group', () => {
    const c = service.PrimaryContainer;
    expect(c.Image).toEqual({
      'Fn::Sub': `\${AWS::AccountId}.dkr.ecr.\${AWS::Region}.\${AWS::URLSuffix}/my-app/frontend@${DIGEST}`,
    });
    expect(c.ContainerPort).toBe(8080);
    expect(c.Command).toEqual(['crazy', 'diamond']);
    expect(c.Environment.map((v: { Name: string }) => v.Name)).toContain('LOG_LEVEL');
    expect(c.Secrets).toContainEqual({
      Name: 'MY_SECRETS_MANAGER_SECRET',
      ValueFrom: {
        'Fn::Sub': 'arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:mysecretsmanagername',
      },
    });
    expect(c.AwsLogsConfiguration).toEqual({ LogGroup: { Ref: 'LogGroup' }, LogStreamPrefix: 'copilot' });
    expect(props(stack, 'LogGroup')).toEqual({ LogGroupName: '/copilot/my-app-test-frontend', RetentionInDays: 30 });
  });

  it('says the App Runner auto scaling configuration is ignored', () => {
    expect(stack.template.Metadata?.[IGNORED_FIELDS_METADATA]).toEqual([
      { path: 'count', message: expect.stringMatching(/high-availability\/3.*1 to 25 tasks/) },
    ]);
    expect(express(BASE).template.Metadata).toBeUndefined();
  });

  it('stays internet-facing in the public subnets; placement adds the environment security group', () => {
    expect(props(express(BASE), 'Service').NetworkConfiguration).toEqual({ Subnets: splitEnv('PublicSubnets') });
    expect(service.NetworkConfiguration).toEqual({
      Subnets: splitEnv('PublicSubnets'),
      SecurityGroups: [importEnv('EnvironmentSecurityGroup')],
    });
    const chosen = express(`${BASE}network:\n  vpc:\n    placement:\n      subnets: [subnet-0123456789abcdef0]\n`);
    expect(props(chosen, 'Service').NetworkConfiguration.Subnets).toEqual({ Ref: 'ImportedPlacementSubnetIds' });
    expect(chosen.parameters.ImportedPlacementSubnetIds).toBe('subnet-0123456789abcdef0');
    const inside = express(`${BASE}http:\n  private: true\n`);
    expect(props(inside, 'Service').NetworkConfiguration).toEqual({
      Subnets: splitEnv('PrivateSubnets'),
      SecurityGroups: [importEnv('EnvironmentSecurityGroup')],
    });
  });

  it('runs images from any registry and uses the health check path', () => {
    const s = express(`${BASE.replace('build: web/Dockerfile', 'location: nginx:1.27')}http:\n  healthcheck: /ping\n`);
    expect(props(s, 'Service').PrimaryContainer.Image).toBe('nginx:1.27');
    expect(props(s, 'Service').HealthCheckPath).toBe('/ping');
  });

  it('sizes tasks like the schema checked them', () => {
    expect(props(express(`${BASE}cpu: 256\n`), 'Service')).toMatchObject({ Cpu: '256', Memory: '512' });
    expect(props(express(`${BASE}cpu: 2048\nmemory: 4096\n`), 'Service')).toMatchObject({
      Cpu: '2048',
      Memory: '4096',
    });
  });

  it.each([
    ['http:\n  alias: web.example.com\n', ['http', 'alias']],
    ['observability:\n  tracing: awsxray\n', ['observability', 'tracing']],
    ['http:\n  healthcheck:\n    path: /\n    timeout: 5s\n', ['http', 'healthcheck', 'timeout']],
    ['http:\n  private:\n    endpoint: vpce-0123456789abcdef0\n', ['http', 'private', 'endpoint']],
  ])('refuses what Express Mode cannot do: %j', (extra, path) => {
    expect(renderError(() => express(`${BASE}${extra}`)).path).toEqual(path);
  });
});

describe('splitCommand', () => {
  it.each([
    ['npm start', ['npm', 'start']],
    ["nginx -g 'daemon off;'", ['nginx', '-g', 'daemon off;']],
    ['echo "a \\"b\\" c"  d\\ e', ['echo', 'a "b" c', 'd e']],
    ["''", ['']],
  ])('%s', (text, words) => {
    expect(splitCommand(text, ['command'])).toEqual(words);
  });

  it('reports an unterminated quote', () => {
    expect(() => splitCommand('echo "a', ['command'])).toThrow(RenderError);
  });
});

// ---- every corpus manifest renders and passes cfn-lint ----

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return yamlFiles(full);
    return /\.ya?ml$/.test(name) ? [full] : [];
  });
}

/**
 * Renderings with a warning, at the manifest path of the value: the corpus uses placeholder subnet IDs there. They
 * are the value of a parameter, so the template lints clean all the same.
 */
const EXPECTED_WARNINGS: Record<string, string> = {
  'internal/pkg/deploy/cloudformation/stack/testdata/workloads/rdws-manifest.yml@prod':
    'network.vpc.placement.subnets.0, network.vpc.placement.subnets.1',
};

describe('corpus Request-Driven Web Services', () => {
  const cases: { label: string; manifest: RequestDrivenWebService; env: string }[] = [];
  for (const file of yamlFiles(CORPUS).sort()) {
    const text = readFileSync(file, 'utf8');
    const first = loadManifest({ file, text, app: 'my-app', vars: { ...CORPUS_VARS } });
    if (first.type !== 'Request-Driven Web Service') continue;
    const rel = path.relative(CORPUS, file);
    for (const env of [undefined, ...first.environments]) {
      cases.push({ label: env ? `${rel}@${env}` : rel, manifest: load(text, env, file), env: env ?? 'demo' });
    }
    // Once on ECS Express Mode, as written.
    cases.push({
      label: `${rel}+ecs-express`,
      manifest: load(`${text}\ndeploy_to: ecs-express\n`, undefined, file),
      env: 'demo',
    });
  }

  it('covers the corpus', () => {
    expect(cases.map((c) => c.label)).toEqual([
      'e2e/apprunner/copilot/front-end/manifest.yml',
      'e2e/apprunner/copilot/front-end/manifest.yml+ecs-express',
      'internal/pkg/deploy/cloudformation/stack/testdata/workloads/rdws-manifest.yml',
      'internal/pkg/deploy/cloudformation/stack/testdata/workloads/rdws-manifest.yml@test',
      'internal/pkg/deploy/cloudformation/stack/testdata/workloads/rdws-manifest.yml@prod',
      'internal/pkg/deploy/cloudformation/stack/testdata/workloads/rdws-manifest.yml+ecs-express',
    ]);
  });

  it('renders every case and cfn-lint finds no error and no warning', () => {
    const stacks: { label: string; stack: RenderedStack }[] = [];
    const warned: Record<string, string> = {};
    for (const c of cases) {
      const stack = buildRequestDrivenWebServiceStack(input(c.manifest, c.env));
      if (stack.warnings) warned[c.label] = stack.warnings.map((w) => w.path.join('.')).join(', ');
      stacks.push({ label: c.label, stack });
    }
    expect(warned).toEqual(EXPECTED_WARNINGS);
    // Warnings too: none is kept.
    expect(cfnLint(stacks, { all: true })).toEqual([]);
  });
});
