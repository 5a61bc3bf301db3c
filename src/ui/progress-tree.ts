// The deploy progress tree a terminal shows: the stack at the root, its resources beneath it by their
// description and status, an ECS service's rollout under the service. A pure function of what the deploy has
// seen (events, descriptions, change set, rollouts) to lines, fitted to a width and a height; the redrawing lives
// in live-region.ts.
//
//   … shop-test-api  UPDATE_IN_PROGRESS  1/3 · 41s
//   ├─ ✔ An IAM role for the task (TaskRole)  UPDATE_COMPLETE
//   ├─ … An ECS service to run and maintain your tasks (Service)  UPDATE_IN_PROGRESS
//   │  └─ rollout: 1/2 running, 1 pending, 0 failed — IN_PROGRESS
//   └─ · TargetGroup (AWS::ElasticLoadBalancingV2::TargetGroup)  not started
import type { ResourceChange, StackEventRecord } from '../aws/cloudformation';
import { RolloutDeployment, rolloutSummary } from '../deploy/rollout';

export interface ProgressInput {
  stackName: string;
  /** The events of this operation, oldest first. */
  events: StackEventRecord[];
  /** Human descriptions by logical ID (template Metadata `mycopilot:description`). */
  descriptions: Record<string, string>;
  /** The change set: its resources are listed before they start. */
  changes?: ResourceChange[];
  /** The latest rollout of each ECS service, by logical ID. */
  rollouts?: Record<string, RolloutDeployment>;
}

export interface TreeOptions {
  /** Columns a line may take; longer lines end in `…`. Unlimited when undefined. */
  width?: number;
  /** Lines the tree may take; the resources that matter least fold into one line. Unlimited when undefined. */
  maxLines?: number;
  color?: boolean;
}

type Style = 'red' | 'green' | 'yellow' | 'dim' | 'bold';
interface Segment {
  text: string;
  style?: Style;
  /** Shortened first when the line is too wide (a resource's label, so that its status stays in view). */
  shrink?: boolean;
}
type Line = Segment[];

interface ResourceRow {
  logicalId: string;
  type: string;
  status?: string;
  reason?: string;
  action?: string;
  /** Index of the last event seen for it: recent rows are kept first when folding. */
  seen: number;
}

type Kind = 'failed' | 'active' | 'waiting' | 'done';

const STACK_TYPE = 'AWS::CloudFormation::Stack';

