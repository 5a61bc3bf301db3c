// `app ls`, `env ls`, `svc ls`, `job ls`: what the store records (so applications created by Copilot show
// too), each marked when the local workspace has it; workspace entries never deployed are listed as such.
import { JOB_TYPE, kindOf, WorkloadKind } from '../status/locate';
import type { Sources } from '../status/sources';
import type { LocalWorkspace } from './collect';
import type { ApplicationList, EnvironmentList, WorkloadList } from './model';

const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name);

export async function listApplications(sources: Sources, local: LocalWorkspace): Promise<ApplicationList> {
  const apps = await sources.records.listApplications();
  return {
    applications: apps
      .map((a) => ({ name: a.name, account: a.account, domain: a.domain || undefined, local: a.name === local.app }))
      .sort(byName),
  };
}

export async function listEnvironments(sources: Sources, app: string, local: LocalWorkspace): Promise<EnvironmentList> {
  await sources.records.requireApplication(app);
  const recorded = await sources.records.listEnvironments(app);
  const mine = local.app === app ? local.environments : [];
  const names = new Set(recorded.map((e) => e.name));
  return {
    app,
    environments: [
      ...recorded.map((e) => ({
        name: e.name,
        region: e.region,
        account: e.accountID,
        deployed: true,
        local: mine.includes(e.name),
      })),
      ...mine.filter((n) => !names.has(n)).map((name) => ({ name, deployed: false, local: true })),
    ].sort(byName),
  };
}

export async function listWorkloads(
  sources: Sources,
  app: string,
  kind: WorkloadKind,
  local: LocalWorkspace,
): Promise<WorkloadList> {
  await sources.records.requireApplication(app);
  const recorded = (await sources.records.listWorkloads(app)).filter((w) => kindOf(w.type) === kind);
  const mine = (local.app === app ? local.workloads : []).filter((w) => kindOf(w.type ?? '') === kind);
  const names = new Set(recorded.map((w) => w.name));
  return {
    app,
    kind,
    workloads: [
      ...recorded.map((w) => ({
        name: w.name,
        type: w.type,
        recorded: true,
        local: mine.some((m) => m.name === w.name),
      })),
      ...mine
        .filter((m) => !names.has(m.name))
        .map((m) => ({
          name: m.name,
          type: m.type ?? (kind === 'job' ? JOB_TYPE : 'unknown'),
          recorded: false,
          local: true,
        })),
    ].sort(byName),
  };
}
