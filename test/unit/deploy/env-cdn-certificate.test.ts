// `env deploy` of an environment whose static-assets alias gets its certificate from mycopilot: the environment
// stack first (it makes the zone the certificate is validated in), then the certificate stack in us-east-1, then
// the environment again with the certificate's ARN; unchanged, nothing is redeployed; the alias removed, the
// certificate stack goes after the environment has let go of it; `env delete` removes it too.
// Stacks live in a small in-memory cloud of two Regions; deployInSession is replaced by a fake that applies them.
import {
  ChangeResourceRecordSetsCommand,
  ListResourceRecordSetsCommand,
  Route53Client,
} from '@aws-sdk/client-route-53';
import { mockClient } from 'aws-sdk-client-mock';
import { AwsClients } from '../../../src/aws/clients';
import type { StackApi, StackDescription } from '../../../src/aws/cloudformation';
import type { DeploySession } from '../../../src/deploy/session';
import type { RenderedStack } from '../../../src/stack/template';
import { MemoryOutput } from '../../../src/ui/output';
import { Workspace } from '../../../src/workspace/workspace';
import { CORPUS_VARS, writeFiles } from '../../helpers/cli';
import { recordSet, zoneListing } from '../../helpers/route53';

type Region = 'us-west-2' | 'us-east-1';
const cloud: Record<Region, Map<string, StackDescription & { body: string }>> = {
  'us-west-2': new Map(),
  'us-east-1': new Map(),
};
/** What was deployed, in order: `<region> <stack> <parameter=value ...>`; `delete <region> <stack>`. */
const log: string[] = [];
/** The partition of the stacks' ARNs. */
let partition = 'aws';
/** The Regions whose stack API the deploy asked for. */
const regions: string[] = [];

/** The stacks read, as `<region> <stack>`. */
const reads: string[] = [];

function api(region: Region): StackApi {
  return {
    describeStack: async (name: string) => {
      reads.push(`${region} ${name}`);
      return cloud[region].get(name);
    },
    deleteStack: async (name: string) => {
      log.push(`delete ${region} ${name}`);
      cloud[region].delete(name);
    },
  } as unknown as StackApi;
}
const APIS = { 'us-west-2': api('us-west-2'), 'us-east-1': api('us-east-1') };

jest.mock('../../../src/deploy/session', () => ({
  ...jest.requireActual('../../../src/deploy/session'),
  deployInSession: async (_s: unknown, stack: RenderedStack, options: { api?: StackApi; detach?: boolean }) => {
    const region: Region = options.api === APIS['us-east-1'] ? 'us-east-1' : 'us-west-2';
    if (region === 'us-east-1' && options.detach) {
      log.push(`${region} ${stack.stackName} detached`);
      return { result: 'detached', changes: [] };
    }
    const body = JSON.stringify([stack.template, stack.parameters]);
    const before = cloud[region].get(stack.stackName);
    const cdn = stack.parameters.CDNCertificateArn;
    const shown = stack.stackName.endsWith('CDNCertificate')
      ? `HostedZoneID=${stack.parameters.HostedZoneID}`
      : `CDNCertificateArn=${cdn === undefined ? '(none)' : cdn || '(empty)'}`;
    if (before?.body === body) return { result: 'unchanged', stack: before, changes: [] };
    log.push(`${region} ${stack.stackName} ${shown}`);
    const alias = (stack.template.Resources.Certificate?.Properties as { DomainName?: string })?.DomainName;
    const outputs: Record<string, string> = stack.stackName.endsWith('CDNCertificate')
      ? { CertificateArn: `arn:aws:acm:us-east-1:123456789012:certificate/${alias}`, Alias: alias! }
      : { EnvironmentHostedZoneID: 'Z0ENV' };
    const described = {
      stackId: `arn:${partition}:cloudformation:${region}:123456789012:stack/${stack.stackName}/1`,
      name: stack.stackName,
      status: 'UPDATE_COMPLETE',
      parameters: stack.parameters,
      tags: {},
      outputs,
      body,
    };
    cloud[region].set(stack.stackName, described);
    return { result: 'deployed', stack: described, changes: [] };
  },
}));

import { deleteEnvironment, deployEnvironment } from '../../../src/deploy/environment';

const RECORD = { name: 'shop', account: '123456789012', domain: 'example.com', domainHostedZoneID: 'Z0DOMAIN' };

function session(): { session: DeploySession; out: MemoryOutput } {
  const out = new MemoryOutput();
  const s = {
    clients: new AwsClients({ region: 'us-west-2' }),
    stacks: APIS['us-west-2'],
    stacksIn: async (region: string) => {
      regions.push(region);
      return APIS[region as Region];
    },
    store: {
      requireApplication: async () => RECORD,
      getEnvironment: async () => ({ name: 'test' }),
      listWorkloads: async () => [],
      deleteEnvironment: async () => undefined,
    },
    out,
    reporter: () => ({ info: () => undefined, changes: () => undefined, event: () => undefined }),
    clock: { now: () => new Date(), sleep: async () => undefined },
    pollMs: 0,
  } as unknown as DeploySession;
  return { session: s, out };
}

