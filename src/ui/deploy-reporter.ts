// How a deploy shows its progress. Not a TTY (CI, pipes) or TERM=dumb: one plain line per step and event. A TTY:
// the steps as lines, and the stack's resources as a tree redrawn in place below them (progress-tree.ts), with an
// ECS service's rollout under the service; when the stack is done the final tree is printed once, so the
// scrollback keeps it.
import { ResourceChange, StackEventRecord } from '../aws/cloudformation';
import { RolloutDeployment, rolloutLine, RolloutReporter } from '../deploy/rollout';
import { DeployReporter } from '../deploy/stack-deploy';
import { liveRegion, LiveRegion } from './live-region';
import { colors, useColor } from './output';
import { renderProgressTree } from './progress-tree';

export interface ReporterStreams {
  write(text: string): void;
  isTTY: boolean;
  /** Terminal size, for the live tree; 80x24 when unknown. */
  columns?: number;
  rows?: number;
}

const stderrStream: ReporterStreams = {
  write: (t) => process.stderr.write(t),
  get isTTY() {
    return Boolean(process.stderr.isTTY);
  },
  get columns() {
    return process.stderr.columns;
  },
  get rows() {
    return process.stderr.rows;
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

/** Plain lines (prefixed with the stack name when given), or on a terminal the live progress tree. */
export class LineReporter implements DeployReporter, RolloutReporter {
  private readonly color: boolean;
  private stackName: string | undefined;
  private events: StackEventRecord[] = [];
  private descriptions: Record<string, string> = {};
  private changeSet: ResourceChange[] = [];
  private rollouts: Record<string, RolloutDeployment> = {};

  constructor(private readonly options: { prefix?: string; streams?: ReporterStreams; live?: boolean } = {}) {
    this.color = useColor(process.stderr);
  }

  private get streams(): ReporterStreams {
    return this.options.streams ?? stderrStream;
  }

  private get live(): boolean {
    return this.options.live ?? (this.streams.isTTY && process.env.TERM !== 'dumb');
  }

  private get region(): LiveRegion {
    // Writes of this process to the same terminal go above the tree, not into it.
    const shared = this.options.streams ? [] : [process.stdout, process.stderr].filter((s) => s.isTTY);
    return liveRegion(this.streams, shared);
  }

  private print(line: string): void {
    const text = `${this.options.prefix ? `[${this.options.prefix}] ` : ''}${line}`;
    if (this.live) this.region.print([text]);
    else this.streams.write(`${text}\n`);
  }

  info(text: string): void {
    this.print(text);
  }

  changes(stackName: string, changes: ResourceChange[]): void {
    this.print(`Changes to ${stackName}:`);
    for (const line of changeSummary(changes)) this.print(line);
    this.stackName = stackName;
    this.changeSet = changes;
  }

  event(e: StackEventRecord, description?: string): void {
    if (!this.live) {
      const what = description ? `${description} (${e.logicalId})` : e.logicalId;
      const reason = e.reason && e.status.endsWith('_FAILED') ? ` — ${e.reason}` : '';
      this.print(`  ${statusColor(e.status, e.status.padEnd(28), this.color)} ${what}${reason}`);
      return;
    }
    this.events.push(e);
    if (description) this.descriptions[e.logicalId] = description;
    this.stackName ??= e.type === 'AWS::CloudFormation::Stack' ? e.logicalId : this.options.prefix;
    this.redraw();
  }

  /** An ECS service's rollout: a line, or on a terminal a branch under the service. */
  rollout(logicalId: string, deployment: RolloutDeployment): void {
    if (!this.live) {
      this.print(rolloutLine(deployment));
      return;
    }
    this.rollouts[logicalId] = { ...deployment };
    if (this.events.length > 0) this.redraw();
  }

  /** Ends the live tree, leaving the final one in the scrollback. */
  finish(): void {
    if (!this.live) return;
    const final = this.events.length > 0 ? renderProgressTree(this.input(), { color: this.color }) : [];
    this.region.remove(this, final);
    this.events = [];
    this.descriptions = {};
    this.changeSet = [];
    this.rollouts = {};
  }

  private redraw(): void {
    this.region.set(this, ({ width, maxLines }) =>
      renderProgressTree(this.input(), { width, maxLines, color: this.color }),
    );
  }

  private input() {
    return {
      stackName: this.stackName ?? this.options.prefix ?? '',
      events: this.events,
      descriptions: this.descriptions,
      changes: this.changeSet,
      rollouts: this.rollouts,
    };
  }
}
