// Applications: the record in SSM and the `<app>-infrastructure` stack (image repositories, artifact bucket).
import { call } from '../aws/errors';
import {
  applicationStackName,
  buildApplicationStack,
  repositoriesInStack,
  repositoryLogicalId,
} from '../stack/application';
import { ApplicationRecord, SCHEMA_VERSION } from '../store/records';
import { deployInSession, DeploySession } from './session';
import { DeployOutcome } from './stack-deploy';

export interface AppInitOptions {
  app: string;
  /** Workloads of the workspace whose images are built: each gets a repository. */
  workloads: string[];
  domain?: string;
  tags?: Record<string, string>;
}

/** Creates (or updates) the application record and its infrastructure stack. */
export async function initApplication(
  session: DeploySession,
  options: AppInitOptions,
): Promise<{ record: ApplicationRecord; outcome: DeployOutcome }> {
  const existing = await session.store.getApplication(options.app);
  let record = existing;
  if (!record) {
    const sts = await session.clients.sts();
    const { GetCallerIdentityCommand } = await import('@aws-sdk/client-sts');
    const identity = await call('reading the caller identity', () => sts.send(new GetCallerIdentityCommand({})));
    record = {
      name: options.app,
      account: identity.Account ?? '',
      domain: options.domain ?? '',
      domainHostedZoneID: '',
      version: SCHEMA_VERSION,
      ...(options.tags ? { tags: options.tags } : {}),
    };
    await session.store.createApplication(record);
    session.out.info(`✔ Recorded application ${options.app} in account ${record.account}.`);
  }
  const outcome = await ensureRepositories(session, options.app, options.workloads);
  return { record, outcome };
}

/**
 * Makes sure the infrastructure stack has a repository for each of `workloads`, keeping those it has.
 * Reads the stack once; deploys only when a repository is missing.
 */
export async function ensureRepositories(
  session: DeploySession,
  app: string,
  workloads: string[],
): Promise<DeployOutcome> {
  const name = applicationStackName(app);
  const current = await session.stacks.describeStack(name);
  const existing = repositoriesInStack(app, current?.outputs ?? {});
  const wanted = [...new Set([...existing, ...workloads])].sort();
  const missing = workloads.filter((w) => !current?.outputs[`${repositoryLogicalId(w)}Uri`]);
  if (current && missing.length === 0) return { result: 'unchanged', stack: current, changes: [] };
  return deployInSession(session, buildApplicationStack({ app, workloads: wanted }), { described: current ?? null });
}

/** The artifact bucket's name, from the infrastructure stack's outputs. */
export async function artifactBucket(session: DeploySession, app: string): Promise<string | undefined> {
  const stack = await session.stacks.describeStack(applicationStackName(app));
  return stack?.outputs.ArtifactBucketName;
}
