// Endpoints and configuration read from deployed templates and what ECS runs; names, never values.
import { appRunnerConfiguration, ecsConfiguration, withTemplateDefaults } from '../../../src/show/config';
import { endpointsOf, EndpointInputs } from '../../../src/show/endpoints';
import { parseTemplate } from '../../../src/status/cfn-template';
import { buildLoadBalancedWebServiceStack, buildBackendServiceStack } from '../../../src/stack/workload';
import { buildRequestDrivenWebServiceStack } from '../../../src/stack/apprunner';
import { templateToYaml } from '../../../src/stack/template';
import type { BackendService, LoadBalancedWebService, RequestDrivenWebService } from '../../../src/manifest/schemas';
import { CERTIFICATES, environment, inputOf, load } from '../stack/workload-fixtures';

const ENV_OUTPUTS = {
  PublicLoadBalancerDNSName: 'my-app-test-Public-1.us-west-2.elb.amazonaws.com',
  InternalLoadBalancerDNSName: 'internal-my-app-test-Inter-1.us-west-2.elb.amazonaws.com',
  ClusterId: 'my-app-test-Cluster-1',
};

/** Renders a manifest with the real builder, as deploy would, and reads the endpoints back from its YAML. */
function endpointsFor(
  stack: { template: object; parameters: Record<string, string> },
  name: string,
  outputs: Record<string, string> = {},
) {
  const inputs: EndpointInputs = {
    app: 'my-app',
    env: 'test',
    name,
    template: parseTemplate(templateToYaml(stack.template as never)),
    parameters: stack.parameters,
    outputs,
    environmentOutputs: ENV_OUTPUTS,
  };
  return endpointsOf(inputs);
}

