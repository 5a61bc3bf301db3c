// Plain-text rendering of a preview: tasks and why, failures and which filter emptied the set, totals per AZ and
// per instance, notes. No colour and no terminal width assumptions, so it reads the same in CI logs.
import { PlacementResult, TaskFailure } from './result';
import { ScaleInResult } from './scale-in';

export interface RenderOptions {
  /** Rows of the per-instance table before it is cut short (default 50). */
  maxInstances?: number;
  /** Rows of the task table before it is cut short (default 200). */
  maxTasks?: number;
}

export function renderPlacement(result: PlacementResult, options: RenderOptions = {}): string {
  const s = result.summary;
  const out: string[] = [];
  out.push(`Placement preview: ${s.api} of ${s.taskDefinition}, task group ${s.group}, ${s.count} task(s)`);
  out.push(`Strategy: ${s.strategies.join(', ') || '(none)'}${s.defaultStrategy ? ' (default)' : ''}`);
  out.push(`Constraints: ${s.constraints.join(', ') || '(none)'}`);
  out.push(`Placed ${result.placedCount} of ${s.count} (engine ${s.engine}, seed ${s.seed})`);

  if (result.placements.length > 0) {
    const max = options.maxTasks ?? 200;
    out.push(
      '',
      ...table(
        ['TASK', 'INSTANCE', 'AZ', 'WHY'],
        result.placements.slice(0, max).map((p) => [String(p.task), p.ec2InstanceId, p.availabilityZone ?? '-', p.why]),
      ),
    );
    if (result.placements.length > max)
      out.push(`… ${result.placements.length - max} more placement(s); use --json for all`);
  }
  if (result.failures.length > 0) {
    out.push('', 'Not placed:', ...table(['TASKS', 'REASON', 'DETAIL'], groupFailures(result.failures)));
  }
  if (result.byAz.length > 0) {
    out.push(
      '',
      ...table(
        ['AZ', 'INSTANCES', 'PLACED', `${s.group} BEFORE`, 'AFTER'],
        result.byAz.map((a) => [
          a.availabilityZone,
          String(a.instances),
          String(a.placed),
          String(a.groupTasksBefore),
          String(a.groupTasksAfter),
        ]),
      ),
    );
  }
  if (result.byInstance.length > 0) {
    const max = options.maxInstances ?? 50;
    out.push(
      '',
      ...table(
        ['INSTANCE', 'AZ', 'PLACED', 'GROUP TASKS', 'CPU LEFT', 'MEMORY LEFT'],
        result.byInstance
          .slice(0, max)
          .map((i) => [
            i.ec2InstanceId,
            i.availabilityZone ?? '-',
            String(i.placed),
            String(i.groupTasks),
            String(i.remainingCpu),
            `${i.remainingMemory} MiB`,
          ]),
      ),
    );
    if (result.byInstance.length > max) out.push(`… ${result.byInstance.length - max} more instance(s) received tasks`);
  }
  out.push(...renderNotes(result.notes));
  return out.join('\n') + '\n';
}

export function renderScaleIn(result: ScaleInResult): string {
  const out = [
    `Scale-in preview: task group ${result.group}, strategy ${result.strategies.join(', ')}`,
    `Stops ${result.stops.length} task(s)`,
  ];
  if (result.stops.length > 0) {
    out.push(
      '',
      ...table(
        ['ORDER', 'INSTANCE', 'AZ', 'TASK', 'WHY'],
        result.stops.map((s) => [String(s.order), s.ec2InstanceId, s.availabilityZone ?? '-', s.taskArn, s.why]),
      ),
    );
  }
  out.push(...renderNotes(result.notes));
  return out.join('\n') + '\n';
}

function renderNotes(notes: string[]): string[] {
  return notes.length === 0 ? [] : ['', 'Notes:', ...notes.map((n) => `  - ${n}`)];
}

/** Consecutive failures with the same reason and detail become one row (`3-9`). */
function groupFailures(failures: TaskFailure[]): string[][] {
  const rows: string[][] = [];
  let start = 0;
  for (let i = 1; i <= failures.length; i++) {
    const a = failures[start];
    const b = failures[i];
    if (b && b.reason === a.reason && b.detail === a.detail && b.task === failures[i - 1].task + 1) continue;
    const last = failures[i - 1].task;
    rows.push([a.task === last ? String(a.task) : `${a.task}-${last}`, a.reason, a.detail]);
    start = i;
  }
  return rows;
}

/** Left-aligned columns separated by two spaces; the last column is not padded. */
export function table(headers: string[], rows: string[][]): string[] {
  const widths = headers.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: string[]): string =>
    cells
      .map((cell, c) => (c === cells.length - 1 ? cell : cell.padEnd(widths[c])))
      .join('  ')
      .trimEnd();
  return [line(headers), ...rows.map(line)];
}
