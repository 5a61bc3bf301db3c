// `placement preview` without the command line: reads the task definition (file or rendered workload) and the
// cluster (files or live), previews placement or scale-in, and returns the text, the JSON and the exit code.
// Bad input of any kind becomes a usage error (exit 2) naming the flag or the file and JSON path.
import { MycopilotError, usageError } from '../errors';
import { createPlacementRegistry } from './builtins';
import { previewPlacement } from './engine/run';
import { ClusterSnapshot, PlacementRequest, TaskDefinition } from './model';
import { parseTaskDefinition } from './parsers/task-definition';
import { ClusterInput, planPreview, PreviewFlags, PreviewPlan } from './preview-inputs';
import { PlacementRegistry } from './registry';
import { renderPlacement, renderScaleIn } from './render';
import { PlacementJson } from './result';
import { previewScaleIn, ScaleInJson } from './scale-in';
import { InstanceSource } from './sources/instance-source';
import { EcsClusterReader, LiveClusterSource } from './sources/live-cluster';
import { loadPlugin } from './sources/plugin';
import { readJsonFile } from './sources/read-json';
import {
  deployedServiceName,
  placementTargetFromStack,
  RenderedWorkloadStack,
  WorkloadPlacementTarget,
} from './sources/rendered-workload';
import { SnapshotFileSource } from './sources/snapshot-file';
import { PlacementRequestError } from './validate';
import { placementVerdict, withNotes, workloadRequest } from './workload-preview';

/** What the service needs from outside: AWS and the workspace, supplied by the command (loaded lazily). */
export interface PreviewDeps {
  openClusterReader(): Promise<EcsClusterReader>;
  renderWorkload(input: { workload: string; env: string; app?: string }): Promise<RenderedWorkloadStack>;
}

export interface PreviewOutcome {
  kind: 'placement' | 'scale-in';
  /** Human output; its last line is the verdict. */
  text: string;
  /** Exactly the result's toJson(). */
  json: PlacementJson | ScaleInJson;
  verdict: string;
  /** 0: everything placed (or stopped); 1: some task could not be. */
  exitCode: 0 | 1;
}

/** Error codes that mean the input is wrong, not the world: they exit 2. */
const INPUT_ERRORS = new Set(['USAGE', 'FILE', 'MANIFEST', 'PLACEMENT', 'WORKSPACE', 'NOT_FOUND', 'RENDER']);

export async function runPlacementPreview(flags: PreviewFlags, deps: PreviewDeps): Promise<PreviewOutcome> {
  try {
    return await preview(planPreview(flags), deps);
  } catch (e) {
    if (e instanceof MycopilotError && INPUT_ERRORS.has(e.code) && e.exitCode !== 2) {
      throw new MycopilotError(e.code, e.message, { hint: e.hint, exitCode: 2, cause: e });
    }
    throw e;
  }
}

async function preview(plan: PreviewPlan, deps: PreviewDeps): Promise<PreviewOutcome> {
  const registry = createPlacementRegistry();
  for (const file of plan.plugins) loadPlugin(file, registry);
  const task = await loadTask(plan, deps);
  if (plan.launchType) checkLaunchType(plan.launchType, task.taskDefinition);
  const source = await clusterSource(plan.source, deps);
  const cluster = await source.load();
  const header = [
    `Cluster: ${source.description}: ${cluster.instances.length} instance(s), ${
      cluster.tasksKnown ? `${cluster.tasks.length} task(s) on them` : 'running tasks not given'
    }`,
    ...(task.target ? [`Workload: ${task.target.label}, task definition as rendered for ${task.env}`] : []),
  ];
  if (plan.scaleIn !== undefined) return scaleIn(plan, plan.scaleIn, task, cluster, registry, header);

  const { request, notes } = placementRequest(plan, task, cluster);
  if (plan.launchType === 'EXTERNAL')
    notes.push('EXTERNAL instances are previewed with the same rules as EC2 instances.');
  let result;
  try {
    result = previewPlacement(cluster, task.taskDefinition, request, { seed: plan.seed, registry });
  } catch (e) {
    throw e instanceof PlacementRequestError ? requestError(e, plan, task) : e;
  }
  result = withNotes(result, notes);
  const verdict = placementVerdict(result);
  return {
    kind: 'placement',
    text: [...header, renderPlacement(result).trimEnd(), '', verdict].join('\n') + '\n',
    json: result.toJson(),
    verdict,
    exitCode: result.failures.length === 0 ? 0 : 1,
  };
}

interface LoadedTask {
  taskDefinition: TaskDefinition;
  /** Where the task definition's own constraints are, for messages (`td.json: $.taskDefinition`). */
  where: string;
  target?: WorkloadPlacementTarget;
  env?: string;
}

