// The inputs of `placement preview` checked before anything is read: which sources, which request, and a usage
// error (exit 2) naming the flag for every combination that cannot work.
import { existsSync } from 'node:fs';
import { usageError } from '../errors';
import { PlacementConstraintSpec, PlacementStrategySpec } from './model';
import { parseConstraintFlag, parseList, parseStrategyFlag, parseWholeNumber } from './request-flags';

/** The flags as the command received them (numbers still text, so the messages can quote them). */
export interface PreviewFlags {
  instances?: string;
  tasks?: string;
  taskDefinition?: string;
  cluster?: string;
  name?: string;
  env?: string;
  app?: string;
  count?: string;
  group?: string;
  service?: string;
  strategy?: string[];
  constraint?: string[];
  launchType?: string;
  subnetAzs?: string[];
  seed?: string;
  scaleIn?: string;
  plugin?: string[];
}

export type TaskDefinitionInput = { file: string } | { workload: string; env: string; app?: string };
export type ClusterInput = { instancesFile: string; tasksFile?: string } | { cluster: string };

export interface PreviewPlan {
  taskDefinition: TaskDefinitionInput;
  source: ClusterInput;
  count?: number;
  group?: string;
  service?: string;
  /** Undefined when no --strategy was given (the workload's own, or the API default, applies). */
  strategies?: PlacementStrategySpec[];
  constraints?: PlacementConstraintSpec[];
  /** The flags as written, index for index, to name them in errors. */
  strategyFlags: string[];
  constraintFlags: string[];
  launchType?: 'EC2' | 'EXTERNAL';
  subnetAzs?: string[];
  seed?: number;
  scaleIn?: number;
  plugins: string[];
}

const MAX_SEED = 0xffffffff;

export function planPreview(flags: PreviewFlags): PreviewPlan {
  const strategyFlags = flags.strategy ?? [];
  const constraintFlags = flags.constraint ?? [];
  const scaleIn = flags.scaleIn === undefined ? undefined : parseWholeNumber(flags.scaleIn, '--scale-in', 1);
  if (scaleIn !== undefined) {
    for (const [flag, given] of [
      ['--count', flags.count !== undefined],
      ['--constraint', constraintFlags.length > 0],
      ['--subnet-azs', (flags.subnetAzs ?? []).length > 0],
    ] as const) {
      if (given)
        throw usageError(
          `${flag} cannot be used with --scale-in`,
          '--scale-in previews which running tasks stop; it places none.',
        );
    }
  }
  for (const [flag, files] of [
    ['--instances', [flags.instances]],
    ['--tasks', [flags.tasks]],
    ['--task-definition', [flags.taskDefinition]],
    ['--plugin', flags.plugin ?? []],
  ] as const) {
    for (const file of files)
      if (file !== undefined && !existsSync(file)) throw usageError(`${flag} ${file}: no such file`);
  }
  if (flags.group !== undefined && flags.service !== undefined) {
    throw usageError(
      '--group and --service cannot be used together',
      'A service task group is service:<name>: give one of them.',
    );
  }
  return {
    taskDefinition: taskDefinitionInput(flags),
    source: clusterInput(flags),
    count: flags.count === undefined ? undefined : parseWholeNumber(flags.count, '--count', 1),
    group: nonEmpty(flags.group, '--group'),
    service: nonEmpty(flags.service, '--service'),
    strategies: strategyFlags.length > 0 ? strategyFlags.map(parseStrategyFlag) : undefined,
    constraints: constraintFlags.length > 0 ? constraintFlags.map(parseConstraintFlag) : undefined,
    strategyFlags,
    constraintFlags,
    launchType: launchType(flags.launchType),
    subnetAzs: flags.subnetAzs?.length ? parseList(flags.subnetAzs, '--subnet-azs', 'Availability Zones') : undefined,
    seed: flags.seed === undefined ? undefined : parseWholeNumber(flags.seed, '--seed', 0, MAX_SEED),
    scaleIn,
    plugins: flags.plugin ?? [],
  };
}

function taskDefinitionInput(flags: PreviewFlags): TaskDefinitionInput {
  if (flags.taskDefinition !== undefined && flags.name !== undefined) {
    throw usageError(
      '--task-definition and --name cannot be used together',
      'Give a task definition file, or a workload of the workspace.',
    );
  }
  if (flags.name === undefined) {
    for (const [flag, value] of [
      ['--env', flags.env],
      ['--app', flags.app],
    ] as const) {
      if (value !== undefined) throw usageError(`${flag} needs --name (the workload to render)`);
    }
  }
  if (flags.taskDefinition !== undefined) return { file: flags.taskDefinition };
  if (flags.name !== undefined) {
    if (flags.env === undefined) throw usageError('--name needs --env (the environment to render the workload for)');
    return { workload: flags.name, env: flags.env, app: flags.app };
  }
  throw usageError(
    'missing the task to place: give --task-definition FILE or --name SVC --env ENV',
    'FILE is `aws ecs describe-task-definition` output or a RegisterTaskDefinition input; SVC a workload of the workspace.',
  );
}

function clusterInput(flags: PreviewFlags): ClusterInput {
  if (flags.instances !== undefined && flags.cluster !== undefined) {
    throw usageError(
      '--instances and --cluster cannot be used together',
      'Read the cluster from files or from ECS, not both.',
    );
  }
  if (flags.cluster !== undefined) {
    if (flags.tasks !== undefined)
      throw usageError('--tasks cannot be used with --cluster (the running tasks are read from it)');
    return { cluster: nonEmpty(flags.cluster, '--cluster')! };
  }
  if (flags.instances !== undefined) return { instancesFile: flags.instances, tasksFile: flags.tasks };
  if (flags.tasks !== undefined)
    throw usageError('--tasks needs --instances (the container instances the tasks run on)');
  throw usageError(
    'missing the cluster: give --instances FILE or --cluster NAME',
    'FILE is `aws ecs describe-container-instances` output; NAME a live ECS cluster (read with your AWS credentials).',
  );
}

function launchType(value: string | undefined): 'EC2' | 'EXTERNAL' | undefined {
  if (value === undefined) return undefined;
  const upper = value.toUpperCase();
  if (upper === 'EC2' || upper === 'EXTERNAL') return upper;
  if (upper === 'FARGATE') {
    throw usageError(
      '--launch-type FARGATE: Fargate places tasks itself, there is nothing to preview',
      'Placement strategies and constraints apply to the EC2 launch type (and EXTERNAL instances).',
    );
  }
  throw usageError(`--launch-type "${value}": expected EC2 or EXTERNAL`);
}

function nonEmpty(value: string | undefined, flag: string): string | undefined {
  if (value !== undefined && value.trim() === '') throw usageError(`${flag}: expected a non-empty value`);
  return value?.trim();
}
