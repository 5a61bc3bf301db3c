// The deploy's lookups for manifest fields only AWS can answer: the existing load balancer of `http.alb` and the
// subnets of `subnets.from_tags` (against mocked ELBv2 and EC2), and how renderWorkload uses them.
import { DescribeSubnetsCommand, EC2Client } from '@aws-sdk/client-ec2';
import {
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  DescribeRulesCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { mockClient } from 'aws-sdk-client-mock';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { AwsClients } from '../../../src/aws/clients';
import { packageWorkload } from '../../../src/cli/package-flags';
import type { StackDescription } from '../../../src/aws/cloudformation';
import { AwsLookups, deployLookups, LookupSource, lookupRequests } from '../../../src/deploy/lookups';
import { environmentNeeds, publicAliases, renderWorkload } from '../../../src/deploy/render';
import { ManifestError, MycopilotError } from '../../../src/errors';
import { ImportedAlb, RenderError } from '../../../src/stack/inputs';
import { MemoryOutput } from '../../../src/ui/output';
import { Workspace } from '../../../src/workspace/workspace';
import { writeFiles } from '../../helpers/cli';

const elb = mockClient(ElasticLoadBalancingV2Client);
const ec2 = mockClient(EC2Client);

const VPC = 'vpc-0123456789abcdef0';
const ALB_ARN = 'arn:aws:elasticloadbalancing:us-west-2:123456789012:loadbalancer/app/shared/0123456789abcdef';
const listenerArn = (port: number) =>
  `arn:aws:elasticloadbalancing:us-west-2:123456789012:listener/app/shared/0123456789abcdef/${port}`;
const ALB = {
  LoadBalancerArn: ALB_ARN,
  LoadBalancerName: 'shared',
  Type: 'application' as const,
  VpcId: VPC,
  DNSName: 'shared-1.us-west-2.elb.amazonaws.com',
  CanonicalHostedZoneId: 'Z1H1FL5HABSF5',
  SecurityGroups: ['sg-0b', 'sg-0a'],
};

let vpcReads = 0;
function lookups(): AwsLookups {
  vpcReads = 0;
  return new AwsLookups({
    clients: new AwsClients({ region: 'us-west-2' }),
    env: 'test',
    vpcId: async () => {
      vpcReads += 1;
      return VPC;
    },
  });
}

async function rejection(promise: Promise<unknown>): Promise<RenderError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof RenderError) return err;
    throw err;
  }
  throw new Error('expected a RenderError');
}

beforeEach(() => {
  elb.reset();
  ec2.reset();
});

