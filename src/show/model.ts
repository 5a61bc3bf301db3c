// The plain data of `svc show`, `env show`, `app show` and the `ls` commands; --json prints it as it is.
// Variables and secrets appear by name only (secrets with where their value comes from): never a value.

export interface StackRef {
  name: string;
  status: string;
  updatedAt?: string;
}

export interface ResourceRow {
  logicalId: string;
  type: string;
  physicalId?: string;
  status: string;
}

export type EndpointKind =
  | 'load-balancer'
  | 'internal-load-balancer'
  | 'network-load-balancer'
  | 'service-connect'
  | 'service-discovery'
  | 'app-runner'
  | 'cloudfront'
  | 'ecs-express';

export interface Endpoint {
  kind: EndpointKind;
  /** A URL (`https://host/path`) or, inside the environment, `host:port`. */
  address: string;
}

export interface ContainerConfig {
  name: string;
  image?: string;
  ports: number[];
  /** Names of its environment variables. */
  variables: string[];
  /** Names of its secrets and the SSM parameter or Secrets Manager ARN each comes from. */
  secrets: { name: string; from: string }[];
}

export interface WorkloadEnvironmentView {
  env: string;
  stack: StackRef;
  cpu?: string;
  memory?: string;
  /** Desired tasks (ECS services); undefined for jobs and App Runner. */
  desiredCount?: number;
  /** e.g. LINUX/X86_64. */
  platform?: string;
  launchType?: string;
  capacityProviders: string[];
  networkMode?: string;
  placement: { strategies: string[]; constraints: string[] };
  taskDefinition?: string;
  endpoints: Endpoint[];
  containers: ContainerConfig[];
  resources?: ResourceRow[];
}

export interface WorkloadView {
  app: string;
  name: string;
  type: string;
  /** The workspace has a manifest for it. */
  local: boolean;
  environments: WorkloadEnvironmentView[];
}

export interface EnvironmentView {
  app: string;
  name: string;
  region: string;
  account: string;
  local: boolean;
  stack?: StackRef;
  vpcId?: string;
  publicSubnets: string[];
  privateSubnets: string[];
  cluster?: string;
  publicLoadBalancer?: string;
  internalLoadBalancer?: string;
  ec2CapacityProvider?: string;
  serviceDiscoveryNamespace: string;
  /** `<env>.<app>.<domain>`, when the application has a domain. */
  domain?: string;
  /** CloudFront's URLs: its own domain name, and the static-assets alias once its certificate is attached. */
  cdn: string[];
  workloads: { name: string; type: string; stackStatus: string }[];
  resources?: ResourceRow[];
}

export interface ApplicationView {
  name: string;
  account: string;
  domain?: string;
  version: string;
  local: boolean;
  environments: { name: string; region: string; account: string }[];
  /** Each workload with its stack status in each environment it is deployed in. */
  workloads: { name: string; type: string; local: boolean; deployments: Record<string, string> }[];
}

export interface ApplicationList {
  applications: { name: string; account: string; domain?: string; local: boolean }[];
}

export interface EnvironmentList {
  app: string;
  environments: { name: string; region?: string; account?: string; deployed: boolean; local: boolean }[];
}

export interface WorkloadList {
  app: string;
  kind: 'service' | 'job';
  /** `recorded`: in the application's records (deployed at least once, by mycopilot or Copilot). */
  workloads: { name: string; type: string; recorded: boolean; local: boolean }[];
}
