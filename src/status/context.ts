// What the read commands share once they run: AWS sources over one set of clients and the store, the local
// workspace (optional: --app works anywhere), and choosing the application, workload and environment when a
// flag does not name them (the only one there is; else ask on a terminal; else an error listing the choices).
import { AwsClients, AwsConfig } from '../aws/clients';
import { terminalPrompter } from '../cli/prompt';
import { MycopilotError, usageError } from '../errors';
import type { LocalWorkspace } from '../show/collect';
import { Store } from '../store/store';
import { Workspace } from '../workspace/workspace';
import { awsSources } from './aws-sources';
import { kindOf, WorkloadKind } from './locate';
import type { Sources } from './sources';

export async function openSources(config: AwsConfig): Promise<Sources> {
  const clients = new AwsClients({ profile: config.profile, region: config.region });
  return awsSources(clients, new Store(() => clients.ssm()));
}

export function localWorkspace(from: string = process.cwd()): LocalWorkspace {
  const ws = Workspace.find(from);
  if (!ws) return { workloads: [], environments: [] };
  return {
    app: ws.applicationName(),
    workloads: ws.workloads().map((w) => ({ name: w.name, type: w.type })),
    environments: ws.environments().map((e) => e.name),
  };
}

export function resolveApp(flag: string | undefined, local: LocalWorkspace): string {
  const app = flag ?? local.app;
  if (!app) {
    throw usageError(
      'missing --app: there is no copilot/ workspace here to read the application from',
      'Pass --app <name> (mycopilot app ls lists them), or run the command inside your project.',
    );
  }
  return app;
}

export async function chooseWorkload(
  sources: Sources,
  app: string,
  kind: WorkloadKind,
  given: string | undefined,
  local: LocalWorkspace,
): Promise<string> {
  if (given) return given;
  await sources.records.requireApplication(app);
  const names = (await sources.records.listWorkloads(app)).filter((w) => kindOf(w.type) === kind).map((w) => w.name);
  if (names.length === 0) {
    throw new MycopilotError('NOT_FOUND', `application "${app}" has no ${kind}s yet`, {
      hint: `Deploy one: mycopilot ${kind === 'job' ? 'job' : 'svc'} deploy --name <name> --env <env>`,
    });
  }
  if (names.length === 1) return names[0];
  const mine = (n: string) => local.app === app && local.workloads.some((w) => w.name === n);
  return terminalPrompter.select(
    'name',
    `Which ${kind}?`,
    names.map((value) => ({ value, description: mine(value) ? 'in this workspace' : undefined })),
  );
}

export async function chooseEnvironment(sources: Sources, app: string, given: string | undefined): Promise<string> {
  if (given) return given;
  await sources.records.requireApplication(app);
  const names = (await sources.records.listEnvironments(app)).map((e) => e.name);
  if (names.length === 0) {
    throw new MycopilotError('NOT_FOUND', `application "${app}" has no environments yet`, {
      hint: 'Deploy one: mycopilot env deploy --name <env>',
    });
  }
  if (names.length === 1) return names[0];
  return terminalPrompter.select(
    'env',
    'Which environment?',
    names.map((value) => ({ value })),
  );
}
