// `app init --domain`: the domain's public hosted zone is looked up in Route 53 (mocked), recorded as Copilot
// recorded it (domainHostedZoneID: the zone of the domain itself), and the application stack gets the application's
// zone delegated from it; the environment deploy reads the application's zone back from that stack.
import {
  ChangeResourceRecordSetsCommand,
  ListHostedZonesByNameCommand,
  ListResourceRecordSetsCommand,
  Route53Client,
} from '@aws-sdk/client-route-53';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { AwsClients } from '../../../src/aws/clients';
import type { DeploySession } from '../../../src/deploy/session';
import { MycopilotError } from '../../../src/errors';
import type { RenderedStack } from '../../../src/stack/template';
import type { ApplicationRecord } from '../../../src/store/records';
import { MemoryOutput } from '../../../src/ui/output';
import { recordSet, zoneListing } from '../../helpers/route53';

const deployed: RenderedStack[] = [];
jest.mock('../../../src/deploy/session', () => ({
  ...jest.requireActual('../../../src/deploy/session'),
  deployInSession: async (_session: unknown, stack: RenderedStack) => {
    deployed.push(stack);
    return { result: 'deployed', changes: [] };
  },
}));

import { applicationDns, initApplication } from '../../../src/deploy/application';
import { deleteApplication } from '../../../src/deploy/delete';

const route53 = mockClient(Route53Client);
const sts = mockClient(STSClient);

function session(existing?: ApplicationRecord, outputs: Record<string, string> | null = null) {
  const created: ApplicationRecord[] = [];
  const s = {
    clients: new AwsClients({ region: 'us-west-2' }),
    out: new MemoryOutput(),
    store: {
      getApplication: async () => existing,
      createApplication: async (r: ApplicationRecord) => void created.push(r),
    },
    stacks: { describeStack: async () => (outputs ? { outputs } : null) },
  } as unknown as DeploySession;
  return { s, created };
}

beforeEach(() => {
  route53.reset();
  sts.reset();
  deployed.length = 0;
  sts.on(GetCallerIdentityCommand).resolves({ Account: '123456789012' });
});

describe('app init --domain', () => {
  it("records the domain's public zone and creates the application's zone delegated from it", async () => {
    route53.on(ListHostedZonesByNameCommand).resolves({
      HostedZones: [
        { Id: '/hostedzone/ZPRIVATE', Name: 'example.com.', CallerReference: 'a', Config: { PrivateZone: true } },
        { Id: '/hostedzone/Z0DOMAIN', Name: 'example.com.', CallerReference: 'b', Config: { PrivateZone: false } },
        { Id: '/hostedzone/ZOTHER', Name: 'example.net.', CallerReference: 'c' },
      ],
    });
    const { s, created } = session();
    const { record } = await initApplication(s, { app: 'shop', workloads: ['web'], domain: 'Example.com' });
    expect(route53.commandCalls(ListHostedZonesByNameCommand)[0].args[0].input).toMatchObject({
      DNSName: 'example.com',
    });
    expect(created).toEqual([record]);
    expect(record).toMatchObject({
      name: 'shop',
      account: '123456789012',
      domain: 'example.com',
      domainHostedZoneID: 'Z0DOMAIN',
    });
    expect(deployed).toHaveLength(1);
    expect(deployed[0].parameters).toEqual({ DomainHostedZoneID: 'Z0DOMAIN' });
    expect(deployed[0].template.Resources.AppHostedZone.Properties).toMatchObject({ Name: 'shop.example.com' });
  });

  it('refuses a domain with no public hosted zone in the account, creating nothing', async () => {
    route53.on(ListHostedZonesByNameCommand).resolves({
      HostedZones: [{ Id: '/hostedzone/ZOTHER', Name: 'example.net.', CallerReference: 'c' }],
    });
    const { s, created } = session();
    const err = await initApplication(s, { app: 'shop', workloads: [], domain: 'example.com' }).catch((e) => e);
    expect(err).toBeInstanceOf(MycopilotError);
    expect(err.message).toBe('the account has no public Route 53 hosted zone for example.com');
    expect(created).toEqual([]);
    expect(deployed).toEqual([]);
  });

  it('refuses another domain for an existing application', async () => {
    const existing = { name: 'shop', account: '1', domain: '', domainHostedZoneID: '', version: '1.0' };
    const err = await initApplication(session(existing).s, { app: 'shop', workloads: [], domain: 'example.com' }).catch(
      (e) => e,
    );
    expect(err.message).toBe('application shop already exists without a domain');
    expect(route53.calls()).toHaveLength(0);
  });

  it("adds the zone to an existing application stack that lacks it, keeping the record's zone", async () => {
    const existing = {
      name: 'shop',
      account: '1',
      domain: 'example.com',
      domainHostedZoneID: 'Z0DOMAIN',
      version: '1.0',
    };
    const { s } = session(existing, { ArtifactBucketName: 'b' });
    await initApplication(s, { app: 'shop', workloads: [], domain: 'example.com' });
    expect(route53.calls()).toHaveLength(0);
    expect(deployed[0].parameters).toEqual({ DomainHostedZoneID: 'Z0DOMAIN' });
  });
});

describe('applicationDns', () => {
  const record = { name: 'shop', account: '1', domain: 'example.com', domainHostedZoneID: 'Z0DOMAIN', version: '1.0' };

  it("reads the application's zone from its stack", async () => {
    const { s } = session(record, { AppHostedZoneID: 'Z0APP' });
    expect(await applicationDns(s, record)).toEqual({
      domain: 'example.com',
      appZoneId: 'Z0APP',
      domainZoneId: 'Z0DOMAIN',
    });
  });

  it('has none without a domain, or when the stack has no zone (an application Copilot created)', async () => {
    expect(await applicationDns(session(record, {}).s, { ...record, domain: '' })).toBeUndefined();
    expect(await applicationDns(session(record, { ArtifactBucketName: 'b' }).s, record)).toBeUndefined();
  });
});

describe('app delete with a domain', () => {
  it("removes ACM's validation records from the application's zone before its stack deletes the zone", async () => {
    const order: string[] = [];
    route53
      .on(ListResourceRecordSetsCommand)
      .resolves(
        zoneListing('shop.example.com.', [
          recordSet('_5c.www.shop.example.com.', 'CNAME', '_7d.xyz.acm-validations.aws.'),
        ]),
      );
    route53.on(ChangeResourceRecordSetsCommand).callsFake((input) => {
      const { Action, ResourceRecordSet } = input.ChangeBatch.Changes[0];
      order.push(`${Action} ${input.HostedZoneId} ${ResourceRecordSet.Name}`);
      return {};
    });
    let stack: object | undefined = { status: 'UPDATE_COMPLETE', outputs: { AppHostedZoneID: 'Z0APP' } };
    const s = {
      clients: new AwsClients({ region: 'us-west-2' }),
      out: new MemoryOutput(),
      store: {
        listWorkloads: async () => [],
        listEnvironments: async () => [],
        deleteApplication: async () => void order.push('record'),
      },
      stacks: {
        describeStack: async () => stack,
        deleteStack: async (name: string) => {
          order.push(`delete ${name}`);
          stack = undefined;
        },
      },
      reporter: () => ({ info: () => undefined }),
      clock: { sleep: async () => undefined },
      pollMs: 0,
    } as unknown as DeploySession;
    await deleteApplication(s, 'shop');
    expect(order).toEqual(['DELETE Z0APP _5c.www.shop.example.com.', 'delete shop-infrastructure', 'record']);
  });
});
