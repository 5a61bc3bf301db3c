// Every pipeline manifest of the corpus, and one per feature the corpus leaves out, packages offline inside a
// workspace that has what its stages name, and the template passes cfn-lint with no error (one cfn-lint run).
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { renderPipeline, findPipeline, PipelineLookups } from '../../../src/deploy/pipeline-render';
import type { RenderedStack } from '../../../src/stack/template';
import { cfnLint } from '../../helpers/cfn-lint';
import { CORPUS } from '../../helpers/cli';
import { APP, manifestText, pipelineWorkspace } from '../pipeline/fixtures';

const CORPUS_PIPELINES = [
  'internal/pkg/manifest/testdata/pipeline-basic.yml',
  'internal/pkg/manifest/testdata/pipeline-environment.yml',
  'internal/pkg/deploy/cloudformation/stack/testdata/pipeline/dd_manifest.yaml',
];

const SOURCE_GITHUB = [
  'source:',
  '  provider: GitHub',
  '  properties:',
  '    repository: https://github.com/acme/shop',
  '    branch: main',
];

/** Manifests for what the corpus does not exercise. */
const FEATURES: Record<string, string> = {
  ordered: manifestText([
    'name: ordered',
    'version: 1',
    'source:',
    '  provider: CodeCommit',
    '  properties:',
    '    repository: https://git-codecommit.us-west-2.amazonaws.com/v1/repos/shop',
    '    output_artifact_format: CODEBUILD_CLONE_REF',
    'build:',
    '  image: aws/codebuild/amazonlinux2-aarch64-standard:3.0',
    '  additional_policy:',
    '    PolicyDocument: \'{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListAllMyBuckets","Resource":"*"}]}\'',
    'stages:',
    '  - name: test',
    '    pre_deployments:',
    '      migrate: { buildspec: ci/migrate.yml }',
    '      seed: { buildspec: ci/seed.yml, depends_on: [migrate] }',
    '    deployments:',
    '      api:',
    '      report:',
    '      web: { depends_on: [api, report] }',
    '    test_commands: [make integ-test, echo "tests passed"]',
    '  - name: prod',
    '    requires_approval: true',
    '    deployments:',
    '      api:',
    '      web: { depends_on: [api] }',
    '    post_deployments:',
    '      smoke: { buildspec: ci/smoke.yml }',
  ]),
  bitbucket: manifestText([
    'name: bitbucket',
    'source:',
    '  provider: Bitbucket',
    '  properties:',
    '    repository: https://bitbucket.org/acme/shop',
    '    connection_arn: arn:aws:codestar-connections:us-west-2:123456789012:connection/0a1b2c3d-1111-2222-3333-444455556666',
    'stages:',
    '  - name: test',
    '    deployments:',
    '      api: { stack_name: shop-api-test, template_path: infrastructure/api.yml, template_config: infrastructure/api.json }',
  ]),
  named: manifestText([
    'name: named',
    ...SOURCE_GITHUB,
    '    connection_name: acme-github',
    'stages:',
    '  - name: prod',
    '    requires_approval: true',
  ]),
  legacytoken: manifestText([
    'name: legacytoken',
    'source:',
    '  provider: GitHubV1',
    '  properties:',
    '    repository: acme/shop',
    '    access_token_secret: github-token',
    'stages:',
    '  - name: test',
  ]),
  environments: manifestText([
    'name: environments',
    ...SOURCE_GITHUB,
    'stages:',
    '  - name: test',
    '    deployments:',
    '      deploy-env: { stack_name: app-test }',
    '  - name: prod',
    '    requires_approval: true',
    '    deployments:',
    '      deploy-env:',
    '        stack_name: app-prod',
    '        template_path: infrastructure/prod.env.yml',
    '        template_config: infrastructure/prod.env.params.json',
  ]),
  custom: manifestText([
    'name: custom',
    ...SOURCE_GITHUB,
    'build:',
    '  buildspec: ci/buildspec.yml',
    'stages:',
    '  - name: test',
    '    deployments:',
    '      database: { stack_name: shop-db, template_path: infrastructure/db.yml }',
    '      api: { depends_on: [database] }',
  ]),
};

