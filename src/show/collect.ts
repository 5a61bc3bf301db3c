// Collects what `svc show`, `env show` and `app show` print: records from the store, stacks and their outputs,
// deployed templates, and what ECS runs. What the local workspace holds is passed in as plain data.
import { CDN_STATIC_ALIAS_OUTPUT } from '../stack/cdn-certificate';
import type { StackDescription } from '../aws/cloudformation';
import { MycopilotError } from '../errors';
import { environmentStackName, serviceDiscoveryNamespace, workloadStackName } from '../stack/naming';
import { parseTemplate } from '../status/cfn-template';
import { serviceArnParts } from '../status/collect-ecs';
import { deployedIn, requireWorkloadRecord, WorkloadKind } from '../status/locate';
import type { Sources, StackResourceRecord } from '../status/sources';
import { iso } from '../status/time';
import {
  appRunnerConfiguration,
  Configuration,
  ecsConfiguration,
  emptyConfiguration,
  withTemplateDefaults,
} from './config';
import { endpointsOf } from './endpoints';
import type {
  ApplicationView,
  EnvironmentView,
  ResourceRow,
  StackRef,
  WorkloadEnvironmentView,
  WorkloadView,
} from './model';

/** What the workspace the command runs in holds (nothing when it runs outside one). */
export interface LocalWorkspace {
  app?: string;
  workloads: { name: string; type?: string }[];
  environments: string[];
}

export const NO_WORKSPACE: LocalWorkspace = { workloads: [], environments: [] };

const stackRef = (s: StackDescription): StackRef => ({ name: s.name, status: s.status, updatedAt: iso(s.lastUpdated) });

/** Rows without a logical ID (placeholders some emulators list) name nothing and are left out. */
export const resourceRows = (resources: StackResourceRecord[]): ResourceRow[] =>
  resources
    .filter((r) => r.logicalId)
    .map((r) => ({ logicalId: r.logicalId, type: r.type, physicalId: r.physicalId, status: r.status }));

const isLocal = (local: LocalWorkspace, app: string) => local.app === app;

async function configurationOf(
  sources: Sources,
  stack: StackDescription,
  resources: StackResourceRecord[],
  environmentOutputs: Record<string, string>,
  template: ReturnType<typeof parseTemplate>,
): Promise<Configuration> {
  const byId = new Map(resources.map((r) => [r.logicalId, r]));
  const service = byId.get('Service');
  if (service?.type === 'AWS::AppRunner::Service') return appRunnerConfiguration(template, stack.parameters);
  const taskDefinitionArn = byId.get('TaskDefinition')?.physicalId;
  if (!taskDefinitionArn) return emptyConfiguration();
  const ecsService =
    service?.type === 'AWS::ECS::Service' && service.physicalId
      ? await sources.ecs.service(
          serviceArnParts(service.physicalId).cluster ?? environmentOutputs.ClusterId ?? '',
          service.physicalId,
        )
      : undefined;
  const td = await sources.ecs.taskDefinition(ecsService?.taskDefinition ?? taskDefinitionArn);
  return withTemplateDefaults(ecsConfiguration(td, ecsService), template, stack.parameters);
}

async function workloadInEnvironment(
  sources: Sources,
  app: string,
  env: string,
  name: string,
  stack: StackDescription,
  withResources: boolean,
): Promise<WorkloadEnvironmentView> {
  const [resources, templateText, envStack] = await Promise.all([
    sources.stacks.resources(stack.name),
    sources.stacks.template(stack.name),
    sources.stacks.describe(environmentStackName(app, env)),
  ]);
  const template = parseTemplate(templateText);
  const environmentOutputs = envStack?.outputs ?? {};
  const config = await configurationOf(sources, stack, resources, environmentOutputs, template);
  return {
    env,
    stack: stackRef(stack),
    ...config,
    endpoints: endpointsOf({
      app,
      env,
      name,
      template,
      parameters: stack.parameters,
      outputs: stack.outputs,
      environmentOutputs,
    }),
    ...(withResources ? { resources: resourceRows(resources) } : {}),
  };
}

