// Names inside the pipeline stack. Stage, action, artifact and logical names are Copilot's, so that a pipeline
// Copilot deployed is updated in place rather than replaced, and its console history still reads the same.
import { pipelineStackName } from '../naming';

export const SOURCE_ARTIFACT = 'SCCheckoutArtifact';
export const BUILD_ARTIFACT = 'BuildOutput';
export const TAG_PIPELINE = 'copilot-pipeline';

/**
 * Stack of a pipeline. Copilot's single `copilot/pipeline.yml` pipelines were stacks named after the pipeline
 * itself (its default name was already `pipeline-<app>-<repo>`); pipelines under copilot/pipelines/ are namespaced.
 */
export function pipelineStack(app: string, name: string, legacy: boolean): string {
  return legacy && name.startsWith('pipeline-') ? name : pipelineStackName(app, name);
}

export function stageName(env: string): string {
  return `DeployTo-${env}`;
}

export function sourceActionName(app: string): string {
  return `SourceCodeFor-${app}`;
}

export function approvalActionName(env: string): string {
  return `ApprovePromotionTo-${env}`;
}

export function deployActionName(deployment: string, env: string): string {
  return `CreateOrUpdate-${deployment}-${env}`;
}

export const TEST_ACTION = 'TestCommands';

/** A piece of a CodeBuild project name: CodeBuild allows letters, digits, `-` and `_`. */
export function projectNamePart(name: string): string {
  return name.replace(/[^A-Za-z0-9_-]/g, '-');
}

/** What CodePipeline accepts as a stage or action name. */
export const ACTION_NAME = /^[A-Za-z0-9.@_-]{1,100}$/;

/**
 * Name of a connection the stack creates: `copilot-<owner>-<repo>`, cut to fit the 32 characters CodeStar
 * allows, exactly as Copilot named it (renaming a connection would replace it and need a new handshake).
 */
export function connectionName(repositoryId: string): string {
  const [owner = '', repo = ''] = repositoryId.split('/');
  return `copilot-${owner.slice(0, 5)}-${repo.slice(0, 18)}`;
}