/** A workspace with every other kind of workload, for the `kinds` feature. */
const KIND_FILES: Record<string, string> = {
  'copilot/site/manifest.yml': 'name: site\ntype: Static Site\nfiles:\n  - source: public\n    recursive: true\n',
  'public/index.html': '<p>hi</p>\n',
  'copilot/runner/manifest.yml': [
    'name: runner',
    'type: Request-Driven Web Service',
    'image:',
    '  build: runner/Dockerfile',
    '  port: 8080',
    'http:',
    '  healthcheck: /',
    '',
  ].join('\n'),
  'runner/Dockerfile': 'FROM scratch\n',
  'copilot/worker/manifest.yml': [
    'name: worker',
    'type: Worker Service',
    'image:',
    '  build: worker/Dockerfile',
    'subscribe:',
    '  topics:',
    '    - name: orders',
    '      service: api',
    '',
  ].join('\n'),
  'worker/Dockerfile': 'FROM scratch\n',
};

const EXTRA_FILES = {
  'ci/migrate.yml': 'version: 0.2\n',
  'ci/seed.yml': 'version: 0.2\n',
  'ci/smoke.yml': 'version: 0.2\n',
  'ci/buildspec.yml': 'version: 0.2\n',
};

interface Rendered {
  label: string;
  stack: RenderedStack;
}

async function renderIn(
  files: Record<string, string>,
  name: string,
  lookups?: PipelineLookups,
): Promise<RenderedStack> {
  const workspace = pipelineWorkspace({ ...EXTRA_FILES, ...files });
  const { stack } = await renderPipeline({ workspace, app: APP, vars: {} }, findPipeline(workspace, name), lookups);
  return stack;
}

describe('pipeline templates pass cfn-lint', () => {
  const rendered: Rendered[] = [];

  beforeAll(async () => {
    for (const rel of CORPUS_PIPELINES) {
      const text = readFileSync(path.join(CORPUS, rel), 'utf8');
      const label = path.basename(rel).replace(/\.ya?ml$/, '');
      rendered.push({ label, stack: await renderIn({ [`copilot/pipelines/${label}/manifest.yml`]: text }, label) });
      // The same manifest as Copilot's single legacy copilot/pipeline.yml.
      const name = /^name:\s*(\S+)/m.exec(text)![1];
      rendered.push({ label: `${label}-legacy`, stack: await renderIn({ 'copilot/pipeline.yml': text }, name) });
    }
    for (const [name, text] of Object.entries(FEATURES)) {
      rendered.push({ label: name, stack: await renderIn({ [`copilot/pipelines/${name}/manifest.yml`]: text }, name) });
    }
    const kinds = manifestText(['name: kinds', ...SOURCE_GITHUB, 'stages:', '  - name: test', '  - name: prod']);
    rendered.push({
      label: 'kinds',
      stack: await renderIn({ ...KIND_FILES, 'copilot/pipelines/kinds/manifest.yml': kinds }, 'kinds'),
    });
    rendered.push({
      label: 'copilot-roles',
      stack: await renderIn({ 'copilot/pipelines/ordered/manifest.yml': FEATURES.ordered }, 'ordered', {
        stageRoles: {
          prod: {
            executionRoleArn: 'arn:aws:iam::123456789012:role/app-prod-CFNExecutionRole',
            managerRoleArn: 'arn:aws:iam::123456789012:role/app-prod-EnvManagerRole',
          },
        },
      }),
    });
  }, 120_000);

  it('renders every corpus manifest and feature', () => {
    expect(rendered.map((r) => r.label)).toEqual([
      'pipeline-basic',
      'pipeline-basic-legacy',
      'pipeline-environment',
      'pipeline-environment-legacy',
      'dd_manifest',
      'dd_manifest-legacy',
      ...Object.keys(FEATURES),
      'kinds',
      'copilot-roles',
    ]);
  });

  it('finds no cfn-lint error', () => {
    const findings = cfnLint(rendered.map((r) => ({ label: `pipeline/${r.label}`, stack: r.stack })));
    expect(findings.map((f) => `${f.file}:${f.line} ${f.rule} ${f.message}`)).toEqual([]);
  }, 300_000);
});
