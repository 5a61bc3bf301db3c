// Planning a pipeline from its manifest and the workspace, offline: what each stage deploys, what the build
// makes, and every mistake reported as one line at the file:line:column of the culprit.
import { ManifestError, MycopilotError } from '../../../src/errors';
import { findPipeline, planPipeline, renderPipeline } from '../../../src/deploy/pipeline-render';
import { codeCommitRepository, ownerRepo } from '../../../src/deploy/pipeline-source';
import { APP, manifestText, pipelineWorkspace } from './fixtures';

const GITHUB = ['source:', '  provider: GitHub', '  properties:', '    repository: https://github.com/acme/shop'];

function pipeline(lines: string[], files: Record<string, string> = {}) {
  const workspace = pipelineWorkspace({ 'copilot/pipelines/release/manifest.yml': manifestText(lines), ...files });
  return { workspace, entry: findPipeline(workspace, 'release'), ctx: { workspace, app: APP, vars: {} } };
}

async function failure(lines: string[], files: Record<string, string> = {}): Promise<string> {
  const { ctx, entry } = pipeline(lines, files);
  try {
    await renderPipeline(ctx, entry);
  } catch (err) {
    expect(err).toBeInstanceOf(MycopilotError);
    return (err as Error).message;
  }
  throw new Error('expected the pipeline not to render');
}

describe('planning a pipeline', () => {
  it('deploys every service and job by default, and builds only what the stages deploy', async () => {
    const all = pipeline(['name: release', ...GITHUB, 'stages:', '  - name: test']);
    const plan = await planPipeline(all.ctx, all.entry);
    expect(plan.input.stages[0].deployments.map((d) => `${d.name}:${d.stackName}`)).toEqual([
      'api:app-test-api',
      'report:app-test-report',
      'web:app-test-web',
    ]);
    expect(plan.builtWorkloads).toEqual(['api', 'report', 'web']);

    const one = pipeline(['name: release', ...GITHUB, 'stages:', '  - name: test', '    deployments:', '      api:']);
    const onePlan = await planPipeline(one.ctx, one.entry);
    expect(onePlan.builtWorkloads).toEqual(['api']);
    expect(onePlan.input.build.repositories).toEqual(['app/api']);
    expect(onePlan.input.build.generated.images.map((i) => i.repository)).toEqual(['app/api']);
    expect(onePlan.input.build.generated.packages.map((p) => `${p.kind} ${p.name} ${p.env}`)).toEqual(['svc api test']);
  });

  it('builds an image once across stages and packages it for every environment', async () => {
    const { ctx, entry } = pipeline(['name: release', ...GITHUB, 'stages:', '  - name: test', '  - name: prod']);
    const plan = await planPipeline(ctx, entry);
    const generated = plan.input.build.generated;
    expect(generated.images.map((i) => `${i.repository}:${i.tag}`)).toEqual([
      'app/api:$TAG',
      'app/report:$TAG',
      'app/web:$TAG',
      'app/web:$TAG-proxy',
    ]);
    expect(generated.packages.map((p) => `${p.kind} ${p.name} ${p.env}`)).toEqual([
      'svc api test',
      'job report test',
      'svc web test',
      'svc api prod',
      'job report prod',
      'svc web prod',
    ]);
    // web's env_file is uploaded by the build and passed as the parameter its template declares.
    expect(generated.packages.find((p) => p.name === 'web')!.envFiles).toEqual([
      { parameter: 'EnvFileARN', file: 'web/app.env' },
    ]);
    const web = generated.images.find((i) => i.container === 'web')!;
    expect(web.buildArgs).toEqual([
      'build',
      '--file',
      'web/Dockerfile',
      '--platform',
      'linux/amd64',
      '--tag',
      '$REGISTRY/app/web:$TAG',
      '--tag',
      '$REGISTRY/app/web:latest',
      '--build-arg',
      'GREETING=hello world',
      'web',
    ]);
  });

  it('packages environments for an environment pipeline, where the manifest says to read them', async () => {
    const { ctx, entry } = pipeline([
      'name: release',
      ...GITHUB,
      'stages:',
      '  - name: test',
      '    deployments:',
      '      deploy-env:',
      '        template_path: infrastructure/test.env.yml',
      '        template_config: infrastructure/test.env.params.json',
      '        stack_name: app-test',
    ]);
    const plan = await planPipeline(ctx, entry);
    const [d] = plan.input.stages[0].deployments;
    expect(d).toMatchObject({
      kind: 'environment',
      stackName: 'app-test',
      templatePath: 'infrastructure/test.env.yml',
    });
    expect(plan.input.build.generated.packages).toEqual([
      {
        kind: 'env',
        name: 'test',
        env: 'test',
        template: 'infrastructure/test.env.stack.yml',
        params: 'infrastructure/test.env.params.json',
        copies: [{ from: 'infrastructure/test.env.stack.yml', to: 'infrastructure/test.env.yml' }],
        envFiles: [],
      },
    ]);
    expect(plan.builtWorkloads).toEqual([]);
  });

  it('deploys a template of the repository as it is', async () => {
    const { ctx, entry } = pipeline(
      [
        'name: release',
        ...GITHUB,
        'stages:',
        '  - name: test',
        '    deployments:',
        '      db: { stack_name: shop-db, template_path: infra/db.yml, template_config: infra/db.json }',
      ],
      { 'infra/db.yml': 'Resources: {}\n', 'infra/db.json': '{}\n' },
    );
    const plan = await planPipeline(ctx, entry);
    expect(plan.input.stages[0].deployments[0]).toMatchObject({ kind: 'custom', stackName: 'shop-db' });
    expect(plan.input.build.generated.extraArtifacts).toEqual(['infra/db.json', 'infra/db.yml']);
  });

  it('runs the build from the workspace directory inside its repository', async () => {
    const workspace = pipelineWorkspace(
      {
        'copilot/pipelines/release/manifest.yml': manifestText([
          'name: release',
          ...GITHUB,
          'stages:',
          '  - name: test',
          '    pre_deployments:',
          '      migrate: { buildspec: ci/migrate.yml }',
        ]),
      },
      { subdir: 'services/shop', repoFiles: { 'ci/migrate.yml': 'version: 0.2\n' } },
    );
    const plan = await planPipeline({ workspace, app: APP, vars: {} }, findPipeline(workspace, 'release'));
    expect(plan.input.build.generated.workspaceDir).toBe('services/shop');
    expect(plan.input.stages[0].preDeployments[0].buildspec).toBe('ci/migrate.yml');
  });

  it('warns about a repository it cannot read, at its position', async () => {
    const { ctx, entry } = pipeline([
      'name: release',
      'source:',
      '  provider: GitHub',
      '  properties:',
      '    repository: mock-url',
      'stages:',
      '  - name: test',
    ]);
    const plan = await planPipeline(ctx, entry);
    expect(plan.warnings).toEqual([
      expect.stringMatching(
        /manifest\.yml:5:17: source\.properties\.repository: "mock-url" is not a GitHub repository/,
      ),
    ]);
  });
});

