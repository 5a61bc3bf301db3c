// A ProcessRunner that runs nothing: each call is recorded and answered by a script (exit code and output lines),
// so engine tests can check command lines, stdin and error handling without an engine installed.
import { CommandNotFoundError, redact, TAIL_LINES } from '../../../src/image/process';
import type { ProcessRequest, ProcessResult, ProcessRunner } from '../../../src/image/process';

export interface FakeReply {
  exitCode?: number;
  lines?: string[];
  /** Pretend the command is not installed. */
  notFound?: boolean;
  /** Run before replying (e.g. write podman's digest file). */
  effect?: (request: ProcessRequest) => void | Promise<void>;
}

export class FakeRunner implements ProcessRunner {
  readonly calls: ProcessRequest[] = [];

  constructor(private readonly reply: (request: ProcessRequest) => FakeReply = () => ({})) {}

  async run(request: ProcessRequest): Promise<ProcessResult> {
    this.calls.push(request);
    const r = this.reply(request);
    if (r.notFound) throw new CommandNotFoundError(request.command);
    await r.effect?.(request);
    const lines = (r.lines ?? []).map((l) => redact(l, request.secrets));
    for (const line of lines) request.onLine?.(line);
    return { exitCode: r.exitCode ?? 0, tail: lines.slice(-TAIL_LINES) };
  }

  /** The subcommand of each call, e.g. ['login', 'build', 'push']. */
  subcommands(): string[] {
    return this.calls.map((c) => c.args[0]);
  }
}