/** The tree as lines (with ANSI colors when `color`). */
export function renderProgressTree(input: ProgressInput, options: TreeOptions = {}): string[] {
  const { stack, rows } = collect(input);
  const failure = firstFailure(input.events, input.stackName);
  const done = rows.filter((r) => kindOf(r) === 'done').length;

  const root: Line = [
    { text: `${glyph(stack.status)} `, style: styleOf(stack.status) },
    { text: input.stackName, style: 'bold' },
  ];
  if (stack.status) root.push({ text: '  ' }, { text: stack.status, style: styleOf(stack.status) });
  const facts = [rows.length > 0 ? `${done}/${rows.length}` : '', elapsed(input.events)].filter(Boolean);
  if (facts.length > 0) root.push({ text: `  ${facts.join(' · ')}`, style: 'dim' });

  // Once the stack is done, the changes that never started (or that an emulator reported no events for) fold
  // into one line.
  const settled = stack.status !== undefined && !stack.status.endsWith('_IN_PROGRESS');
  const unstarted = settled ? rows.filter((r) => !r.status).length : 0;
  const blocks = rows
    .filter((r) => !settled || r.status)
    .map((row) => ({ row, kind: kindOf(row), lines: resourceLines(row, input) }));
  const footer: Line[] = failure
    ? [
        [
          { text: '✘ first failure: ', style: 'red' },
          {
            text: `${label(failure.logicalId, failure.type, input.descriptions)}: ${failure.reason ?? failure.status}`,
          },
        ],
      ]
    : [];

  // Fold what matters least when the tree is taller than allowed: failures first, then what is in progress,
  // then what has not started, then the most recently finished.
  let shown = blocks;
  let hidden: typeof blocks = [];
  const extra = unstarted > 0 ? 1 : 0;
  const total = 1 + footer.length + extra + blocks.reduce((n, b) => n + b.lines.length, 0);
  if (options.maxLines !== undefined && total > options.maxLines) {
    let budget = Math.max(0, options.maxLines - 1 - footer.length - extra - 1);
    const rank: Record<Kind, number> = { failed: 0, active: 1, waiting: 2, done: 3 };
    const order = [...blocks].sort((a, b) => rank[a.kind] - rank[b.kind] || b.row.seen - a.row.seen);
    const keep = new Set<(typeof blocks)[number]>();
    for (const b of order) {
      if (b.lines.length > budget) continue;
      keep.add(b);
      budget -= b.lines.length;
    }
    shown = blocks.filter((b) => keep.has(b));
    hidden = blocks.filter((b) => !keep.has(b));
  }

  const lines: Line[] = [root];
  const entries: Line[][] = shown.map((b) => b.lines);
  if (hidden.length > 0) entries.push([[{ text: `… ${hidden.length} more: ${countKinds(hidden)}`, style: 'dim' }]]);
  if (unstarted > 0) {
    const what = /(ROLLBACK|FAILED)/.test(stack.status ?? '') ? 'not started' : 'with no events reported';
    entries.push([[{ text: `· ${unstarted} more in the change set, ${what}`, style: 'dim' }]]);
  }
  entries.forEach((entry, i) => {
    const last = i === entries.length - 1;
    entry.forEach((line, j) => {
      const branch = j === 0 ? (last ? '└─ ' : '├─ ') : last ? '   ' : '│  ';
      lines.push([{ text: branch, style: 'dim' }, ...line]);
    });
  });
  lines.push(...footer);
  return lines.map((line) => paint(fit(line, options.width), Boolean(options.color)));
}

function collect(input: ProgressInput): { stack: { status?: string }; rows: ResourceRow[] } {
  const rows = new Map<string, ResourceRow>();
  for (const c of input.changes ?? []) {
    rows.set(c.logicalId, { logicalId: c.logicalId, type: c.type, action: c.action, seen: -1 });
  }
  let stackStatus: string | undefined;
  input.events.forEach((e, i) => {
    if (e.logicalId === input.stackName && e.type === STACK_TYPE) {
      stackStatus = e.status;
      return;
    }
    const row = rows.get(e.logicalId) ?? { logicalId: e.logicalId, type: e.type, seen: i };
    row.status = e.status;
    row.reason = e.reason;
    row.type = e.type || row.type;
    row.seen = i;
    rows.set(e.logicalId, row);
  });
  return { stack: { status: stackStatus }, rows: [...rows.values()] };
}

function resourceLines(row: ResourceRow, input: ProgressInput): Line[] {
  const status = row.status;
  const head: Line = [
    { text: `${glyph(status)} `, style: styleOf(status) },
    { text: label(row.logicalId, row.type, input.descriptions), shrink: true },
    { text: '  ' },
    status
      ? { text: status, style: styleOf(status) }
      : { text: row.action === 'Remove' ? 'to remove' : 'not started', style: 'dim' },
  ];
  if (status?.endsWith('_FAILED') && row.reason) head.push({ text: ` — ${row.reason}`, style: 'red' });
  const lines: Line[] = [head];
  if (row.type === STACK_TYPE) lines[0].splice(2, 0, { text: ' nested stack', style: 'dim' });
  const rollout = input.rollouts?.[row.logicalId];
  if (rollout) {
    const settled = !status?.endsWith('_IN_PROGRESS');
    const verdict = rollout.rolloutState;
    const style: Style | undefined =
      verdict === 'FAILED' ? 'red' : verdict === 'COMPLETED' ? 'green' : settled ? 'dim' : undefined;
    lines.push([
      { text: '└─ ', style: 'dim' },
      { text: `rollout: ${rolloutSummary(rollout)}`, style },
    ]);
  }
  return lines;
}

