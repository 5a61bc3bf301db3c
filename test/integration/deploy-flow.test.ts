// The deploy flow a new user follows, against a local AWS endpoint (moto): app → env → service →
// unchanged redeploy (no change set) → a changed variable → delete → nothing left behind.
import { ECRClient, DescribeRepositoriesCommand } from '@aws-sdk/client-ecr';
import { GetParametersByPathCommand } from '@aws-sdk/client-ssm';
import * as path from 'node:path';
import { initApplication } from '../../src/deploy/application';
import { deleteApplication, deleteWorkload } from '../../src/deploy/delete';
import { deployEnvironment } from '../../src/deploy/environment';
import { deployWorkload } from '../../src/deploy/workload';
import { Workspace } from '../../src/workspace/workspace';
import { describeWithMoto, localSession, LocalSession } from '../helpers/aws-local';
import { writeFiles } from '../helpers/cli';

const APP = 'flow';

function workspace(variable: string): Workspace {
  const files: Record<string, string> = {
    'copilot/.workspace': `application: ${APP}\n`,
    'copilot/environments/test/manifest.yml': 'name: test\ntype: Environment\n',
    'copilot/api/manifest.yml': [
      'name: api',
      'type: Backend Service',
      'image:',
      '  location: public.ecr.aws/nginx/nginx:1.27',
      '  port: 80',
      'cpu: 256',
      'memory: 512',
      'variables:',
      `  GREETING: ${variable}`,
      '',
    ].join('\n'),
  };
  const dir = writeFiles(files);
  return new Workspace(path.join(dir, 'copilot'));
}

describeWithMoto('deploy flow against a local endpoint', () => {
  let session: LocalSession;
  let ws: Workspace;

  beforeAll(async () => {
    session = await localSession();
    ws = workspace('hello');
  });

  it('creates the application record and its infrastructure stack', async () => {
    const { record } = await initApplication(session, { app: APP, workloads: ['web'] });
    expect(record).toMatchObject({ name: APP, account: expect.stringMatching(/^\d{12}$/), version: '1.0' });
    const stack = await session.stacks.describeStack(`${APP}-infrastructure`);
    expect(stack?.status).toBe('CREATE_COMPLETE');
    expect(Object.keys(stack!.outputs)).toEqual(expect.arrayContaining(['ArtifactBucketName', 'ECRRepowebUri']));
  });

  it('deploys the environment and records it', async () => {
    const outcome = await deployEnvironment(session, { workspace: ws, app: APP, env: 'test' });
    expect(outcome.result).toBe('deployed');
    expect(outcome.stack?.status).toBe('CREATE_COMPLETE');
    expect(await session.store.getEnvironment(APP, 'test')).toMatchObject({
      app: APP,
      name: 'test',
      region: 'us-west-2',
    });
  });

  it('deploys the service, then skips an unchanged redeploy with one CloudFormation call and no change set', async () => {
    const first = await deployWorkload(session, { workspace: ws, app: APP, env: 'test' }, { name: 'api', tag: 'v1' });
    expect(first.outcome.result).toBe('deployed');
    expect(await session.store.getWorkload(APP, 'api')).toEqual({ app: APP, name: 'api', type: 'Backend Service' });
    session.cfnCalls.length = 0;
    const again = await deployWorkload(session, { workspace: ws, app: APP, env: 'test' }, { name: 'api', tag: 'v1' });
    expect(again.outcome.result).toBe('unchanged');
    expect(session.cfnCalls).toEqual(['DescribeStacksCommand']);
  });

  it('a changed variable creates a change set and updates the stack', async () => {
    const changed = workspace('bonjour');
    session.cfnCalls.length = 0;
    const out = await deployWorkload(
      session,
      { workspace: changed, app: APP, env: 'test' },
      { name: 'api', tag: 'v1' },
    );
    expect(out.outcome.result).toBe('deployed');
    expect(session.cfnCalls).toContain('CreateChangeSetCommand');
    expect(session.cfnCalls).toContain('ExecuteChangeSetCommand');
    const template = await session.stacks.getTemplate(`${APP}-test-api`);
    expect(template).toContain('bonjour');
  });

  it('deletes the service, the environment and the application, leaving nothing behind', async () => {
    await deleteWorkload(session, APP, 'api');
    expect(await session.stacks.describeStack(`${APP}-test-api`)).toBeUndefined();
    await deleteApplication(session, APP);
    for (const name of [`${APP}-test`, `${APP}-infrastructure`])
      expect(await session.stacks.describeStack(name)).toBeUndefined();
    const ssm = await session.clients.ssm();
    const params = await ssm.send(
      new GetParametersByPathCommand({ Path: `/copilot/applications/${APP}`, Recursive: true }),
    );
    expect(params.Parameters ?? []).toEqual([]);
    expect(await session.store.getApplication(APP)).toBeUndefined();
    const ecr = new ECRClient({ region: 'us-west-2' });
    const repos = await ecr.send(new DescribeRepositoriesCommand({}));
    expect((repos.repositories ?? []).filter((r) => r.repositoryName?.startsWith(`${APP}/`))).toEqual([]);
  });
});