function workspace(cdn: string): Workspace {
  const dir = writeFiles({
    'copilot/.workspace': 'application: shop\n',
    'copilot/environments/test/manifest.yml': `name: test\ntype: Environment\n${cdn}`,
  });
  return Workspace.require(dir);
}

const ALIAS = (alias: string) => `cdn:
  static_assets:
    location: my-bucket.s3.us-west-2.amazonaws.com
    alias: ${alias}
    path: static/*
`;

// The environment's zone, with the validation record CloudFormation wrote for its certificate and an alias record.
const route53 = mockClient(Route53Client);

beforeEach(() => {
  route53.reset();
  route53
    .on(ListResourceRecordSetsCommand)
    .resolves(
      zoneListing('test.shop.example.com.', [
        recordSet('_0a1b.test.shop.example.com.', 'CNAME', '_9f8e.zfyfvmchrl.acm-validations.aws.', 60),
        recordSet('www.test.shop.example.com.', 'CNAME', 'example.net.'),
      ]),
    );
  route53.on(ChangeResourceRecordSetsCommand).callsFake((input) => {
    const change = input.ChangeBatch.Changes[0];
    log.push(
      `route53 ${input.HostedZoneId} ${change.Action} ${change.ResourceRecordSet.Name} TTL ${change.ResourceRecordSet.TTL}`,
    );
    return {};
  });
  cloud['us-west-2'].clear();
  cloud['us-east-1'].clear();
  log.length = 0;
  regions.length = 0;
  partition = 'aws';
  // The application stack, with the application's zone.
  cloud['us-west-2'].set('shop-infrastructure', {
    stackId: 'arn:app',
    name: 'shop-infrastructure',
    status: 'UPDATE_COMPLETE',
    parameters: {},
    tags: {},
    outputs: { AppHostedZoneID: 'Z0APP' },
    body: '',
  });
});

const deploy = (ws: Workspace, options: { detach?: boolean } = {}) =>
  deployEnvironment(session().session, { workspace: ws, app: 'shop', env: 'test', vars: CORPUS_VARS }, options);

describe('env deploy over an environment Copilot deployed with the domain', () => {
  it("refuses before sending anything: the template would delete Copilot's certificate and records", async () => {
    cloud['us-west-2'].set('shop-test', {
      stackId: 'arn:aws:cloudformation:us-west-2:123456789012:stack/shop-test/1',
      name: 'shop-test',
      status: 'UPDATE_COMPLETE',
      parameters: {
        AppDNSName: 'example.com',
        AppDNSDelegationRole: 'arn:aws:iam::123456789012:role/shop-DNSDelegationRole',
      },
      tags: {},
      outputs: {},
      body: '',
    });
    const err = await deploy(workspace('')).catch((e) => e);
    expect(err.message).toBe(
      'environment test was deployed by Copilot with example.com: its certificate and DNS records are Copilot custom resources that this deploy would delete',
    );
    expect(err.hint).toMatch(/mycopilot app init --domain/);
    expect(log).toEqual([]);
  });
});

