// Backend Service stacks: the task (roles, secrets, env files), network settings on Fargate and EC2, bridge
// networking behind the internal ALB, placement, and the render errors an environment can cause.
import type { BackendService } from '../../../src/manifest/schemas';
import { buildBackendServiceStack } from '../../../src/stack/workload';
import { EC2_CAPACITY, container, environment, inputOf, load, ofType, props } from './workload-fixtures';
import { renderError } from '../../helpers/render-error';

const backend = (extra: object, env?: ReturnType<typeof environment>, images = {}) =>
  buildBackendServiceStack(
    inputOf(load<BackendService>({ name: 'api', type: 'Backend Service', ...extra }), env, { images }),
  );

const IMAGE = { image: { location: 'public.ecr.aws/nginx/nginx:1.27', port: 80 } };
const ec2Env = () => environment(EC2_CAPACITY);

describe('Backend Service stack', () => {
  it('names the stack, tags it and passes the base parameters', () => {
    const s = backend(IMAGE);
    expect(s.stackName).toBe('my-app-test-api');
    expect(s.tags).toEqual({
      'copilot-application': 'my-app',
      'copilot-environment': 'test',
      'copilot-service': 'api',
    });
    expect(s.parameters).toMatchObject({ AppName: 'my-app', EnvName: 'test', WorkloadName: 'api', TaskCount: '1' });
    expect(props(s, 'LogGroup').LogGroupName).toBe('/copilot/my-app-test-api');
  });

  it('has exactly one task role, and the task definition uses it', () => {
    const s = backend({ ...IMAGE, exec: true, publish: { topics: [{ name: 'events' }] } });
    const roles = ofType(s, 'AWS::IAM::Role');
    expect(roles.sort()).toEqual(['ExecutionRole', 'TaskRole']);
    expect(props(s, 'TaskDefinition').TaskRoleArn).toEqual({ 'Fn::GetAtt': ['TaskRole', 'Arn'] });
    const policies = props(s, 'TaskRole').Policies.map((p: any) => p.PolicyName);
    expect(policies).toEqual(['DenyIAM', 'Publish2SNS', 'ExecuteCommand']);
    expect(props(s, 'Service').EnableExecuteCommand).toBe(true);
  });

  it('runs Fargate tasks in public subnets with the environment security group by default', () => {
    const s = backend(IMAGE);
    const svc = props(s, 'Service');
    expect(svc.LaunchType).toBe('FARGATE');
    expect(svc.PlatformVersion).toBe('LATEST');
    expect(svc.NetworkConfiguration.AwsvpcConfiguration).toEqual({
      AssignPublicIp: 'ENABLED',
      Subnets: { 'Fn::Split': [',', { 'Fn::ImportValue': { 'Fn::Sub': '${AppName}-${EnvName}-PublicSubnets' } }] },
      SecurityGroups: [{ 'Fn::ImportValue': { 'Fn::Sub': '${AppName}-${EnvName}-EnvironmentSecurityGroup' } }],
    });
    expect(props(s, 'TaskDefinition')).toMatchObject({
      NetworkMode: 'awsvpc',
      RequiresCompatibilities: ['FARGATE'],
      Cpu: '256',
      Memory: '512',
    });
  });

  it('honours private placement, explicit subnets and extra security groups', () => {
    const priv = props(backend({ ...IMAGE, network: { vpc: { placement: 'private' } } }), 'Service');
    expect(priv.NetworkConfiguration.AwsvpcConfiguration.AssignPublicIp).toBe('DISABLED');
    expect(JSON.stringify(priv.NetworkConfiguration)).toContain('PrivateSubnets');

    const s = backend({
      ...IMAGE,
      network: {
        vpc: {
          placement: { subnets: ['subnet-1', 'subnet-2'] },
          security_groups: { deny_default: true, groups: ['sg-1', { from_cfn: 'db-sg' }] },
        },
      },
    });
    expect(props(s, 'Service').NetworkConfiguration.AwsvpcConfiguration).toEqual({
      AssignPublicIp: 'DISABLED',
      Subnets: ['subnet-1', 'subnet-2'],
      SecurityGroups: ['sg-1', { 'Fn::ImportValue': 'db-sg' }],
    });
  });

  it('refuses subnets an imported VPC does not have', () => {
    const publicOnly = environment({
      network: { vpc: { id: 'vpc-1', subnets: { public: [{ id: 'subnet-1' }, { id: 'subnet-2' }] } } },
    });
    const err = renderError(() => backend({ ...IMAGE, network: { vpc: { placement: 'private' } } }, publicOnly));
    expect(err.path).toEqual(['network', 'vpc', 'placement']);
    expect(() => backend(IMAGE, publicOnly)).not.toThrow();
  });

  it('runs awsvpc tasks on EC2 through the capacity provider, in the instances subnets, without public IPs', () => {
    const s = backend({ ...IMAGE, launch_type: 'EC2' }, ec2Env());
    const svc = props(s, 'Service');
    expect(svc.LaunchType).toBeUndefined();
    expect(svc.PlatformVersion).toBeUndefined();
    expect(svc.CapacityProviderStrategy).toEqual([
      {
        CapacityProvider: { 'Fn::ImportValue': { 'Fn::Sub': '${AppName}-${EnvName}-EC2CapacityProvider' } },
        Weight: 1,
      },
    ]);
    expect(svc.NetworkConfiguration.AwsvpcConfiguration.AssignPublicIp).toBe('DISABLED');
    expect(JSON.stringify(svc.NetworkConfiguration)).toContain('PrivateSubnets');
    expect(props(s, 'TaskDefinition').RequiresCompatibilities).toEqual(['EC2']);
  });

  it('maps capacity_providers to a strategy', () => {
    const s = backend({
      ...IMAGE,
      capacity_providers: [
        { provider: 'FARGATE', weight: 1, base: 2 },
        { provider: 'FARGATE_SPOT', weight: 3 },
      ],
    });
    expect(props(s, 'Service').CapacityProviderStrategy).toEqual([
      { CapacityProvider: 'FARGATE', Weight: 1, Base: 2 },
      { CapacityProvider: 'FARGATE_SPOT', Weight: 3 },
    ]);
  });

  it('uses bridge networking with dynamic host ports and an instance target group', () => {
    const s = backend(
      {
        ...IMAGE,
        launch_type: 'EC2',
        network: { mode: 'bridge' },
        http: { path: '/api' },
        sidecars: { proxy: { image: 'envoy:1', port: '9901' } },
      },
      ec2Env(),
    );
    expect(props(s, 'TaskDefinition').NetworkMode).toBe('bridge');
    expect(container(s, 'api').PortMappings).toEqual([{ ContainerPort: 80, HostPort: 0, Protocol: 'tcp' }]);
    expect(container(s, 'proxy').PortMappings).toEqual([{ ContainerPort: 9901, HostPort: 0, Protocol: 'tcp' }]);
    expect(props(s, 'TargetGroup').TargetType).toBe('instance');
    const svc = props(s, 'Service');
    expect(svc.NetworkConfiguration).toBeUndefined();
    expect(svc.LoadBalancers).toEqual([
      { ContainerName: 'api', ContainerPort: 80, TargetGroupArn: { Ref: 'TargetGroup' } },
    ]);
    // Bridge tasks have no IP of their own: discovery by SRV records with the container port.
    expect(props(s, 'DiscoveryService').DnsConfig.DnsRecords).toEqual([{ TTL: 10, Type: 'SRV' }]);
    expect(svc.ServiceRegistries).toEqual([
      { RegistryArn: { 'Fn::GetAtt': ['DiscoveryService', 'Arn'] }, ContainerName: 'api', ContainerPort: 80 },
    ]);
  });

  it('gives awsvpc tasks on EC2 an ip target group', () => {
    const s = backend({ ...IMAGE, launch_type: 'EC2', http: { path: '/' } }, ec2Env());
    expect(props(s, 'TargetGroup').TargetType).toBe('ip');
    expect(container(s, 'api').PortMappings).toEqual([{ ContainerPort: 80, Protocol: 'tcp' }]);
  });

  it('renders placement strategies and constraints with the field names ECS wants', () => {
    const s = backend(
      {
        ...IMAGE,
        launch_type: 'EC2',
        placement: {
          strategies: [
            { type: 'spread', field: 'attribute:ecs.availability-zone' },
            { type: 'binpack', field: 'memory' },
            { type: 'random' },
          ],
          constraints: [
            { type: 'distinctInstance' },
            { type: 'memberOf', expression: 'attribute:ecs.instance-type =~ m5.*' },
          ],
        },
      },
      ec2Env(),
    );
    const svc = props(s, 'Service');
    expect(svc.PlacementStrategies).toEqual([
      { Type: 'spread', Field: 'attribute:ecs.availability-zone' },
      { Type: 'binpack', Field: 'memory' },
      { Type: 'random' },
    ]);
    expect(svc.PlacementConstraints).toEqual([
      { Type: 'distinctInstance' },
      { Type: 'memberOf', Expression: 'attribute:ecs.instance-type =~ m5.*' },
    ]);
  });

  it('refuses placement on Fargate even when validation was skipped', () => {
    const m = {
      ...load<BackendService>({ name: 'api', type: 'Backend Service', ...IMAGE }),
      placement: { constraints: [{ type: 'distinctInstance' as const }] },
    };
    const err = renderError(() => buildBackendServiceStack(inputOf(m)));
    expect(err.path).toEqual(['placement']);
  });

  it('refuses EC2 when the environment has no EC2 capacity', () => {
    const err = renderError(() => backend({ ...IMAGE, launch_type: 'EC2' }));
    expect(err.path).toEqual(['launch_type']);
    expect(err.hint).toContain('capacity.ec2');
    const viaProviders = renderError(() => backend({ ...IMAGE, capacity_providers: [{ provider: 'EC2' }] }));
    expect(viaProviders.path).toEqual(['capacity_providers', 0, 'provider']);
  });

  it('reads secrets from SSM and Secrets Manager, and scopes the execution role to them', () => {
    const s = backend({
      ...IMAGE,
      secrets: {
        DB_PASSWORD: 'db-password',
        GITHUB: '/copilot/my-app/test/secrets/github',
        API_KEY: 'arn:aws:ssm:us-west-2:123456789012:parameter/api-key',
        MYSQL: { secretsmanager: 'demo/mysql:password::' },
        TOKEN: { secretsmanager: 'arn:aws:secretsmanager:us-west-2:123456789012:secret:token-AbCdEf:key::' },
        SHARED: { from_cfn: 'shared-secret-arn' },
      },
    });
    expect(container(s, 'api').Secrets).toEqual([
      { Name: 'API_KEY', ValueFrom: 'arn:aws:ssm:us-west-2:123456789012:parameter/api-key' },
      {
        Name: 'DB_PASSWORD',
        ValueFrom: { 'Fn::Sub': 'arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/db-password' },
      },
      {
        Name: 'GITHUB',
        ValueFrom: {
          'Fn::Sub':
            'arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/copilot/my-app/test/secrets/github',
        },
      },
      {
        Name: 'MYSQL',
        ValueFrom: {
          'Fn::Sub':
            'arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:demo/mysql:password::',
        },
      },
      { Name: 'SHARED', ValueFrom: { 'Fn::ImportValue': 'shared-secret-arn' } },
      { Name: 'TOKEN', ValueFrom: 'arn:aws:secretsmanager:us-west-2:123456789012:secret:token-AbCdEf:key::' },
    ]);
    const statements = props(s, 'ExecutionRole').Policies[0].PolicyDocument.Statement;
    const bySid = (sid: string) => statements.find((st: any) => st.Sid === sid);
    expect(bySid('TaggedParameters').Condition.StringEquals).toEqual({
      'ssm:ResourceTag/copilot-application': { 'Fn::Sub': '${AppName}' },
      'ssm:ResourceTag/copilot-environment': { 'Fn::Sub': '${EnvName}' },
    });
    expect(bySid('TaggedSecrets').Resource).toEqual([
      { 'Fn::Sub': 'arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:*' },
    ]);
    expect(bySid('NamedSecrets').Resource).toEqual([
      'arn:aws:ssm:us-west-2:123456789012:parameter/api-key',
      { 'Fn::ImportValue': 'shared-secret-arn' },
      'arn:aws:secretsmanager:us-west-2:123456789012:secret:token-AbCdEf',
    ]);
    // No AWS managed policy: nothing beyond the workload's own repository, log group and secrets.
    expect(props(s, 'ExecutionRole').ManagedPolicyArns).toBeUndefined();
    expect(JSON.stringify(statements)).not.toContain('"Resource":"*"}');
  });

  it('has no secret permissions without secrets, and pulls only its own repository', () => {
    const s = backend({ image: { build: 'Dockerfile', port: 80 } }, undefined, {
      api: { tag: 'abc', digest: 'sha256:ff' },
    });
    const statements = props(s, 'ExecutionRole').Policies[0].PolicyDocument.Statement;
    expect(statements.map((st: any) => st.Action)).toEqual([
      ['ecr:GetAuthorizationToken'],
      ['ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage'],
      ['logs:CreateLogStream', 'logs:PutLogEvents'],
    ]);
    expect(statements[1].Resource).toEqual([
      { 'Fn::Sub': 'arn:${AWS::Partition}:ecr:${AWS::Region}:${AWS::AccountId}:repository/my-app/api' },
    ]);
    expect(statements[2].Resource).toEqual([{ 'Fn::GetAtt': ['LogGroup', 'Arn'] }]);
    expect(s.parameters).toMatchObject({ ImageTag: 'abc', ImageDigest: 'sha256:ff' });
  });

  it('wires env files through parameters and a conditional, scoped permission', () => {
    const s = backend({
      ...IMAGE,
      env_file: 'api.env',
      sidecars: { 'log-shipper': { image: 'busybox', env_file: 'shipper.env' } },
    });
    expect(s.template.Parameters).toHaveProperty('EnvFileARN');
    expect(s.template.Parameters).toHaveProperty('EnvFileARNForlogshipper');
    expect(s.parameters.EnvFileARN).toBe('');
    expect(container(s, 'api').EnvironmentFiles).toEqual([
      { 'Fn::If': ['HasEnvFileARN', { Type: 's3', Value: { Ref: 'EnvFileARN' } }, { Ref: 'AWS::NoValue' }] },
    ]);
    const policies = props(s, 'ExecutionRole').Policies;
    const envFile = policies.find((p: any) => p['Fn::If']?.[0] === 'HasEnvFileARN')['Fn::If'][1];
    expect(envFile.PolicyDocument.Statement[0]).toEqual({
      Effect: 'Allow',
      Action: ['s3:GetObject'],
      Resource: [{ Ref: 'EnvFileARN' }],
    });
    expect(policies.some((p: any) => p['Fn::If']?.[0] === 'HasEnvFileARNForlogshipper')).toBe(true);
  });

  it('sorts environment variables and keeps the manifest value over a COPILOT_ one', () => {
    const s = backend({
      ...IMAGE,
      variables: { ZED: 'z', ALPHA: 'a', COPILOT_SERVICE_NAME: 'mine', DB: { from_cfn: 'db-url' } },
    });
    const env = container(s, 'api').Environment;
    expect(env.map((e: any) => e.Name)).toEqual([
      'ALPHA',
      'COPILOT_APPLICATION_NAME',
      'COPILOT_ENVIRONMENT_NAME',
      'COPILOT_SERVICE_DISCOVERY_ENDPOINT',
      'COPILOT_SERVICE_NAME',
      'DB',
      'ZED',
    ]);
    expect(env.find((e: any) => e.Name === 'COPILOT_SERVICE_NAME').Value).toBe('mine');
    expect(env.find((e: any) => e.Name === 'DB').Value).toEqual({ 'Fn::ImportValue': 'db-url' });
  });

  it('publishes to Service Connect and routes the internal ALB', () => {
    const s = backend({
      ...IMAGE,
      network: { connect: { alias: 'backend' } },
      http: { path: '/v1', healthcheck: '/health' },
    });
    const svc = props(s, 'Service');
    expect(svc.ServiceConnectConfiguration).toMatchObject({
      Enabled: true,
      Namespace: 'test.my-app.local',
      Services: [{ PortName: 'target', ClientAliases: [{ Port: 80, DnsName: 'backend' }] }],
    });
    expect(container(s, 'api').PortMappings).toEqual([{ ContainerPort: 80, Protocol: 'tcp', Name: 'target' }]);
    expect(props(s, 'HTTPListenerRule').ListenerArn).toEqual({
      'Fn::ImportValue': { 'Fn::Sub': '${AppName}-${EnvName}-InternalHTTPListenerArn' },
    });
    expect(props(s, 'HTTPListenerRule').Priority).toEqual({ Ref: 'RulePriority' });
    expect(s.parameters.RulePriority).toBe('10');
    expect(props(s, 'TargetGroup').HealthCheckPath).toBe('/health');
    expect(s.template.Resources.Service.DependsOn).toEqual(['HTTPListenerRule']);
  });

  it('refuses an alias when the environment has no certificate for the internal load balancer', () => {
    const err = renderError(() => backend({ ...IMAGE, http: { path: '/', alias: 'api.example.com' } }));
    expect(err.path).toEqual(['http', 'alias']);
    expect(err.hint).toContain('http.private.certificates');
  });

  it('recreates instead of rolling, and rolls back on alarms', () => {
    const s = backend({ ...IMAGE, deployment: { rolling: 'recreate', rollback_alarms: { cpu_utilization: 80 } } });
    const config = props(s, 'Service').DeploymentConfiguration;
    expect(config).toMatchObject({ MinimumHealthyPercent: 0, MaximumPercent: 100 });
    expect(config.DeploymentCircuitBreaker).toEqual({ Enable: true, Rollback: true });
    expect(config.Alarms).toEqual({
      AlarmNames: ['my-app-test-api-CopilotRollbackCPUAlarm'],
      Enable: true,
      Rollback: true,
    });
    expect(props(s, 'CPURollbackAlarm')).toMatchObject({ MetricName: 'CPUUtilization', Threshold: 80 });
  });

  it('mounts EFS volumes: managed through an access point, existing ones by ID', () => {
    const s = backend({
      ...IMAGE,
      storage: {
        volumes: {
          data: { path: '/data', efs: true, read_only: false },
          shared: { path: '/shared', efs: { id: 'fs-1234', auth: { access_point_id: 'fsap-1' } } },
          scratch: { path: '/scratch' },
        },
      },
    });
    expect(props(s, 'TaskDefinition').Volumes).toEqual([
      {
        Name: 'data',
        EFSVolumeConfiguration: {
          FilesystemId: { 'Fn::ImportValue': { 'Fn::Sub': '${AppName}-${EnvName}-FilesystemID' } },
          RootDirectory: '/',
          TransitEncryption: 'ENABLED',
          AuthorizationConfig: { AccessPointId: { Ref: 'AccessPoint' }, IAM: 'ENABLED' },
        },
      },
      { Name: 'scratch' },
      {
        Name: 'shared',
        EFSVolumeConfiguration: {
          FilesystemId: 'fs-1234',
          RootDirectory: '/',
          TransitEncryption: 'ENABLED',
          AuthorizationConfig: { AccessPointId: 'fsap-1', IAM: 'ENABLED' },
        },
      },
    ]);
    expect(props(s, 'AccessPoint').RootDirectory.Path).toBe('/api');
    expect(container(s, 'api').MountPoints).toEqual([
      { ContainerPath: '/data', ReadOnly: false, SourceVolume: 'data' },
      { ContainerPath: '/scratch', ReadOnly: true, SourceVolume: 'scratch' },
      { ContainerPath: '/shared', ReadOnly: true, SourceVolume: 'shared' },
    ]);
  });

  it('refuses a managed EFS volume the environment cannot provide to the tasks', () => {
    const err = renderError(() =>
      backend({
        ...IMAGE,
        network: { vpc: { security_groups: { deny_default: true, groups: ['sg-1'] } } },
        storage: { volumes: { data: { path: '/data', efs: true } } },
      }),
    );
    expect(err.path).toEqual(['storage', 'volumes', 'data', 'efs']);
    expect(err.hint).toContain('deny_default');
  });

  it('applies taskdef_overrides to the task definition', () => {
    const s = backend({
      ...IMAGE,
      taskdef_overrides: [
        { path: 'ContainerDefinitions[0].Ulimits[-].Name', value: 'nofile' },
        { path: 'ContainerDefinitions[0].Ulimits[0].SoftLimit', value: 1024 },
        { path: 'ContainerDefinitions[0].PortMappings[-].ContainerPort', value: 2056 },
        { path: 'PidMode', value: 'task' },
      ],
    });
    const td = props(s, 'TaskDefinition');
    expect(td.ContainerDefinitions[0].Ulimits).toEqual([{ Name: 'nofile', SoftLimit: 1024 }]);
    expect(td.ContainerDefinitions[0].PortMappings[1]).toEqual({ ContainerPort: 2056 });
    expect(td.PidMode).toBe('task');
    const err = renderError(() => backend({ ...IMAGE, taskdef_overrides: [{ path: 'Volumes[3].Name', value: 'x' }] }));
    expect(err.path).toEqual(['taskdef_overrides', 0, 'path']);
  });

  it('sets the platform, health check, entrypoint and read-only root file system', () => {
    const s = backend({
      image: {
        location: 'nginx',
        port: 80,
        healthcheck: { command: ['CMD-SHELL', 'curl -f http://localhost/ || exit 1'], interval: '20s' },
        depends_on: { proxy: 'start' },
      },
      platform: 'linux/arm64',
      entrypoint: '/bin/sh -c "echo hi"',
      command: ['serve'],
      storage: { readonly_fs: true, ephemeral: 50 },
      sidecars: { proxy: { image: 'envoy' } },
    });
    const td = props(s, 'TaskDefinition');
    expect(td.RuntimePlatform).toEqual({ OperatingSystemFamily: 'LINUX', CpuArchitecture: 'ARM64' });
    expect(td.EphemeralStorage).toEqual({ SizeInGiB: 50 });
    const main = container(s, 'api');
    expect(main.EntryPoint).toEqual(['/bin/sh', '-c', 'echo hi']);
    expect(main.Command).toEqual(['serve']);
    expect(main.ReadonlyRootFilesystem).toBe(true);
    expect(main.HealthCheck).toEqual({
      Command: ['CMD-SHELL', 'curl -f http://localhost/ || exit 1'],
      Interval: 20,
      Retries: 2,
      StartPeriod: 0,
      Timeout: 5,
    });
    expect(main.DependsOn).toEqual([{ ContainerName: 'proxy', Condition: 'START' }]);
  });

  it('references built sidecars in the workload repository under <tag>-<sidecar>', () => {
    const s = backend({ ...IMAGE, sidecars: { proxy: { image: { build: 'proxy/Dockerfile' } } } }, undefined, {
      proxy: { tag: 'v1' },
    });
    expect(container(s, 'proxy').Image).toEqual({
      'Fn::If': [
        'HasImageDigestForproxy',
        { 'Fn::Sub': '${AWS::AccountId}.dkr.ecr.${AWS::Region}.${AWS::URLSuffix}/my-app/api@${ImageDigestForproxy}' },
        { 'Fn::Sub': '${AWS::AccountId}.dkr.ecr.${AWS::Region}.${AWS::URLSuffix}/my-app/api:${ImageTag}-proxy' },
      ],
    });
    expect(s.parameters).toMatchObject({ ImageTag: 'v1', ImageDigestForproxy: '' });
  });

  it('is deterministic', () => {
    const manifest = { ...IMAGE, http: { path: '/' }, secrets: { B: 'b', A: 'a' }, variables: { Y: '1', X: '2' } };
    expect(JSON.stringify(backend(manifest))).toBe(JSON.stringify(backend(manifest)));
  });
});
