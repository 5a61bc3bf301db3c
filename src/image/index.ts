// The container engine module: choose an engine, log in to ECR, build and push a workload's images.
export { ENGINE_NAMES, DEFAULT_PLATFORM } from './engine';
export type { BuildRequest, ContainerEngine, EngineName, LineSink, RunOptions } from './engine';
export { CliEngine } from './cli-engine';
export type { CliEngineOptions } from './cli-engine';
export { createEngine, engineName, ENGINE_ENV } from './select';
export type { EngineSelection } from './select';
export { ecrCredentials, ecrLogin, decodeAuthorizationToken, registryHost, REGISTRY_ENV } from './ecr-login';
export type { RegistryCredentials } from './ecr-login';
export { buildPlatform, planWorkloadImages, repositoryUri, resolveBuildField } from './plan';
export type { BuildField, PlannedImage, WorkloadImagesInput } from './plan';
export { buildAndPushWorkloadImages, runImagePlan } from './build-push';
export type { ImageProgress, ImageRunOptions } from './build-push';
export { spawnRunner, CommandNotFoundError } from './process';
export type { ProcessRequest, ProcessResult, ProcessRunner } from './process';
