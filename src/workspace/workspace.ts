// The copilot/ directory, in Copilot's layout exactly:
//   copilot/.workspace                        application: <name>
//   copilot/<workload>/manifest.yml           services and jobs (addons/ beside them)
//   copilot/environments/<env>/manifest.yml
//   copilot/pipelines/<name>/manifest.yml     + buildspec.yml
//   copilot/pipeline.yml, copilot/buildspec.yml   legacy single pipeline
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type * as Yaml from 'yaml';
import { MycopilotError } from '../errors';

export const COPILOT_DIR = 'copilot';
export const SUMMARY_FILE = '.workspace';
export const MANIFEST_FILE = 'manifest.yml';
const ENVIRONMENTS_DIR = 'environments';
const PIPELINES_DIR = 'pipelines';
const LEGACY_PIPELINE_FILE = 'pipeline.yml';

export interface WorkloadEntry {
  name: string;
  /** The `type:` line of its manifest, when it can be read. */
  type?: string;
  manifestPath: string;
}

export interface EnvironmentEntry {
  name: string;
  manifestPath: string;
}

export interface PipelineEntry {
  name: string;
  manifestPath: string;
  buildspecPath: string;
  legacy: boolean;
}

export class Workspace {
  /** Absolute path of the copilot/ directory. */
  readonly copilotDir: string;

  constructor(copilotDir: string) {
    this.copilotDir = path.resolve(copilotDir);
  }

  /** The directory holding copilot/: where the project's Dockerfiles and sources are. */
  get root(): string {
    return path.dirname(this.copilotDir);
  }

  /** Finds copilot/ in `from` or the nearest directory above it. */
  static find(from: string = process.cwd()): Workspace | undefined {
    let dir = path.resolve(from);
    for (;;) {
      const candidate = path.basename(dir) === COPILOT_DIR && isDir(dir) ? dir : path.join(dir, COPILOT_DIR);
      if (isDir(candidate)) return new Workspace(candidate);
      const parent = path.dirname(dir);
      if (parent === dir) return undefined;
      dir = parent;
    }
  }

  /** Like find(), but a clear error when there is no workspace. */
  static require(from: string = process.cwd()): Workspace {
    const ws = Workspace.find(from);
    if (!ws) {
      throw new MycopilotError(
        'WORKSPACE',
        `no copilot/ directory in ${path.resolve(from)} or any directory above it`,
        {
          hint: 'Run `mycopilot init` (or `mycopilot app init`) in your project directory first.',
        },
      );
    }
    return ws;
  }

  /** The application named in copilot/.workspace, or undefined when the file is missing. */
  applicationName(): string | undefined {
    const file = path.join(this.copilotDir, SUMMARY_FILE);
    if (!existsSync(file)) return undefined;
    const text = readFileSync(file, 'utf8');
    // The file is one line, `application: <name>`, nearly always: read that form without loading the YAML parser.
    const simple = /^application:[ \t]*([A-Za-z0-9][A-Za-z0-9_-]*)[ \t]*\r?\n?$/.exec(text);
    if (simple) return simple[1];
    let summary: unknown;
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      summary = (require('yaml') as typeof Yaml).parse(text);
    } catch (err) {
      throw new MycopilotError('WORKSPACE', `${file}: not valid YAML (${(err as Error).message.split('\n')[0]})`, {
        hint: 'The file holds one line: `application: <name>`.',
      });
    }
    const name = (summary as { application?: unknown } | null)?.application;
    if (typeof name !== 'string' || name === '') {
      throw new MycopilotError('WORKSPACE', `${file}: expected \`application: <name>\``, {
        hint: 'Run `mycopilot app init <name>` to write it.',
      });
    }
    return name;
  }

  requireApplicationName(): string {
    const name = this.applicationName();
    if (!name) {
      throw new MycopilotError(
        'WORKSPACE',
        `${path.join(this.copilotDir, SUMMARY_FILE)} is missing: this workspace belongs to no application`,
        {
          hint: 'Run `mycopilot app init <name>`.',
        },
      );
    }
    return name;
  }

  workloads(): WorkloadEntry[] {
    return subdirs(this.copilotDir)
      .filter((name) => name !== ENVIRONMENTS_DIR && name !== PIPELINES_DIR)
      .map((name) => ({ name, manifestPath: path.join(this.copilotDir, name, MANIFEST_FILE) }))
      .filter((w) => existsSync(w.manifestPath))
      .map((w) => ({ ...w, type: readTypeLine(w.manifestPath) }));
  }

  environments(): EnvironmentEntry[] {
    const dir = path.join(this.copilotDir, ENVIRONMENTS_DIR);
    return subdirs(dir)
      .map((name) => ({ name, manifestPath: path.join(dir, name, MANIFEST_FILE) }))
      .filter((e) => existsSync(e.manifestPath));
  }

  pipelines(): PipelineEntry[] {
    const dir = path.join(this.copilotDir, PIPELINES_DIR);
    const found: PipelineEntry[] = subdirs(dir)
      .map((name) => ({
        name,
        manifestPath: path.join(dir, name, MANIFEST_FILE),
        buildspecPath: path.join(dir, name, 'buildspec.yml'),
        legacy: false,
      }))
      .filter((p) => existsSync(p.manifestPath));
    const legacy = path.join(this.copilotDir, LEGACY_PIPELINE_FILE);
    if (existsSync(legacy)) {
      found.push({
        name: readNameLine(legacy) ?? 'pipeline',
        manifestPath: legacy,
        buildspecPath: path.join(this.copilotDir, 'buildspec.yml'),
        legacy: true,
      });
    }
    return found;
  }

  workloadManifestPath(name: string): string {
    return path.join(this.copilotDir, name, MANIFEST_FILE);
  }

  environmentManifestPath(name: string): string {
    return path.join(this.copilotDir, ENVIRONMENTS_DIR, name, MANIFEST_FILE);
  }

  pipelineDir(name: string): string {
    return path.join(this.copilotDir, PIPELINES_DIR, name);
  }

  /** The workload named `name`, or an error listing the ones that exist. */
  requireWorkload(name: string): WorkloadEntry {
    const all = this.workloads();
    const found = all.find((w) => w.name === name);
    if (!found) {
      const names = all.map((w) => w.name);
      throw new MycopilotError('NOT_FOUND', `no workload "${name}" in ${this.copilotDir}`, {
        hint: names.length ? `Workloads here: ${names.join(', ')}.` : 'There are none yet: run `mycopilot svc init`.',
      });
    }
    return found;
  }
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function subdirs(dir: string): string[] {
  if (!isDir(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('.'))
    .map((d) => d.name)
    .sort();
}

/** Reads a top-level `key: value` line without parsing the whole file (cheap listing). */
function readTopLevel(file: string, key: string): string | undefined {
  try {
    const m = readFileSync(file, 'utf8').match(new RegExp(`^${key}:[ \\t]*(.+?)[ \\t]*(#.*)?$`, 'm'));
    return m ? m[1].replace(/^(['"])(.*)\1$/, '$2') : undefined;
  } catch {
    return undefined;
  }
}

function readTypeLine(file: string): string | undefined {
  return readTopLevel(file, 'type');
}

function readNameLine(file: string): string | undefined {
  return readTopLevel(file, 'name');
}
