// `pipeline ls` against a mocked CodePipeline client: deployed pipelines found by name prefix and confirmed by
// their application tag, side by side with the workspace's manifests.
import {
  CodePipelineClient,
  GetPipelineCommand,
  ListPipelinesCommand,
  ListTagsForResourceCommand,
} from '@aws-sdk/client-codepipeline';
import { mockClient } from 'aws-sdk-client-mock';
import { PipelineApi } from '../../../src/aws/codepipeline';
import { listPipelines } from '../../../src/deploy/pipeline-list';
import { APP, manifestText, pipelineWorkspace } from './fixtures';

const cp = mockClient(CodePipelineClient);
const api = new PipelineApi(new CodePipelineClient({ region: 'us-west-2' }));
const arn = (name: string) => `arn:aws:codepipeline:us-west-2:123456789012:${name}`;

beforeEach(() => {
  cp.reset();
  cp.on(ListPipelinesCommand)
    .resolvesOnce({
      pipelines: [{ name: 'pipeline-app-release-Pipeline-AAA' }, { name: 'someone-else' }],
      nextToken: 'next',
    })
    .resolves({ pipelines: [{ name: 'pipeline-app-old-repo' }, { name: 'pipeline-app-x-hotfix-Pipeline-BBB' }] });
  for (const name of [
    'pipeline-app-release-Pipeline-AAA',
    'pipeline-app-old-repo',
    'pipeline-app-x-hotfix-Pipeline-BBB',
  ]) {
    cp.on(GetPipelineCommand, { name }).resolves({ metadata: { pipelineArn: arn(name) } });
  }
  cp.on(ListTagsForResourceCommand, { resourceArn: arn('pipeline-app-release-Pipeline-AAA') }).resolves({
    tags: [
      { key: 'copilot-application', value: APP },
      { key: 'copilot-pipeline', value: 'release' },
    ],
  });
  // A legacy pipeline: no pipeline tag, its name is its CodePipeline name.
  cp.on(ListTagsForResourceCommand, { resourceArn: arn('pipeline-app-old-repo') }).resolves({
    tags: [{ key: 'copilot-application', value: APP }],
  });
  // Application "app-x", whose pipelines share the prefix.
  cp.on(ListTagsForResourceCommand, { resourceArn: arn('pipeline-app-x-hotfix-Pipeline-BBB') }).resolves({
    tags: [
      { key: 'copilot-application', value: 'app-x' },
      { key: 'copilot-pipeline', value: 'hotfix' },
    ],
  });
});

describe('pipeline ls', () => {
  it("lists the workspace's pipelines and the application's deployed ones", async () => {
    const workspace = pipelineWorkspace({
      'copilot/pipelines/release/manifest.yml': manifestText(['name: release']),
      'copilot/pipelines/nightly/manifest.yml': manifestText(['name: nightly']),
    });
    const rows = await listPipelines(workspace, APP, api);
    expect(rows.map((r) => [r.name, r.manifest ? 'manifest' : '-', r.deployed ?? 'not deployed'])).toEqual([
      ['nightly', 'manifest', 'not deployed'],
      ['pipeline-app-old-repo', '-', 'pipeline-app-old-repo'],
      ['release', 'manifest', 'pipeline-app-release-Pipeline-AAA'],
    ]);
  });
});
