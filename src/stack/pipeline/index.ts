// The pipeline stack `pipeline-<app>-<name>`: a CodePipeline that takes each push to the branch, builds the
// images and templates once, and releases them environment by environment. Artifacts go to the application's
// artifact bucket (a parameter: `pipeline deploy` reads it from `<app>-infrastructure`), encrypted with a KMS key
// of this stack. Pure: inputs in, a RenderedStack out.
import { TAG_APP } from '../naming';
import type { Output, Parameter, RenderedStack, Resource, Template } from '../template';
import { GetAtt, Ref, resource, StackName, Sub } from '../template';
import { ACTION_ROLE, actionRole, buildPart } from './build';
import {
  ARTIFACT_BUCKET_PARAM,
  artifactStatements,
  assumedBy,
  cloudFormationStatements,
  localArn,
  policyDocument,
  Statement,
} from './iam';
import type { DeploymentKind, PipelineStackInput } from './inputs';
import { BUILD_ARTIFACT, pipelineStack, SOURCE_ARTIFACT, TAG_PIPELINE } from './names';
import { sourcePart } from './source';
import { CFN_ROLE, stagesPart } from './stages';

export * from './inputs';
export { pipelineStack, stageName, deployActionName, approvalActionName, connectionName } from './names';
export { generatedBuildspec } from './buildspec';
export { CONNECTION_PARAM } from './source';
export { ARTIFACT_BUCKET_PARAM } from './iam';

const KEY_ARN = GetAtt('ArtifactKey', 'Arn');

function artifactKey(): Resource {
  return resource('AWS::KMS::Key', 'Key that encrypts the pipeline artifacts', {
    Description: Sub('Encrypts the artifacts of ${AWS::StackName}.'),
    EnableKeyRotation: true,
    // The account administers the key; the roles of this stack use it through their IAM policies.
    KeyPolicy: {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'AccountAdministers',
          Effect: 'Allow',
          Principal: { AWS: Sub('arn:${AWS::Partition}:iam::${AWS::AccountId}:root') },
          Action: 'kms:*',
          Resource: '*',
        },
      ],
    },
  });
}

/** Name prefixes of what the deployed stacks create with generated names: the app's, and outside stacks'. */
function generatedNamePrefixes(app: string, stackNames: string[]): string[] {
  const outside = stackNames.filter((s) => !s.startsWith(`${app}-`));
  return [...new Set([app, ...outside])].sort();
}

