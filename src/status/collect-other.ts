// Collects the status of the workloads that are not ECS services: App Runner services (status, URL, latest
// operation), Scheduled Jobs (schedule, next run, recent Step Functions executions) and, for what has nothing
// to poll (Static Sites, ECS Express Mode), the stack and its URL.
import type { StackDescription } from '../aws/cloudformation';
import { literal, parseTemplate, resourcesOfType } from './cfn-template';
import type { AppRunnerStatus, JobStatus, StackOnlyStatus, WorkloadRef } from './model';
import { nextRun } from './schedule';
import type { Sources, StackResourceRecord } from './sources';
import { iso } from './time';

const physicalId = (resources: StackResourceRecord[], logicalId: string) =>
  resources.find((r) => r.logicalId === logicalId)?.physicalId ?? '';

/** App Runner gives the bare host name; the stack output already has https:// in front. */
const withScheme = (url: string | undefined) => (url && !/^https?:\/\//.test(url) ? `https://${url}` : url);

export async function collectAppRunnerStatus(
  sources: Sources,
  ref: WorkloadRef,
  stack: StackDescription,
  resources: StackResourceRecord[],
): Promise<AppRunnerStatus> {
  const arn = stack.outputs.ServiceArn || physicalId(resources, 'Service');
  const [service, operation] = await Promise.all([
    sources.appRunner.service(arn),
    sources.appRunner.latestOperation(arn),
  ]);
  return {
    kind: 'apprunner',
    ...ref,
    serviceArn: arn,
    status: service?.Status ?? 'NOT_FOUND',
    url: withScheme(service?.ServiceUrl) ?? stack.outputs.ServiceURL,
    updatedAt: iso(service?.UpdatedAt),
    latestOperation: operation
      ? {
          type: operation.Type ?? 'UNKNOWN',
          status: operation.Status ?? 'UNKNOWN',
          startedAt: iso(operation.StartedAt),
          endedAt: iso(operation.EndedAt),
        }
      : undefined,
  };
}

/** The job's EventBridge rule in the deployed template: its expression (a literal or a parameter) and state. */
export function scheduleOf(templateText: string, parameters: Record<string, string>) {
  const rules = resourcesOfType(parseTemplate(templateText), 'AWS::Events::Rule');
  const [, rule] = rules.find(([id]) => id === 'Rule') ?? rules[0] ?? [];
  if (!rule) return { expression: undefined, enabled: false };
  const state = literal(rule.State, parameters) ?? 'ENABLED';
  return { expression: literal(rule.ScheduleExpression, parameters), enabled: state === 'ENABLED' };
}

export async function collectJobStatus(
  sources: Sources,
  ref: WorkloadRef,
  stack: StackDescription,
  resources: StackResourceRecord[],
  options: { executions?: number } = {},
): Promise<JobStatus> {
  const arn = physicalId(resources, 'StateMachine');
  const [executions, template] = await Promise.all([
    sources.executions.executions(arn, options.executions ?? 10),
    sources.stacks.template(stack.name),
  ]);
  const schedule = scheduleOf(template, stack.parameters);
  const runs = executions.map((e) => ({
    name: e.name ?? '',
    status: e.status ?? 'UNKNOWN',
    startedAt: iso(e.startDate),
    stoppedAt: iso(e.stopDate),
    durationSeconds:
      e.startDate && e.stopDate ? Math.round((e.stopDate.getTime() - e.startDate.getTime()) / 1000) : undefined,
  }));
  const next = schedule.enabled ? nextRun(schedule.expression, sources.now(), executions[0]?.startDate) : undefined;
  return {
    kind: 'job',
    ...ref,
    stateMachineArn: arn,
    schedule: { ...schedule, nextRun: iso(next) },
    lastOutcome: runs.find((r) => r.status !== 'RUNNING')?.status,
    executions: runs,
  };
}

export function stackOnlyStatus(ref: WorkloadRef, stack: StackDescription): StackOnlyStatus {
  const o = stack.outputs;
  const domain = o.CloudFrontDistributionAlternativeDomainName || o.CloudFrontDistributionDomainName;
  return { kind: 'stack', ...ref, url: withScheme(o.ServiceURL || domain || undefined) };
}
