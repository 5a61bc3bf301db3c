// Finding what a read command points at — application, environment, workload, its stack — and, when one does
// not exist, saying exactly which and listing what does, so the next command the user types is the right one.
import type { StackDescription } from '../aws/cloudformation';
import { MycopilotError } from '../errors';
import { workloadStackName } from '../stack/naming';
import type { WorkloadRecord } from '../store/records';
import type { Sources } from './sources';

export const JOB_TYPE = 'Scheduled Job';

export type WorkloadKind = 'service' | 'job';

export const kindOf = (type: string): WorkloadKind => (type === JOB_TYPE ? 'job' : 'service');

export interface LocatedWorkload {
  record: WorkloadRecord;
  stack: StackDescription;
}

const list = (names: string[]) => names.join(', ');

/** The environments of `app` in which `name` has a stack. */
export async function deployedIn(sources: Sources, app: string, name: string, envs: string[]): Promise<string[]> {
  const found = await Promise.all(
    envs.map(async (env) => ((await sources.stacks.describe(workloadStackName(app, env, name))) ? env : undefined)),
  );
  return found.filter((e): e is string => e !== undefined);
}

/** The workloads of `app` that have a stack in `env`. */
export async function workloadsIn(sources: Sources, app: string, env: string): Promise<WorkloadRecord[]> {
  const all = await sources.records.listWorkloads(app);
  const stacks = await Promise.all(all.map((w) => sources.stacks.describe(workloadStackName(app, env, w.name))));
  return all.filter((_, i) => stacks[i] !== undefined);
}

/** The workload record, or an error that lists the workloads of this kind the application has. */
export async function requireWorkloadRecord(
  sources: Sources,
  app: string,
  name: string,
  kind: WorkloadKind,
): Promise<WorkloadRecord> {
  const record = await sources.records.getWorkload(app, name);
  if (record) return record;
  const known = (await sources.records.listWorkloads(app)).filter((w) => kindOf(w.type) === kind).map((w) => w.name);
  const deploy = kind === 'job' ? 'job deploy' : 'svc deploy';
  throw new MycopilotError('NOT_FOUND', `application "${app}" has no ${kind} "${name}"`, {
    hint: known.length
      ? `${kind === 'job' ? 'Jobs' : 'Services'} of ${app}: ${list(known)}.`
      : `It has no ${kind}s yet: deploy one with \`mycopilot ${deploy} --name ${name} --env <env>\`.`,
  });
}

/** App, environment, workload and its stack in that environment; each missing piece is its own error. */
export async function locateWorkload(
  sources: Sources,
  app: string,
  env: string,
  name: string,
  kind: WorkloadKind,
): Promise<LocatedWorkload> {
  await sources.records.requireApplication(app);
  const [, record] = await Promise.all([
    sources.records.requireEnvironment(app, env),
    requireWorkloadRecord(sources, app, name, kind),
  ]);
  const stack = await sources.stacks.describe(workloadStackName(app, env, name));
  if (stack) return { record, stack };
  const envs = (await sources.records.listEnvironments(app)).map((e) => e.name);
  const [elsewhere, here] = await Promise.all([deployedIn(sources, app, name, envs), workloadsIn(sources, app, env)]);
  const hints = [
    elsewhere.length ? `${name} is deployed in: ${list(elsewhere)}.` : `${name} is not deployed in any environment.`,
    here.length ? `Deployed in ${env}: ${list(here.map((w) => w.name))}.` : `Nothing is deployed in ${env} yet.`,
  ];
  throw new MycopilotError('NOT_FOUND', `${kind} "${name}" is not deployed in environment "${env}" of "${app}"`, {
    hint: hints.join(' '),
  });
}
