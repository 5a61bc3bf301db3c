// svc show, env show, app show and the ls commands over mocked clients and in-memory records.
import {
  CloudFormationClient,
  DescribeStacksCommand,
  GetTemplateCommand,
  ListStackResourcesCommand,
} from '@aws-sdk/client-cloudformation';
import { DescribeServicesCommand, DescribeTaskDefinitionCommand, ECSClient } from '@aws-sdk/client-ecs';
import { mockClient } from 'aws-sdk-client-mock';
import { collectApplicationView, collectEnvironmentView, collectWorkloadView } from '../../../src/show/collect';
import type { LocalWorkspace } from '../../../src/show/collect';
import { listApplications, listEnvironments, listWorkloads } from '../../../src/show/list';
import {
  renderApplicationList,
  renderApplicationView,
  renderEnvironmentList,
  renderEnvironmentView,
  renderWorkloadList,
  renderWorkloadView,
} from '../../../src/show/render';
import { fakeRecords, mockedSources, NOW, resource, SHOP, stackOf } from './fixtures';

const cfn = mockClient(CloudFormationClient);
const ecs = mockClient(ECSClient);

const LOCAL: LocalWorkspace = {
  app: 'shop',
  workloads: [
    { name: 'api', type: 'Load Balanced Web Service' },
    { name: 'draft', type: 'Backend Service' },
    { name: 'nightly', type: 'Scheduled Job' },
  ],
  environments: ['test', 'dev'],
};

