// A workspace for pipeline tests, written to a temp dir: application "app", environments test and prod, and a
// service, a web service and a job that build images, plus whatever files a test adds (pipeline manifests).
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { tempDir } from '../../helpers/cli';
import { Workspace } from '../../../src/workspace/workspace';

export const APP = 'app';

const BASE: Record<string, string> = {
  'copilot/.workspace': `application: ${APP}\n`,
  'copilot/environments/test/manifest.yml': 'name: test\ntype: Environment\n',
  'copilot/environments/prod/manifest.yml': 'name: prod\ntype: Environment\n',
  'copilot/api/manifest.yml': [
    'name: api',
    'type: Backend Service',
    'image:',
    '  build: api/Dockerfile',
    '  port: 8080',
    '',
  ].join('\n'),
  'copilot/web/manifest.yml': [
    'name: web',
    'type: Load Balanced Web Service',
    'image:',
    '  build:',
    '    dockerfile: web/Dockerfile',
    '    context: web',
    '    args: { GREETING: "hello world" }',
    '  port: 80',
    'http:',
    '  path: /',
    'sidecars:',
    '  proxy:',
    '    image:',
    '      build: proxy/Dockerfile',
    'env_file: web/app.env',
    '',
  ].join('\n'),
  'copilot/report/manifest.yml': [
    'name: report',
    'type: Scheduled Job',
    'image:',
    '  build: report/Dockerfile',
    'on:',
    '  schedule: "@daily"',
    '',
  ].join('\n'),
  'api/Dockerfile': 'FROM scratch\n',
  'web/Dockerfile': 'FROM scratch\n',
  'web/app.env': 'A=1\n',
  'proxy/Dockerfile': 'FROM scratch\n',
  'report/Dockerfile': 'FROM scratch\n',
};

export interface WorkspaceOptions {
  /** Leave out the base workloads and environments. */
  base?: boolean;
  /** Put the workspace in this directory of a git repository (a `.git` at the top). */
  subdir?: string;
  /** Files at the top of that repository. */
  repoFiles?: Record<string, string>;
}

function write(dir: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    const file = path.join(dir, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
}

/** Writes the base workspace plus `files` (relative paths → text) and returns the workspace. */
export function pipelineWorkspace(files: Record<string, string> = {}, options: WorkspaceOptions = {}): Workspace {
  const repo = tempDir('mycopilot-pipeline-');
  const dir = options.subdir ? path.join(repo, options.subdir) : repo;
  write(dir, { ...(options.base === false ? {} : BASE), ...files });
  if (options.subdir) mkdirSync(path.join(repo, '.git'));
  write(repo, options.repoFiles ?? {});
  return new Workspace(path.join(dir, 'copilot'));
}

/** A pipeline manifest from a few lines of source and stages. */
export function manifestText(lines: string[]): string {
  return lines.join('\n') + '\n';
}