describe('pipeline mistakes, at file:line:column', () => {
  it('names a deployment that is no workload', async () => {
    const message = await failure([
      'name: release',
      ...GITHUB,
      'stages:',
      '  - name: test',
      '    deployments:',
      '      api:',
      '      nope:',
    ]);
    expect(message).toMatch(/manifest\.yml:10:7: stages\[0\]\.deployments\.nope: no service or job named "nope"/);
    expect(message.split('\n')).toHaveLength(1);
  });

  it('names a stage whose environment the workspace does not have', async () => {
    const message = await failure(['name: release', ...GITHUB, 'stages:', '  - name: test', '  - name: staging']);
    expect(message).toMatch(/manifest\.yml:8:11: stages\[1\]\.name: no environment "staging"/);
  });

  it('refuses both connection_name and connection_arn, and a malformed ARN', async () => {
    const both = await failure([
      'name: release',
      ...GITHUB,
      '    connection_name: gh',
      '    connection_arn: arn:aws:codestar-connections:us-west-2:123456789012:connection/abc',
      'stages:',
      '  - name: test',
    ]);
    expect(both).toMatch(
      /manifest\.yml:7:21: source\.properties\.connection_arn: give connection_name or connection_arn/,
    );
    const bad = await failure([
      'name: release',
      ...GITHUB,
      '    connection_arn: my-connection',
      'stages:',
      '  - name: test',
    ]);
    expect(bad).toMatch(
      /manifest\.yml:6:21: source\.properties\.connection_arn: "my-connection" is not a connection ARN/,
    );
  });

  it('points at a pre-deployment buildspec that is not in the repository', async () => {
    const message = await failure([
      'name: release',
      ...GITHUB,
      'stages:',
      '  - name: test',
      '    pre_deployments:',
      '      migrate:',
      '        buildspec: ci/missing.yml',
    ]);
    expect(message).toMatch(
      /manifest\.yml:10:20: stages\[0\]\.pre_deployments\.migrate\.buildspec: the buildspec ci\/missing\.yml is not in the repository/,
    );
  });

  it('points at an additional policy that is not JSON', async () => {
    const message = await failure([
      'name: release',
      ...GITHUB,
      'build:',
      '  additional_policy:',
      "    PolicyDocument: '{not json'",
      'stages:',
      '  - name: test',
    ]);
    expect(message).toMatch(/manifest\.yml:8:21: build\.additional_policy\.PolicyDocument: is not valid JSON/);
  });

  it('reports a workload that cannot render for a stage at its own manifest', async () => {
    const message = await failure(['name: release', ...GITHUB, 'stages:', '  - name: test'], {
      'copilot/api/manifest.yml': 'name: api\ntype: Backend Service\nimage:\n  build: api/Dockerfile\ncpu: lots\n',
    });
    expect(message).toMatch(/copilot\/api\/manifest\.yml:5:6: cpu: /);
  });

  it('says a manifest under pipelines/ that is no pipeline is no pipeline', async () => {
    const workspace = pipelineWorkspace({
      'copilot/pipelines/release/manifest.yml': 'name: release\ntype: Backend Service\nimage:\n  location: nginx\n',
    });
    await expect(renderPipeline({ workspace, app: APP, vars: {} }, findPipeline(workspace, 'release'))).rejects.toThrow(
      ManifestError,
    );
    await expect(renderPipeline({ workspace, app: APP, vars: {} }, findPipeline(workspace, 'release'))).rejects.toThrow(
      /is a Backend Service manifest, not a pipeline/,
    );
  });

  it('lists the pipelines there are when the name is wrong or missing', () => {
    const workspace = pipelineWorkspace({
      'copilot/pipelines/a/manifest.yml': manifestText(['name: a', ...GITHUB]),
      'copilot/pipelines/b/manifest.yml': manifestText(['name: b', ...GITHUB]),
    });
    expect(() => findPipeline(workspace)).toThrow(/missing --name/);
    expect(() => findPipeline(workspace, 'c')).toThrow(/no pipeline "c"/);
    expect(findPipeline(workspace, 'b').name).toBe('b');
  });
});