function label(logicalId: string, type: string, descriptions: Record<string, string>): string {
  const d = descriptions[logicalId];
  return d ? `${d} (${logicalId})` : type ? `${logicalId} (${type})` : logicalId;
}

function kindOf(row: ResourceRow): Kind {
  const s = row.status;
  if (!s) return 'waiting';
  if (s.endsWith('_FAILED')) return 'failed';
  if (s.endsWith('_IN_PROGRESS')) return 'active';
  return 'done';
}

function countKinds(blocks: { kind: Kind }[]): string {
  const names: Record<Kind, string> = { failed: 'failed', active: 'in progress', waiting: 'not started', done: 'done' };
  const counts = new Map<Kind, number>();
  for (const b of blocks) counts.set(b.kind, (counts.get(b.kind) ?? 0) + 1);
  return [...counts].map(([k, n]) => `${n} ${names[k]}`).join(', ');
}

function glyph(status: string | undefined): string {
  if (!status) return '·';
  if (status.endsWith('_FAILED')) return '✘';
  if (status.includes('ROLLBACK')) return '↺';
  if (status.endsWith('_IN_PROGRESS')) return '…';
  if (status.endsWith('_SKIPPED')) return '-';
  return '✔';
}

function styleOf(status: string | undefined): Style | undefined {
  if (!status) return 'dim';
  if (status.endsWith('_FAILED')) return 'red';
  if (status.includes('ROLLBACK')) return 'yellow';
  if (status.endsWith('_COMPLETE')) return 'green';
  if (status.endsWith('_SKIPPED')) return 'dim';
  return undefined;
}

/** Same rule as the deploy's error: the first failed resource, not a cancellation, else any failure. */
function firstFailure(events: StackEventRecord[], stackName: string): StackEventRecord | undefined {
  const failed = events.filter((e) => e.status.endsWith('_FAILED'));
  return (
    failed.find((e) => !/cancell?ed/i.test(e.reason ?? '') && e.type !== STACK_TYPE) ??
    failed.find((e) => e.logicalId !== stackName) ??
    failed[0]
  );
}

function elapsed(events: StackEventRecord[]): string {
  if (events.length < 2) return '';
  const ms = events[events.length - 1].timestamp.getTime() - events[0].timestamp.getTime();
  if (!(ms > 0)) return '';
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
}

/**
 * Fits a line in `width` columns (code points; the tree's own symbols are one column wide): the shrinkable
 * segment gives up its end first, down to a few characters, then the line is cut, ending in `…`.
 */
function fit(line: Line, width: number | undefined): Line {
  if (width === undefined) return line;
  const length = line.reduce((n, s) => n + [...s.text].length, 0);
  if (length <= width) return line;
  const i = line.findIndex((s) => s.shrink);
  if (i >= 0) {
    const chars = [...line[i].text];
    const keep = chars.length - (length - width) - 1;
    if (keep >= 12) {
      const shrunk = [...line];
      shrunk[i] = { ...line[i], text: `${chars.slice(0, keep).join('')}…` };
      return shrunk;
    }
  }
  const out: Line = [];
  let room = Math.max(0, width - 1);
  for (const s of line) {
    const chars = [...s.text];
    if (chars.length <= room) {
      out.push(s);
      room -= chars.length;
      continue;
    }
    if (room > 0) out.push({ text: chars.slice(0, room).join(''), style: s.style });
    break;
  }
  out.push({ text: '…', style: 'dim' });
  return out;
}

const SGR: Record<Style, number> = { red: 31, green: 32, yellow: 33, dim: 2, bold: 1 };

function paint(line: Line, color: boolean): string {
  return line.map((s) => (color && s.style && s.text ? `\u001b[${SGR[s.style]}m${s.text}\u001b[0m` : s.text)).join('');
}

/** Columns a painted line takes: its text without ANSI sequences. */
export function visibleWidth(text: string): number {
  // eslint-disable-next-line no-control-regex
  return [...text.replace(/\u001b\[[0-9;]*[A-Za-z]/g, '')].length;
}
