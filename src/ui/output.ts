// Where commands write: a small interface so services and tests can capture output instead of printing.
// Human text goes to stdout, warnings and progress to stderr, so `--json` output stays parseable.

export interface Output {
  /** A line of the command's result (stdout). */
  line(text: string): void;
  /** A warning the user should see (stderr), prefixed with ⚠. */
  warn(text: string): void;
  /** Progress or informational note (stderr). */
  info(text: string): void;
  /** A machine-readable result (stdout), printed as JSON. */
  json(value: unknown): void;
}

export function useColor(stream: NodeJS.WriteStream = process.stdout): boolean {
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') return false;
  if (process.env.FORCE_COLOR !== undefined && process.env.FORCE_COLOR !== '0') return true;
  return Boolean(stream.isTTY);
}

function paint(code: number, text: string, enabled: boolean): string {
  return enabled ? `\u001b[${code}m${text}\u001b[0m` : text;
}

export const colors = {
  red: (t: string, on = useColor(process.stderr)) => paint(31, t, on),
  yellow: (t: string, on = useColor(process.stderr)) => paint(33, t, on),
  green: (t: string, on = useColor(process.stdout)) => paint(32, t, on),
  dim: (t: string, on = useColor(process.stdout)) => paint(2, t, on),
  bold: (t: string, on = useColor(process.stdout)) => paint(1, t, on),
};

export class ConsoleOutput implements Output {
  line(text: string): void {
    process.stdout.write(text + '\n');
  }
  warn(text: string): void {
    process.stderr.write(colors.yellow('⚠ ') + text + '\n');
  }
  info(text: string): void {
    process.stderr.write(text + '\n');
  }
  json(value: unknown): void {
    process.stdout.write(JSON.stringify(value, null, 2) + '\n');
  }
}

/** Collects everything written; for tests. */
export class MemoryOutput implements Output {
  readonly lines: string[] = [];
  readonly warnings: string[] = [];
  readonly infos: string[] = [];
  readonly values: unknown[] = [];
  line(text: string): void {
    this.lines.push(text);
  }
  warn(text: string): void {
    this.warnings.push(text);
  }
  info(text: string): void {
    this.infos.push(text);
  }
  json(value: unknown): void {
    this.values.push(value);
  }
}
