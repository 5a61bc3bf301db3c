// The runs of the show and ls commands, loaded by the commands only when they run (it loads the SDK).
import { chooseEnvironment, chooseWorkload, localWorkspace, openSources, resolveApp } from '../status/context';
import type { WorkloadKind } from '../status/locate';
import { Output, useColor } from '../ui/output';
import { collectApplicationView, collectEnvironmentView, collectWorkloadView } from './collect';
import { listApplications, listEnvironments, listWorkloads } from './list';
import {
  renderApplicationList,
  renderApplicationView,
  renderEnvironmentList,
  renderEnvironmentView,
  renderWorkloadList,
  renderWorkloadView,
} from './render';

interface ReadFlags {
  app?: string;
  json: boolean;
  profile?: string;
  region?: string;
}

function print<T>(out: Output, json: boolean, value: T, render: (v: T) => string[]): void {
  if (json) out.json(value);
  else out.line(render(value).join('\n'));
}

const options = () => ({ color: useColor(process.stdout), now: new Date() });

export async function showWorkloadCommand(
  out: Output,
  flags: ReadFlags & { name?: string; env?: string; resources: boolean },
  kind: WorkloadKind,
): Promise<void> {
  const local = localWorkspace();
  const app = resolveApp(flags.app, local);
  const sources = await openSources(flags);
  const name = await chooseWorkload(sources, app, kind, flags.name, local);
  const view = await collectWorkloadView(
    sources,
    { app, name, env: flags.env, kind, resources: flags.resources },
    local,
  );
  print(out, flags.json, view, (v) => renderWorkloadView(v, options()));
}

export async function showEnvironmentCommand(
  out: Output,
  flags: ReadFlags & { name?: string; resources: boolean },
): Promise<void> {
  const local = localWorkspace();
  const app = resolveApp(flags.app, local);
  const sources = await openSources(flags);
  const env = await chooseEnvironment(sources, app, flags.name);
  const view = await collectEnvironmentView(sources, { app, env, resources: flags.resources }, local);
  print(out, flags.json, view, (v) => renderEnvironmentView(v, options()));
}

export async function showApplicationCommand(out: Output, flags: ReadFlags & { name?: string }): Promise<void> {
  const local = localWorkspace();
  const app = resolveApp(flags.name ?? flags.app, local);
  const sources = await openSources(flags);
  const view = await collectApplicationView(sources, app, local);
  print(out, flags.json, view, (v) => renderApplicationView(v, options()));
}

export async function listApplicationsCommand(out: Output, flags: ReadFlags): Promise<void> {
  const local = localWorkspace();
  const sources = await openSources(flags);
  print(out, flags.json, await listApplications(sources, local), renderApplicationList);
}

export async function listEnvironmentsCommand(out: Output, flags: ReadFlags): Promise<void> {
  const local = localWorkspace();
  const app = resolveApp(flags.app, local);
  const sources = await openSources(flags);
  print(out, flags.json, await listEnvironments(sources, app, local), renderEnvironmentList);
}

export async function listWorkloadsCommand(
  out: Output,
  flags: ReadFlags & { local: boolean },
  kind: WorkloadKind,
): Promise<void> {
  const local = localWorkspace();
  const app = resolveApp(flags.app, local);
  const sources = await openSources(flags);
  const list = await listWorkloads(sources, app, kind, local);
  if (flags.local) list.workloads = list.workloads.filter((w) => w.local);
  print(out, flags.json, list, renderWorkloadList);
}
