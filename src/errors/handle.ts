// Last line of defence: turns any error that reaches the top into one readable message and an exit code.
// A stack trace is printed only when DEBUG is set, and only for errors that are not the user's.
import { MycopilotError } from './index';

export function describeError(err: unknown): { text: string; exitCode: number } {
  if (err instanceof MycopilotError) {
    const lines = [`✘ ${err.message}`];
    if (err.hint) lines.push(`  ${err.hint}`);
    if (process.env.DEBUG && err.cause instanceof Error && err.cause.stack) lines.push(err.cause.stack);
    return { text: lines.join('\n'), exitCode: err.exitCode };
  }
  const e = err as { message?: string; oclif?: { exit?: number }; stack?: string; code?: string };
  // oclif's own parse errors (unknown flag, missing argument) are usage errors.
  if (e && e.oclif && typeof e.oclif.exit === 'number') {
    return { text: `✘ ${e.message ?? String(err)}`, exitCode: e.oclif.exit };
  }
  const text = process.env.DEBUG && e?.stack ? e.stack : `✘ ${e?.message ?? String(err)}\n  Set DEBUG=1 for details.`;
  return { text, exitCode: 1 };
}

export function handleFatal(err: unknown): void {
  const e = err as { oclif?: { exit?: number }; code?: string };
  // `this.exit(0)` and help output come through here as errors with exit 0.
  if (e && e.code === 'EEXIT' && e.oclif?.exit === 0) return;
  const { text, exitCode } = describeError(err);
  process.stderr.write(text + '\n');
  process.exitCode = exitCode;
}
