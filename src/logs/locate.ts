// Finds the log group a `logs` command reads, checking on the way that the application, the environment and
// the workload exist and are deployed; when one does not, the error says exactly which and lists what does.
import type { StackApi, StackDescription } from '../aws/cloudformation';
import { MycopilotError, usageError } from '../errors';
import { logGroupName, workloadStackName } from '../stack/naming';
import type { Store } from '../store/store';
import type { LogQuery } from './query';
import type { LogGroupInfo, LogSource } from './source';

export type WorkloadKind = 'service' | 'job';

export interface LocateRequest {
  app: string;
  env?: string;
  name?: string;
  kind: WorkloadKind;
  query: LogQuery;
  /** Workloads of the local workspace, to pick --name when it has one of the kind. */
  local?: { name: string; type?: string }[];
}

export interface LocatedWorkload {
  app: string;
  env: string;
  name: string;
  /** The workload's stack, when it was read. */
  stack?: StackDescription;
  group: LogGroupInfo;
  /** Set for a Request-Driven Web Service on App Runner: its streams are instances, not tasks. */
  appRunner?: { service: string; id: string };
}

export interface LocateContext {
  store: Store;
  /** CloudFormation, loaded only when a read needs a stack (App Runner, --previous, a missing group). */
  stacks(): Promise<StackApi>;
  source: LogSource;
}

const JOB_TYPE = 'Scheduled Job';
const isKind = (kind: WorkloadKind, type: string | undefined) => (type === JOB_TYPE) === (kind === 'job');
const command = (kind: WorkloadKind) => (kind === 'job' ? 'job' : 'svc');
const listed = (names: string[]) => names.join(', ');

/** `arn:aws:apprunner:<region>:<account>:service/<name>/<id>` → its name and id. */
export function appRunnerService(arn: string | undefined): { service: string; id: string } | undefined {
  const m = /^arn:[\w-]+:apprunner:[^:]*:[^:]*:service\/([^/]+)\/([^/]+)$/.exec(arn ?? '');
  return m ? { service: m[1], id: m[2] } : undefined;
}

/** App Runner's log groups: `application` (the service's stdout/stderr) or `system` (deployments, health). */
export function appRunnerGroup(service: { service: string; id: string }, which: 'application' | 'system'): string {
  return `/aws/apprunner/${service.service}/${service.id}/${which === 'system' ? 'service' : 'application'}`;
}

export async function locateWorkload(ctx: LocateContext, request: LocateRequest): Promise<LocatedWorkload> {
  const { app, kind, query } = request;
  await ctx.store.requireApplication(app);
  const env = request.env ?? (await onlyEnvironment(ctx, app));
  if (request.env) await ctx.store.requireEnvironment(app, env);
  const name = request.name ?? (await onlyWorkload(ctx, request));

  const explicit = query.logGroup?.startsWith('/') ? query.logGroup : undefined;
  const ecsGroup = logGroupName(app, env, name);
  const [record, found] = await Promise.all([
    ctx.store.getWorkload(app, name),
    query.logGroup === undefined || explicit ? ctx.source.group(explicit ?? ecsGroup) : undefined,
  ]);
  if (record && !isKind(kind, record.type)) {
    throw usageError(
      `--name ${name}: "${name}" is a ${record.type}, not a ${kind}`,
      `Use: mycopilot ${kind === 'job' ? 'svc' : 'job'} logs --name ${name} --env ${env}`,
    );
  }
  // The workload's own group answers most reads without CloudFormation: App Runner services have none.
  if (found) {
    checkFlagsFit(query, name, false);
    return { app, env, name, group: found };
  }

  const stacks = await ctx.stacks();
  const stack = await stacks.describeStack(workloadStackName(app, env, name));
  const runner = appRunnerService(stack?.outputs.ServiceArn);
  checkFlagsFit(query, name, runner !== undefined);
  const groupName =
    explicit ?? (runner ? appRunnerGroup(runner, query.logGroup === 'system' ? 'system' : 'application') : ecsGroup);
  const group = explicit ? undefined : await ctx.source.group(groupName);
  if (group) return { app, env, name, stack, group, appRunner: runner };

  if (!record && !stack) {
    const same = (await ctx.store.listWorkloads(app)).filter((w) => isKind(kind, w.type)).map((w) => w.name);
    throw new MycopilotError('NOT_FOUND', `no ${kind} "${name}" in application "${app}"`, {
      hint: same.length
        ? `${kind === 'job' ? 'Jobs' : 'Services'} of ${app}: ${listed(same)}.`
        : `${app} has no ${kind}s yet: mycopilot ${command(kind)} init`,
    });
  }
  if (!stack) {
    const here = await deployedIn(ctx, app, env);
    const elsewhere = await environmentsWith(stacks, await ctx.store.listEnvironments(app), app, name);
    const hints = [
      elsewhere.length
        ? `${name} is deployed in: ${listed(elsewhere)}.`
        : `Deploy it: mycopilot ${command(kind)} deploy --name ${name} --env ${env}`,
      here.length ? `Deployed in ${env}: ${listed(here)}.` : `Nothing is deployed in ${env} yet.`,
    ];
    throw new MycopilotError('NOT_FOUND', `${kind} "${name}" is not deployed in environment "${env}"`, {
      hint: hints.join(' '),
    });
  }
  const siblings = await ctx.source.groupNames(
    groupName.startsWith('/aws/apprunner/') ? groupName.replace(/[^/]+$/, '') : `/copilot/${app}-${env}-`,
  );
  throw new MycopilotError('NOT_FOUND', `log group ${groupName} does not exist`, {
    hint: siblings.length
      ? `Log groups there: ${listed(siblings)}.`
      : `${name} is deployed in ${env}, but its log group is gone or not created yet (stack status ${stack.status}).`,
  });
}

