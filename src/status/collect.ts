// `status` of one workload in one environment: finds it (or says what exists), reads its stack's resources to
// tell what it runs on, and hands over to the collector for that kind.
import type { StackDescription } from '../aws/cloudformation';
import { MycopilotError } from '../errors';
import { workloadStackName } from '../stack/naming';
import { collectEcsStatus } from './collect-ecs';
import { collectAppRunnerStatus, collectJobStatus, stackOnlyStatus } from './collect-other';
import { locateWorkload, WorkloadKind } from './locate';
import type { WorkloadRef, WorkloadStatus } from './model';
import type { Sources } from './sources';
import { iso } from './time';

export interface StatusRequest {
  app: string;
  env: string;
  name: string;
  kind: WorkloadKind;
  /** Service events to show (ECS). */
  events?: number;
  /** Executions to show (jobs). */
  executions?: number;
}

export function workloadRef(
  request: { app: string; env: string; name: string },
  type: string,
  stack: StackDescription,
): WorkloadRef {
  return {
    app: request.app,
    env: request.env,
    name: request.name,
    type,
    stack: {
      name: stack.name,
      status: stack.status,
      statusReason: stack.statusReason,
      updatedAt: iso(stack.lastUpdated),
    },
  };
}

/** Checks the workload exists once; returns a function that collects its status (called again by --watch). */
export async function statusCollector(
  sources: Sources,
  request: StatusRequest,
): Promise<() => Promise<WorkloadStatus>> {
  const located = await locateWorkload(sources, request.app, request.env, request.name, request.kind);
  let first: StackDescription | undefined = located.stack;
  return async () => {
    const stack = first ?? (await sources.stacks.describe(workloadStackName(request.app, request.env, request.name)));
    first = undefined;
    // Deleted while watched: the same error as when it was never there.
    if (!stack) {
      await locateWorkload(sources, request.app, request.env, request.name, request.kind);
      throw new MycopilotError('NOT_FOUND', `${request.name} is no longer deployed in ${request.env}`);
    }
    const ref = workloadRef(request, located.record.type, stack);
    const resources = await sources.stacks.resources(stack.name);
    const main = resources.find((r) => r.logicalId === 'Service');
    if (main?.type === 'AWS::ECS::Service') return collectEcsStatus(sources, ref, resources, request);
    if (main?.type === 'AWS::AppRunner::Service') return collectAppRunnerStatus(sources, ref, stack, resources);
    if (resources.some((r) => r.type === 'AWS::StepFunctions::StateMachine')) {
      return collectJobStatus(sources, ref, stack, resources, request);
    }
    return stackOnlyStatus(ref, stack);
  };
}