describe('AwsLookups.importedAlb', () => {
  it('finds a load balancer by name, with its listeners on 80 and 443 across pages', async () => {
    elb.on(DescribeLoadBalancersCommand, { Names: ['shared'] }).resolves({ LoadBalancers: [ALB] });
    elb
      .on(DescribeListenersCommand, { LoadBalancerArn: ALB_ARN, Marker: undefined })
      .resolves({
        Listeners: [
          { ListenerArn: listenerArn(8080), Protocol: 'HTTP', Port: 8080 },
          { ListenerArn: listenerArn(80), Protocol: 'HTTP', Port: 80 },
        ],
        NextMarker: 'page2',
      })
      .on(DescribeListenersCommand, { LoadBalancerArn: ALB_ARN, Marker: 'page2' })
      .resolves({ Listeners: [{ ListenerArn: listenerArn(443), Protocol: 'HTTPS', Port: 443 }] });

    expect(await lookups().importedAlb('shared')).toEqual({
      arn: ALB_ARN,
      fullName: 'app/shared/0123456789abcdef',
      dnsName: 'shared-1.us-west-2.elb.amazonaws.com',
      canonicalHostedZoneId: 'Z1H1FL5HABSF5',
      securityGroups: ['sg-0a', 'sg-0b'],
      httpListenerArn: listenerArn(80),
      httpsListenerArn: listenerArn(443),
    });
    expect(elb.commandCalls(DescribeListenersCommand)).toHaveLength(2);
  });

  it('finds one by ARN, and has no HTTPS listener when there is none on 443', async () => {
    elb.on(DescribeLoadBalancersCommand, { LoadBalancerArns: [ALB_ARN] }).resolves({ LoadBalancers: [ALB] });
    elb.on(DescribeListenersCommand).resolves({
      Listeners: [
        { ListenerArn: listenerArn(80), Protocol: 'HTTP', Port: 80 },
        { ListenerArn: listenerArn(8443), Protocol: 'HTTPS', Port: 8443 },
      ],
    });
    const found = await lookups().importedAlb(ALB_ARN);
    expect(found.httpListenerArn).toBe(listenerArn(80));
    expect(found.httpsListenerArn).toBeUndefined();
    expect(elb.commandCalls(DescribeLoadBalancersCommand)[0].args[0].input).toEqual({ LoadBalancerArns: [ALB_ARN] });
  });

  it('says when no load balancer has that name or ARN', async () => {
    const notFound = Object.assign(new Error('One or more load balancers not found'), {
      name: 'LoadBalancerNotFoundException',
    });
    elb.on(DescribeLoadBalancersCommand).rejects(notFound);
    const err = await rejection(lookups().importedAlb('missing'));
    expect(err.path).toEqual(['http', 'alb']);
    expect(err.message).toContain('no load balancer named "missing"');
    expect(err.hint).toContain('Application Load Balancer');

    elb.on(DescribeLoadBalancersCommand).resolves({ LoadBalancers: [] });
    expect((await rejection(lookups().importedAlb(ALB_ARN))).message).toContain(`with ARN "${ALB_ARN}"`);
  });

  it('passes other AWS failures on as AWS errors naming the field', async () => {
    elb.on(DescribeLoadBalancersCommand).rejects(Object.assign(new Error('denied'), { name: 'AccessDenied' }));
    const err = await lookups()
      .importedAlb('shared')
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MycopilotError);
    expect(err).not.toBeInstanceOf(RenderError);
    expect((err as MycopilotError).message).toContain('http.alb');
  });

  it('refuses a load balancer that is not an Application Load Balancer', async () => {
    elb.on(DescribeLoadBalancersCommand).resolves({ LoadBalancers: [{ ...ALB, Type: 'network' }] });
    const err = await rejection(lookups().importedAlb('shared'));
    expect(err.path).toEqual(['http', 'alb']);
    expect(err.message).toContain('network load balancer, not an Application Load Balancer');
    expect(elb.commandCalls(DescribeListenersCommand)).toHaveLength(0);
  });

  it("refuses a load balancer outside the environment's VPC", async () => {
    elb.on(DescribeLoadBalancersCommand).resolves({ LoadBalancers: [{ ...ALB, VpcId: 'vpc-other' }] });
    const err = await rejection(lookups().importedAlb('shared'));
    expect(err.message).toContain('vpc-other');
    expect(err.message).toContain(VPC);
    expect(err.message).toContain('environment "test"');
  });

  it('refuses a load balancer with no listener on 80 or 443', async () => {
    elb.on(DescribeLoadBalancersCommand).resolves({ LoadBalancers: [ALB] });
    elb.on(DescribeListenersCommand).resolves({
      Listeners: [{ ListenerArn: listenerArn(8080), Protocol: 'HTTP', Port: 8080 }],
    });
    const err = await rejection(lookups().importedAlb('shared'));
    expect(err.path).toEqual(['http', 'alb']);
    expect(err.message).toContain('HTTP 8080');
  });
});