const SERVICE_ARN = 'arn:aws:ecs:us-west-2:123456789012:service/shop-test-Cluster/shop-test-api-Service';
const TD = 'arn:aws:ecs:us-west-2:123456789012:task-definition/shop-test-api:3';
const TEMPLATE = JSON.stringify({
  Resources: {
    TaskDefinition: { Type: 'AWS::ECS::TaskDefinition', Properties: { Cpu: '256', Memory: '512' } },
    HTTPListenerRule: {
      Type: 'AWS::ElasticLoadBalancingV2::ListenerRule',
      Properties: {
        ListenerArn: { 'Fn::ImportValue': { 'Fn::Sub': '${AppName}-${EnvName}-HTTPListenerArn' } },
        Actions: [{ Type: 'forward' }],
        Conditions: [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/api', '/api/*'] } }],
      },
    },
    Service: { Type: 'AWS::ECS::Service', Properties: {} },
  },
});

function givenStack(name: string, extra: Record<string, unknown> = {}) {
  cfn.on(DescribeStacksCommand, { StackName: name }).resolves({ Stacks: [stackOf(name, extra)] as never });
}

beforeEach(() => {
  cfn.reset();
  ecs.reset();
  cfn
    .on(DescribeStacksCommand)
    .rejects(Object.assign(new Error('Stack with id x does not exist'), { name: 'ValidationError' }));
  givenStack('shop-test', {
    Outputs: [
      { OutputKey: 'PublicLoadBalancerDNSName', OutputValue: 'shop-test-Public.elb.amazonaws.com' },
      { OutputKey: 'ClusterId', OutputValue: 'shop-test-Cluster' },
      { OutputKey: 'VpcId', OutputValue: 'vpc-1' },
      { OutputKey: 'PublicSubnets', OutputValue: 'subnet-a,subnet-b' },
    ],
  });
  givenStack('shop-test-api');
  givenStack('shop-test-report');
  cfn.on(ListStackResourcesCommand, { StackName: 'shop-test-api' }).resolves({
    StackResourceSummaries: [
      resource('TaskDefinition', 'AWS::ECS::TaskDefinition', TD),
      resource('Service', 'AWS::ECS::Service', SERVICE_ARN),
    ],
  });
  cfn.on(GetTemplateCommand, { StackName: 'shop-test-api' }).resolves({ TemplateBody: TEMPLATE });
  ecs.on(DescribeServicesCommand).resolves({
    services: [{ serviceArn: SERVICE_ARN, desiredCount: 2, launchType: 'FARGATE', taskDefinition: TD }],
  });
  ecs.on(DescribeTaskDefinitionCommand).resolves({
    taskDefinition: {
      taskDefinitionArn: TD,
      cpu: '256',
      memory: '512',
      networkMode: 'awsvpc',
      containerDefinitions: [
        {
          name: 'api',
          environment: [{ name: 'GREETING', value: 'a value that must not be printed' }],
          secrets: [{ name: 'DB_PASSWORD', valueFrom: '/shop/test/db' }],
        },
      ],
    },
  });
});

describe('collectWorkloadView', () => {
  it('shows every environment the service is deployed in, with endpoints, size and names', async () => {
    const view = await collectWorkloadView(
      mockedSources(),
      { app: 'shop', name: 'api', kind: 'service', resources: true },
      LOCAL,
    );
    expect(view).toEqual({
      app: 'shop',
      name: 'api',
      type: 'Load Balanced Web Service',
      local: true,
      environments: [
        {
          env: 'test',
          stack: { name: 'shop-test-api', status: 'UPDATE_COMPLETE', updatedAt: expect.any(String) },
          cpu: '256',
          memory: '512',
          desiredCount: 2,
          platform: undefined,
          launchType: 'FARGATE',
          capacityProviders: [],
          networkMode: 'awsvpc',
          placement: { strategies: [], constraints: [] },
          taskDefinition: 'shop-test-api:3',
          containers: [
            {
              name: 'api',
              image: undefined,
              ports: [],
              variables: ['GREETING'],
              secrets: [{ name: 'DB_PASSWORD', from: '/shop/test/db' }],
            },
          ],
          endpoints: [{ kind: 'load-balancer', address: 'http://shop-test-Public.elb.amazonaws.com/api' }],
          resources: [
            {
              logicalId: 'TaskDefinition',
              type: 'AWS::ECS::TaskDefinition',
              physicalId: TD,
              status: 'CREATE_COMPLETE',
            },
            { logicalId: 'Service', type: 'AWS::ECS::Service', physicalId: SERVICE_ARN, status: 'CREATE_COMPLETE' },
          ],
        },
      ],
    });
    expect(ecs.commandCalls(DescribeServicesCommand)[0].args[0].input).toEqual({
      cluster: 'shop-test-Cluster',
      services: [SERVICE_ARN],
    });
    const text = renderWorkloadView(view, { color: false, now: NOW }).join('\n');
    expect(text).toContain(
      '  test         2      256  512     -         FARGATE  awsvpc   -          UPDATE_COMPLETE (10m ago)',
    );
    expect(text).toContain('  test         load-balancer  http://shop-test-Public.elb.amazonaws.com/api');
    expect(text).toMatch(/^ {2}GREETING +api +test$/m);
    expect(text).toMatch(/^ {2}DB_PASSWORD +api +test +\/shop\/test\/db$/m);
    expect(text).toContain('Resources in test (stack shop-test-api)');
    expect(text + JSON.stringify(view)).not.toContain('must not be printed');
  });

  it('--env where it is not deployed: says so and where it is', async () => {
    await expect(
      collectWorkloadView(
        mockedSources(),
        { app: 'shop', name: 'api', env: 'prod', kind: 'service', resources: false },
        LOCAL,
      ),
    ).rejects.toMatchObject({
      message: 'service "api" is not deployed in environment "prod"',
      hint: 'api is deployed in: test.',
    });
  });

  it('a workload deployed nowhere has no environments and says so', async () => {
    const view = await collectWorkloadView(
      mockedSources(),
      { app: 'shop', name: 'worker', kind: 'service', resources: false },
      LOCAL,
    );
    expect(view).toMatchObject({ name: 'worker', local: false, environments: [] });
    expect(renderWorkloadView(view, { color: false, now: NOW })).toContain('Deployed in        no environment yet');
  });
});

describe('env show and app show', () => {
  it('an environment: network, cluster, load balancer and what is deployed in it', async () => {
    const view = await collectEnvironmentView(mockedSources(), { app: 'shop', env: 'test', resources: false }, LOCAL);
    expect(view).toEqual({
      app: 'shop',
      name: 'test',
      region: 'us-west-2',
      account: '123456789012',
      local: true,
      stack: { name: 'shop-test', status: 'UPDATE_COMPLETE', updatedAt: expect.any(String) },
      vpcId: 'vpc-1',
      publicSubnets: ['subnet-a', 'subnet-b'],
      privateSubnets: [],
      cluster: 'shop-test-Cluster',
      publicLoadBalancer: 'shop-test-Public.elb.amazonaws.com',
      internalLoadBalancer: undefined,
      ec2CapacityProvider: undefined,
      serviceDiscoveryNamespace: 'test.shop.local',
      domain: undefined,
      cdn: [],
      workloads: [
        { name: 'api', type: 'Load Balanced Web Service', stackStatus: 'UPDATE_COMPLETE' },
        { name: 'report', type: 'Scheduled Job', stackStatus: 'UPDATE_COMPLETE' },
      ],
    });
  });

  it("an environment of an application with a domain: its name, and CloudFront's with the static-assets alias", async () => {
    givenStack('shop-test', {
      Parameters: [{ ParameterKey: 'AppDNSName', ParameterValue: 'shop.example.com' }],
      Outputs: [
        { OutputKey: 'CloudFrontDomainName', OutputValue: 'd111111abcdef8.cloudfront.net' },
        { OutputKey: 'StaticAssetsAlias', OutputValue: 'assets.example.com' },
      ],
    });
    const view = await collectEnvironmentView(mockedSources(), { app: 'shop', env: 'test', resources: false }, LOCAL);
    expect(view).toMatchObject({
      domain: 'test.shop.example.com',
      cdn: ['https://d111111abcdef8.cloudfront.net', 'https://assets.example.com'],
    });
    const text = renderEnvironmentView(view, { color: false, now: NOW }).join('\n');
    expect(text).toMatch(/^Domain +test\.shop\.example\.com$/m);
    expect(text).toMatch(/^CloudFront +https:\/\/d111111abcdef8\.cloudfront\.net, https:\/\/assets\.example\.com$/m);
  });

  it('an application: its environments and a column per environment for each workload', async () => {
    const view = await collectApplicationView(mockedSources(), 'shop', LOCAL);
    expect(view.workloads.find((w) => w.name === 'api')).toEqual({
      name: 'api',
      type: 'Load Balanced Web Service',
      local: true,
      deployments: { test: 'UPDATE_COMPLETE' },
    });
    expect(renderApplicationView(view, { color: false, now: NOW }).slice(-6)).toEqual([
      'Workloads',
      '  NAME    TYPE                        LOCAL  TEST             PROD',
      '  api     Load Balanced Web Service   yes    UPDATE_COMPLETE  -',
      '  worker  Worker Service              -      -                -',
      '  front   Request-Driven Web Service  -      -                -',
      '  report  Scheduled Job               -      UPDATE_COMPLETE  -',
    ]);
  });
});

describe('ls', () => {
  const sources = () => mockedSources(fakeRecords({ ...SHOP, apps: ['shop', 'legacy'] }));

  it('app ls: every recorded application, this workspace marked', async () => {
    const list = await listApplications(sources(), LOCAL);
    expect(list.applications.map((a) => [a.name, a.local])).toEqual([
      ['legacy', false],
      ['shop', true],
    ]);
    expect(renderApplicationList(list)).toEqual([
      'NAME    ACCOUNT       DOMAIN  LOCAL',
      'legacy  123456789012  -       -',
      'shop    123456789012  -       yes',
    ]);
  });

  it('env ls: recorded environments and workspace ones never deployed', async () => {
    const list = await listEnvironments(sources(), 'shop', LOCAL);
    expect(list.environments).toEqual([
      { name: 'dev', deployed: false, local: true },
      { name: 'prod', region: 'us-west-2', account: '123456789012', deployed: true, local: false },
      { name: 'test', region: 'us-west-2', account: '123456789012', deployed: true, local: true },
    ]);
    expect(renderEnvironmentList(list)[1]).toBe(
      'dev   -          -             yes    only in the workspace: not deployed',
    );
  });

  it('svc ls and job ls: by kind, with the workspace marks', async () => {
    const services = await listWorkloads(sources(), 'shop', 'service', LOCAL);
    expect(services.workloads).toEqual([
      { name: 'api', type: 'Load Balanced Web Service', recorded: true, local: true },
      { name: 'draft', type: 'Backend Service', recorded: false, local: true },
      { name: 'front', type: 'Request-Driven Web Service', recorded: true, local: false },
      { name: 'worker', type: 'Worker Service', recorded: true, local: false },
    ]);
    expect(renderWorkloadList(services)).toEqual([
      'NAME    TYPE                        LOCAL  NOTE',
      'api     Load Balanced Web Service   yes',
      'draft   Backend Service             yes    only in the workspace: not deployed',
      'front   Request-Driven Web Service  -',
      'worker  Worker Service              -',
    ]);
    const jobs = await listWorkloads(sources(), 'shop', 'job', LOCAL);
    expect(jobs.workloads.map((w) => [w.name, w.recorded])).toEqual([
      ['nightly', false],
      ['report', true],
    ]);
  });

  it('outside a workspace nothing is local; another application is not this workspace', async () => {
    const other = await listWorkloads(sources(), 'legacy', 'service', LOCAL);
    expect(other.workloads).toEqual([]);
    expect(renderWorkloadList(other)).toEqual(['Application legacy has no services.']);
    await expect(listEnvironments(sources(), 'nope', LOCAL)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
