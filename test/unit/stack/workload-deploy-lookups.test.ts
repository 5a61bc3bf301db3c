// Manifest fields whose values only AWS knows, rendered as parameters the deploy fills: `http.alb` (an existing
// Application Load Balancer: its listeners, security groups, DNS name and zone) and
// `network.vpc.placement.subnets.from_tags`. The template is the same offline (empty values) and at deploy.
import type {
  BackendService,
  LoadBalancedWebService,
  ScheduledJob,
  WorkerService,
} from '../../../src/manifest/schemas';
import type { DeployLookups, ImportedAlb } from '../../../src/stack/inputs';
import { lookedUpNote, lookedUpParameters } from '../../../src/stack/lookup-parameters';
import {
  buildBackendServiceStack,
  buildLoadBalancedWebServiceStack,
  buildScheduledJobStack,
  buildWorkerServiceStack,
} from '../../../src/stack/workload';
import { cfnLint } from '../../helpers/cfn-lint';
import { renderError } from '../../helpers/render-error';
import { CERTIFICATES, EC2_CAPACITY, container, environment, inputOf, load, ofType, props } from './workload-fixtures';

const ALB_ARN = 'arn:aws:elasticloadbalancing:us-west-2:123456789012:loadbalancer/app/shared/0123456789abcdef';
const FOUND: ImportedAlb = {
  arn: ALB_ARN,
  fullName: 'app/shared/0123456789abcdef',
  dnsName: 'shared-1.us-west-2.elb.amazonaws.com',
  canonicalHostedZoneId: 'Z1H1FL5HABSF5',
  securityGroups: ['sg-0a', 'sg-0b'],
  httpListenerArn: `${ALB_ARN.replace(':loadbalancer/', ':listener/')}/80`,
  httpsListenerArn: `${ALB_ARN.replace(':loadbalancer/', ':listener/')}/443`,
};
const FOUR_GROUPS = ['sg-00000001', 'sg-00000002', 'sg-00000003', 'sg-00000004'];
const imported = (key: string) => ({ 'Fn::ImportValue': { 'Fn::Sub': `\${AppName}-\${EnvName}-${key}` } });

function web(extra: object, options: { lookups?: DeployLookups; env?: ReturnType<typeof environment> } = {}) {
  const manifest = load<LoadBalancedWebService>({
    name: 'web',
    type: 'Load Balanced Web Service',
    image: { location: 'nginx', port: 8080 },
    ...extra,
  });
  return buildLoadBalancedWebServiceStack({ ...inputOf(manifest, options.env), lookups: options.lookups });
}
const albWeb = (http: object = {}, extra: object = {}, lookups?: DeployLookups) =>
  web({ http: { path: '/', alb: 'shared', ...http }, ...extra }, { lookups });

