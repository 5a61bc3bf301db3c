// Deploying a workload on EC2 capacity previews its placement on the live cluster first, and refuses when ECS
// could not place the tasks (here: the local cluster has no container instances at all).
import * as path from 'node:path';
import { initApplication } from '../../src/deploy/application';
import { deployEnvironment } from '../../src/deploy/environment';
import { deployWorkload } from '../../src/deploy/workload';
import { Workspace } from '../../src/workspace/workspace';
import { describeWithMoto, localSession, LocalSession } from '../helpers/aws-local';
import { writeFiles } from '../helpers/cli';

const APP = 'ectwo';

function workspace(): Workspace {
  const files: Record<string, string> = {
    'copilot/.workspace': `application: ${APP}\n`,
    'copilot/environments/test/manifest.yml':
      'name: test\ntype: Environment\ncapacity:\n  ec2:\n    instance_types: [m5.large]\n    min: 0\n    max: 2\n',
    'copilot/api/manifest.yml': [
      'name: api',
      'type: Backend Service',
      'image:',
      '  location: public.ecr.aws/nginx/nginx:1.27',
      '  port: 80',
      'count: 2',
      'launch_type: EC2',
      'network:',
      '  mode: bridge',
      'placement:',
      '  strategies:',
      '    - type: spread',
      '      field: attribute:ecs.availability-zone',
      'env_file: api.env',
      '',
    ].join('\n'),
    'api.env': 'MODE=test\n',
  };
  const dir = writeFiles(files);
  return new Workspace(path.join(dir, 'copilot'));
}

describeWithMoto('EC2 workloads against a local endpoint', () => {
  let session: LocalSession;
  let ws: Workspace;

  beforeAll(async () => {
    session = await localSession();
    ws = workspace();
    await initApplication(session, { app: APP, workloads: [] });
    await deployEnvironment(session, { workspace: ws, app: APP, env: 'test' });
  });

  it('stops before any change when the tasks could not be placed, and says why', async () => {
    const err = await deployWorkload(
      session,
      { workspace: ws, app: APP, env: 'test' },
      { name: 'api', tag: 'v1' },
    ).catch((e) => e);
    expect(err.code).toBe('PLACEMENT');
    expect(err.message).toMatch(/could not place every task/);
    expect(err.hint).toMatch(/--skip-placement-check/);
    expect((session.out as unknown as { infos: string[] }).infos.join('\n')).toMatch(/could not be placed/);
    expect(await session.stacks.describeStack(`${APP}-test-api`)).toBeUndefined();
  });

  it('deploys anyway with the check skipped, with the env file uploaded and passed by ARN', async () => {
    const out = await deployWorkload(
      session,
      { workspace: ws, app: APP, env: 'test' },
      { name: 'api', tag: 'v1', skipPlacementCheck: true },
    );
    expect(out.outcome.result).toBe('deployed');
    const stack = await session.stacks.describeStack(`${APP}-test-api`);
    expect(stack?.parameters.EnvFileARN).toMatch(
      /^arn:aws:s3:::ectwo-infrastructure-artifactbucket-[a-z0-9]+\/manual\/env-files\/test\/api\/api\.env-[0-9a-f]{16}$/,
    );
  });
});
