// Pointed at something that does not exist, `logs` says exactly what, and lists what does.
import { locateWorkload, LocateRequest } from '../../../src/logs/locate';
import { buildQuery } from '../../../src/logs/query';
import { MycopilotError } from '../../../src/errors';
import { cfn, context, setWorld, World } from './world';

const world: World = {
  apps: ['shop', 'blog'],
  envs: { shop: ['test', 'prod'] },
  workloads: {
    shop: [
      { name: 'api', type: 'Backend Service' },
      { name: 'web', type: 'Load Balanced Web Service' },
      { name: 'report', type: 'Scheduled Job' },
      { name: 'front', type: 'Request-Driven Web Service' },
    ],
  },
  stacks: {
    'shop-test-api': {},
    'shop-prod-api': {},
    'shop-prod-web': {},
    'shop-test-front': { outputs: { ServiceArn: 'arn:aws:apprunner:us-west-2:1:service/shop-test-front/0123abcd' } },
  },
  groups: [
    '/copilot/shop-test-api',
    '/copilot/shop-prod-api',
    '/copilot/shop-test-report',
    '/aws/apprunner/shop-test-front/0123abcd/application',
    '/aws/apprunner/shop-test-front/0123abcd/service',
  ],
};

const request = (over: Partial<LocateRequest> & { flags?: Parameters<typeof buildQuery>[0] } = {}): LocateRequest => ({
  app: 'shop',
  env: 'test',
  name: 'api',
  kind: 'service',
  query: buildQuery(over.flags ?? {}, Date.now(), over.kind ?? 'service'),
  ...over,
});

async function failure(req: LocateRequest): Promise<{ message: string; hint?: string; code: string }> {
  try {
    await locateWorkload(context(), req);
  } catch (err) {
    expect(err).toBeInstanceOf(MycopilotError);
    return err as MycopilotError;
  }
  throw new Error('expected locateWorkload to fail');
}

beforeEach(() => setWorld(world));

describe('locateWorkload', () => {
  it('finds the log group of a deployed service', async () => {
    const found = await locateWorkload(context(), request());
    expect(found).toMatchObject({
      app: 'shop',
      env: 'test',
      name: 'api',
      group: { name: '/copilot/shop-test-api', arn: 'arn:aws:logs:us-west-2:1:log-group:/copilot/shop-test-api' },
    });
    expect(found.appRunner).toBeUndefined();
    // Its own log group was enough: CloudFormation was not asked.
    expect(cfn.calls()).toHaveLength(0);
  });

  it('an unknown application: says so and lists the applications', async () => {
    const e = await failure(request({ app: 'shp' }));
    expect(e.message).toBe('application "shp" does not exist in this account and Region');
    expect(e.hint).toMatch(/Applications here: blog, shop/);
  });

  it('an unknown environment: says so and lists the environments', async () => {
    const e = await failure(request({ env: 'staging' }));
    expect(e.message).toBe('environment "staging" of application "shop" has not been deployed');
    expect(e.hint).toMatch(/Environments of shop: prod, test/);
  });

  it('an unknown service: says so and lists the services (not the jobs)', async () => {
    const e = await failure(request({ name: 'apy' }));
    expect(e).toMatchObject({ code: 'NOT_FOUND', message: 'no service "apy" in application "shop"' });
    expect(e.hint).toBe('Services of shop: api, front, web.');
  });

  it('a service not deployed in the environment: says where it is, and what is deployed there', async () => {
    const e = await failure(request({ name: 'web' }));
    expect(e.message).toBe('service "web" is not deployed in environment "test"');
    expect(e.hint).toBe('web is deployed in: prod. Deployed in test: api, report.');
  });

  it('a deployed service whose log group is gone: names the group and lists those there', async () => {
    setWorld({ ...world, groups: world.groups.filter((g) => g !== '/copilot/shop-test-api') });
    const e = await failure(request());
    expect(e.message).toBe('log group /copilot/shop-test-api does not exist');
    expect(e.hint).toBe('Log groups there: /copilot/shop-test-report.');
  });

  it('svc logs on a job (and the other way round) points at the right command', async () => {
    const e = await failure(request({ name: 'report' }));
    expect(e).toMatchObject({ code: 'USAGE', message: '--name report: "report" is a Scheduled Job, not a service' });
    expect(e.hint).toBe('Use: mycopilot job logs --name report --env test');
    const j = await failure(request({ kind: 'job', name: 'api' }));
    expect(j.hint).toBe('Use: mycopilot svc logs --name api --env test');
  });

  it('without --env or --name, takes the only one, or lists the choices', async () => {
    const e = await failure(request({ env: undefined }));
    expect(e).toMatchObject({
      code: 'USAGE',
      message: 'missing --env: which environment?',
      hint: 'Environments of shop: prod, test.',
    });
    const n = await failure(
      request({
        name: undefined,
        local: [
          { name: 'api', type: 'Backend Service' },
          { name: 'web', type: 'Load Balanced Web Service' },
        ],
      }),
    );
    expect(n).toMatchObject({ message: 'missing --name: which service?', hint: 'Services: api, web.' });
    const one = await locateWorkload(
      context(),
      request({ name: undefined, local: [{ name: 'api', type: 'Backend Service' }] }),
    );
    expect(one.name).toBe('api');
  });

  it('App Runner: the service application group, or its system group', async () => {
    const app = await locateWorkload(context(), request({ name: 'front' }));
    expect(app.group.name).toBe('/aws/apprunner/shop-test-front/0123abcd/application');
    expect(app.appRunner).toEqual({ service: 'shop-test-front', id: '0123abcd' });
    const system = await locateWorkload(context(), request({ name: 'front', flags: { 'log-group': 'system' } }));
    expect(system.group.name).toBe('/aws/apprunner/shop-test-front/0123abcd/service');
  });

  it('App Runner has no tasks; ECS has no system group', async () => {
    const e = await failure(request({ name: 'front', flags: { tasks: 'abc' } }));
    expect(e.message).toBe('--tasks: front runs on App Runner, which has instances rather than ECS tasks');
    const s = await failure(request({ flags: { 'log-group': 'system' } }));
    expect(s.message).toMatch(/^--log-group system: api runs on Amazon ECS/);
  });
});
