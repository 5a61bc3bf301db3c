// Shared by the status and show unit tests: in-memory records, sources over mocked SDK clients, a fixed clock.
import { AwsClients } from '../../../src/aws/clients';
import { MycopilotError } from '../../../src/errors';
import type { ApplicationRecord, EnvironmentRecord, WorkloadRecord } from '../../../src/store/records';
import { awsSources } from '../../../src/status/aws-sources';
import type { RecordSource, Sources } from '../../../src/status/sources';

// The SDK's note that later releases need Node 22 is not what these tests are about.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

export const NOW = new Date('2026-11-28T12:00:00Z');
export const ACCOUNT = '123456789012';

/** A time `seconds` before NOW. */
export const ago = (seconds: number) => new Date(NOW.getTime() - seconds * 1000);

export interface RecordFixture {
  apps: string[];
  environments: Record<string, string[]>;
  workloads: Record<string, WorkloadRecord[]>;
}

export function fakeRecords(f: RecordFixture): RecordSource {
  const app = (name: string): ApplicationRecord => ({
    name,
    account: ACCOUNT,
    domain: '',
    domainHostedZoneID: '',
    version: '1.0',
  });
  const env = (a: string, name: string): EnvironmentRecord => ({
    app: a,
    name,
    region: 'us-west-2',
    accountID: ACCOUNT,
    registryURL: '',
    executionRoleARN: '',
    managerRoleARN: '',
  });
  return {
    async getApplication(a) {
      return f.apps.includes(a) ? app(a) : undefined;
    },
    async requireApplication(a) {
      if (!f.apps.includes(a)) throw new MycopilotError('NOT_FOUND', `application "${a}" does not exist`);
      return app(a);
    },
    async listApplications() {
      return f.apps.map(app);
    },
    async requireEnvironment(a, e) {
      if (!(f.environments[a] ?? []).includes(e)) {
        throw new MycopilotError('NOT_FOUND', `environment "${e}" of application "${a}" has not been deployed`);
      }
      return env(a, e);
    },
    async listEnvironments(a) {
      return (f.environments[a] ?? []).map((e) => env(a, e));
    },
    async getWorkload(a, n) {
      return (f.workloads[a] ?? []).find((w) => w.name === n);
    },
    async listWorkloads(a) {
      return f.workloads[a] ?? [];
    },
  };
}

export const SHOP: RecordFixture = {
  apps: ['shop'],
  environments: { shop: ['test', 'prod'] },
  workloads: {
    shop: [
      { app: 'shop', name: 'api', type: 'Load Balanced Web Service' },
      { app: 'shop', name: 'worker', type: 'Worker Service' },
      { app: 'shop', name: 'front', type: 'Request-Driven Web Service' },
      { app: 'shop', name: 'report', type: 'Scheduled Job' },
    ],
  },
};

/** Sources whose SDK clients are the ones aws-sdk-client-mock replaces (mockClient(XClient) mocks every instance). */
export function mockedSources(records: RecordSource = fakeRecords(SHOP)): Sources {
  return { ...awsSources(new AwsClients({ region: 'us-west-2' }), records), now: () => NOW };
}

export const stackOf = (name: string, extra: Record<string, unknown> = {}) => ({
  StackId: `arn:aws:cloudformation:us-west-2:${ACCOUNT}:stack/${name}/1`,
  StackName: name,
  StackStatus: 'UPDATE_COMPLETE',
  LastUpdatedTime: ago(600),
  CreationTime: ago(86_400),
  ...extra,
});

export const resource = (LogicalResourceId: string, ResourceType: string, PhysicalResourceId: string) => ({
  LogicalResourceId,
  ResourceType,
  PhysicalResourceId,
  ResourceStatus: 'CREATE_COMPLETE' as const,
  LastUpdatedTimestamp: ago(600),
});
