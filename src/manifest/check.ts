// `manifest validate` as a service: check files for their base values and for every environment they
// name (or one chosen environment), and merge the findings per file.
import { existsSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { Diagnostic } from '../errors';
import { loadManifestFile, LoadedManifest } from './load';
import { ManifestType } from './schemas';

export interface Finding {
  line: number;
  column: number;
  path: string;
  message: string;
  /** Set when the finding shows only with this environment's overrides. */
  env?: string;
}

export interface FileReport {
  file: string;
  type?: ManifestType;
  /** What was checked: null is the base manifest, a name is that environment's overrides. */
  checked: (string | null)[];
  errors: Finding[];
  warnings: Finding[];
}

export interface CheckOptions {
  /** Only this environment; without it, the base and every environment the file's `environments:` names. */
  env?: string;
  app?: string;
  vars?: Readonly<Record<string, string | undefined>>;
}

export async function checkManifests(files: string[], options: CheckOptions = {}): Promise<FileReport[]> {
  const reports: FileReport[] = [];
  for (const file of files) reports.push(await checkFile(file, options));
  return reports;
}

async function checkFile(file: string, options: CheckOptions): Promise<FileReport> {
  // Checked as written, a manifest may stand for any environment (and, outside a workspace, any application):
  // their variables keep their reference text rather than failing.
  const vars = { ...(options.vars ?? process.env) };
  vars.COPILOT_ENVIRONMENT_NAME = '${COPILOT_ENVIRONMENT_NAME}';
  if (!options.app) vars.COPILOT_APPLICATION_NAME = '${COPILOT_APPLICATION_NAME}';
  const load = (env?: string) => loadManifestFile({ file, env, app: options.app, vars });
  const runs: LoadedManifest[] = [];
  if (options.env) {
    runs.push(await load(options.env));
  } else {
    const base = await load(undefined);
    runs.push(base);
    for (const env of base.environments) runs.push(await load(env));
  }
  const report: FileReport = {
    file,
    type: runs[0].type,
    checked: runs.map((r) => r.env ?? null),
    errors: [],
    warnings: [],
  };
  // A finding of the base manifest is shown once; one that only an environment's overrides cause names it.
  const collect = (into: Finding[], kind: 'errors' | 'warnings') => {
    const seen = new Map<string, Finding>();
    for (const run of runs) {
      for (const d of run[kind]) {
        const key = `${d.position.line}:${d.position.column}:${d.path}:${d.message}`;
        if (!seen.has(key)) seen.set(key, toFinding(d, options.env ? undefined : run.env));
      }
    }
    into.push(...[...seen.values()].sort((a, b) => a.line - b.line || a.column - b.column));
  };
  collect(report.errors, 'errors');
  collect(report.warnings, 'warnings');
  return report;
}

function toFinding(d: Diagnostic, env: string | undefined): Finding {
  return {
    line: d.position.line,
    column: d.position.column,
    path: d.path,
    message: d.message,
    ...(env ? { env } : {}),
  };
}

/** Files to check: each file as given; a directory contributes every manifest.yml and pipeline.yml below it. */
export function expandManifestPaths(inputs: string[]): string[] {
  const out: string[] = [];
  for (const input of inputs) {
    if (existsSync(input) && statSync(input).isDirectory()) out.push(...findManifests(input));
    else out.push(input);
  }
  return out;
}

function findManifests(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== 'node_modules' && entry.name !== 'addons')
      found.push(...findManifests(full));
    else if (entry.isFile() && (entry.name === 'manifest.yml' || entry.name === 'pipeline.yml')) found.push(full);
  }
  return found;
}
