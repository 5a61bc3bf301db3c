// Runs the compiled CLI as a user would (a child process), for command-level tests.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const CLI = path.join(REPO_ROOT, 'bin', 'run.js');
export const SHARED = path.resolve(REPO_ROOT, '..', 'shared');
export const CORPUS = path.join(SHARED, 'corpus', 'copilot');

export interface CliResult {
  status: number;
  stdout: string;
  stderr: string;
}

export function runCli(
  args: string[],
  options: { cwd?: string; env?: Record<string, string | undefined>; input?: string } = {},
): CliResult {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1', CI: 'true', ...options.env };
  delete env.DEBUG;
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? REPO_ROOT,
    env: env as NodeJS.ProcessEnv,
    input: options.input ?? '',
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export function tempDir(prefix = 'mycopilot-test-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

/** A new temp directory holding `files` (relative path → text); returns its path. */
export function writeFiles(files: Record<string, string>): string {
  const dir = tempDir();
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

/** The variables the corpus README says Copilot's own tests set. */
export const CORPUS_VARS: Record<string, string> = {
  DOMAINNAME: 'example.com',
  SSM_NAME: 'my-ssm-param',
  SECRETS_MANAGER_NAME: 'my-secret',
  BUCKETNAME: 'my-bucket',
  TIMENOW: '1700000000',
  IMPORTED_CERT_ARN: 'arn:aws:acm:us-west-2:123456789123:certificate/abcd-1234',
  TAG: 'cicdtest',
};
