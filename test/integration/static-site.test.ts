// A Static Site deploy against the local endpoint: the stack, then the files in its bucket; a second deploy
// uploads nothing.
import { GetObjectCommand } from '@aws-sdk/client-s3';
import * as path from 'node:path';
import { initApplication } from '../../src/deploy/application';
import { deployEnvironment } from '../../src/deploy/environment';
import { deployWorkload } from '../../src/deploy/workload';
import { Workspace } from '../../src/workspace/workspace';
import { describeWithMoto, localSession, LocalSession } from '../helpers/aws-local';
import { writeFiles } from '../helpers/cli';
import { MemoryOutput } from '../../src/ui/output';

const APP = 'sites';

describeWithMoto('Static Site against a local endpoint', () => {
  let session: LocalSession;
  let ws: Workspace;

  beforeAll(async () => {
    const files: Record<string, string> = {
      'copilot/.workspace': `application: ${APP}\n`,
      'copilot/www/manifest.yml':
        'name: www\ntype: Static Site\nfiles:\n  - source: public\n    recursive: true\n    destination: /\n',
      'public/index.html': '<h1>hello</h1>',
      'public/app.js': 'console.log(1)',
    };
    const dir = writeFiles(files);
    ws = new Workspace(path.join(dir, 'copilot'));
    session = await localSession();
    await initApplication(session, { app: APP, workloads: [] });
    await deployEnvironment(session, { workspace: ws, app: APP, env: 'test' });
  });

  it('deploys the stack and uploads the files; an unchanged redeploy uploads nothing', async () => {
    const first = await deployWorkload(session, { workspace: ws, app: APP, env: 'test' }, { name: 'www', tag: 'v1' });
    expect(first.outcome.result).toBe('deployed');
    const bucket = first.outcome.stack!.outputs.BucketName;
    const s3 = await session.clients.s3();
    const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'index.html' }));
    expect(await object.Body!.transformToString()).toBe('<h1>hello</h1>');
    expect(object.ContentType).toMatch(/^text\/html/);
    const infos = (session.out as MemoryOutput).infos;
    expect(infos.at(-1)).toBe('✔ Site files: 2 uploaded, 0 unchanged.');
    // moto models no CloudFront distribution inside CloudFormation: the invalidation fails, the deploy does not.
    expect((session.out as MemoryOutput).warnings.join('\n')).toMatch(/not invalidated .*create-invalidation/);

    const again = await deployWorkload(session, { workspace: ws, app: APP, env: 'test' }, { name: 'www', tag: 'v1' });
    expect(again.outcome.result).toBe('unchanged');
    expect(infos.at(-1)).toBe('✔ Site files: 0 uploaded, 2 unchanged.');
  });
});
