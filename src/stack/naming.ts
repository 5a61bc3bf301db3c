// Names that must match Copilot's so existing Copilot applications are found and taken over:
// stack names, tags, export names, log groups, repositories.

export const TAG_APP = 'copilot-application';
export const TAG_ENV = 'copilot-environment';
export const TAG_SVC = 'copilot-service';

export function environmentStackName(app: string, env: string): string {
  return `${app}-${env}`;
}

export function workloadStackName(app: string, env: string, name: string): string {
  return `${app}-${env}-${name}`;
}

export function pipelineStackName(app: string, pipeline: string): string {
  return `pipeline-${app}-${pipeline}`;
}

export function logGroupName(app: string, env: string, name: string): string {
  return `/copilot/${app}-${env}-${name}`;
}

/** ECR repository of a workload's images, created by `app init` / the first deploy. */
export function repositoryName(app: string, name: string): string {
  return `${app}/${name}`;
}

/** Name of an export of the environment stack, as workload stacks import it: `<app>-<env>-<Key>`. */
export function environmentExport(app: string, env: string, key: string): string {
  return `${environmentStackName(app, env)}-${key}`;
}

export function environmentTags(app: string, env: string): Record<string, string> {
  return { [TAG_APP]: app, [TAG_ENV]: env };
}

export function workloadTags(app: string, env: string, name: string): Record<string, string> {
  return { [TAG_APP]: app, [TAG_ENV]: env, [TAG_SVC]: name };
}

/** Cloud Map private namespace of an environment. */
export function serviceDiscoveryNamespace(app: string, env: string): string {
  return `${env}.${app}.local`;
}

/** A name as a CloudFormation logical-ID fragment: letters and digits only (`nginx-proxy` → `nginxproxy`). */
export function logicalIdSafe(name: string): string {
  return name.replace(/[^A-Za-z0-9]/g, '');
}
