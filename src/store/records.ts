// Application, environment and workload records, in the SSM Parameter Store layout Copilot used, so that
// applications created by Copilot are listed and deployed by mycopilot and the other way round:
//   /copilot/applications/<app>                        {"name","account","domain","domainHostedZoneID","version","tags"}
//   /copilot/applications/<app>/environments/<env>     {"app","name","region","accountID","registryURL",...}
//   /copilot/applications/<app>/components/<name>      {"app","name","type"}

export const SCHEMA_VERSION = '1.0';
export const ROOT_PATH = '/copilot/applications';

export interface ApplicationRecord {
  name: string;
  account: string;
  domain: string;
  domainHostedZoneID: string;
  version: string;
  permissionsBoundary?: string;
  tags?: Record<string, string>;
}

export interface EnvironmentRecord {
  app: string;
  name: string;
  region: string;
  accountID: string;
  registryURL: string;
  executionRoleARN: string;
  managerRoleARN: string;
}

export interface WorkloadRecord {
  app: string;
  name: string;
  type: string;
}

export const applicationPath = (app: string) => `${ROOT_PATH}/${app}`;
export const environmentsPath = (app: string) => `${ROOT_PATH}/${app}/environments`;
export const environmentPath = (app: string, env: string) => `${environmentsPath(app)}/${env}`;
export const workloadsPath = (app: string) => `${ROOT_PATH}/${app}/components`;
export const workloadPath = (app: string, name: string) => `${workloadsPath(app)}/${name}`;