describe('AwsLookups.rulePriorities', () => {
  it('collects the priorities of every rule of the listeners, not the default ones', async () => {
    elb
      .on(DescribeRulesCommand, { ListenerArn: listenerArn(80), Marker: undefined })
      .resolves({ Rules: [{ Priority: '5' }, { Priority: 'default' }], NextMarker: 'm' })
      .on(DescribeRulesCommand, { ListenerArn: listenerArn(80), Marker: 'm' })
      .resolves({ Rules: [{ Priority: '50000' }] })
      .on(DescribeRulesCommand, { ListenerArn: listenerArn(443) })
      .resolves({ Rules: [{ Priority: '5' }, { Priority: '2' }] });
    expect(await lookups().rulePriorities([listenerArn(80), listenerArn(443)])).toEqual([2, 5, 50000]);
  });
});

describe('AwsLookups.subnetsFromTags', () => {
  it("finds the environment VPC's subnets with every tag, any of its values", async () => {
    ec2
      .on(DescribeSubnetsCommand, { NextToken: undefined }, false)
      .resolves({ Subnets: [{ SubnetId: 'subnet-b' }], NextToken: 't' })
      .on(DescribeSubnetsCommand, { NextToken: 't' }, false)
      .resolves({ Subnets: [{ SubnetId: 'subnet-a' }] });
    expect(await lookups().subnetsFromTags({ Tier: ['app', 'web'], Env: ['prod'] })).toEqual(['subnet-a', 'subnet-b']);
    expect(ec2.commandCalls(DescribeSubnetsCommand)[0].args[0].input.Filters).toEqual([
      { Name: 'vpc-id', Values: [VPC] },
      { Name: 'tag:Tier', Values: ['app', 'web'] },
      { Name: 'tag:Env', Values: ['prod'] },
    ]);
  });

  it('says when no subnet matches, naming the field and the tags', async () => {
    ec2.on(DescribeSubnetsCommand).resolves({ Subnets: [] });
    const err = await rejection(lookups().subnetsFromTags({ Tier: ['app', 'web'] }));
    expect(err.path).toEqual(['network', 'vpc', 'placement', 'subnets', 'from_tags']);
    expect(err.message).toContain('Tier=app|web');
    expect(err.message).toContain(VPC);
  });

  it('reads the VPC once for both lookups', async () => {
    const l = lookups();
    elb.on(DescribeLoadBalancersCommand).resolves({ LoadBalancers: [ALB] });
    elb
      .on(DescribeListenersCommand)
      .resolves({ Listeners: [{ ListenerArn: listenerArn(80), Protocol: 'HTTP', Port: 80 }] });
    ec2.on(DescribeSubnetsCommand).resolves({ Subnets: [{ SubnetId: 'subnet-a' }] });
    await Promise.all([l.importedAlb('shared'), l.subnetsFromTags({ k: ['v'] })]);
    expect(vpcReads).toBe(1);
  });
});

describe('deployLookups', () => {
  const session = (outputs: Record<string, string> | undefined) => ({
    clients: new AwsClients({ region: 'us-west-2' }),
    stacks: {
      describeStack: async (name: string) =>
        outputs && name === 'shop-test' ? ({ outputs } as unknown as StackDescription) : undefined,
    },
  });

  it("takes the VPC from the environment stack's outputs", async () => {
    ec2.on(DescribeSubnetsCommand).resolves({ Subnets: [{ SubnetId: 'subnet-a' }] });
    await deployLookups(session({ VpcId: 'vpc-env' }), 'shop', 'test').subnetsFromTags({ k: ['v'] });
    expect(ec2.commandCalls(DescribeSubnetsCommand)[0].args[0].input.Filters![0]).toEqual({
      Name: 'vpc-id',
      Values: ['vpc-env'],
    });
  });

  it('says to deploy the environment when its stack is missing', async () => {
    const err = await deployLookups(session(undefined), 'shop', 'test')
      .subnetsFromTags({ k: ['v'] })
      .catch((e: unknown) => e as MycopilotError);
    expect(err).toBeInstanceOf(MycopilotError);
    expect((err as MycopilotError).code).toBe('NOT_FOUND');
    expect((err as MycopilotError).hint).toContain('env deploy --name test');
  });
});

