// Typed errors: every failure a user can cause or meet carries a code, an exit code and a hint,
// so the CLI can print one clear line instead of a stack trace.

/** Where in a file something went wrong (1-based line and column). */
export interface SourcePosition {
  file: string;
  line: number;
  column: number;
}

export function formatPosition(pos: SourcePosition): string {
  return `${pos.file}:${pos.line}:${pos.column}`;
}

export type ErrorCode =
  | 'USAGE' // a flag or argument is wrong
  | 'WORKSPACE' // no copilot/ directory, or it is malformed
  | 'FILE' // a file is missing or unreadable
  | 'MANIFEST' // a manifest does not parse or validate
  | 'RENDER' // a valid manifest cannot be rendered for the chosen environment
  | 'NOT_FOUND' // an app, environment or workload does not exist
  | 'AWS' // an AWS call failed
  | 'DEPLOY' // a deployment failed
  | 'IMAGE' // a container build or push failed
  | 'PLACEMENT' // a placement request is invalid or cannot be satisfied
  | 'INTERRUPTED';

export class MycopilotError extends Error {
  readonly code: ErrorCode;
  readonly exitCode: number;
  /** What the user can do about it; printed under the message. */
  readonly hint?: string;

  constructor(code: ErrorCode, message: string, options: { hint?: string; exitCode?: number; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'MycopilotError';
    this.code = code;
    this.exitCode = options.exitCode ?? 1;
    this.hint = options.hint;
  }
}

/** One problem found in a file, with its position. */
export interface Diagnostic {
  position: SourcePosition;
  /** Dotted path of the field, e.g. `http.healthcheck.interval`; empty for the whole document. */
  path: string;
  message: string;
}

export function formatDiagnostic(d: Diagnostic): string {
  return `${formatPosition(d.position)}: ${d.path ? `${d.path}: ` : ''}${d.message}`;
}

/** A manifest that does not parse or validate; carries every problem found, not only the first. */
export class ManifestError extends MycopilotError {
  readonly diagnostics: Diagnostic[];

  constructor(diagnostics: Diagnostic[], hint?: string) {
    super('MANIFEST', diagnostics.map(formatDiagnostic).join('\n'), { hint });
    this.name = 'ManifestError';
    this.diagnostics = diagnostics;
  }
}

export function usageError(message: string, hint?: string): MycopilotError {
  return new MycopilotError('USAGE', message, { hint, exitCode: 2 });
}