describe('repository URLs', () => {
  it('reads owner/repo from the forms people paste', () => {
    expect(ownerRepo('https://github.com/acme/shop', 'github.com')).toBe('acme/shop');
    expect(ownerRepo('https://github.com/acme/shop.git', 'github.com')).toBe('acme/shop');
    expect(ownerRepo('git@github.com:acme/shop.git', 'github.com')).toBe('acme/shop');
    expect(ownerRepo('acme/shop', 'github.com')).toBe('acme/shop');
    expect(ownerRepo('https://jane@bitbucket.org/acme/shop.git', 'bitbucket.org')).toBe('acme/shop');
    expect(ownerRepo('mock-url', 'github.com')).toBeUndefined();
  });

  it('reads a CodeCommit repository name from clone and console URLs', () => {
    expect(codeCommitRepository('https://git-codecommit.us-east-2.amazonaws.com/v1/repos/MyDemoRepo')).toBe(
      'MyDemoRepo',
    );
    expect(codeCommitRepository('codecommit::us-east-2://MyDemoRepo')).toBe('MyDemoRepo');
    expect(
      codeCommitRepository(
        'https://us-east-2.console.aws.amazon.com/codesuite/codecommit/repositories/MyDemoRepo/browse',
      ),
    ).toBe('MyDemoRepo');
    expect(codeCommitRepository('shop')).toBe('shop');
    expect(codeCommitRepository('https://example.com/x/y')).toBeUndefined();
  });
});
