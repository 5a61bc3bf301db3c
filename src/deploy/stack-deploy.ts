// Deploys one rendered stack through a change set, safely:
//  - an unchanged stack costs one DescribeStacks call: its last deploy's hash is a stack output;
//  - a stack busy with another operation is waited for; one that failed to create is cleared first;
//    one that needs the user stops with the command that recovers it;
//  - an empty change set is deleted and reported as "no changes";
//  - progress is reported event by event; a failure names the first failing resource and its reason;
//  - Ctrl-C once cancels the update (or deletes a stack still being created) and shows the rollback,
//    twice leaves at once.
import { createHash } from 'node:crypto';
import {
  ChangeSetDescription,
  ResourceChange,
  StackApi,
  StackDescription,
  StackEventRecord,
} from '../aws/cloudformation';
import { MycopilotError } from '../errors';
import { RenderedStack, Template, templateToYaml } from '../stack/template';
import { Clock, systemClock } from './clock';
import { Interrupts, ManualInterrupts } from './interrupts';
import { conditionOf, isRollback, isTerminal, recoveryHint } from './stack-status';

/** Stack output holding the hash of the template, parameters and tags of the last deploy. */
export const HASH_OUTPUT = 'MycopilotDeployHash';
/** Templates larger than this must be uploaded to S3 and passed by URL. */
export const MAX_INLINE_TEMPLATE = 51_200;

export interface DeployReporter {
  /** A step of the deploy ("Creating change set…", "No changes"). */
  info(text: string): void;
  /** The change set's resource changes, before it executes. */
  changes(stackName: string, changes: ResourceChange[]): void;
  /** A stack event; `description` is the resource's human description from the template. */
  event(event: StackEventRecord, description?: string): void;
}

export interface DeployStackOptions {
  stack: RenderedStack;
  api: StackApi;
  reporter: DeployReporter;
  clock?: Clock;
  interrupts?: Interrupts;
  /** Create a change set even when the hash says nothing changed. */
  force?: boolean;
  /** Keep a failed stack as it is instead of rolling back. */
  noRollback?: boolean;
  /** Return once the change set starts executing. */
  detach?: boolean;
  /** Asked before executing (--diff); false deletes the change set and stops. */
  confirm?: (changes: ResourceChange[]) => Promise<boolean>;
  /** Uploads a template too large to send inline; returns its S3 URL. */
  uploadTemplate?: (stackName: string, body: string) => Promise<string>;
  /** Role CloudFormation assumes to make the changes. */
  roleArn?: string;
  /** Polling interval for change sets and stack events. */
  pollMs?: number;
  /** The stack as the caller just read it (null: it does not exist), to save a DescribeStacks call. */
  described?: StackDescription | null;
  /** Called after each poll of the stack's events with every event so far (e.g. to report an ECS rollout). */
  onPoll?: (events: StackEventRecord[], reporter: DeployReporter) => Promise<void>;
}

export type DeployResult = 'unchanged' | 'deployed' | 'detached' | 'declined';

export interface DeployOutcome {
  result: DeployResult;
  stack?: StackDescription;
  changes: ResourceChange[];
}

export class DeployError extends MycopilotError {
  constructor(message: string, hint?: string) {
    super('DEPLOY', message, { hint });
    this.name = 'DeployError';
  }
}

