// Load Balanced Web Service stacks: listener rules on the public ALB (HTTP, or HTTPS with redirects when the
// environment has certificates), aliases, the Network Load Balancer, Fargate Spot and autoscaling policies.
import type { LoadBalancedWebService } from '../../../src/manifest/schemas';
import { buildLoadBalancedWebServiceStack } from '../../../src/stack/workload';
import { CERTIFICATES, EC2_CAPACITY, container, environment, inputOf, load, ofType, props } from './workload-fixtures';
import { renderError } from '../../helpers/render-error';

const web = (extra: object, env?: ReturnType<typeof environment>, priorities?: number[]) =>
  buildLoadBalancedWebServiceStack(
    inputOf(
      load<LoadBalancedWebService>({
        name: 'web',
        type: 'Load Balanced Web Service',
        image: { location: 'nginx', port: 8080 },
        ...extra,
      }),
      env,
      { rulePriorities: priorities },
    ),
  );
const withCerts = () => environment(CERTIFICATES);
const imported = (key: string) => ({ 'Fn::ImportValue': { 'Fn::Sub': `\${AppName}-\${EnvName}-${key}` } });

describe('Load Balanced Web Service stack', () => {
  it('forwards HTTP to a target group with the health check settings', () => {
    const s = web({
      http: {
        path: 'api/',
        healthcheck: {
          path: '/healthz',
          port: 8081,
          success_codes: '200-299',
          healthy_threshold: 3,
          unhealthy_threshold: 4,
          interval: '15s',
          timeout: '10s',
          grace_period: '2m',
        },
        deregistration_delay: '5s',
        stickiness: true,
        allowed_source_ips: ['10.0.0.0/16'],
      },
    });
    expect(props(s, 'TargetGroup')).toMatchObject({
      HealthCheckPath: '/healthz',
      HealthCheckPort: '8081',
      Matcher: { HttpCode: '200-299' },
      HealthyThresholdCount: 3,
      UnhealthyThresholdCount: 4,
      HealthCheckIntervalSeconds: 15,
      HealthCheckTimeoutSeconds: 10,
      Port: 8080,
      Protocol: 'HTTP',
      TargetType: 'ip',
      TargetGroupAttributes: [
        { Key: 'deregistration_delay.timeout_seconds', Value: '5' },
        { Key: 'stickiness.enabled', Value: 'true' },
      ],
    });
    const rule = props(s, 'HTTPListenerRule');
    expect(rule.ListenerArn).toEqual(imported('HTTPListenerArn'));
    expect(rule.Conditions).toEqual([
      { Field: 'source-ip', SourceIpConfig: { Values: ['10.0.0.0/16'] } },
      { Field: 'path-pattern', PathPatternConfig: { Values: ['/api', '/api/*'] } },
    ]);
    expect(props(s, 'Service').HealthCheckGracePeriodSeconds).toBe(120);
    expect(container(s, 'web').Environment).toContainEqual({
      Name: 'COPILOT_LB_DNS',
      Value: imported('PublicLoadBalancerDNS'),
    });
    // The HTTPS twin exists only under the application's domain (see app-domain.test.ts).
    expect(ofType(s, 'AWS::ElasticLoadBalancingV2::ListenerRule')).toEqual(['HTTPListenerRule', 'HTTPSListenerRule']);
    expect(s.template.Resources.HTTPSListenerRule.Condition).toBe('HasAppDomain');
    expect(s.parameters.AppDomainName).toBe('');
  });

  it('takes one priority parameter per rule, from the input', () => {
    const s = web(
      { http: { path: '/', additional_rules: [{ path: '/admin', target_port: 9000 }] } },
      undefined,
      [50000, 7],
    );
    expect(s.parameters).toMatchObject({ RulePriority: '50000', RulePriority1: '7' });
    expect(props(s, 'HTTPListenerRule1').Priority).toEqual({ Ref: 'RulePriority1' });
    expect(props(s, 'TargetGroup1').Port).toBe(9000);
    expect(container(s, 'web').PortMappings).toEqual([
      { ContainerPort: 8080, Protocol: 'tcp' },
      { ContainerPort: 9000, Protocol: 'tcp' },
    ]);
    expect(s.template.Resources.Service.DependsOn).toEqual(['HTTPListenerRule', 'HTTPListenerRule1']);
  });

  it('uses HTTPS with an HTTP redirect when the environment has certificates, and host conditions for aliases', () => {
    const s = web(
      {
        http: {
          path: '/',
          alias: [{ name: 'www.example.com', hosted_zone: 'Z123' }, { name: 'example.com' }],
          additional_rules: [{ path: '/legacy', redirect_to_https: false }],
        },
      },
      withCerts(),
    );
    expect(ofType(s, 'AWS::ElasticLoadBalancingV2::ListenerRule')).toEqual([
      'HTTPListenerRuleWithDomain',
      'HTTPSListenerRule',
      'HTTPListenerRuleWithDomain1',
      'HTTPSListenerRule1',
    ]);
    expect(props(s, 'HTTPListenerRuleWithDomain').Actions[0]).toMatchObject({
      Type: 'redirect',
      RedirectConfig: { Protocol: 'HTTPS', Port: '443', StatusCode: 'HTTP_301' },
    });
    expect(props(s, 'HTTPListenerRuleWithDomain1').Actions).toEqual([
      { Type: 'forward', TargetGroupArn: { Ref: 'TargetGroup1' } },
    ]);
    const https = props(s, 'HTTPSListenerRule');
    expect(https.ListenerArn).toEqual(imported('HTTPSListenerArn'));
    expect(https.Conditions).toContainEqual({
      Field: 'host-header',
      HostHeaderConfig: { Values: ['www.example.com', 'example.com'] },
    });
    expect(props(s, 'LoadBalancerDNSAliasZ123')).toMatchObject({
      HostedZoneId: 'Z123',
      RecordSets: [
        {
          Name: 'www.example.com',
          Type: 'A',
          AliasTarget: { HostedZoneId: imported('CanonicalHostedZoneID'), DNSName: imported('PublicLoadBalancerDNS') },
        },
      ],
    });
  });

  it('refuses an alias without a certificate, pointing at the alias', () => {
    const err = renderError(() =>
      web({ http: { path: '/', additional_rules: [{ path: '/b', alias: 'b.example.com' }] } }),
    );
    expect(err.path).toEqual(['http', 'additional_rules', 0, 'alias']);
    expect(err.message).toContain('HTTPS');
    expect(err.hint).toContain('http.public.certificates');
  });

  it('routes through an imported load balancer instead (details in workload-deploy-lookups.test.ts)', () => {
    const s = web({ http: { path: '/', alb: 'arn:aws:elasticloadbalancing:us-west-2:1:loadbalancer/app/x/y' } });
    expect(ofType(s, 'AWS::ElasticLoadBalancingV2::ListenerRule')).toContain('ListenerRuleForImportedALB');
  });

  it('routes to a sidecar when the rule targets it', () => {
    const s = web({
      http: { path: '/', target_container: 'proxy' },
      sidecars: { proxy: { image: 'envoy', port: '9000' } },
    });
    expect(props(s, 'Service').LoadBalancers).toEqual([
      { ContainerName: 'proxy', ContainerPort: 9000, TargetGroupArn: { Ref: 'TargetGroup' } },
    ]);
    expect(props(s, 'Service').ServiceRegistries).toEqual([
      { RegistryArn: { 'Fn::GetAtt': ['DiscoveryService', 'Arn'] }, Port: 9000 },
    ]);
  });

  it('adds a Network Load Balancer with its listeners, target groups and security group', () => {
    const s = web(
      {
        http: false,
        nlb: {
          port: '443/tls',
          target_port: 8080,
          healthcheck: { grace_period: '30s', interval: '10s' },
          additional_listeners: [{ port: '53/udp', target_container: 'dns' }],
        },
        sidecars: { dns: { image: 'coredns', port: '5353/udp' } },
      },
      withCerts(),
    );
    expect(props(s, 'NLBListener')).toMatchObject({
      Port: 443,
      Protocol: 'TLS',
      Certificates: [{ CertificateArn: 'arn:aws:acm:us-west-2:123456789123:certificate/abcd-1234' }],
    });
    expect(props(s, 'NetworkLoadBalancerTargetGroup')).toMatchObject({ Port: 8080, Protocol: 'TCP', TargetType: 'ip' });
    expect(props(s, 'NetworkLoadBalancerTargetGroup1')).toMatchObject({
      Port: 5353,
      Protocol: 'UDP',
      HealthCheckProtocol: 'TCP',
    });
    expect(container(s, 'dns').PortMappings).toEqual([{ ContainerPort: 5353, Protocol: 'udp' }]);
    expect(
      props(s, 'NetworkLoadBalancerSecurityGroup').SecurityGroupIngress.map((r: any) => [r.IpProtocol, r.FromPort]),
    ).toEqual([
      ['tcp', 443],
      ['udp', 53],
    ]);
    expect(props(s, 'EnvironmentSecurityGroupIngressFromNetworkLoadBalancerSecurityGroup').GroupId).toEqual(
      imported('EnvironmentSecurityGroup'),
    );
    expect(props(s, 'Service').HealthCheckGracePeriodSeconds).toBe(30);
    expect(s.template.Resources.Service.DependsOn).toEqual(['NLBListener', 'NLBListener1']);
    expect(s.template.Outputs).toHaveProperty('PublicNetworkLoadBalancerDNSName');
    expect(ofType(s, 'AWS::ElasticLoadBalancingV2::ListenerRule')).toEqual([]);
  });

  it('refuses a TLS listener without a certificate', () => {
    expect(renderError(() => web({ http: false, nlb: { port: '443/tls' } })).path).toEqual(['nlb', 'port']);
  });

  it('lets the NLB reach bridge tasks through the instance security group', () => {
    const s = web(
      {
        launch_type: 'EC2',
        network: { mode: 'bridge' },
        http: { path: '/' },
        nlb: { port: '80/tcp', target_port: 8080 },
      },
      environment(EC2_CAPACITY),
    );
    expect(props(s, 'NetworkLoadBalancerTargetGroup').TargetType).toBe('instance');
    expect(props(s, 'TargetGroup').TargetType).toBe('instance');
    expect(props(s, 'InstanceSecurityGroupIngressFromNetworkLoadBalancerSecurityGroup').GroupId).toEqual(
      imported('InstanceSecurityGroup'),
    );
    expect(container(s, 'web').PortMappings).toEqual([{ ContainerPort: 8080, HostPort: 0, Protocol: 'tcp' }]);
  });

  it('runs a fixed count on Fargate Spot, or the tasks above spot_from', () => {
    const spot = props(web({ http: { path: '/' }, count: { spot: 3 } }), 'Service');
    expect(spot.CapacityProviderStrategy).toEqual([{ CapacityProvider: 'FARGATE_SPOT', Weight: 1 }]);
    expect(spot.LaunchType).toBeUndefined();
    const s = web({ http: { path: '/' }, count: { range: { min: 2, max: 10, spot_from: 4 }, cpu_percentage: 70 } });
    expect(props(s, 'Service').CapacityProviderStrategy).toEqual([
      { CapacityProvider: 'FARGATE_SPOT', Weight: 1 },
      { CapacityProvider: 'FARGATE', Weight: 0, Base: 3 },
    ]);
    expect(s.parameters.TaskCount).toBe('2');
  });

  it('scales on CPU, memory, requests and response time', () => {
    const s = web({
      http: { path: '/' },
      count: {
        range: '1-10',
        cooldown: { in: '60s', out: '30s' },
        cpu_percentage: 70,
        memory_percentage: { value: 80, cooldown: { in: '5m' } },
        requests: 1000,
        response_time: '500ms',
      },
    });
    expect(props(s, 'AutoScalingTarget')).toMatchObject({
      MinCapacity: 1,
      MaxCapacity: 10,
      ScalableDimension: 'ecs:service:DesiredCount',
      ServiceNamespace: 'ecs',
      ResourceId: { 'Fn::Join': ['/', ['service', imported('ClusterId'), { 'Fn::GetAtt': ['Service', 'Name'] }]] },
    });
    expect(
      props(s, 'AutoScalingPolicyECSServiceAverageCPUUtilization').TargetTrackingScalingPolicyConfiguration,
    ).toEqual({
      PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageCPUUtilization' },
      ScaleInCooldown: 60,
      ScaleOutCooldown: 30,
      TargetValue: 70,
    });
    expect(
      props(s, 'AutoScalingPolicyECSServiceAverageMemoryUtilization').TargetTrackingScalingPolicyConfiguration,
    ).toMatchObject({
      ScaleInCooldown: 300,
      ScaleOutCooldown: 30,
      TargetValue: 80,
    });
    expect(
      props(s, 'AutoScalingPolicyALBSumRequestCountPerTarget').TargetTrackingScalingPolicyConfiguration,
    ).toMatchObject({
      PredefinedMetricSpecification: {
        PredefinedMetricType: 'ALBRequestCountPerTarget',
        ResourceLabel: {
          'Fn::Join': [
            '/',
            [imported('PublicLoadBalancerFullName'), { 'Fn::GetAtt': ['TargetGroup', 'TargetGroupFullName'] }],
          ],
        },
      },
      TargetValue: 1000,
    });
    expect(props(s, 'AutoScalingPolicyALBAverageResponseTime').TargetTrackingScalingPolicyConfiguration).toMatchObject({
      CustomizedMetricSpecification: { MetricName: 'TargetResponseTime', Namespace: 'AWS/ApplicationELB' },
      TargetValue: 0.5,
    });
    // Autoscaling uses the service-linked role: no role of its own.
    expect(ofType(s, 'AWS::IAM::Role').sort()).toEqual(['ExecutionRole', 'TaskRole']);
  });

  it('routes main container logs through FireLens when logging asks', () => {
    const s = web({
      http: { path: '/' },
      logging: {
        destination: { Name: 'cloudwatch', region: 'us-west-2' },
        secretOptions: { KEY: 'log-key' },
        retention: 14,
      },
    });
    expect(container(s, 'web').LogConfiguration).toMatchObject({
      LogDriver: 'awsfirelens',
      Options: { Name: 'cloudwatch', region: 'us-west-2' },
      SecretOptions: [{ Name: 'KEY' }],
    });
    expect(container(s, 'firelens_log_router').FirelensConfiguration).toEqual({
      Type: 'fluentbit',
      Options: { 'enable-ecs-log-metadata': 'true' },
    });
    expect(props(s, 'LogGroup').RetentionInDays).toBe(14);
  });

  it('refuses a log retention CloudWatch does not offer', () => {
    expect(renderError(() => web({ http: { path: '/' }, logging: { retention: 2 } })).path).toEqual([
      'logging',
      'retention',
    ]);
  });
});

describe('Load Balanced Web Service stack refuses', () => {
  it('gRPC without HTTPS', () => {
    expect(() =>
      buildLoadBalancedWebServiceStack(
        inputOf(
          load<LoadBalancedWebService>({
            name: 'web',
            type: 'Load Balanced Web Service',
            image: { location: 'grpc', port: 50051 },
            http: { path: '/', version: 'grpc' },
          }),
        ),
      ),
    ).toThrow(/needs an HTTPS listener/);
  });

  it('a health check port for bridge tasks, whose host ports are dynamic', () => {
    expect(() =>
      buildLoadBalancedWebServiceStack(
        inputOf(
          load<LoadBalancedWebService>({
            name: 'web',
            type: 'Load Balanced Web Service',
            image: { location: 'nginx', port: 80 },
            launch_type: 'EC2',
            network: { mode: 'bridge' },
            http: { path: '/', healthcheck: { port: 8081 } },
          }),
          environment(EC2_CAPACITY),
        ),
      ),
    ).toThrow(/dynamic host port/);
  });
});