async function loadTask(plan: PreviewPlan, deps: PreviewDeps): Promise<LoadedTask> {
  const input = plan.taskDefinition;
  if ('file' in input) {
    const json = readJsonFile(input.file, 'describe-task-definition output or a RegisterTaskDefinition input');
    const wrapped = typeof json === 'object' && json !== null && 'taskDefinition' in json;
    return {
      taskDefinition: parseTaskDefinition(json, input.file),
      where: `${input.file}: $${wrapped ? '.taskDefinition' : ''}`,
    };
  }
  const stack = await deps.renderWorkload(input);
  const target = placementTargetFromStack(stack, input.workload);
  if (!target.runsOnEc2) {
    throw usageError(
      `--name ${input.workload}: the workload runs on Fargate in environment ${input.env}; Fargate places tasks itself`,
      "Set `launch_type: EC2` (or an EC2 capacity provider) in its manifest to run it on the environment's instances.",
    );
  }
  return {
    taskDefinition: target.taskDefinition,
    where: `the rendered task definition of ${target.label}`,
    target,
    env: input.env,
  };
}

async function clusterSource(input: ClusterInput, deps: PreviewDeps): Promise<InstanceSource> {
  if ('cluster' in input) return new LiveClusterSource(await deps.openClusterReader(), input.cluster);
  return new SnapshotFileSource(input);
}

function placementRequest(
  plan: PreviewPlan,
  task: LoadedTask,
  cluster: ClusterSnapshot,
): { request: PlacementRequest; notes: string[] } {
  if (task.target) {
    return workloadRequest(task.target, cluster, {
      count: plan.count,
      serviceName: plan.service,
      group: plan.group,
      strategies: plan.strategies,
      constraints: plan.constraints,
      subnetAzs: plan.subnetAzs,
    });
  }
  const common = {
    count: plan.count ?? 1,
    placementStrategy: plan.strategies,
    placementConstraints: plan.constraints,
    subnetAzs: plan.subnetAzs,
  };
  if (plan.service === undefined) return { request: { api: 'RunTask', group: plan.group, ...common }, notes: [] };
  const running = cluster.tasks.some((t) => t.group === `service:${plan.service}`);
  return {
    request: { api: running ? 'UpdateService' : 'CreateService', serviceName: plan.service, ...common },
    notes: [],
  };
}

function scaleIn(
  plan: PreviewPlan,
  by: number,
  task: LoadedTask,
  cluster: ClusterSnapshot,
  registry: PlacementRegistry,
  header: string[],
): PreviewOutcome {
  if (!cluster.tasksKnown) {
    throw usageError('--scale-in needs the running tasks: give --tasks FILE (describe-tasks output) or --cluster NAME');
  }
  const serviceName =
    plan.service ?? (task.target && !plan.group ? deployedServiceName(task.target, cluster.tasks) : undefined);
  if (serviceName === undefined && plan.group === undefined) {
    throw usageError(
      task.target
        ? `--scale-in: no running task of ${task.target.label} found: give --service NAME (the deployed ECS service)`
        : '--scale-in needs --service NAME or --group G (whose tasks may stop)',
    );
  }
  let result;
  try {
    result = previewScaleIn(
      cluster,
      task.taskDefinition,
      { serviceName, group: plan.group, scaleInBy: by, placementStrategy: plan.strategies ?? task.target?.strategies },
      { seed: plan.seed, registry },
    );
  } catch (e) {
    throw e instanceof PlacementRequestError ? requestError(e, plan, task) : e;
  }
  const stopped = result.stops.length;
  const verdict =
    stopped === by
      ? `Stops ${by} task(s) of ${result.group}.`
      : `✘ Only ${stopped} of ${by} task(s) to stop: ${result.group} runs no more in the snapshot.`;
  return {
    kind: 'scale-in',
    text: [...header, renderScaleIn(result).trimEnd(), '', verdict].join('\n') + '\n',
    json: result.toJson(),
    verdict,
    exitCode: stopped === by ? 0 : 1,
  };
}

function checkLaunchType(launchType: 'EC2' | 'EXTERNAL', td: TaskDefinition): void {
  const compat = td.requiresCompatibilities;
  if (compat.length > 0 && !compat.includes(launchType)) {
    throw usageError(
      `--launch-type ${launchType}: task definition ${td.family} requires ${compat.join(', ')}`,
      'ECS rejects a task whose requiresCompatibilities does not include the launch type.',
    );
  }
}

/** The validator's `placementStrategy[1]: …` names the flag (or manifest field) the entry came from. */
function requestError(e: PlacementRequestError, plan: PreviewPlan, task: LoadedTask): MycopilotError {
  const origin = (flags: string[] | undefined, flag: string, field: string) => (whole: string, i: string) => {
    if (flags) return `${flag} "${flags[Number(i)]}"`;
    return task.target ? `placement.${field}[${i}] in the manifest of ${task.target.label}` : whole;
  };
  const problems = e.problems.map((p) =>
    p
      .replace(
        /^taskDefinition\.placementConstraints\[(\d+)\]/,
        (_, i: string) => `${task.where}.placementConstraints[${i}]`,
      )
      .replace(/^placementStrategy\[(\d+)\]/, origin(plan.strategies && plan.strategyFlags, '--strategy', 'strategies'))
      .replace(
        /^placementConstraints\[(\d+)\]/,
        origin(plan.constraints && plan.constraintFlags, '--constraint', 'constraints'),
      )
      .replace(/^count:/, '--count:')
      .replace(/^scaleInBy:/, '--scale-in:'),
  );
  const message = problems.length === 1 ? problems[0] : `invalid placement request:\n  - ${problems.join('\n  - ')}`;
  return new MycopilotError('USAGE', message, { hint: e.hint, exitCode: 2, cause: e });
}
