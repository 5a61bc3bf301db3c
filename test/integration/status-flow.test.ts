// status, show and ls against a local endpoint (moto) after deploying with the real deploy services: an
// environment, a Load Balanced Web Service (with a secret and Service Connect) and a Scheduled Job.
// What moto cannot show is covered by the unit tests with mocks: it counts running tasks
// (MOTO_ECS_SERVICE_RUNNING) but launches none, so there are no tasks, stopped tasks or targets to match; its
// CloudFormation creates no CloudWatch alarms or Cloud Map services (placeholders without IDs), registers task
// definitions without cpu or network mode, and ignores the service's launch type.
import * as path from 'node:path';
import { initApplication } from '../../src/deploy/application';
import { deployEnvironment } from '../../src/deploy/environment';
import { deployWorkload } from '../../src/deploy/workload';
import { collectApplicationView, collectEnvironmentView, collectWorkloadView } from '../../src/show/collect';
import { listApplications, listEnvironments, listWorkloads } from '../../src/show/list';
import { renderWorkloadView } from '../../src/show/render';
import { awsSources } from '../../src/status/aws-sources';
import { statusCollector } from '../../src/status/collect';
import { localWorkspace } from '../../src/status/context';
import type { EcsServiceStatus, JobStatus } from '../../src/status/model';
import { renderStatus } from '../../src/status/render';
import type { Sources } from '../../src/status/sources';
import { Workspace } from '../../src/workspace/workspace';
import { describeWithMoto, localSession, LocalSession } from '../helpers/aws-local';
import { writeFiles } from '../helpers/cli';

const APP = 'statusflow';

function workspace(): Workspace {
  const files: Record<string, string> = {
    'copilot/.workspace': `application: ${APP}\n`,
    'copilot/environments/test/manifest.yml': 'name: test\ntype: Environment\n',
    'copilot/web/manifest.yml': [
      'name: web',
      'type: Load Balanced Web Service',
      'image:',
      '  location: public.ecr.aws/nginx/nginx:1.27',
      '  port: 80',
      'http:',
      '  path: /',
      'cpu: 512',
      'memory: 1024',
      'count: 1',
      'network:',
      '  connect: true',
      'variables:',
      '  GREETING: do-not-print-me',
      'secrets:',
      '  DB_PASSWORD: /statusflow/test/db-password',
      '',
    ].join('\n'),
    'copilot/report/manifest.yml': [
      'name: report',
      'type: Scheduled Job',
      'image:',
      '  location: public.ecr.aws/docker/library/busybox:1.36',
      'on:',
      '  schedule: "0 9 * * 1"',
      '',
    ].join('\n'),
    'copilot/draft/manifest.yml': [
      'name: draft',
      'type: Backend Service',
      'image:',
      '  location: public.ecr.aws/nginx/nginx:1.27',
      '',
    ].join('\n'),
  };
  const dir = writeFiles(files);
  return new Workspace(path.join(dir, 'copilot'));
}

