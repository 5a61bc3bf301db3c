// The application's own stack, `<app>-infrastructure`, one per Region it deploys to: an ECR repository per
// workload that builds images, and the artifact bucket that holds large templates and env files.
import { GetAtt, privateBucketProperties, Ref, RenderedStack, resource, Sub, Template } from './template';
import { logicalIdSafe, TAG_APP } from './naming';

export interface ApplicationStackInput {
  app: string;
  /** Workloads with an ECR repository (those whose images are built), any order. */
  workloads: string[];
  /** Images kept per repository; older ones are expired. */
  keepImages?: number;
}

export function applicationStackName(app: string): string {
  return `${app}-infrastructure`;
}

/** Logical ID of a workload's repository: letters and digits only. */
export function repositoryLogicalId(workload: string): string {
  return `ECRRepo${logicalIdSafe(workload)}`;
}

/** Workloads that have a repository in a deployed application stack, read from its `ECRRepo<name>Uri` outputs. */
export function repositoriesInStack(app: string, outputs: Record<string, string>): string[] {
  return Object.entries(outputs)
    .filter(([key, uri]) => /^ECRRepo.+Uri$/.test(key) && uri.includes(`/${app}/`))
    .map(([, uri]) => uri.slice(uri.indexOf(`/${app}/`) + app.length + 2))
    .sort();
}

export function buildApplicationStack(input: ApplicationStackInput): RenderedStack {
  const keep = input.keepImages ?? 30;
  const lifecycle = {
    rules: [
      {
        rulePriority: 1,
        description: `Keep the last ${keep} images`,
        selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: keep },
        action: { type: 'expire' },
      },
    ],
  };
  const resources: Template['Resources'] = {
    ArtifactBucket: resource(
      'AWS::S3::Bucket',
      'Bucket for large templates and env files',
      {
        ...privateBucketProperties(),
        LifecycleConfiguration: {
          Rules: [{ Id: 'ExpireTemplates', Status: 'Enabled', Prefix: 'manual/templates/', ExpirationInDays: 30 }],
        },
      },
      { DeletionPolicy: 'Delete' },
    ),
    ArtifactBucketPolicy: resource('AWS::S3::BucketPolicy', 'Artifact bucket policy: TLS only', {
      Bucket: Ref('ArtifactBucket'),
      PolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'TLSOnly',
            Effect: 'Deny',
            Principal: '*',
            Action: 's3:*',
            Resource: [GetAtt('ArtifactBucket', 'Arn'), Sub('${ArtifactBucket.Arn}/*')],
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          },
        ],
      },
    }),
  };
  const outputs: Template['Outputs'] = {
    ArtifactBucketName: { Description: 'Artifact bucket', Value: Ref('ArtifactBucket') },
  };
  for (const workload of [...input.workloads].sort()) {
    const id = repositoryLogicalId(workload);
    resources[id] = resource('AWS::ECR::Repository', `Image repository of ${workload}`, {
      RepositoryName: `${input.app}/${workload}`,
      // A repository is emptied when the application or workload is deleted; the CLI asks first.
      EmptyOnDelete: true,
      ImageScanningConfiguration: { ScanOnPush: true },
      // Tags are immutable except `latest`, which each deploy moves.
      ImageTagMutability: 'IMMUTABLE_WITH_EXCLUSION',
      ImageTagMutabilityExclusionFilters: [
        { ImageTagMutabilityExclusionFilterType: 'WILDCARD', ImageTagMutabilityExclusionFilterValue: 'latest' },
      ],
      LifecyclePolicy: { LifecyclePolicyText: JSON.stringify(lifecycle) },
      Tags: [{ Key: TAG_APP, Value: input.app }],
    });
    outputs[`${id}Uri`] = { Description: `Repository URI of ${workload}`, Value: GetAtt(id, 'RepositoryUri') };
  }
  return {
    stackName: applicationStackName(input.app),
    template: {
      AWSTemplateFormatVersion: '2010-09-09',
      Description: `mycopilot application ${input.app}: image repositories and artifact bucket.`,
      Resources: resources,
      Outputs: outputs,
    },
    parameters: {},
    tags: { [TAG_APP]: input.app },
  };
}