describe('env deploy with a static-assets alias and no cdn.certificate', () => {
  it('deploys the environment, issues the certificate in us-east-1 in the right zone, then attaches it', async () => {
    const { session: s, out } = session();
    await deployEnvironment(s, {
      workspace: workspace(ALIAS('assets.test.shop.example.com')),
      app: 'shop',
      env: 'test',
    });
    expect(log).toEqual([
      'us-west-2 shop-test CDNCertificateArn=(empty)',
      'us-east-1 shop-test-CDNCertificate HostedZoneID=Z0ENV',
      'us-west-2 shop-test CDNCertificateArn=arn:aws:acm:us-east-1:123456789012:certificate/assets.test.shop.example.com',
    ]);
    expect(out.infos.join('\n')).toMatch(
      /Serving assets\.test\.shop\.example\.com from CloudFront with its certificate/,
    );
  });

  it.each([
    ['assets.shop.example.com', 'Z0APP'],
    ['assets.example.com', 'Z0DOMAIN'],
  ])('validates %s in the zone it is in (%s)', async (alias, zone) => {
    await deploy(workspace(ALIAS(alias)));
    expect(log[1]).toBe(`us-east-1 shop-test-CDNCertificate HostedZoneID=${zone}`);
  });

  it('redeploys nothing when nothing changed', async () => {
    const ws = workspace(ALIAS('assets.example.com'));
    await deploy(ws);
    log.length = 0;
    reads.length = 0;
    const outcome = await deploy(ws);
    expect(log).toEqual([]);
    expect(outcome.result).toBe('unchanged');
    // The application's zone comes from the environment stack's parameters, not the application stack.
    expect(reads).toEqual(['us-west-2 shop-test', 'us-east-1 shop-test-CDNCertificate']);
  });

  it("reads the application's zone again when the stack holds another application's domain", async () => {
    const ws = workspace(ALIAS('assets.example.com'));
    await deploy(ws);
    const env = cloud['us-west-2'].get('shop-test')!;
    cloud['us-west-2'].set('shop-test', { ...env, parameters: { ...env.parameters, AppDNSName: 'shop.other.com' } });
    reads.length = 0;
    await deploy(ws);
    expect(reads).toContain('us-west-2 shop-infrastructure');
  });

  it('lets go of the old certificate before its stack replaces it for a new alias', async () => {
    await deploy(workspace(ALIAS('assets.example.com')));
    log.length = 0;
    await deploy(workspace(ALIAS('static.example.com')));
    expect(log).toEqual([
      'us-west-2 shop-test CDNCertificateArn=(empty)',
      'us-east-1 shop-test-CDNCertificate HostedZoneID=Z0DOMAIN',
      'us-west-2 shop-test CDNCertificateArn=arn:aws:acm:us-east-1:123456789012:certificate/static.example.com',
    ]);
    expect(cloud['us-east-1'].get('shop-test-CDNCertificate')!.outputs.Alias).toBe('static.example.com');
  });

  it('deletes the certificate stack once the environment no longer uses it', async () => {
    await deploy(workspace(ALIAS('assets.example.com')));
    log.length = 0;
    await deploy(workspace('cdn: true\n'));
    expect(log).toEqual(['us-west-2 shop-test CDNCertificateArn=(none)', 'delete us-east-1 shop-test-CDNCertificate']);
  });

  it('resumes where an interrupted deploy stopped: the certificate stack exists, the environment lacks its ARN', async () => {
    const ws = workspace(ALIAS('assets.example.com'));
    await deploy(ws);
    // As if the last step had failed: the environment serves no certificate yet.
    const env = cloud['us-west-2'].get('shop-test')!;
    cloud['us-west-2'].set('shop-test', { ...env, parameters: { ...env.parameters, CDNCertificateArn: '' }, body: '' });
    log.length = 0;
    await deploy(ws);
    expect(log).toEqual([
      'us-west-2 shop-test CDNCertificateArn=(empty)',
      'us-west-2 shop-test CDNCertificateArn=arn:aws:acm:us-east-1:123456789012:certificate/assets.example.com',
    ]);
  });

  it('deletes a certificate stack the environment never took, once the alias is gone', async () => {
    const ws = workspace(ALIAS('assets.example.com'));
    await deploy(ws, { detach: true }); // the certificate stack is still being created
    expect(log).toEqual([
      'us-west-2 shop-test CDNCertificateArn=(empty)',
      'us-east-1 shop-test-CDNCertificate detached',
    ]);
    cloud['us-east-1'].set('shop-test-CDNCertificate', { ...cloud['us-west-2'].get('shop-test')!, body: 'x' });
    log.length = 0;
    await deploy(workspace('cdn: true\n'));
    expect(log).toEqual(['us-west-2 shop-test CDNCertificateArn=(none)', 'delete us-east-1 shop-test-CDNCertificate']);
  });

  it('says when the certificate comes, if the deploy is detached', async () => {
    const { session: s, out } = session();
    const ctx = { workspace: workspace(ALIAS('assets.example.com')), app: 'shop', env: 'test' };
    await deployEnvironment(s, ctx, { detach: true });
    expect(out.infos.join('\n')).toMatch(
      /CloudFront's certificate for assets\.example\.com is not issued yet: it comes with the next `mycopilot env deploy --name test`/,
    );
  });

  it('refuses to issue the certificate outside the aws partition, naming the field to use', async () => {
    partition = 'aws-cn';
    const err = await deploy(workspace(ALIAS('assets.example.com'))).catch((e) => e);
    expect(err.message).toBe("mycopilot cannot issue CloudFront's certificate for assets.example.com in aws-cn");
    expect(err.hint).toMatch(/`cdn.certificate`/);
    expect(log).toEqual(['us-west-2 shop-test CDNCertificateArn=(empty)']);
  });

  it('leaves us-east-1 alone for environments without an issued certificate', async () => {
    await deploy(workspace('cdn: true\n'));
    await deleteEnvironment(session().session, 'shop', 'test');
    expect(regions).toEqual([]);
    expect(log).toEqual([
      'us-west-2 shop-test CDNCertificateArn=(none)',
      'route53 Z0ENV DELETE _0a1b.test.shop.example.com. TTL 60', // the environment certificate's, not another CNAME
      'delete us-west-2 shop-test',
    ]);
  });

  it('deletes the certificate stack with the environment', async () => {
    await deploy(workspace(ALIAS('assets.example.com')));
    log.length = 0;
    await deleteEnvironment(session().session, 'shop', 'test');
    // ACM's validation record first (CloudFormation leaves it, and Route 53 deletes only an empty zone).
    expect(log).toEqual([
      'route53 Z0ENV DELETE _0a1b.test.shop.example.com. TTL 60',
      'delete us-west-2 shop-test',
      'delete us-east-1 shop-test-CDNCertificate',
    ]);
  });
});
