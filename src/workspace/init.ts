// The init services: create the workspace and write manifests. Plain inputs, plain results; the commands
// ask for the inputs and print the results.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { MycopilotError, usageError } from '../errors';
import {
  EnvironmentScaffold,
  PipelineScaffold,
  renderBuildspec,
  renderEnvironmentManifest,
  renderPipelineManifest,
  renderWorkloadManifest,
  WorkloadScaffold,
  writeScaffold,
  WrittenFile,
} from './scaffold';
import { COPILOT_DIR, SUMMARY_FILE, Workspace } from './workspace';

const NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const MAX_NAME = 32;

/** Application, environment, workload and pipeline names end up in stack, log group and DNS names. */
export function checkName(kind: string, name: string): true | string {
  if (!NAME.test(name)) {
    return `${kind} name "${name}" must start with a lowercase letter and use only lowercase letters, digits and single hyphens (e.g. "my-${kind}")`;
  }
  if (name.length > MAX_NAME) return `${kind} name "${name}" is ${name.length} characters; at most ${MAX_NAME}`;
  return true;
}

export function requireName(kind: string, flag: string, name: string): string {
  const ok = checkName(kind, name);
  if (ok !== true) throw usageError(`--${flag}: ${ok}`);
  return name;
}

/** Creates copilot/.workspace for `app` in `dir`, or checks that the existing one names the same app. */
export function initWorkspace(dir: string, app: string): { workspace: Workspace; created: boolean } {
  requireName('app', 'app', app);
  const existing = Workspace.find(dir);
  if (existing) {
    const current = existing.applicationName();
    if (current && current !== app) {
      throw new MycopilotError(
        'WORKSPACE',
        `this workspace belongs to application "${current}" (${path.join(existing.copilotDir, SUMMARY_FILE)})`,
        {
          hint: `Use --app ${current}, or run init in another directory.`,
        },
      );
    }
    if (current) return { workspace: existing, created: false };
    writeFileSync(path.join(existing.copilotDir, SUMMARY_FILE), `application: ${app}\n`);
    return { workspace: existing, created: true };
  }
  const copilotDir = path.join(dir, COPILOT_DIR);
  mkdirSync(copilotDir, { recursive: true });
  writeFileSync(path.join(copilotDir, SUMMARY_FILE), `application: ${app}\n`);
  return { workspace: new Workspace(copilotDir), created: true };
}

export function initWorkload(ws: Workspace, input: WorkloadScaffold): WrittenFile {
  requireName(input.type === 'Scheduled Job' ? 'job' : 'service', 'name', input.name);
  if (input.type !== 'Static Site' && !input.dockerfile && !input.image) {
    throw usageError('give --dockerfile (build an image) or --image (run an existing one)');
  }
  if (input.dockerfile && input.image) throw usageError('--dockerfile and --image exclude each other: give one');
  if (input.dockerfile && !existsSync(path.resolve(ws.root, input.dockerfile))) {
    throw usageError(`--dockerfile: ${input.dockerfile} does not exist (paths are relative to ${ws.root})`);
  }
  return writeScaffold(ws.workloadManifestPath(input.name), renderWorkloadManifest(input), { validate: true });
}

export function initEnvironment(ws: Workspace, input: EnvironmentScaffold): WrittenFile {
  requireName('environment', 'name', input.name);
  return writeScaffold(ws.environmentManifestPath(input.name), renderEnvironmentManifest(input), { validate: true });
}

export function initPipeline(ws: Workspace, input: PipelineScaffold): WrittenFile[] {
  requireName('pipeline', 'name', input.name);
  if (input.environments.length === 0) throw usageError('--environments: name at least one environment to deploy to');
  const dir = ws.pipelineDir(input.name);
  return [
    writeScaffold(path.join(dir, 'manifest.yml'), renderPipelineManifest(input), { validate: true }),
    writeScaffold(path.join(dir, 'buildspec.yml'), renderBuildspec(input.name)),
  ];
}

/** Dockerfiles in the workspace root and one level below, relative to the root: the choices `svc init` offers. */
export function findDockerfiles(root: string): string[] {
  const found: string[] = [];
  const look = (dir: string, depth: number) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.isFile() && /^Dockerfile(\..+)?$|\.Dockerfile$/.test(e.name))
        found.push(path.relative(root, path.join(dir, e.name)));
      else if (
        e.isDirectory() &&
        depth > 0 &&
        !e.name.startsWith('.') &&
        e.name !== 'node_modules' &&
        e.name !== COPILOT_DIR
      ) {
        look(path.join(dir, e.name), depth - 1);
      }
    }
  };
  look(root, 2);
  return found.sort();
}

/** The first port a Dockerfile EXPOSEs, the default for --port. */
export function exposedPort(dockerfile: string): number | undefined {
  try {
    const m = readFileSync(dockerfile, 'utf8').match(/^\s*EXPOSE\s+(\d+)/im);
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}
