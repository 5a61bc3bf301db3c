// The application stack's repositories, as deploy and delete read them back from its outputs.
import { repositoriesInStack } from '../../../src/stack/application';

describe('repositoriesInStack', () => {
  it('reads the workloads with a repository from the application stack outputs, ignoring the rest', () => {
    expect(
      repositoriesInStack('shop', {
        ECRRepowebUri: '123456789012.dkr.ecr.us-west-2.amazonaws.com/shop/web',
        ECRRepoapiworkerUri: '123456789012.dkr.ecr.us-west-2.amazonaws.com/shop/api-worker',
        ArtifactBucketName: 'shop-infrastructure-artifactbucket-1',
        ECRRepootherUri: '123456789012.dkr.ecr.us-west-2.amazonaws.com/blog/other',
      }),
    ).toEqual(['api-worker', 'web']);
  });
});
