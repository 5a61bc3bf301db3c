// The Source stage: where pushes come from. GitHub and Bitbucket go through a CodeStar connection (created
// here, or an existing one by ARN or by name), CodeCommit through an EventBridge rule that starts the
// pipeline on a push to the branch (CodePipeline's polling is deprecated), legacy GitHub through a token.
import type { Parameter, Resource, Value } from '../template';
import { GetAtt, Ref, resource, Sub } from '../template';
import { assumedBy, localArn, policyDocument, Statement } from './iam';
import type { PipelineSource } from './inputs';
import { SOURCE_ARTIFACT, sourceActionName } from './names';

export const CONNECTION_PARAM = 'SourceConnectionArn';

export interface SourcePart {
  action: Record<string, Value>;
  resources: Record<string, Resource>;
  parameters: Record<string, Parameter>;
  /** The connection's ARN, when the source uses one (an output, and the deploy waits on its handshake). */
  connectionArn?: Value;
  /** What CodePipeline needs to run the source action. */
  pipelineStatements: Statement[];
  /** What the build needs when it clones the repository itself (CODEBUILD_CLONE_REF). */
  buildStatements: Statement[];
}

function connectionOf(source: Extract<PipelineSource, { provider: 'GitHub' | 'Bitbucket' }>): {
  arn: Value;
  resources: Record<string, Resource>;
  parameters: Record<string, Parameter>;
} {
  const c = source.connection;
  if (c.kind === 'arn') return { arn: c.arn, resources: {}, parameters: {} };
  if (c.kind === 'named') {
    return {
      arn: Ref(CONNECTION_PARAM),
      resources: {},
      parameters: {
        [CONNECTION_PARAM]: {
          Type: 'String',
          Description: `ARN of the CodeStar connection "${c.name}", looked up by pipeline deploy.`,
        },
      },
    };
  }
  return {
    arn: Ref('SourceConnection'),
    parameters: {},
    resources: {
      SourceConnection: resource('AWS::CodeStarConnections::Connection', `Connection to ${source.provider}`, {
        ConnectionName: c.name,
        ProviderType: source.provider,
      }),
    },
  };
}

const CONNECTION_ACTIONS = ['codestar-connections:UseConnection', 'codeconnections:UseConnection'];

export function sourcePart(app: string, source: PipelineSource, pipelineArn: Value): SourcePart {
  const base = { Name: sourceActionName(app), OutputArtifacts: [{ Name: SOURCE_ARTIFACT }], RunOrder: 1 };
  const format = 'outputFormat' in source && source.outputFormat ? { OutputArtifactFormat: source.outputFormat } : {};
  const cloneRef = 'outputFormat' in source && source.outputFormat === 'CODEBUILD_CLONE_REF';
  switch (source.provider) {
    case 'GitHub':
    case 'Bitbucket': {
      const conn = connectionOf(source);
      const use: Statement = { Effect: 'Allow', Action: CONNECTION_ACTIONS, Resource: [conn.arn] };
      return {
        action: {
          ...base,
          ActionTypeId: { Category: 'Source', Owner: 'AWS', Version: '1', Provider: 'CodeStarSourceConnection' },
          Configuration: {
            ConnectionArn: conn.arn,
            FullRepositoryId: source.repositoryId,
            BranchName: source.branch,
            ...format,
          },
        },
        resources: conn.resources,
        parameters: conn.parameters,
        connectionArn: conn.arn,
        pipelineStatements: [use],
        buildStatements: cloneRef ? [use] : [],
      };
    }
    case 'CodeCommit': {
      const repoArn = localArn('codecommit', source.repositoryName);
      return {
        action: {
          ...base,
          ActionTypeId: { Category: 'Source', Owner: 'AWS', Version: '1', Provider: 'CodeCommit' },
          Configuration: {
            RepositoryName: source.repositoryName,
            BranchName: source.branch,
            PollForSourceChanges: false,
            ...format,
          },
        },
        resources: codeCommitTrigger(source.repositoryName, source.branch, repoArn, pipelineArn),
        parameters: {},
        pipelineStatements: [
          {
            Effect: 'Allow',
            Action: [
              'codecommit:GetBranch',
              'codecommit:GetCommit',
              'codecommit:GetRepository',
              'codecommit:UploadArchive',
              'codecommit:GetUploadArchiveStatus',
              'codecommit:CancelUploadArchive',
            ],
            Resource: [repoArn],
          },
        ],
        buildStatements: cloneRef ? [{ Effect: 'Allow', Action: ['codecommit:GitPull'], Resource: [repoArn] }] : [],
      };
    }
    case 'GitHubV1':
      return {
        action: {
          ...base,
          ActionTypeId: { Category: 'Source', Owner: 'ThirdParty', Version: '1', Provider: 'GitHub' },
          Configuration: {
            Owner: source.owner,
            Repo: source.repo,
            Branch: source.branch,
            // The whole secret string, resolved by CloudFormation when the stack deploys.
            OAuthToken: Sub('{{resolve:secretsmanager:${SecretId}}}', { SecretId: source.tokenSecret }),
          },
        },
        resources: {},
        parameters: {},
        pipelineStatements: [],
        buildStatements: [],
      };
  }
}

/** Starts the pipeline when the branch moves. */
function codeCommitTrigger(
  repositoryName: string,
  branch: string,
  repoArn: Value,
  pipelineArn: Value,
): Record<string, Resource> {
  return {
    SourceEventRole: resource('AWS::IAM::Role', 'Role that starts the pipeline on a push', {
      AssumeRolePolicyDocument: assumedBy('events.amazonaws.com'),
      Policies: [
        {
          PolicyName: 'StartPipeline',
          PolicyDocument: policyDocument([
            { Effect: 'Allow', Action: ['codepipeline:StartPipelineExecution'], Resource: [pipelineArn] },
          ]),
        },
      ],
    }),
    SourceEventRule: resource('AWS::Events::Rule', `Push to ${repositoryName} ${branch}`, {
      Description: `Starts the pipeline on a push to ${branch} of ${repositoryName}.`,
      EventPattern: {
        source: ['aws.codecommit'],
        'detail-type': ['CodeCommit Repository State Change'],
        resources: [repoArn],
        detail: { event: ['referenceCreated', 'referenceUpdated'], referenceType: ['branch'], referenceName: [branch] },
      },
      Targets: [{ Arn: pipelineArn, Id: 'Pipeline', RoleArn: GetAtt('SourceEventRole', 'Arn') }],
    }),
  };
}
