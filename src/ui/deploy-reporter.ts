// How a deploy shows its progress. Not a TTY (CI, pipes): one plain line per step and event. A TTY: the
// same lines, plus a live block of the resources still in progress that is redrawn in place.
import { ResourceChange, StackEventRecord } from '../aws/cloudformation';
import { DeployReporter } from '../deploy/stack-deploy';
import { colors, useColor } from './output';

export interface ReporterStreams {
  write(text: string): void;
  isTTY: boolean;
}

const stderrStream: ReporterStreams = {
  write: (t) => process.stderr.write(t),
  get isTTY() {
    return Boolean(process.stderr.isTTY);
  },
};

function statusColor(status: string, text: string, on: boolean): string {
  if (status.endsWith('_FAILED')) return colors.red(text, on);
  if (status.includes('ROLLBACK')) return colors.yellow(text, on);
  if (status.endsWith('_COMPLETE')) return colors.green(text, on);
  return text;
}

export function changeSummary(changes: ResourceChange[]): string[] {
  if (changes.length === 0) return ['  (no resource changes)'];
  return changes.map((c) => {
    const mark = c.action === 'Add' ? '+' : c.action === 'Remove' ? '-' : '~';
    const replace =
      c.replacement === 'True' ? ' (replaced)' : c.replacement === 'Conditional' ? ' (may be replaced)' : '';
    return `  ${mark} ${c.logicalId} ${c.type}${replace}`;
  });
}

/** Plain lines, prefixed with the stack name when several stacks deploy at once. */
export class LineReporter implements DeployReporter {
  private readonly inProgress = new Map<string, string>();
  private drawn = 0;
  private readonly color: boolean;

  constructor(private readonly options: { prefix?: string; streams?: ReporterStreams; live?: boolean } = {}) {
    this.color = useColor(process.stderr);
  }

  private get streams(): ReporterStreams {
    return this.options.streams ?? stderrStream;
  }

  private get live(): boolean {
    return this.options.live ?? this.streams.isTTY;
  }

  private print(line: string): void {
    this.clearLive();
    this.streams.write(`${this.options.prefix ? `[${this.options.prefix}] ` : ''}${line}\n`);
    this.drawLive();
  }

  info(text: string): void {
    this.print(text);
  }

  changes(stackName: string, changes: ResourceChange[]): void {
    this.print(`Changes to ${stackName}:`);
    for (const line of changeSummary(changes)) this.print(line);
  }

  event(e: StackEventRecord, description?: string): void {
    const what = description ? `${description} (${e.logicalId})` : e.logicalId;
    const reason = e.reason && e.status.endsWith('_FAILED') ? ` — ${e.reason}` : '';
    this.print(`  ${statusColor(e.status, e.status.padEnd(28), this.color)} ${what}${reason}`);
    if (e.status.endsWith('_IN_PROGRESS')) this.inProgress.set(e.logicalId, what);
    else this.inProgress.delete(e.logicalId);
  }

  /** Ends the live block so later output starts on a clean line. */
  finish(): void {
    this.clearLive();
    this.inProgress.clear();
  }

  private clearLive(): void {
    if (!this.live || this.drawn === 0) return;
    this.streams.write(`\u001b[${this.drawn}A\u001b[J`);
    this.drawn = 0;
  }

  private drawLive(): void {
    if (!this.live || this.inProgress.size === 0) return;
    const lines = [...this.inProgress.values()].slice(0, 10).map((w) => colors.dim(`    … ${w}`, this.color));
    this.streams.write(lines.join('\n') + '\n');
    this.drawn = lines.length;
  }
}
