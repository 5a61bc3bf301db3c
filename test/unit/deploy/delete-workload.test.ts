// `svc delete` of a Request-Driven Web Service with an alias: the App Runner custom domain and the DNS records the
// deploy wrote are released before the stack goes; a workload without one makes no App Runner call.
import {
  AppRunnerClient,
  DescribeCustomDomainsCommand,
  DisassociateCustomDomainCommand,
} from '@aws-sdk/client-apprunner';
import { ChangeResourceRecordSetsCommand, ListHostedZonesByNameCommand, Route53Client } from '@aws-sdk/client-route-53';
import { mockClient } from 'aws-sdk-client-mock';
import { AwsClients } from '../../../src/aws/clients';
import { deleteWorkload } from '../../../src/deploy/delete';
import { DeploySession } from '../../../src/deploy/session';
import { MemoryOutput } from '../../../src/ui/output';

const ARN = 'arn:aws:apprunner:us-east-1:123456789012:service/shop-test-api/0123456789abcdef';
const appRunner = mockClient(AppRunnerClient);
const route53 = mockClient(Route53Client);

beforeEach(() => {
  appRunner.reset();
  route53.reset();
});

function session(outputs: Record<string, string>) {
  const log: string[] = [];
  let deleted = false;
  const s = {
    clients: new AwsClients({ region: 'us-east-1' }),
    out: new MemoryOutput(),
    reporter: () => ({ info: () => undefined, event: () => undefined }),
    stacks: {
      describeStack: async (name: string) =>
        name === 'shop-test-api' && !deleted
          ? { stackId: name, status: 'CREATE_COMPLETE', outputs, parameters: {} }
          : undefined,
      deleteStack: async (name: string) => {
        log.push(`delete ${name}`);
        deleted = true;
      },
    },
    store: {
      listEnvironments: async () => [{ name: 'test' }],
      getApplication: async () => ({
        name: 'shop',
        account: '1',
        domain: 'example.com',
        domainHostedZoneID: 'Z123',
        version: '1',
      }),
      deleteWorkload: async () => void log.push('record deleted'),
    },
    clock: { now: () => new Date(0), sleep: async () => undefined },
    pollMs: 1,
  } as unknown as DeploySession;
  appRunner.on(DescribeCustomDomainsCommand).callsFake(() => {
    log.push('describe domains');
    return {
      DNSTarget: 'abcd.us-east-1.awsapprunner.com',
      CustomDomains: [{ DomainName: 'api.example.com', Status: 'ACTIVE', CertificateValidationRecords: [] }],
    };
  });
  appRunner.on(DisassociateCustomDomainCommand).callsFake(() => void log.push('disassociate'));
  route53.on(ListHostedZonesByNameCommand).resolves({ HostedZones: [] }); // no zone of the alias's own
  route53.on(ChangeResourceRecordSetsCommand).callsFake(() => void log.push('dns delete'));
  return { s, log };
}

describe('deleteWorkload', () => {
  it('releases an App Runner custom domain and its DNS record before deleting the stack', async () => {
    const { s, log } = session({ ServiceArn: ARN, CustomDomain: 'api.example.com' });
    expect(await deleteWorkload(s, 'shop', 'api')).toEqual({ deletedFrom: ['test'] });
    expect(log).toEqual(['describe domains', 'disassociate', 'dns delete', 'delete shop-test-api', 'record deleted']);
    const change = route53.commandCalls(ChangeResourceRecordSetsCommand)[0].args[0].input;
    expect(change.HostedZoneId).toBe('Z123');
    expect(change.ChangeBatch?.Changes?.[0]).toMatchObject({
      Action: 'DELETE',
      ResourceRecordSet: { Name: 'api.example.com', Type: 'CNAME' },
    });
  });

  it('makes no App Runner call for a workload without a custom domain', async () => {
    const { s, log } = session({ ServiceArn: ARN });
    await deleteWorkload(s, 'shop', 'api');
    expect(log).toEqual(['delete shop-test-api', 'record deleted']);
    expect(appRunner.calls()).toHaveLength(0);
  });
});
