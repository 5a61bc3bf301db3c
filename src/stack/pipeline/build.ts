// The CodeBuild projects: the build (images and templates, once per push) and, per stage, the test commands and
// the pre/post-deployment actions. Every project is named `<stack>-...` so that their roles can be limited to
// their own logs, and encrypts what it writes with the pipeline's key.
import { logicalIdSafe } from '../naming';
import type { Resource, Value } from '../template';
import { GetAtt, Ref, resource, Sub } from '../template';
import { generatedBuildspec, testBuildspec } from './buildspec';
import { ARTIFACT_BUCKET_PARAM, artifactStatements, assumedBy, codeBuildLogStatements, ecrPushStatements } from './iam';
import type { Statement } from './iam';
import type { PipelineBuildInput } from './inputs';
import { projectNamePart } from './names';

export const BUILD_ROLE = 'BuildProjectRole';
export const ACTION_ROLE = 'ActionRole';

function environmentType(image: string): 'ARM_CONTAINER' | 'LINUX_CONTAINER' {
  return /aarch64|arm64/i.test(image) ? 'ARM_CONTAINER' : 'LINUX_CONTAINER';
}

interface ProjectOptions {
  name: Value;
  description: string;
  role: string;
  image: string;
  buildspec: string;
  keyArn: Value;
  variables?: Record<string, Value>;
  /** Docker layer caching, for the project that builds images. */
  cache?: boolean;
}

function project(o: ProjectOptions): Resource {
  const variables = Object.entries(o.variables ?? {}).map(([Name, Value]) => ({ Name, Value }));
  return resource('AWS::CodeBuild::Project', o.description, {
    Name: o.name,
    Description: o.description,
    ServiceRole: GetAtt(o.role, 'Arn'),
    EncryptionKey: o.keyArn,
    Artifacts: { Type: 'CODEPIPELINE' },
    Source: { Type: 'CODEPIPELINE', BuildSpec: o.buildspec },
    Environment: {
      Type: environmentType(o.image),
      ComputeType: 'BUILD_GENERAL1_SMALL',
      Image: o.image,
      // Docker runs inside the build only in privileged mode: images are built here, and tests may start some.
      PrivilegedMode: true,
      ...(variables.length ? { EnvironmentVariables: variables } : {}),
    },
    ...(o.cache ? { Cache: { Type: 'LOCAL', Modes: ['LOCAL_DOCKER_LAYER_CACHE'] } } : {}),
    TimeoutInMinutes: 60,
  });
}

function role(description: string, statements: Statement[], additional?: Record<string, unknown>): Resource {
  return resource('AWS::IAM::Role', description, {
    AssumeRolePolicyDocument: assumedBy('codebuild.amazonaws.com'),
    Policies: [
      { PolicyName: 'Build', PolicyDocument: { Version: '2012-10-17', Statement: statements } },
      ...(additional ? [{ PolicyName: 'AdditionalPolicy', PolicyDocument: additional }] : []),
    ],
  });
}

export interface BuildPart {
  resources: Record<string, Resource>;
}

/** The build project and its role. `sourceStatements` come from the source (cloning a repository itself). */
export function buildPart(build: PipelineBuildInput, keyArn: Value, sourceStatements: Statement[]): BuildPart {
  const statements = [
    ...artifactStatements(keyArn, true),
    ...codeBuildLogStatements(),
    ...ecrPushStatements(build.repositories),
    ...sourceStatements,
  ];
  return {
    resources: {
      [BUILD_ROLE]: role('Role of the build', statements, build.additionalPolicy),
      BuildProject: project({
        name: Sub('${AWS::StackName}-BuildProject'),
        description: 'Builds the images and packages the templates',
        role: BUILD_ROLE,
        image: build.image,
        buildspec: build.buildspecPath ?? generatedBuildspec(build.generated),
        keyArn,
        cache: true,
        variables: {
          AWS_ACCOUNT_ID: Sub('${AWS::AccountId}'),
          PARTITION: Ref('AWS::Partition'),
          URL_SUFFIX: Ref('AWS::URLSuffix'),
          ARTIFACT_BUCKET: Ref(ARTIFACT_BUCKET_PARAM),
        },
      }),
    },
  };
}

/** The role every stage action project shares: artifacts and logs, plus the manifest's additional policy. */
export function actionRole(keyArn: Value, additional?: Record<string, unknown>): Resource {
  return role(
    'Role of the test and pre/post-deployment actions',
    [...artifactStatements(keyArn, false), ...codeBuildLogStatements()],
    additional,
  );
}

/** Logical ID and project of a stage's test commands (Copilot's ID: BuildTestCommands<Env>). */
export function testProject(
  app: string,
  env: string,
  commands: string[],
  image: string,
  keyArn: Value,
): [string, Resource] {
  return [
    `BuildTestCommands${logicalIdSafe(env)}`,
    project({
      name: Sub(`\${AWS::StackName}-Test-${projectNamePart(env)}`),
      description: `Test commands of ${env}`,
      role: ACTION_ROLE,
      image,
      buildspec: testBuildspec(commands),
      keyArn,
      variables: { COPILOT_APPLICATION_NAME: app, COPILOT_ENVIRONMENT_NAME: env },
    }),
  ];
}

/** Logical ID and project of a pre- or post-deployment action (Copilot's ID: <Pre|Post><Env>DeploymentAction<Name>). */
export function deploymentActionProject(
  when: 'Pre' | 'Post',
  app: string,
  env: string,
  action: { name: string; buildspec: string },
  image: string,
  keyArn: Value,
): [string, Resource] {
  const id = `${when}${logicalIdSafe(env)}DeploymentAction${logicalIdSafe(action.name)}`;
  return [
    id,
    project({
      name: Sub(`\${AWS::StackName}-${when}-${projectNamePart(env)}-${projectNamePart(action.name)}`),
      description: `${when === 'Pre' ? 'Pre' : 'Post'}-deployment action ${action.name} of ${env}`,
      role: ACTION_ROLE,
      image,
      buildspec: action.buildspec,
      keyArn,
      variables: { COPILOT_APPLICATION_NAME: app, COPILOT_ENVIRONMENT_NAME: env },
    }),
  ];
}