describe('http.alb: an existing Application Load Balancer', () => {
  it('declares the looked-up parameters, empty offline, and conditions on the listeners', () => {
    const s = albWeb();
    const p = s.template.Parameters!;
    expect(p.ImportedALBHTTPListenerArn).toMatchObject({ Type: 'String' });
    expect(p.ImportedALBHTTPSListenerArn).toMatchObject({ Type: 'String' });
    expect(p.ImportedALBSecurityGroups).toMatchObject({ Type: 'CommaDelimitedList' });
    expect(p.ImportedALBDNSName.Description).toContain('looked up at deploy');
    for (const name of [
      'ImportedALBHTTPListenerArn',
      'ImportedALBHTTPSListenerArn',
      'ImportedALBSecurityGroups',
      'ImportedALBDNSName',
      'ImportedALBCanonicalHostedZoneID',
      'ImportedALBFullName',
    ]) {
      expect(s.parameters[name]).toBe('');
    }
    expect(s.template.Conditions).toEqual({
      ImportedALBHasHTTPSListener: { 'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'ImportedALBHTTPSListenerArn' }, ''] }] },
      ImportedALBHasHTTPAndHTTPSListeners: {
        'Fn::And': [
          { Condition: 'ImportedALBHasHTTPSListener' },
          { 'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'ImportedALBHTTPListenerArn' }, ''] }] },
        ],
      },
    });
  });

  it('fills the parameters from the lookup and renders the very same template', () => {
    const offline = albWeb();
    const deployed = albWeb({}, {}, { importedAlb: FOUND });
    expect(deployed.template).toEqual(offline.template);
    expect(deployed.parameters).toMatchObject({
      ImportedALBHTTPListenerArn: FOUND.httpListenerArn,
      ImportedALBHTTPSListenerArn: FOUND.httpsListenerArn,
      ImportedALBSecurityGroups: 'sg-0a,sg-0b',
      ImportedALBDNSName: FOUND.dnsName,
      ImportedALBCanonicalHostedZoneID: 'Z1H1FL5HABSF5',
      ImportedALBFullName: 'app/shared/0123456789abcdef',
    });
    const httpOnly = albWeb({}, {}, { importedAlb: { ...FOUND, httpsListenerArn: undefined } });
    expect(httpOnly.parameters.ImportedALBHTTPSListenerArn).toBe('');
  });

  it('forwards on the HTTPS listener when there is one, else on the HTTP one; the HTTP twin redirects', () => {
    const s = albWeb({ additional_rules: [{ path: '/admin', target_port: 8081 }] });
    const forward = props(s, 'ListenerRuleForImportedALB');
    expect(forward.ListenerArn).toEqual({
      'Fn::If': [
        'ImportedALBHasHTTPSListener',
        { Ref: 'ImportedALBHTTPSListenerArn' },
        { Ref: 'ImportedALBHTTPListenerArn' },
      ],
    });
    expect(forward.Actions).toEqual([{ Type: 'forward', TargetGroupArn: { Ref: 'TargetGroupForImportedALB' } }]);
    expect(forward.Priority).toEqual({ Ref: 'RulePriority' });
    expect(s.template.Resources.ListenerRuleForImportedALB.Condition).toBeUndefined();

    const twin = s.template.Resources.HTTPListenerRedirectRuleForImportedALB;
    expect(twin.Condition).toBe('ImportedALBHasHTTPAndHTTPSListeners');
    expect(twin.Properties!.ListenerArn).toEqual({ Ref: 'ImportedALBHTTPListenerArn' });
    expect(twin.Properties!.Actions).toEqual([
      expect.objectContaining({ Type: 'redirect', RedirectConfig: expect.objectContaining({ Protocol: 'HTTPS' }) }),
    ]);
    expect(twin.Properties!.Priority).toEqual({ Ref: 'RulePriority' });

    // The additional rule: its own target group, rules and priority.
    expect(props(s, 'ListenerRuleForImportedALB1').Priority).toEqual({ Ref: 'RulePriority1' });
    expect(props(s, 'TargetGroupForImportedALB1').Port).toBe(8081);
    expect(s.template.Resources.HTTPListenerRedirectRuleForImportedALB1.Condition).toBe(
      'ImportedALBHasHTTPAndHTTPSListeners',
    );
    // The service waits for the rules that always exist, never for a conditional one.
    expect(s.template.Resources.Service.DependsOn).toEqual([
      'ListenerRuleForImportedALB',
      'ListenerRuleForImportedALB1',
    ]);
  });

  it("uses nothing of the environment's load balancer", () => {
    const s = albWeb({}, {}, { importedAlb: FOUND });
    const text = JSON.stringify(s.template);
    for (const key of ['HTTPListenerArn', 'HTTPSListenerArn', 'PublicLoadBalancerDNS', 'PublicLoadBalancerFullName']) {
      expect(text).not.toContain(`-${key}"`);
    }
    expect(ofType(s, 'AWS::ElasticLoadBalancingV2::TargetGroup')).toEqual(['TargetGroupForImportedALB']);
    expect(ofType(s, 'AWS::ElasticLoadBalancingV2::ListenerRule')).toEqual([
      'ListenerRuleForImportedALB',
      'HTTPListenerRedirectRuleForImportedALB',
    ]);
    expect(container(s, 'web').Environment).toContainEqual({
      Name: 'COPILOT_LB_DNS',
      Value: { Ref: 'ImportedALBDNSName' },
    });
  });

  it('forwards on the HTTP twin too with redirect_to_https: false', () => {
    const s = albWeb({ redirect_to_https: false });
    expect(s.template.Resources.HTTPListenerRedirectRuleForImportedALB).toBeUndefined();
    const twin = s.template.Resources.HTTPListenerRuleForImportedALB;
    expect(twin.Condition).toBe('ImportedALBHasHTTPAndHTTPSListeners');
    expect(twin.Properties!.Actions).toEqual([
      { Type: 'forward', TargetGroupArn: { Ref: 'TargetGroupForImportedALB' } },
    ]);
  });

  it('lets the load balancer reach the tasks through a security group of their own', () => {
    const s = albWeb({ healthcheck: { path: '/health', port: 8090 } });
    const sg = props(s, 'TaskSecurityGroupForImportedALB');
    expect(sg.VpcId).toEqual(imported('VpcId'));
    expect(sg.SecurityGroupIngress).toEqual([
      {
        IpProtocol: 'tcp',
        FromPort: 8080,
        ToPort: 8090,
        SourceSecurityGroupId: { 'Fn::Select': [0, { Ref: 'ImportedALBSecurityGroups' }] },
        Description: 'From the imported load balancer',
      },
    ]);
    const network = props(s, 'Service').NetworkConfiguration.AwsvpcConfiguration;
    expect(network.SecurityGroups).toEqual([
      imported('EnvironmentSecurityGroup'),
      { Ref: 'TaskSecurityGroupForImportedALB' },
    ]);
    expect(s.template.Resources.EnvironmentSecurityGroupIngressFromImportedALB).toBeUndefined();
  });

  it('opens the environment security group instead when the tasks carry five groups already', () => {
    const s = albWeb({}, { network: { vpc: { security_groups: FOUR_GROUPS } } });
    expect(s.template.Resources.TaskSecurityGroupForImportedALB).toBeUndefined();
    expect(props(s, 'EnvironmentSecurityGroupIngressFromImportedALB')).toMatchObject({
      GroupId: imported('EnvironmentSecurityGroup'),
      IpProtocol: 'tcp',
      FromPort: 8080,
      ToPort: 8080,
      SourceSecurityGroupId: { 'Fn::Select': [0, { Ref: 'ImportedALBSecurityGroups' }] },
    });
    expect(props(s, 'Service').NetworkConfiguration.AwsvpcConfiguration.SecurityGroups).toHaveLength(5);
  });

  it('keeps room for its group without the environment one, and refuses when there is none', () => {
    const four = albWeb(
      {},
      { network: { vpc: { security_groups: { deny_default: true, groups: ['a', 'b', 'c', 'd'] } } } },
    );
    expect(props(four, 'Service').NetworkConfiguration.AwsvpcConfiguration.SecurityGroups).toEqual([
      'a',
      'b',
      'c',
      'd',
      { Ref: 'TaskSecurityGroupForImportedALB' },
    ]);
    const err = renderError(() =>
      albWeb({}, { network: { vpc: { security_groups: { deny_default: true, groups: ['a', 'b', 'c', 'd', 'e'] } } } }),
    );
    expect(err.path).toEqual(['network', 'vpc', 'security_groups']);
    expect(err.message).toContain('http.alb');
  });

  it('needs no environment certificate for aliases, and points their records at the imported load balancer', () => {
    const s = albWeb({ alias: [{ name: 'www.example.com', hosted_zone: 'Z0123' }] });
    expect(props(s, 'LoadBalancerDNSAliasZ0123').RecordSets).toEqual([
      {
        Name: 'www.example.com',
        Type: 'A',
        AliasTarget: {
          HostedZoneId: { Ref: 'ImportedALBCanonicalHostedZoneID' },
          DNSName: { Ref: 'ImportedALBDNSName' },
        },
      },
    ]);
    expect(props(s, 'ListenerRuleForImportedALB').Conditions).toContainEqual({
      Field: 'host-header',
      HostHeaderConfig: { Values: ['www.example.com'] },
    });
  });

  it('scales on the requests and response time of the imported load balancer', () => {
    const s = albWeb({}, { count: { range: '1-4', requests: 100, response_time: '1s' } });
    const requests = props(s, 'AutoScalingPolicyALBSumRequestCountPerTarget');
    expect(requests.TargetTrackingScalingPolicyConfiguration.PredefinedMetricSpecification.ResourceLabel).toEqual({
      'Fn::Join': [
        '/',
        [{ Ref: 'ImportedALBFullName' }, { 'Fn::GetAtt': ['TargetGroupForImportedALB', 'TargetGroupFullName'] }],
      ],
    });
    const time = props(s, 'AutoScalingPolicyALBAverageResponseTime');
    expect(time.TargetTrackingScalingPolicyConfiguration.CustomizedMetricSpecification.Dimensions).toContainEqual({
      Name: 'LoadBalancer',
      Value: { Ref: 'ImportedALBFullName' },
    });
  });

  it('checks gRPC against the listeners the deploy found (offline it cannot know)', () => {
    expect(() => albWeb({ version: 'grpc' })).not.toThrow();
    expect(() => albWeb({ version: 'grpc' }, {}, { importedAlb: FOUND })).not.toThrow();
    const err = renderError(() =>
      albWeb({ version: 'grpc' }, {}, { importedAlb: { ...FOUND, httpsListenerArn: undefined } }),
    );
    expect(err.path).toEqual(['http', 'version']);
    expect(err.message).toContain('shared');
    expect(err.hint).toContain('443');
  });

  it('refuses tasks that do not run in awsvpc mode', () => {
    const err = renderError(() =>
      web(
        { http: { path: '/', alb: 'shared' }, launch_type: 'EC2', network: { mode: 'bridge' } },
        { env: environment(EC2_CAPACITY) },
      ),
    );
    expect(err.path).toEqual(['network', 'mode']);
  });

  it('is for Load Balanced Web Services only', () => {
    const manifest = load<BackendService>({
      name: 'api',
      type: 'Backend Service',
      image: { location: 'nginx', port: 8080 },
      http: { path: '/', alb: 'shared' },
    });
    const err = renderError(() => buildBackendServiceStack(inputOf(manifest, environment(CERTIFICATES))));
    expect(err.path).toEqual(['http', 'alb']);
  });

  it("leaves the environment's load balancer routing alone", () => {
    const s = web({ http: { path: '/' } });
    // Only the default name's condition (app-domain.test.ts), none of the imported load balancer's.
    expect(Object.keys(s.template.Conditions ?? {})).toEqual(['HasAppDomain']);
    expect(Object.keys(s.template.Parameters!).filter((p) => p.startsWith('ImportedALB'))).toEqual([]);
    expect(props(s, 'HTTPListenerRule').ListenerArn).toEqual(imported('HTTPListenerArn'));
    expect(lookedUpParameters(s.template.Parameters)).toEqual([]);
  });
});

describe('network.vpc.placement.subnets.from_tags', () => {
  const placement = { placement: { subnets: { from_tags: { Tier: ['app', 'web'], Env: 'prod' } } } };

  it('runs the tasks in the subnets the deploy found, without public IPs', () => {
    const s = web({ http: { path: '/' }, network: { vpc: placement } });
    expect(s.template.Parameters!.SubnetsFromTags).toEqual({
      Type: 'CommaDelimitedList',
      Description: expect.stringContaining('Tier=app|web, Env=prod'),
    });
    expect(s.parameters.SubnetsFromTags).toBe('');
    expect(props(s, 'Service').NetworkConfiguration.AwsvpcConfiguration).toMatchObject({
      AssignPublicIp: 'DISABLED',
      Subnets: { Ref: 'SubnetsFromTags' },
    });
    const deployed = web(
      { http: { path: '/' }, network: { vpc: placement } },
      { lookups: { subnetsFromTags: ['subnet-1', 'subnet-2'] } },
    );
    expect(deployed.parameters.SubnetsFromTags).toBe('subnet-1,subnet-2');
    expect(deployed.template).toEqual(s.template);
  });

  it('works for workers and jobs (RunTask takes the list through a substitution)', () => {
    const worker = buildWorkerServiceStack({
      ...inputOf(
        load<WorkerService>({
          name: 'w',
          type: 'Worker Service',
          image: { location: 'busybox' },
          network: { vpc: placement },
        }),
      ),
      lookups: { subnetsFromTags: ['subnet-9'] },
    });
    expect(props(worker, 'Service').NetworkConfiguration.AwsvpcConfiguration.Subnets).toEqual({
      Ref: 'SubnetsFromTags',
    });
    expect(worker.parameters.SubnetsFromTags).toBe('subnet-9');
    const job = buildScheduledJobStack(
      inputOf(
        load<ScheduledJob>({
          name: 'j',
          type: 'Scheduled Job',
          image: { location: 'busybox' },
          on: { schedule: '@daily' },
          network: { vpc: placement },
        }),
      ),
    );
    const machine = props(job, ofType(job, 'AWS::StepFunctions::StateMachine')[0]);
    expect(machine.DefinitionSubstitutions.Subnets).toEqual({ 'Fn::Join': ['","', { Ref: 'SubnetsFromTags' }] });
  });

  it('names the looked-up parameters for `package`', () => {
    const s = albWeb({}, { network: { vpc: placement } });
    expect(lookedUpParameters(s.template.Parameters)).toEqual([
      {
        field: 'http.alb',
        names: [
          'ImportedALBHTTPListenerArn',
          'ImportedALBHTTPSListenerArn',
          'ImportedALBSecurityGroups',
          'ImportedALBDNSName',
          'ImportedALBCanonicalHostedZoneID',
          'ImportedALBFullName',
        ],
      },
      { field: 'network.vpc.placement.subnets.from_tags', names: ['SubnetsFromTags'] },
    ]);
    const note = lookedUpNote(s.template.Parameters, 'out/web-test.params.json')!;
    expect(note).toContain('looked up at deploy');
    expect(note).toContain('out/web-test.params.json');
    expect(note).toContain('SubnetsFromTags (network.vpc.placement.subnets.from_tags)');
    expect(lookedUpNote(web({ http: { path: '/' } }).template.Parameters)).toBeUndefined();
  });
});

describe('templates with looked-up parameters pass cfn-lint', () => {
  it('has no error, offline and filled', () => {
    const tags = { placement: { subnets: { from_tags: { Tier: 'app' } } } };
    const filled = { importedAlb: FOUND, subnetsFromTags: ['subnet-1'] };
    const stacks = [
      { label: 'alb-offline', stack: albWeb({ additional_rules: [{ path: '/b', alias: 'b.example.com' }] }) },
      { label: 'alb-filled', stack: albWeb({}, { count: { range: '1-3', requests: 10 } }, filled) },
      { label: 'alb-forward-http', stack: albWeb({ redirect_to_https: false }) },
      { label: 'alb-http2', stack: albWeb({ version: 'http2' }, {}, filled) },
      {
        label: 'alb-env-sg',
        stack: albWeb({}, { network: { vpc: { security_groups: FOUR_GROUPS } } }),
      },
      { label: 'alb-from-tags', stack: albWeb({}, { network: { vpc: tags } }, filled) },
      {
        label: 'job-from-tags',
        stack: buildScheduledJobStack(
          inputOf(
            load<ScheduledJob>({
              name: 'j',
              type: 'Scheduled Job',
              image: { location: 'busybox' },
              on: { schedule: '@daily' },
              network: { vpc: tags },
            }),
          ),
        ),
      },
    ];
    const errors = cfnLint(stacks).filter((f) => f.level === 'Error');
    expect(errors.map((e) => `${e.file}:${e.line} ${e.rule} ${e.message}`)).toEqual([]);
  }, 60_000);
});