describe('endpointsOf', () => {
  it('a public service at a path, with Service Connect and service discovery', () => {
    const m = load<LoadBalancedWebService>({
      name: 'api',
      type: 'Load Balanced Web Service',
      image: { location: 'nginx', port: 8080 },
      http: { path: 'api' },
      network: { connect: { alias: 'backend' } },
    });
    const stack = buildLoadBalancedWebServiceStack(inputOf(m, environment(), { rulePriorities: [10] }));
    expect(endpointsFor(stack, 'api')).toEqual([
      { kind: 'load-balancer', address: `http://${ENV_OUTPUTS.PublicLoadBalancerDNSName}/api` },
      { kind: 'service-connect', address: 'backend:8080' },
      { kind: 'service-discovery', address: 'api.test.my-app.local:8080' },
    ]);
  });

  it('a public service in an application with a domain: its default name over HTTPS', () => {
    const m = load<LoadBalancedWebService>({
      name: 'api',
      type: 'Load Balanced Web Service',
      image: { location: 'nginx', port: 8080 },
      http: { path: 'api' },
    });
    const input = { ...inputOf(m, environment(), { rulePriorities: [10] }), appDomain: { name: 'example.com' } };
    const stack = buildLoadBalancedWebServiceStack(input);
    expect(endpointsFor(stack, 'api').filter((e) => e.kind === 'load-balancer')).toEqual([
      { kind: 'load-balancer', address: 'https://api.test.my-app.example.com/api' },
    ]);
  });

  it('a Network Load Balancer in an application with a domain: its default name', () => {
    const m = load<LoadBalancedWebService>({
      name: 'tcp',
      type: 'Load Balanced Web Service',
      image: { location: 'nginx', port: 8080 },
      http: false,
      nlb: { port: '80/tcp' },
    } as never);
    const input = { ...inputOf(m, environment()), appDomain: { name: 'example.com' } };
    const stack = buildLoadBalancedWebServiceStack(input);
    const outputs = { PublicNetworkLoadBalancerDNSName: 'tcp-nlb-1.elb.us-west-2.amazonaws.com' };
    expect(endpointsFor(stack, 'tcp', outputs).filter((e) => e.kind === 'network-load-balancer')).toEqual([
      { kind: 'network-load-balancer', address: 'tcp://tcp-nlb.test.my-app.example.com:80' },
    ]);
    const none = buildLoadBalancedWebServiceStack(inputOf(m, environment()));
    expect(endpointsFor(none, 'tcp', outputs).filter((e) => e.kind === 'network-load-balancer')).toEqual([
      { kind: 'network-load-balancer', address: 'tcp://tcp-nlb-1.elb.us-west-2.amazonaws.com:80' },
    ]);
  });

  it('a service on an existing load balancer (http.alb): its DNS name, over HTTPS only when it has that listener', () => {
    const m = load<LoadBalancedWebService>({
      name: 'api',
      type: 'Load Balanced Web Service',
      image: { location: 'nginx', port: 8080 },
      http: { path: 'api', alb: 'shared-alb' },
    });
    const stack = buildLoadBalancedWebServiceStack(inputOf(m, environment(), { rulePriorities: [10] }));
    const deployed = (https: string) => ({
      ...stack,
      parameters: {
        ...stack.parameters,
        ImportedALBHTTPListenerArn: 'arn:aws:elasticloadbalancing:us-west-2:123456789012:listener/app/shared/1/80',
        ImportedALBHTTPSListenerArn: https,
        ImportedALBDNSName: 'shared-alb-1.us-west-2.elb.amazonaws.com',
      },
    });
    const lb = (p: ReturnType<typeof deployed>) =>
      endpointsFor(p, 'api')
        .filter((e) => e.kind === 'load-balancer')
        .map((e) => e.address);
    expect(lb(deployed(''))).toEqual(['http://shared-alb-1.us-west-2.elb.amazonaws.com/api']);
    expect(lb(deployed('arn:aws:elasticloadbalancing:us-west-2:123456789012:listener/app/shared/1/443'))).toEqual([
      'https://shared-alb-1.us-west-2.elb.amazonaws.com/api',
    ]);
  });

  it('HTTPS with aliases: the HTTPS URL of each alias, not the redirecting HTTP rule', () => {
    const m = load<LoadBalancedWebService>({
      name: 'web',
      type: 'Load Balanced Web Service',
      image: { location: 'nginx', port: 80 },
      http: { path: '/', alias: ['www.example.com', 'example.com'] },
    });
    const stack = buildLoadBalancedWebServiceStack(inputOf(m, environment(CERTIFICATES), { rulePriorities: [1] }));
    expect(endpointsFor(stack, 'web').filter((e) => e.kind === 'load-balancer')).toEqual([
      { kind: 'load-balancer', address: 'https://www.example.com/' },
      { kind: 'load-balancer', address: 'https://example.com/' },
    ]);
  });

  it('a Backend Service behind the internal load balancer', () => {
    const m = load<BackendService>({
      name: 'orders',
      type: 'Backend Service',
      image: { location: 'nginx', port: 80 },
      http: { path: 'orders' },
    });
    const stack = buildBackendServiceStack(inputOf(m, environment(), { rulePriorities: [5] }));
    expect(endpointsFor(stack, 'orders')[0]).toEqual({
      kind: 'internal-load-balancer',
      address: `http://${ENV_OUTPUTS.InternalLoadBalancerDNSName}/orders`,
    });
  });

  it("Copilot's rule path (`!If` on RulePath) falls back to the RulePath parameter", () => {
    const template = parseTemplate(
      [
        'Resources:',
        '  HTTPListenerRule:',
        '    Type: AWS::ElasticLoadBalancingV2::ListenerRule',
        '    Properties:',
        '      ListenerArn: !ImportValue { "Fn::Sub": "${AppName}-${EnvName}-HTTPListenerArn" }',
        '      Actions: [{ Type: forward, TargetGroupArn: !Ref TargetGroup }]',
        '      Conditions:',
        '        - Field: path-pattern',
        '          PathPatternConfig:',
        '            Values: !If [IsDefaultRootPath, ["/*"], [!Sub "/${RulePath}", !Sub "/${RulePath}/*"]]',
      ].join('\n'),
    );
    const inputs = { app: 'a', env: 'e', name: 'svc', template, outputs: {}, environmentOutputs: ENV_OUTPUTS };
    expect(endpointsOf({ ...inputs, parameters: { RulePath: 'svc' } })).toEqual([
      { kind: 'load-balancer', address: `http://${ENV_OUTPUTS.PublicLoadBalancerDNSName}/svc` },
    ]);
    expect(endpointsOf({ ...inputs, parameters: { RulePath: '/' } })[0].address).toMatch(/\.com\/$/);
  });

  it('App Runner and CloudFront URLs come from the stack outputs', () => {
    const m = load<RequestDrivenWebService>({
      name: 'front',
      type: 'Request-Driven Web Service',
      image: { location: 'public.ecr.aws/nginx/nginx:1.27', port: 80 },
      variables: { LOG_LEVEL: 'debug' },
      secrets: { TOKEN: '/my-app/test/token' },
    });
    const stack = buildRequestDrivenWebServiceStack(inputOf(m));
    expect(endpointsFor(stack, 'front', { ServiceURL: 'https://abc.awsapprunner.com' })).toEqual([
      { kind: 'app-runner', address: 'https://abc.awsapprunner.com' },
    ]);
    const config = appRunnerConfiguration(parseTemplate(templateToYaml(stack.template)), stack.parameters);
    expect(config.cpu).toBeDefined();
    expect(config.containers[0].variables).toEqual(expect.arrayContaining(['LOG_LEVEL']));
    expect(config.containers[0].secrets).toEqual([expect.objectContaining({ name: 'TOKEN' })]);
    expect(JSON.stringify(config)).not.toContain('debug');
    expect(
      endpointsOf({
        app: 'a',
        env: 'e',
        name: 'site',
        template: {},
        parameters: {},
        outputs: { CloudFrontDistributionDomainName: 'd111.cloudfront.net' },
        environmentOutputs: {},
      }),
    ).toEqual([{ kind: 'cloudfront', address: 'https://d111.cloudfront.net' }]);
  });
});

