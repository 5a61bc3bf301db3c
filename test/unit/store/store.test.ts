// Records in SSM Parameter Store, in Copilot's layout, so Copilot's applications are found.
import {
  DeleteParameterCommand,
  GetParameterCommand,
  GetParametersByPathCommand,
  PutParameterCommand,
  SSMClient,
} from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { Store } from '../../../src/store/store';

const ssm = mockClient(SSMClient);
const store = new Store(new SSMClient({ region: 'us-west-2' }));

beforeEach(() => ssm.reset());

describe('Store', () => {
  it('writes an application at /copilot/applications/<app> with its tag', async () => {
    ssm.on(PutParameterCommand).resolves({});
    await store.createApplication({
      name: 'shop',
      account: '123456789012',
      domain: '',
      domainHostedZoneID: '',
      version: '1.0',
    });
    const input = ssm.commandCalls(PutParameterCommand)[0].args[0].input;
    expect(input.Name).toBe('/copilot/applications/shop');
    expect(JSON.parse(input.Value!)).toEqual({
      name: 'shop',
      account: '123456789012',
      domain: '',
      domainHostedZoneID: '',
      version: '1.0',
    });
    expect(input.Tags).toEqual([{ Key: 'copilot-application', Value: 'shop' }]);
  });

  it('overwrites an existing record instead of failing', async () => {
    ssm
      .on(PutParameterCommand)
      .rejectsOnce(Object.assign(new Error('exists'), { name: 'ParameterAlreadyExists' }))
      .resolves({});
    await store.createWorkload({ app: 'shop', name: 'api', type: 'Backend Service' });
    const calls = ssm.commandCalls(PutParameterCommand).map((c) => c.args[0].input);
    expect(calls[0].Name).toBe('/copilot/applications/shop/components/api');
    expect(calls[1]).toMatchObject({ Name: '/copilot/applications/shop/components/api', Overwrite: true });
  });

  it('lists only applications, not their environments or workloads, across pages', async () => {
    ssm
      .on(GetParametersByPathCommand)
      .resolvesOnce({
        Parameters: [
          { Name: '/copilot/applications/shop', Value: '{"name":"shop"}' },
          { Name: '/copilot/applications/shop/environments/test', Value: '{"name":"test"}' },
        ],
        NextToken: 't',
      })
      .resolves({ Parameters: [{ Name: '/copilot/applications/blog', Value: '{"name":"blog"}' }] });
    expect((await store.listApplications()).map((a) => a.name)).toEqual(['blog', 'shop']);
  });

  it('reads a missing record as undefined and explains what exists', async () => {
    ssm.on(GetParameterCommand).rejects(Object.assign(new Error('nope'), { name: 'ParameterNotFound' }));
    ssm
      .on(GetParametersByPathCommand)
      .resolves({ Parameters: [{ Name: '/copilot/applications/shop/environments/prod', Value: '{"name":"prod"}' }] });
    expect(await store.getEnvironment('shop', 'test')).toBeUndefined();
    const err = await store.requireEnvironment('shop', 'test').catch((e) => e);
    expect(err.code).toBe('NOT_FOUND');
    expect(err.message).toBe('environment "test" of application "shop" has not been deployed');
    expect(err.hint).toMatch(/Environments of shop: prod/);
  });

  it('deleting a missing record is not an error; other failures are', async () => {
    ssm
      .on(DeleteParameterCommand)
      .rejectsOnce(Object.assign(new Error('gone'), { name: 'ParameterNotFound' }))
      .rejects(Object.assign(new Error('denied'), { name: 'AccessDeniedException' }));
    await expect(store.deleteWorkload('shop', 'api')).resolves.toBeUndefined();
    const err = await store.deleteWorkload('shop', 'api').catch((e) => e);
    expect(err.code).toBe('AWS');
    expect(err.message).toMatch(
      /deleting \/copilot\/applications\/shop\/components\/api failed: AccessDeniedException: denied/,
    );
    expect(err.hint).toMatch(/lacks a permission/);
  });
});

describe('Store reads within one command', () => {
  const record = { name: 'shop', account: '123456789012', domain: '', domainHostedZoneID: '', version: '1.0' };

  it('reads a record once, also when asked for it by several callers at once', async () => {
    const fresh = new Store(new SSMClient({ region: 'us-west-2' }));
    ssm.on(GetParameterCommand).resolves({ Parameter: { Value: JSON.stringify(record) } });
    const [a, b] = await Promise.all([fresh.getApplication('shop'), fresh.getApplication('shop')]);
    expect(await fresh.requireApplication('shop')).toEqual(record);
    expect(a).toEqual(record);
    expect(b).not.toBe(a); // each caller gets its own copy
    expect(ssm.commandCalls(GetParameterCommand)).toHaveLength(1);
  });

  it('answers with what it wrote or deleted, and reads again after a failed read', async () => {
    const fresh = new Store(new SSMClient({ region: 'us-west-2' }));
    ssm
      .on(GetParameterCommand)
      .rejectsOnce(Object.assign(new Error('slow down'), { name: 'ThrottlingException' }))
      .resolves({});
    await expect(fresh.getApplication('shop')).rejects.toThrow();
    expect(await fresh.getApplication('shop')).toBeUndefined();
    ssm.on(PutParameterCommand).resolves({});
    await fresh.createApplication(record);
    expect(await fresh.getApplication('shop')).toEqual(record);
    ssm.on(DeleteParameterCommand).resolves({});
    await fresh.deleteApplication('shop');
    expect(await fresh.getApplication('shop')).toBeUndefined();
    expect(ssm.commandCalls(GetParameterCommand)).toHaveLength(2);
  });
});
