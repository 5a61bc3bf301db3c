// Runs an engine's CLI and streams its output line by line, keeping only the last lines for error messages:
// a build can print megabytes, and the user should see progress as it happens, not when the build ends.
import { spawn } from 'node:child_process';
import type { LineSink } from './engine';

export interface ProcessRequest {
  command: string;
  args: string[];
  /** Added to (and overriding) the current environment. */
  env?: Record<string, string | undefined>;
  cwd?: string;
  /** Written to the process's stdin, which is then closed; how passwords reach `login`. */
  stdin?: string;
  onLine?: LineSink;
  signal?: AbortSignal;
  /** Strings replaced by *** in every line before anyone sees it (defence in depth for passwords). */
  secrets?: string[];
}

export interface ProcessResult {
  /** Null when the process was killed by a signal. */
  exitCode: number | null;
  /** The last lines of stdout and stderr together, in the order they arrived. */
  tail: string[];
}

export interface ProcessRunner {
  /** Resolves when the process exits, whatever its exit code; rejects with CommandNotFoundError if it cannot start. */
  run(request: ProcessRequest): Promise<ProcessResult>;
}

/** The command is not on PATH (spawn's ENOENT). */
export class CommandNotFoundError extends Error {
  constructor(readonly command: string) {
    super(`${command}: command not found`);
    this.name = 'CommandNotFoundError';
  }
}

export const TAIL_LINES = 30;

// Colour and cursor sequences (ESC [ ... letter) that engines print even to pipes at times.
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;?]*[A-Za-z]/g;

/** Cuts a byte stream into lines; `\r` counts as a line end because progress bars redraw with it. */
export class LineSplitter {
  private rest = '';

  constructor(private readonly emit: (line: string) => void) {}

  push(chunk: string): void {
    const parts = (this.rest + chunk).split(/\r\n|\n|\r/);
    this.rest = parts.pop() ?? '';
    for (const part of parts) this.line(part);
  }

  end(): void {
    if (this.rest) this.line(this.rest);
    this.rest = '';
  }

  private line(raw: string): void {
    const line = raw.replace(ANSI, '').trimEnd();
    if (line) this.emit(line);
  }
}

/** Replaces every occurrence of each secret with ***. */
export function redact(line: string, secrets: readonly string[] = []): string {
  let out = line;
  for (const s of secrets) if (s) out = out.split(s).join('***');
  return out;
}

/** The real runner: child_process.spawn, no shell (arguments are never re-parsed). */
export const spawnRunner: ProcessRunner = {
  run(request) {
    return new Promise<ProcessResult>((resolve, reject) => {
      const tail: string[] = [];
      const onLine = (line: string) => {
        const clean = redact(line, request.secrets);
        tail.push(clean);
        if (tail.length > TAIL_LINES) tail.shift();
        request.onLine?.(clean);
      };
      const child = spawn(request.command, request.args, {
        cwd: request.cwd,
        env: { ...process.env, ...request.env },
        stdio: ['pipe', 'pipe', 'pipe'],
        signal: request.signal,
      });
      const out = new LineSplitter(onLine);
      const err = new LineSplitter(onLine);
      child.stdout.setEncoding('utf8').on('data', (c: string) => out.push(c));
      child.stderr.setEncoding('utf8').on('data', (c: string) => err.push(c));
      // A process that exits before reading its stdin makes the write fail with EPIPE; its exit code tells why.
      child.stdin.on('error', () => undefined);
      child.stdin.end(request.stdin ?? '');
      child.on('error', (e: NodeJS.ErrnoException) => {
        if (e.code === 'ENOENT') reject(new CommandNotFoundError(request.command));
        else if (e.name === 'AbortError')
          return; // 'close' follows with the signal
        else reject(e);
      });
      child.on('close', (code) => {
        out.end();
        err.end();
        resolve({ exitCode: code, tail });
      });
    });
  },
};
