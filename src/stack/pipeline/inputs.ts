// What the pipeline stack builder takes: the pipeline manifest already resolved against the workspace (which
// stacks each stage deploys, what the build must produce) plus what only a deploy knows (environment roles).
// Plain data, so the builder stays pure and the tests can write inputs by hand.
import type { PathSegment } from '../../manifest/node';

/** How a GitHub or Bitbucket source reaches the repository. */
export type PipelineConnection =
  /** The stack creates the connection (PENDING until someone finishes the handshake in the console). */
  | { kind: 'create'; name: string }
  /** An existing connection by ARN (`connection_arn`). */
  | { kind: 'arn'; arn: string }
  /** An existing connection by name (`connection_name`): its ARN is the SourceConnectionArn parameter. */
  | { kind: 'named'; name: string };

export type OutputArtifactFormat = 'CODE_ZIP' | 'CODEBUILD_CLONE_REF';

export type PipelineSource =
  | {
      provider: 'GitHub' | 'Bitbucket';
      /** `owner/repo`, as the CodeStar source action wants it. */
      repositoryId: string;
      branch: string;
      connection: PipelineConnection;
      outputFormat?: OutputArtifactFormat;
    }
  | { provider: 'CodeCommit'; repositoryName: string; branch: string; outputFormat?: OutputArtifactFormat }
  /** GitHub through a personal access token kept in Secrets Manager (Copilot's oldest pipelines). */
  | { provider: 'GitHubV1'; owner: string; repo: string; branch: string; tokenSecret: string };

/** One container image the build makes and pushes, unless its tag is already in the repository. */
export interface ImageBuildStep {
  /** ECR repository name, `<app>/<workload>`. */
  repository: string;
  container: string;
  /** The tag whose presence in the repository means this image was already built (`$TAG`, `$TAG-<sidecar>`). */
  tag: string;
  /** Arguments of `docker` for the build; paths relative to the workspace root; may use $REGISTRY and $TAG. */
  buildArgs: string[];
  /** References to push, in order. */
  push: string[];
}

/** One `mycopilot <kind> package` run of the build, and what it leaves in the output artifact. */
export interface PackageStep {
  kind: 'svc' | 'job' | 'env';
  name: string;
  env: string;
  /** Where `package` writes, relative to the source root. */
  template: string;
  params: string;
  /** Where the deploy action reads them, when a manifest override names other paths. */
  copies: { from: string; to: string }[];
  /** env_file of the workload, uploaded to the artifact bucket; its S3 ARN goes in as this parameter. */
  envFiles: { parameter: string; file: string }[];
}

/** The buildspec mycopilot writes when the manifest names none. */
export interface GeneratedBuild {
  /** Directory holding copilot/, relative to the repository root ('.' when they are the same). */
  workspaceDir: string;
  /** Version of mycopilot the build installs: the one that packaged the pipeline. */
  toolVersion: string;
  images: ImageBuildStep[];
  packages: PackageStep[];
  /** Files of the output artifact besides infrastructure/*: templates the repository holds itself. */
  extraArtifacts: string[];
}

export interface PipelineBuildInput {
  /** CodeBuild image. */
  image: string;
  /** A buildspec of the repository (`build.buildspec`); the generated one is used when unset. */
  buildspecPath?: string;
  generated: GeneratedBuild;
  /** `build.additional_policy.PolicyDocument`, already parsed. */
  additionalPolicy?: Record<string, unknown>;
  /** ECR repositories the build may push to (`<app>/<workload>`). */
  repositories: string[];
}

/** What a deploy action creates or updates. */
export type DeploymentKind = 'workload' | 'environment' | 'custom';

export interface StageDeployment {
  name: string;
  kind: DeploymentKind;
  stackName: string;
  /** Paths inside the build's output artifact; a template of the repository may come without a configuration. */
  templatePath: string;
  templateConfig?: string;
  dependsOn: string[];
  /** Manifest path of the entry, for errors. */
  path: PathSegment[];
}

/** A pre- or post-deployment CodeBuild action. */
export interface StageBuildAction {
  name: string;
  buildspec: string;
  dependsOn: string[];
  path: PathSegment[];
}

export interface PipelineStageInput {
  env: string;
  /** Manifest path of the stage (`['stages', i]`). */
  path: PathSegment[];
  requiresApproval: boolean;
  testCommands: string[];
  preDeployments: StageBuildAction[];
  deployments: StageDeployment[];
  postDeployments: StageBuildAction[];
  /** The environment's own roles (Copilot environments have them); the pipeline's CloudFormation role otherwise. */
  roles?: { executionRoleArn: string; managerRoleArn: string };
}

export interface PipelineStackInput {
  app: string;
  /** Pipeline name (the manifest's `name`). */
  name: string;
  /** From copilot/pipeline.yml: the stack and the pipeline are named after `name` itself, as Copilot did. */
  legacy: boolean;
  source: PipelineSource;
  build: PipelineBuildInput;
  stages: PipelineStageInput[];
}

export const DEFAULT_BUILD_IMAGE = 'aws/codebuild/amazonlinux2-x86_64-standard:5.0';
/** Where the generated build writes templates, relative to the repository root (Copilot's directory). */
export const ARTIFACTS_DIR = 'infrastructure';