describe('ecsConfiguration', () => {
  it('size, platform, capacity and placement from the service and task definition; variables by name', () => {
    const config = ecsConfiguration(
      {
        taskDefinitionArn: 'arn:aws:ecs:us-west-2:1:task-definition/my-app-test-api:4',
        cpu: '1024',
        memory: '2048',
        networkMode: 'bridge',
        runtimePlatform: { operatingSystemFamily: 'LINUX', cpuArchitecture: 'ARM64' },
        containerDefinitions: [
          {
            name: 'api',
            image: '123.dkr.ecr.us-west-2.amazonaws.com/my-app/api@sha256:abc',
            portMappings: [{ containerPort: 8080 }],
            environment: [
              { name: 'TOKEN_URL', value: 'https://secret.example.com' },
              { name: 'COPILOT_APPLICATION_NAME', value: 'my-app' },
            ],
            secrets: [{ name: 'DB_PASSWORD', valueFrom: 'arn:aws:ssm:us-west-2:1:parameter/db' }],
          },
        ],
      },
      {
        desiredCount: 3,
        capacityProviderStrategy: [{ capacityProvider: 'my-app-test-EC2', weight: 1, base: 1 }],
        placementStrategy: [{ type: 'spread', field: 'attribute:ecs.availability-zone' }],
        placementConstraints: [{ type: 'distinctInstance' }],
      },
    );
    expect(config).toEqual({
      cpu: '1024',
      memory: '2048',
      desiredCount: 3,
      platform: 'LINUX/ARM64',
      launchType: undefined,
      capacityProviders: ['my-app-test-EC2 (weight 1, base 1)'],
      networkMode: 'bridge',
      placement: { strategies: ['spread:attribute:ecs.availability-zone'], constraints: ['distinctInstance'] },
      taskDefinition: 'my-app-test-api:4',
      containers: [
        {
          name: 'api',
          image: '123.dkr.ecr.us-west-2.amazonaws.com/my-app/api@sha256:abc',
          ports: [8080],
          variables: ['COPILOT_APPLICATION_NAME', 'TOKEN_URL'],
          secrets: [{ name: 'DB_PASSWORD', from: 'arn:aws:ssm:us-west-2:1:parameter/db' }],
        },
      ],
    });
    expect(JSON.stringify(config)).not.toContain('secret.example.com');
  });

  it('fills what the registered task definition lacks from the template', () => {
    const template = parseTemplate(
      JSON.stringify({
        Resources: {
          TaskDefinition: {
            Type: 'AWS::ECS::TaskDefinition',
            Properties: {
              Cpu: '512',
              Memory: '1024',
              NetworkMode: 'awsvpc',
              RuntimePlatform: { OperatingSystemFamily: 'LINUX', CpuArchitecture: 'X86_64' },
            },
          },
        },
      }),
    );
    const config = withTemplateDefaults(ecsConfiguration({ memory: '1024' }, undefined), template, {});
    expect(config).toMatchObject({ cpu: '512', memory: '1024', networkMode: 'awsvpc', platform: 'LINUX/X86_64' });
  });
});