/** Hash of what a deploy sends: same template, parameters and tags → same hash. */
export function deployHash(stack: RenderedStack): string {
  const hash = createHash('sha256');
  hash.update(stableJson({ template: stack.template, parameters: stack.parameters, tags: stack.tags }));
  return hash.digest('hex').slice(0, 32);
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const keys = Object.keys(value as object).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** The template as sent: the rendered one plus the hash output. */
export function templateWithHash(stack: RenderedStack, hash: string): Template {
  return {
    ...stack.template,
    Outputs: {
      ...(stack.template.Outputs ?? {}),
      [HASH_OUTPUT]: { Description: 'Set by mycopilot to skip unchanged deploys.', Value: hash },
    },
  };
}

export async function deployStack(options: DeployStackOptions): Promise<DeployOutcome> {
  const { stack, api, reporter } = options;
  const clock = options.clock ?? systemClock;
  const pollMs = options.pollMs ?? 2000;
  const name = stack.stackName;
  const hash = deployHash(stack);

  let current = options.described === undefined ? await api.describeStack(name) : (options.described ?? undefined);
  if (current && conditionOf(current.status) === 'busy') {
    reporter.info(`${name} is ${current.status}: waiting for that operation to finish before deploying.`);
    current = await waitForTerminal(api, name, clock, pollMs);
  }
  switch (conditionOf(current?.status)) {
    case 'failed-create':
      reporter.info(
        `${name} failed to create earlier (ROLLBACK_COMPLETE) and holds no resources: deleting it to create it again.`,
      );
      await api.deleteStack(name);
      current = await waitForTerminal(api, name, clock, pollMs);
      if (current && conditionOf(current.status) !== 'absent') {
        throw new DeployError(`${name} could not be deleted (${current.status})`, recoveryHint(name, current.status));
      }
      current = undefined;
      break;
    case 'stuck':
      throw new DeployError(
        `${name} is in ${current!.status}${current!.statusReason ? `: ${current!.statusReason}` : ''}`,
        recoveryHint(name, current!.status),
      );
    default:
      break;
  }
  const condition = conditionOf(current?.status);
  if (condition === 'stable' && !options.force && current?.outputs[HASH_OUTPUT] === hash) {
    reporter.info(`No changes to ${name}.`);
    return { result: 'unchanged', stack: current, changes: [] };
  }

  const body = templateToYaml(templateWithHash(stack, hash));
  let templateUrl: string | undefined;
  if (body.length > MAX_INLINE_TEMPLATE) {
    if (!options.uploadTemplate)
      throw new DeployError(
        `the template of ${name} is ${body.length} bytes; over ${MAX_INLINE_TEMPLATE} it must be uploaded to S3 first`,
      );
    templateUrl = await options.uploadTemplate(name, body);
  }
  const changeSetName = `mycopilot-${clock.now().getTime()}`;
  const type = condition === 'absent' || condition === 'review' ? 'CREATE' : 'UPDATE';
  reporter.info(`Creating a change set for ${name}…`);
  await api.createChangeSet({
    stackName: name,
    changeSetName,
    type,
    templateBody: templateUrl ? undefined : body,
    templateUrl,
    parameters: stack.parameters,
    tags: stack.tags,
    roleArn: options.roleArn,
  });
  const changeSet = await waitForChangeSet(api, name, changeSetName, clock, pollMs);
  if (changeSet.status === 'FAILED') {
    if (isEmptyChangeSet(changeSet.statusReason)) {
      await api.deleteChangeSet(name, changeSetName);
      reporter.info(`No changes to ${name}.`);
      return { result: 'unchanged', stack: current, changes: [] };
    }
    throw new DeployError(`the change set for ${name} failed: ${changeSet.statusReason ?? 'no reason given'}`);
  }
  reporter.changes(name, changeSet.changes);
  if (options.confirm && !(await options.confirm(changeSet.changes))) {
    await api.deleteChangeSet(name, changeSetName);
    reporter.info(`Not deployed: change set ${changeSetName} deleted.`);
    return { result: 'declined', stack: current, changes: changeSet.changes };
  }

  const since = new Date(clock.now().getTime() - 60_000); // tolerate clock skew with AWS
  await api.executeChangeSet(name, changeSetName, Boolean(options.noRollback));
  if (options.detach) {
    reporter.info(`${name} is deploying; follow it with \`mycopilot svc status\` or the CloudFormation console.`);
    return { result: 'detached', stack: current, changes: changeSet.changes };
  }
  const final = await follow(
    { ...options, clock, pollMs, interrupts: options.interrupts ?? new ManualInterrupts() },
    since,
    type,
  );
  return { result: 'deployed', stack: final, changes: changeSet.changes };
}

function isEmptyChangeSet(reason: string | undefined): boolean {
  return /didn't contain changes|No updates are to be performed|no changes/i.test(reason ?? '');
}

async function waitForChangeSet(
  api: StackApi,
  stack: string,
  changeSet: string,
  clock: Clock,
  pollMs: number,
): Promise<ChangeSetDescription> {
  for (;;) {
    const cs = await api.describeChangeSet(stack, changeSet);
    if (cs.status === 'CREATE_COMPLETE' || cs.status === 'FAILED') return cs;
    await clock.sleep(Math.min(pollMs, 1000));
  }
}

async function waitForTerminal(
  api: StackApi,
  name: string,
  clock: Clock,
  pollMs: number,
): Promise<StackDescription | undefined> {
  for (;;) {
    const s = await api.describeStack(name);
    if (!s || isTerminal(s.status)) return s;
    await clock.sleep(pollMs);
  }
}

type FollowOptions = DeployStackOptions & { clock: Clock; pollMs: number; interrupts: Interrupts };

/** Reports the stack's events until the operation ends; throws a DeployError when it did not succeed. */
async function follow(
  options: FollowOptions,
  since: Date,
  type: 'CREATE' | 'UPDATE',
): Promise<StackDescription | undefined> {
  const { api, reporter, clock, pollMs, stack } = options;
  const name = stack.stackName;
  const descriptions = resourceDescriptions(stack.template);
  const seen = new Set<string>();
  const events: StackEventRecord[] = [];
  let cancelled = false;
  let leave = false;
  const stop = options.interrupts.onInterrupt((count) => {
    if (count >= 2) leave = true;
    else cancelled = true;
  });
  let cancelSent = false;
  try {
    for (;;) {
      if (leave) {
        throw new MycopilotError(
          'INTERRUPTED',
          `left while ${name} is still ${type === 'CREATE' ? 'being deleted' : 'rolling back'}`,
          {
            hint: 'CloudFormation carries on without us; the next deploy waits for it to finish.',
            exitCode: 130,
          },
        );
      }
      if (cancelled && !cancelSent) {
        cancelSent = true;
        if (type === 'CREATE') {
          reporter.info(
            `Interrupted: deleting ${name}, which was still being created. Press Ctrl-C again to leave now.`,
          );
          await api.deleteStack(name);
        } else {
          reporter.info(
            `Interrupted: cancelling the update of ${name}; it rolls back. Press Ctrl-C again to leave now.`,
          );
          await api.cancelUpdate(name).catch(() => undefined); // the update may have just finished
        }
      }
      const fresh = (await api.eventsSince(name, since)).filter((e) => !seen.has(e.id));
      for (const e of operationEvents(fresh, events.length === 0, name)) {
        seen.add(e.id);
        events.push(e);
        reporter.event(e, descriptions[e.logicalId]);
      }
      for (const e of fresh) seen.add(e.id);
      if (options.onPoll) await options.onPoll(events, reporter).catch(() => undefined); // progress only: never fails a deploy
      const last = [...events].reverse().find((e) => e.logicalId === name && e.type === 'AWS::CloudFormation::Stack');
      if (last && isTerminal(last.status) && last.status !== 'REVIEW_IN_PROGRESS') break;
      await clock.sleep(pollMs);
    }
  } finally {
    stop();
  }
  const final = await api.describeStack(name);
  const status = final?.status ?? 'DELETE_COMPLETE';
  if (status === 'CREATE_COMPLETE' || status === 'UPDATE_COMPLETE') return final;
  const failure = firstFailure(events);
  const where = failure
    ? `${failure.logicalId}${descriptions[failure.logicalId] ? ` (${descriptions[failure.logicalId]})` : ''}: ${failure.reason ?? failure.status}`
    : status;
  const why = cancelled
    ? `${name} was cancelled and is now ${status}`
    : `${name} failed (${status}); first failure: ${where}`;
  throw new DeployError(why, failureHint(name, status, Boolean(options.noRollback)));
}

/** From the first poll, keep only the events of this operation: from the last stack-level start event on. */
function operationEvents(events: StackEventRecord[], firstPoll: boolean, stackName: string): StackEventRecord[] {
  if (!firstPoll) return events;
  let start = -1;
  events.forEach((e, i) => {
    if (
      e.logicalId === stackName &&
      e.type === 'AWS::CloudFormation::Stack' &&
      /^(CREATE|UPDATE)_IN_PROGRESS$/.test(e.status)
    )
      start = i;
  });
  return start >= 0 ? events.slice(start) : events;
}

function firstFailure(events: StackEventRecord[]): StackEventRecord | undefined {
  return (
    events.find(
      (e) =>
        e.status.endsWith('_FAILED') && !/cancell?ed/i.test(e.reason ?? '') && e.type !== 'AWS::CloudFormation::Stack',
    ) ?? events.find((e) => e.status.endsWith('_FAILED'))
  );
}

function failureHint(name: string, status: string, noRollback: boolean): string {
  if (noRollback || status === 'UPDATE_FAILED' || status === 'CREATE_FAILED') {
    return `The stack is kept as it failed (${status}). Fix the cause and deploy again, or roll it back: aws cloudformation rollback-stack --stack-name ${name}`;
  }
  if (isRollback(status) && status.endsWith('_COMPLETE')) {
    return status === 'ROLLBACK_COMPLETE'
      ? 'Nothing was kept; fix the cause and deploy again (the failed stack is cleared first).'
      : 'The stack is back to its previous version; fix the cause and deploy again.';
  }
  return recoveryHint(name, status);
}

function resourceDescriptions(template: Template): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [id, r] of Object.entries(template.Resources)) {
    const d = r.Metadata?.['mycopilot:description'];
    if (typeof d === 'string') out[id] = d;
  }
  return out;
}
