// Deleting workloads and applications: stacks first, then images and records, so that a deletion stopped
// half-way can simply be run again.
import {
  APP_DOMAIN_OUTPUTS,
  applicationStackName,
  buildApplicationStack,
  repositoriesInStack,
} from '../stack/application';
import { workloadStackName } from '../stack/naming';
import { deleteEnvironment, deleteStackAndWait, removeValidationRecords } from './environment';
import { deployInSession, DeploySession } from './session';

/** Removes a workload from `envs` (every environment when undefined); with every environment gone, its images and record too. */
export async function deleteWorkload(
  session: DeploySession,
  app: string,
  name: string,
  envs?: string[],
): Promise<{ deletedFrom: string[] }> {
  const all = (await session.store.listEnvironments(app)).map((e) => e.name);
  const targets = envs ?? all;
  const deletedFrom: string[] = [];
  for (const env of targets) {
    const stackName = workloadStackName(app, env, name);
    // An App Runner custom domain has no resource in the stack: release it (and the DNS records the deploy wrote)
    // first, while the service is there to say which records were its own.
    const outputs = (await session.stacks.describeStack(stackName))?.outputs;
    if (outputs?.CustomDomain) {
      const { releaseCustomDomain } = await import('./apprunner-domain.js');
      await releaseCustomDomain(session, { app, service: name, outputs });
    }
    if (await deleteStackAndWait(session, stackName)) deletedFrom.push(env);
  }
  const everywhere = all.every((env) => targets.includes(env));
  if (everywhere) {
    await removeRepository(session, app, name);
    await session.store.deleteWorkload(app, name);
  }
  return { deletedFrom };
}

/** Drops a workload's repository (and its images) from the application stack. */
async function removeRepository(session: DeploySession, app: string, name: string): Promise<void> {
  const stackName = applicationStackName(app);
  const current = await session.stacks.describeStack(stackName);
  if (!current) return;
  const repos = repositoriesInStack(app, current.outputs);
  if (!repos.includes(name)) return;
  await deployInSession(session, buildApplicationStack({ app, workloads: repos.filter((r) => r !== name) }), {
    described: current,
  });
}

/** Everything of an application: workloads in every environment, environments, its stack and its records. */
export async function deleteApplication(session: DeploySession, app: string): Promise<void> {
  for (const w of await session.store.listWorkloads(app)) await deleteWorkload(session, app, w.name);
  for (const e of await session.store.listEnvironments(app)) await deleteEnvironment(session, app, e.name);
  const stack = await session.stacks.describeStack(applicationStackName(app));
  await removeValidationRecords(session, stack?.outputs[APP_DOMAIN_OUTPUTS.zoneId]);
  await deleteStackAndWait(session, applicationStackName(app));
  await session.store.deleteApplication(app);
}