export function buildPipelineStack(input: PipelineStackInput): RenderedStack {
  const stackName = pipelineStack(input.app, input.name, input.legacy);
  const pipelineArn = localArn('codepipeline', '${Pipeline}');
  const source = sourcePart(input.app, input.source, pipelineArn);
  const build = buildPart(input.build, KEY_ARN, source.buildStatements);
  const stages = stagesPart(input.app, input.stages, { image: input.build.image, keyArn: KEY_ARN });
  const kinds = new Set<DeploymentKind>(input.stages.flatMap((s) => s.deployments.map((d) => d.kind)));
  const hasActionProjects = Object.keys(stages.resources).length > 0;
  const usesCfnRole = input.stages.some((s) => s.deployments.length > 0 && !s.roles);

  const stackArns = [...new Set(stages.stackNames)].sort().map((s) => localArn('cloudformation', `stack/${s}/*`));
  const pipelineStatements: Statement[] = [
    ...artifactStatements(KEY_ARN, true),
    ...source.pipelineStatements,
    {
      Effect: 'Allow',
      Action: ['codebuild:StartBuild', 'codebuild:BatchGetBuilds', 'codebuild:StopBuild'],
      Resource: [localArn('codebuild', 'project/${AWS::StackName}-*')],
    },
  ];
  if (stackArns.length > 0) {
    pipelineStatements.push(
      {
        Effect: 'Allow',
        Action: [
          'cloudformation:CreateStack',
          'cloudformation:UpdateStack',
          'cloudformation:DescribeStacks',
          'cloudformation:DescribeStackEvents',
          'cloudformation:CreateChangeSet',
          'cloudformation:DescribeChangeSet',
          'cloudformation:ExecuteChangeSet',
          'cloudformation:DeleteChangeSet',
          'cloudformation:SetStackPolicy',
        ],
        Resource: stackArns,
      },
      { Effect: 'Allow', Action: ['cloudformation:ValidateTemplate'], Resource: '*' },
    );
  }
  if (usesCfnRole) {
    pipelineStatements.push({
      Effect: 'Allow',
      Action: ['iam:PassRole'],
      Resource: [GetAtt(CFN_ROLE, 'Arn')],
      Condition: { StringEqualsIfExists: { 'iam:PassedToService': 'cloudformation.amazonaws.com' } },
    });
  }
  if (stages.managerRoles.length > 0) {
    pipelineStatements.push({
      Effect: 'Allow',
      Action: ['sts:AssumeRole'],
      Resource: [...new Set(stages.managerRoles)].sort(),
    });
  }

  const resources: Record<string, Resource> = {
    ...source.resources,
    ArtifactKey: artifactKey(),
    ...build.resources,
    ...(hasActionProjects ? { [ACTION_ROLE]: actionRole(KEY_ARN, input.build.additionalPolicy) } : {}),
    ...stages.resources,
  };
  if (usesCfnRole) {
    resources[CFN_ROLE] = resource(
      'AWS::IAM::Role',
      'Role CloudFormation uses to deploy the stages',
      {
        AssumeRolePolicyDocument: assumedBy('cloudformation.amazonaws.com'),
        Policies: [
          {
            PolicyName: 'DeployStacks',
            PolicyDocument: policyDocument(
              cloudFormationStatements(kinds, generatedNamePrefixes(input.app, stages.stackNames)),
            ),
          },
        ],
      },
      // Stacks the pipeline deployed keep this role as their service role: deleting the pipeline must not leave
      // them unable to update or delete themselves.
      { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' },
    );
  }
  resources.PipelineRole = resource('AWS::IAM::Role', 'Role of the pipeline', {
    AssumeRolePolicyDocument: assumedBy('codepipeline.amazonaws.com'),
    Policies: [{ PolicyName: 'Pipeline', PolicyDocument: policyDocument(pipelineStatements) }],
  });
  resources.Pipeline = resource('AWS::CodePipeline::Pipeline', `Pipeline ${input.name}`, {
    ...(input.legacy ? { Name: StackName } : {}),
    RoleArn: GetAtt('PipelineRole', 'Arn'),
    ArtifactStore: {
      Type: 'S3',
      Location: Ref(ARTIFACT_BUCKET_PARAM),
      EncryptionKey: { Id: KEY_ARN, Type: 'KMS' },
    },
    Stages: [
      { Name: 'Source', Actions: [source.action] },
      {
        Name: 'Build',
        Actions: [
          {
            Name: 'Build',
            ActionTypeId: { Category: 'Build', Owner: 'AWS', Version: '1', Provider: 'CodeBuild' },
            Configuration: { ProjectName: Ref('BuildProject') },
            InputArtifacts: [{ Name: SOURCE_ARTIFACT }],
            OutputArtifacts: [{ Name: BUILD_ARTIFACT }],
            RunOrder: 1,
          },
        ],
      },
      ...stages.stages,
    ],
  });

  const parameters: Record<string, Parameter> = {
    [ARTIFACT_BUCKET_PARAM]: {
      Type: 'String',
      Description: `Artifact bucket of the application (output ArtifactBucketName of ${input.app}-infrastructure).`,
    },
    ...source.parameters,
  };
  const outputs: Record<string, Output> = {
    PipelineName: { Description: 'Name of the CodePipeline pipeline', Value: Ref('Pipeline') },
    BuildProjectName: { Description: 'Name of the build project', Value: Ref('BuildProject') },
  };
  if (source.connectionArn !== undefined) {
    outputs.PipelineConnectionARN = { Description: 'ARN of the CodeStar connection', Value: source.connectionArn };
  }
  const envs = input.stages.filter((s) => s.deployments.length > 0).map((s) => s.env);
  const template: Template = {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: `mycopilot pipeline ${input.name} of ${input.app}: builds ${describeSource(input)} and releases to ${envs.join(', ') || 'no environment'}.`,
    Parameters: parameters,
    Resources: resources,
    Outputs: outputs,
  };
  const values: Record<string, string> = { [ARTIFACT_BUCKET_PARAM]: '' };
  for (const name of Object.keys(source.parameters)) values[name] = '';
  const tags: Record<string, string> = { [TAG_APP]: input.app };
  if (!input.legacy) tags[TAG_PIPELINE] = input.name;
  return { stackName, template, parameters: values, tags };
}

function describeSource(input: PipelineStackInput): string {
  const s = input.source;
  const repo =
    s.provider === 'CodeCommit'
      ? s.repositoryName
      : s.provider === 'GitHubV1'
        ? `${s.owner}/${s.repo}`
        : s.repositoryId;
  return `${repo}@${s.branch}`;
}
