// ContainerEngine on top of an engine's CLI (docker, podman or finch), through a ProcessRunner so that tests can
// replace the processes. Every failure becomes a MycopilotError with code IMAGE (see engine-errors.ts).
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MycopilotError } from '../errors';
import { buildArgs, checkArgs, loginArgs, pushArgs, tagArgs } from './cli-args';
import { podmanDigestFile, pushDigestFromOutput } from './digest';
import type { BuildRequest, ContainerEngine, EngineName, RunOptions } from './engine';
import { engineFailure, engineNotInstalled } from './engine-errors';
import { CommandNotFoundError, spawnRunner } from './process';
import type { ProcessRequest, ProcessResult, ProcessRunner } from './process';

export interface CliEngineOptions {
  name: EngineName;
  /** The command to run; the engine's name when unset. */
  command?: string;
  runner?: ProcessRunner;
  /** Added to the engine's environment (e.g. DOCKER_HOST, DOCKER_CONFIG). */
  env?: Record<string, string | undefined>;
}

type Kind = Parameters<typeof engineFailure>[1];

export class CliEngine implements ContainerEngine {
  readonly name: EngineName;
  private readonly command: string;
  private readonly runner: ProcessRunner;
  private readonly env?: Record<string, string | undefined>;

  constructor(options: CliEngineOptions) {
    this.name = options.name;
    this.command = options.command ?? options.name;
    this.runner = options.runner ?? spawnRunner;
    this.env = options.env;
  }

  async check(options: RunOptions = {}): Promise<void> {
    await this.run('check', `${this.name} info`, { args: checkArgs() }, options);
  }

  async build(request: BuildRequest, options: RunOptions = {}): Promise<void> {
    requirePath(request.dockerfile, 'file', 'Dockerfile');
    requirePath(request.context, 'directory', 'Build context');
    await this.run(
      'build',
      `${this.name} build ${request.tags[0] ?? request.context}`,
      { args: buildArgs(request) },
      options,
    );
  }

  async tag(source: string, target: string, options: RunOptions = {}): Promise<void> {
    await this.run('tag', `${this.name} tag ${source} ${target}`, { args: tagArgs(source, target) }, options);
  }

  async login(registry: string, username: string, password: string, options: RunOptions = {}): Promise<void> {
    const request = { args: loginArgs(this.name, registry, username), stdin: password, secrets: [password] };
    await this.run('login', `${this.name} login ${registry}`, request, options);
  }

  async push(ref: string, options: RunOptions = {}): Promise<string> {
    const action = `${this.name} push ${ref}`;
    // Push output is small (a few lines per layer) and the digest can be on its first line (finch): keep it all.
    const lines: string[] = [];
    const collect: RunOptions = {
      ...options,
      onLine: (line) => {
        lines.push(line);
        options.onLine?.(line);
      },
    };
    if (this.name !== 'podman') {
      await this.run('push', action, { args: pushArgs(this.name, ref) }, collect);
      return requireDigest(action, pushDigestFromOutput(this.name, lines, ref), lines);
    }
    const dir = mkdtempSync(path.join(os.tmpdir(), 'mycopilot-digest-'));
    try {
      const file = path.join(dir, 'digest');
      await this.run('push', action, { args: pushArgs(this.name, ref, file) }, collect);
      return requireDigest(action, podmanDigestFile(readIfPresent(file)), lines);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  private async run(
    kind: Kind,
    action: string,
    request: Partial<ProcessRequest> & { args: string[] },
    options: RunOptions,
  ): Promise<ProcessResult> {
    let result: ProcessResult;
    try {
      result = await this.runner.run({
        command: this.command,
        env: this.env,
        ...request,
        onLine: options.onLine,
        signal: options.signal,
      });
    } catch (err) {
      if (err instanceof CommandNotFoundError) throw engineNotInstalled(this.name);
      throw new MycopilotError('IMAGE', `${action} could not run: ${(err as Error).message}`, { cause: err });
    }
    if (options.signal?.aborted)
      throw new MycopilotError('INTERRUPTED', `${action} was interrupted.`, { exitCode: 130 });
    if (result.exitCode !== 0) throw engineFailure(this.name, kind, action, result.exitCode, result.tail);
    return result;
  }
}

function requirePath(file: string, type: 'file' | 'directory', what: string): void {
  let ok = false;
  try {
    const st = statSync(file);
    ok = type === 'file' ? st.isFile() : st.isDirectory();
  } catch {
    ok = false;
  }
  if (!ok) {
    throw new MycopilotError('IMAGE', `${what} not found: ${file} is not a ${type}.`, {
      hint: 'image.build in the manifest names the Dockerfile (and context), relative to the workspace root.',
    });
  }
}

function readIfPresent(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

function requireDigest(action: string, digest: string | undefined, lines: readonly string[]): string {
  if (digest) return digest;
  throw new MycopilotError(
    'IMAGE',
    `${action} succeeded but printed no digest, so the image cannot be deployed by digest.${lines.length ? `\n  ${lines.slice(-5).join('\n  ')}` : ''}`,
    {
      hint: 'Report this with your engine version; meanwhile deploy with another engine (--engine).',
    },
  );
}