describe('lookupRequests', () => {
  it('asks for what the manifest names, and only for ECS workloads', () => {
    const tags = { network: { vpc: { placement: { subnets: { from_tags: { Tier: 'app', Zone: ['a', 'b'] } } } } } };
    expect(lookupRequests('Load Balanced Web Service', { http: { alb: 'shared' }, ...tags })).toEqual({
      alb: 'shared',
      subnetTags: { Tier: ['app'], Zone: ['a', 'b'] },
    });
    expect(lookupRequests('Backend Service', { http: { alb: 'shared' } })).toEqual({});
    expect(lookupRequests('Scheduled Job', tags)).toEqual({ subnetTags: { Tier: ['app'], Zone: ['a', 'b'] } });
    expect(lookupRequests('Request-Driven Web Service', tags)).toEqual({});
    expect(lookupRequests('Worker Service', { network: { vpc: { placement: { subnets: ['subnet-1'] } } } })).toEqual(
      {},
    );
    expect(lookupRequests('Load Balanced Web Service', { http: false })).toEqual({});
  });
});

describe('renderWorkload with lookups', () => {
  const FOUND: ImportedAlb = {
    arn: ALB_ARN,
    fullName: 'app/shared/0123456789abcdef',
    dnsName: ALB.DNSName,
    canonicalHostedZoneId: ALB.CanonicalHostedZoneId,
    securityGroups: ['sg-0a'],
    httpListenerArn: listenerArn(80),
    httpsListenerArn: listenerArn(443),
  };

  function workspace(): Workspace {
    const dir = writeFiles({
      'copilot/.workspace': 'application: shop\n',
      'copilot/web/manifest.yml': [
        'name: web',
        'type: Load Balanced Web Service',
        'image:',
        '  location: nginx',
        '  port: 80',
        'http:',
        '  path: /',
        '  alb: shared',
        'network:',
        '  vpc:',
        '    placement:',
        '      subnets:',
        '        from_tags:',
        '          Tier: app',
        '',
      ].join('\n'),
      'copilot/front/manifest.yml': [
        'name: front',
        'type: Load Balanced Web Service',
        'image:',
        '  location: nginx',
        '  port: 80',
        'http:',
        '  path: /',
        '',
      ].join('\n'),
    });
    return Workspace.require(dir);
  }

  function fake(overrides: Partial<LookupSource> = {}): LookupSource & { calls: string[] } {
    const calls: string[] = [];
    return {
      calls,
      importedAlb: async (ref) => (calls.push(`alb ${ref}`), FOUND),
      rulePriorities: async (arns) => (calls.push(`rules ${arns.join(' ')}`), [50000, 49999, 1]),
      subnetsFromTags: async (tags) => (calls.push(`subnets ${JSON.stringify(tags)}`), ['subnet-1', 'subnet-2']),
      ...overrides,
    };
  }

  it('fills the parameters and picks priorities free on the imported listeners', async () => {
    const ws = workspace();
    const source = fake();
    const { stack } = await renderWorkload(
      { workspace: ws, app: 'shop', env: 'test', vars: {} },
      { name: 'web', tag: 'latest', lookups: source, takenPriorities: [49998] },
    );
    expect(source.calls).toEqual([
      'alb shared',
      'subnets {"Tier":["app"]}',
      `rules ${listenerArn(80)} ${listenerArn(443)}`,
    ]);
    expect(stack.parameters).toMatchObject({
      ImportedALBHTTPListenerArn: listenerArn(80),
      ImportedALBHTTPSListenerArn: listenerArn(443),
      ImportedALBSecurityGroups: 'sg-0a',
      SubnetsFromTags: 'subnet-1,subnet-2',
      // The catch-all takes the highest priority free on the imported listeners (not the environment's 49998).
      RulePriority: '49998',
    });
  });

  it('keeps the deployed priorities only when its rules are on those listeners already', async () => {
    const ws = workspace();
    const ctx = { workspace: ws, app: 'shop', env: 'test', vars: {} };
    const same = fake();
    const kept = await renderWorkload(ctx, {
      name: 'web',
      tag: 'latest',
      lookups: same,
      rulePriorities: [7],
      deployedParameters: {
        ImportedALBHTTPListenerArn: listenerArn(80),
        ImportedALBHTTPSListenerArn: listenerArn(443),
      },
    });
    expect(kept.stack.parameters.RulePriority).toBe('7');
    expect(same.calls.some((c) => c.startsWith('rules'))).toBe(false);

    const moved = await renderWorkload(ctx, {
      name: 'web',
      tag: 'latest',
      lookups: fake(),
      rulePriorities: [7],
      deployedParameters: {},
    });
    expect(moved.stack.parameters.RulePriority).toBe('49998');
  });

  it('calls nothing for a manifest that asks for no lookup', async () => {
    const source = fake();
    const { stack } = await renderWorkload(
      { workspace: workspace(), app: 'shop', env: 'test', vars: {} },
      { name: 'front', tag: 'latest', lookups: source },
    );
    expect(source.calls).toEqual([]);
    expect(stack.template.Parameters!.ImportedALBDNSName).toBeUndefined();
  });

  it("turns a lookup's RenderError into a manifest error at the field's position", async () => {
    const source = fake({
      subnetsFromTags: async () => {
        throw new RenderError(['network', 'vpc', 'placement', 'subnets', 'from_tags'], 'no subnet is tagged Tier=app');
      },
    });
    const err = await renderWorkload(
      { workspace: workspace(), app: 'shop', env: 'test', vars: {} },
      { name: 'web', tag: 'latest', lookups: source },
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ManifestError);
    const d = (err as ManifestError).diagnostics[0];
    expect(d.path).toBe('network.vpc.placement.subnets.from_tags');
    expect(path.basename(d.position.file)).toBe('manifest.yml');
    expect(d.position.line).toBe(13); // from_tags:
  });

  it('leaves the looked-up parameters empty offline, and `package` says so', async () => {
    const ws = workspace();
    const { stack } = await renderWorkload(
      { workspace: ws, app: 'shop', env: 'test', vars: {} },
      { name: 'web', tag: 'latest' },
    );
    expect(stack.parameters.ImportedALBHTTPListenerArn).toBe('');
    expect(stack.parameters.SubnetsFromTags).toBe('');

    const out = new MemoryOutput();
    const cwd = process.cwd();
    process.chdir(ws.root);
    try {
      await packageWorkload(out, { name: 'web', env: 'test', tag: 'latest', 'output-dir': 'out' }, [
        'Load Balanced Web Service',
      ]);
    } finally {
      process.chdir(cwd);
    }
    const params = JSON.parse(readFileSync(path.join(ws.root, 'out', 'web-test.params.json'), 'utf8')).Parameters;
    expect(params).toMatchObject({ ImportedALBDNSName: '', ImportedALBSecurityGroups: '', SubnetsFromTags: '' });
    expect(out.infos).toEqual([
      expect.stringMatching(
        /^Parameters looked up at deploy, left empty in out\/web-test\.params\.json: ImportedALBHTTPListenerArn, .*\(http\.alb\); SubnetsFromTags \(network\.vpc\.placement\.subnets\.from_tags\)\.$/,
      ),
    ]);
  });
});

describe("the environment's load balancer and services behind an imported one", () => {
  it('needs no load balancer, and carries no CDN alias, for them', () => {
    const workloads = [
      { name: 'web', type: 'Load Balanced Web Service' as const, manifest: { http: { alb: 'x', alias: 'a.com' } } },
      { name: 'front', type: 'Load Balanced Web Service' as const, manifest: { http: { path: '/', alias: 'b.com' } } },
    ];
    expect(environmentNeeds(workloads).albWorkloads).toEqual(['front']);
    expect(publicAliases(workloads)).toEqual(['b.com']);
  });
});