describeWithMoto('status, show and ls against a local endpoint', () => {
  let session: LocalSession;
  let ws: Workspace;
  let sources: Sources;
  const now = new Date();

  beforeAll(async () => {
    session = await localSession();
    ws = workspace();
    sources = { ...awsSources(session.clients, session.store), now: () => now };
    await initApplication(session, { app: APP, workloads: ['web', 'report'] });
    await deployEnvironment(session, { workspace: ws, app: APP, env: 'test' });
    const ctx = { workspace: ws, app: APP, env: 'test' };
    await deployWorkload(session, ctx, { name: 'web', tag: 'v1' });
    await deployWorkload(session, ctx, { name: 'report', tag: 'v1' });
  }, 120_000);

  it('an unchanged redeploy of the public service reads its stack only (the domain, or none, is in its parameters)', async () => {
    const fresh = await localSession(); // as a new command: nothing read yet
    const again = await deployWorkload(fresh, { workspace: ws, app: APP, env: 'test' }, { name: 'web', tag: 'v1' });
    expect(again.outcome.result).toBe('unchanged');
    expect(fresh.cfnCalls).toEqual(['DescribeStacksCommand']);
    expect(fresh.ssmCalls).toEqual([]);
    expect(again.outcome.stack?.parameters.AppDomainName).toBe('');
  });

  it('status of the service: the stack, the rollout and its counts', async () => {
    const collect = await statusCollector(sources, { app: APP, env: 'test', name: 'web', kind: 'service' });
    const status = (await collect()) as EcsServiceStatus;
    const envStack = await session.stacks.describeStack(`${APP}-test`);
    expect(status).toMatchObject({
      kind: 'ecs',
      app: APP,
      env: 'test',
      name: 'web',
      type: 'Load Balanced Web Service',
      stack: { name: `${APP}-test-web`, status: 'CREATE_COMPLETE' },
      cluster: envStack!.outputs.ClusterId,
      serviceName: expect.stringContaining(`${APP}-test-web`),
      status: 'ACTIVE',
      desired: 1,
      running: 1,
      pending: 0,
      taskDefinition: `${APP}-test-web:1`,
      rollout: { state: 'COMPLETED', revision: 1, text: 'revision 1 is deployed: 1/1 running' },
      tasks: [],
      stoppedTasks: [],
      alarms: [],
    });
    expect(status.deployments).toEqual([
      expect.objectContaining({ status: 'PRIMARY', revision: 1, desired: 1, running: 1, rolloutState: 'COMPLETED' }),
    ]);
    const text = renderStatus(status, { now, color: false }).join('\n');
    expect(text).toContain(`web (Load Balanced Web Service) in environment test of application ${APP}`);
    expect(text).toMatch(/^Rollout +✔ COMPLETED {2}revision 1 is deployed: 1\/1 running$/m);
    expect(text).toMatch(/^ {2}PRIMARY +1 +1 +1 +0 +0 +COMPLETED/m);
    expect(text).toContain('No task is running.');
    expect(JSON.parse(JSON.stringify(status))).toEqual(status);
  });

  it('status of the job: its schedule and next run', async () => {
    const collect = await statusCollector(sources, { app: APP, env: 'test', name: 'report', kind: 'job' });
    const job = (await collect()) as JobStatus;
    expect(job).toMatchObject({
      kind: 'job',
      type: 'Scheduled Job',
      schedule: { expression: 'cron(0 9 ? * 2 *)', enabled: true },
      executions: [],
    });
    expect(new Date(job.schedule.nextRun!).getUTCDay()).toBe(1);
    expect(new Date(job.schedule.nextRun!).getUTCHours()).toBe(9);
  });

  it('show: endpoints from the environment load balancer and Service Connect, size, names of variables', async () => {
    const view = await collectWorkloadView(
      sources,
      { app: APP, name: 'web', kind: 'service', resources: true },
      localWorkspace(ws.root),
    );
    expect(view).toMatchObject({ app: APP, name: 'web', type: 'Load Balanced Web Service', local: true });
    expect(view.environments).toHaveLength(1);
    const [test] = view.environments;
    // cpu comes from the template: moto registers the task definition without it.
    expect(test).toMatchObject({ env: 'test', cpu: '512', memory: '1024', desiredCount: 1 });
    const envStack = await session.stacks.describeStack(`${APP}-test`);
    expect(test.endpoints).toEqual(
      expect.arrayContaining([
        { kind: 'load-balancer', address: `http://${envStack!.outputs.PublicLoadBalancerDNSName}/` },
        { kind: 'service-connect', address: 'web:80' },
        { kind: 'service-discovery', address: `web.test.${APP}.local:80` },
      ]),
    );
    const web = test.containers.find((c) => c.name === 'web')!;
    expect(web.variables).toEqual(expect.arrayContaining(['GREETING', 'COPILOT_APPLICATION_NAME']));
    expect(web.secrets).toEqual([
      { name: 'DB_PASSWORD', from: expect.stringContaining('/statusflow/test/db-password') },
    ]);
    expect(test.resources!.map((r) => r.logicalId)).toEqual(expect.arrayContaining(['Service', 'TaskDefinition']));
    const text = renderWorkloadView(view, { color: false, now }).join('\n');
    expect(text).toContain('GREETING');
    expect(text).not.toContain('do-not-print-me');
    expect(JSON.stringify(view)).not.toContain('do-not-print-me');
  });

  it('env show and app show list what is deployed where', async () => {
    const env = await collectEnvironmentView(
      sources,
      { app: APP, env: 'test', resources: false },
      localWorkspace(ws.root),
    );
    expect(env).toMatchObject({ app: APP, name: 'test', region: 'us-west-2', local: true });
    expect(env.cluster).toBeTruthy();
    expect(env.publicLoadBalancer).toBeTruthy();
    expect(env.workloads.map((w) => w.name).sort()).toEqual(['report', 'web']);
    const app = await collectApplicationView(sources, APP, localWorkspace(ws.root));
    expect(app.environments.map((e) => e.name)).toEqual(['test']);
    expect(app.workloads.find((w) => w.name === 'web')?.deployments).toEqual({
      test: expect.stringMatching(/_COMPLETE$/),
    });
  });

  it('ls lists from the store and marks the workspace, including what was never deployed', async () => {
    const local = localWorkspace(ws.root);
    expect((await listApplications(sources, local)).applications).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: APP, local: true })]),
    );
    expect((await listEnvironments(sources, APP, local)).environments).toEqual([
      expect.objectContaining({ name: 'test', deployed: true, local: true }),
    ]);
    expect((await listWorkloads(sources, APP, 'service', local)).workloads).toEqual([
      { name: 'draft', type: 'Backend Service', recorded: false, local: true },
      { name: 'web', type: 'Load Balanced Web Service', recorded: true, local: true },
    ]);
    expect((await listWorkloads(sources, APP, 'job', local)).workloads).toEqual([
      { name: 'report', type: 'Scheduled Job', recorded: true, local: true },
    ]);
  });

  it('a service that is not deployed, or an environment that does not exist, says so and lists what exists', async () => {
    await expect(
      statusCollector(sources, { app: APP, env: 'test', name: 'nope', kind: 'service' }),
    ).rejects.toMatchObject({
      message: `application "${APP}" has no service "nope"`,
      hint: 'Services of statusflow: web.',
    });
    await expect(
      statusCollector(sources, { app: APP, env: 'prod', name: 'web', kind: 'service' }),
    ).rejects.toMatchObject({
      message: `environment "prod" of application "${APP}" has not been deployed`,
      hint: expect.stringContaining(`Environments of ${APP}: test.`),
    });
    await expect(
      statusCollector(sources, { app: 'no-such-app', env: 'test', name: 'web', kind: 'service' }),
    ).rejects.toMatchObject({ message: 'application "no-such-app" does not exist in this account and Region' });
  });
});