/** --tasks, --previous and --container name ECS tasks and containers; App Runner has neither. */
function checkFlagsFit(query: LogQuery, name: string, appRunner: boolean): void {
  const ecsOnly = [
    ['tasks', query.tasks.length > 0],
    ['previous', query.previous],
    ['container', query.container !== undefined],
  ] as const;
  if (appRunner) {
    const used = ecsOnly.find(([, on]) => on);
    if (used)
      throw usageError(
        `--${used[0]}: ${name} runs on App Runner, which has instances rather than ECS tasks`,
        "Use --log-group system for App Runner's own events.",
      );
  } else if (query.logGroup === 'system' || query.logGroup === 'application') {
    throw usageError(
      `--log-group ${query.logGroup}: ${name} runs on Amazon ECS; application and system are App Runner's log groups`,
      'Pass a log group name (starting with /) to read another group.',
    );
  }
}

async function onlyEnvironment(ctx: LocateContext, app: string): Promise<string> {
  const envs = (await ctx.store.listEnvironments(app)).map((e) => e.name);
  if (envs.length === 1) return envs[0];
  throw usageError(
    'missing --env: which environment?',
    envs.length ? `Environments of ${app}: ${listed(envs)}.` : `${app} has no environments yet: mycopilot env deploy`,
  );
}

async function onlyWorkload(ctx: LocateContext, request: LocateRequest): Promise<string> {
  const { kind, app } = request;
  const names = request.local
    ? request.local.filter((w) => isKind(kind, w.type)).map((w) => w.name)
    : (await ctx.store.listWorkloads(app)).filter((w) => isKind(kind, w.type)).map((w) => w.name);
  if (names.length === 1) return names[0];
  throw usageError(
    `missing --name: which ${kind}?`,
    names.length ? `${kind === 'job' ? 'Jobs' : 'Services'}: ${listed(names)}.` : `${app} has no ${kind}s yet.`,
  );
}

/** Workloads with a log group in the environment: one call, and exactly what `logs` can read there. */
async function deployedIn(ctx: LocateContext, app: string, env: string): Promise<string[]> {
  const prefix = `/copilot/${app}-${env}-`;
  return (await ctx.source.groupNames(prefix)).map((g) => g.slice(prefix.length));
}

async function environmentsWith(
  stacks: StackApi,
  records: { name: string }[],
  app: string,
  name: string,
): Promise<string[]> {
  const envs = records.map((e) => e.name);
  const found = await Promise.all(envs.map((e) => stacks.describeStack(workloadStackName(app, e, name))));
  return envs.filter((_, i) => found[i]);
}