export async function collectWorkloadView(
  sources: Sources,
  request: { app: string; name: string; env?: string; kind: WorkloadKind; resources: boolean },
  local: LocalWorkspace,
): Promise<WorkloadView> {
  const { app, name } = request;
  await sources.records.requireApplication(app);
  const record = await requireWorkloadRecord(sources, app, name, request.kind);
  let envs = (await sources.records.listEnvironments(app)).map((e) => e.name);
  if (request.env) {
    await sources.records.requireEnvironment(app, request.env);
    envs = [request.env];
  }
  const stacks = await Promise.all(envs.map((env) => sources.stacks.describe(workloadStackName(app, env, name))));
  if (request.env && !stacks[0]) {
    const everywhere = await deployedIn(
      sources,
      app,
      name,
      (await sources.records.listEnvironments(app)).map((e) => e.name),
    );
    throw new MycopilotError('NOT_FOUND', `${request.kind} "${name}" is not deployed in environment "${request.env}"`, {
      hint: everywhere.length
        ? `${name} is deployed in: ${everywhere.join(', ')}.`
        : `${name} is not deployed anywhere yet.`,
    });
  }
  const environments = await Promise.all(
    envs.flatMap((env, i) => {
      const stack = stacks[i];
      return stack ? [workloadInEnvironment(sources, app, env, name, stack, request.resources)] : [];
    }),
  );
  return {
    app,
    name,
    type: record.type,
    local: isLocal(local, app) && local.workloads.some((w) => w.name === name),
    environments,
  };
}

const list = (value: string | undefined) => (value ? value.split(',').filter(Boolean) : []);

export async function collectEnvironmentView(
  sources: Sources,
  request: { app: string; env: string; resources: boolean },
  local: LocalWorkspace,
): Promise<EnvironmentView> {
  const { app, env } = request;
  await sources.records.requireApplication(app);
  const record = await sources.records.requireEnvironment(app, env);
  const stackName = environmentStackName(app, env);
  const [stack, workloads] = await Promise.all([
    sources.stacks.describe(stackName),
    sources.records.listWorkloads(app),
  ]);
  const [resources, workloadStacks] = await Promise.all([
    request.resources && stack ? sources.stacks.resources(stackName) : Promise.resolve(undefined),
    Promise.all(workloads.map((w) => sources.stacks.describe(workloadStackName(app, env, w.name)))),
  ]);
  const o = stack?.outputs ?? {};
  const p = stack?.parameters ?? {};
  return {
    app,
    name: env,
    region: record.region,
    account: record.accountID,
    local: isLocal(local, app) && local.environments.includes(env),
    stack: stack ? stackRef(stack) : undefined,
    vpcId: o.VpcId,
    publicSubnets: list(o.PublicSubnets),
    privateSubnets: list(o.PrivateSubnets),
    cluster: o.ClusterId,
    publicLoadBalancer: o.PublicLoadBalancerDNSName,
    internalLoadBalancer: o.InternalLoadBalancerDNSName,
    ec2CapacityProvider: o.EC2CapacityProvider,
    serviceDiscoveryNamespace: serviceDiscoveryNamespace(app, env),
    domain: p.AppDNSName ? `${env}.${p.AppDNSName}` : undefined,
    cdn: [o.CloudFrontDomainName, o[CDN_STATIC_ALIAS_OUTPUT]]
      .filter((d): d is string => !!d)
      .map((d) => `https://${d}`),
    workloads: workloads.flatMap((w, i) => {
      const s = workloadStacks[i];
      return s ? [{ name: w.name, type: w.type, stackStatus: s.status }] : [];
    }),
    ...(resources ? { resources: resourceRows(resources) } : {}),
  };
}

export async function collectApplicationView(
  sources: Sources,
  app: string,
  local: LocalWorkspace,
): Promise<ApplicationView> {
  const record = await sources.records.requireApplication(app);
  const [environments, workloads] = await Promise.all([
    sources.records.listEnvironments(app),
    sources.records.listWorkloads(app),
  ]);
  const stacks = await Promise.all(
    workloads.map((w) =>
      Promise.all(environments.map((e) => sources.stacks.describe(workloadStackName(app, e.name, w.name)))),
    ),
  );
  return {
    name: record.name,
    account: record.account,
    domain: record.domain || undefined,
    version: record.version,
    local: isLocal(local, app),
    environments: environments.map((e) => ({ name: e.name, region: e.region, account: e.accountID })),
    workloads: workloads.map((w, i) => ({
      name: w.name,
      type: w.type,
      local: isLocal(local, app) && local.workloads.some((l) => l.name === w.name),
      deployments: Object.fromEntries(
        environments.flatMap((e, j) => {
          const s = stacks[i][j];
          return s ? [[e.name, s.status]] : [];
        }),
      ),
    })),
  };
}
