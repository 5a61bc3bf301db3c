// Flags of `svc logs` / `job logs` → a LogQuery. Pure: every wrong flag becomes a one-line usage error that
// names the flag and says what would be right, before any AWS call is made.
import { usageError } from '../errors';

export interface LogQuery {
  /** Window start (ms since epoch), inclusive; none means "from the beginning of the log group". */
  startTime?: number;
  /** Window end (ms since epoch), inclusive; none means "up to now". */
  endTime?: number;
  /** Print only the newest N events of the window (like `tail -n`). */
  limit?: number;
  follow: boolean;
  /** Task IDs, or their starts (the short IDs printed in front of each line). */
  tasks: string[];
  previous: boolean;
  container?: string;
  /** CloudWatch Logs filter pattern, passed through unchanged. */
  filter?: string;
  json: boolean;
  /** App Runner: `application` (default) or `system`; or an explicit log group name. */
  logGroup?: string;
  /** job logs: how many of the latest executions. */
  last?: number;
}

export interface LogFlags {
  since?: string;
  'start-time'?: string;
  'end-time'?: string;
  limit?: string;
  follow?: boolean;
  tasks?: string;
  previous?: boolean;
  container?: string;
  filter?: string;
  json?: boolean;
  'log-group'?: string;
  last?: string;
}

/** Without a time window, only the newest events are printed: a busy log group holds millions. */
export const DEFAULT_LIMIT = 10;
/** The newest N events are held in memory until the window has been read, so N is bounded. */
export const MAX_LIMIT = 10_000;
/** `job logs --last`: Step Functions lists executions 1,000 at a time; more is never what anyone wants. */
export const MAX_EXECUTIONS = 100;

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `30s`, `5m`, `1h`, `2d`, or a sum of them such as `1h30m`. */
export function parseDuration(flag: string, text: string): number {
  const trimmed = text.trim();
  if (/^(\d+[smhd])+$/.test(trimmed)) {
    let ms = 0;
    for (const [, n, unit] of trimmed.matchAll(/(\d+)([smhd])/g)) ms += Number(n) * UNIT_MS[unit];
    if (ms > 0) return ms;
  }
  throw usageError(`--${flag} "${text}": expected a duration such as 30s, 5m, 1h or 2d`);
}

// RFC 3339: a full date, a time and a zone (Z or ±hh:mm), fractional seconds optional.
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

export function parseTime(flag: string, text: string): number {
  const m = RFC3339.exec(text.trim());
  if (m) {
    const [y, mo, d, h, mi, sec] = m.slice(1, 7).map(Number);
    const daysInMonth = new Date(Date.UTC(y, mo, 0)).getUTCDate();
    // Date.parse would roll 2024-02-31 over into March instead of refusing it.
    if (mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth && h < 24 && mi < 60 && sec < 60)
      return Date.parse(text.trim().replace(' ', 'T'));
  }
  throw usageError(
    `--${flag} "${text}": expected an RFC3339 time such as 2024-05-01T12:00:00Z or 2024-05-01T14:00:00+02:00`,
  );
}

function parseCount(flag: string, text: string, max: number): number {
  if (!/^\d+$/.test(text.trim()) || Number(text) < 1 || Number(text) > max)
    throw usageError(`--${flag} "${text}": expected a whole number from 1 to ${max.toLocaleString('en-US')}`);
  return Number(text);
}

function parseTasks(text: string): string[] {
  const ids = text
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
  // Full ECS task IDs are 32 hex digits; older ones are UUIDs. Starts of them are fine.
  if (ids.length === 0 || ids.some((id) => !/^[A-Za-z0-9-]+$/.test(id)))
    throw usageError(`--tasks "${text}": expected task IDs separated by commas, such as 1a2b3c4d,5e6f7a8b`);
  return [...new Set(ids)];
}

function exclusive(flags: LogFlags, a: keyof LogFlags, b: keyof LogFlags, why: string): void {
  if (flags[a] !== undefined && flags[a] !== false && flags[b] !== undefined && flags[b] !== false)
    throw usageError(`--${a} and --${b} cannot be used together: ${why}`);
}

/** `kind: 'job'`: with nothing else to choose by, `job logs` shows the latest execution (`--last 1`). */
export function buildQuery(flags: LogFlags, now: number, kind: 'service' | 'job' = 'service'): LogQuery {
  exclusive(flags, 'since', 'start-time', 'both set where the window starts');
  exclusive(flags, 'follow', 'end-time', '--follow prints events as they arrive, with no end');
  exclusive(flags, 'previous', 'tasks', '--previous picks the task itself');
  exclusive(flags, 'previous', 'follow', 'a stopped task writes no more logs');
  exclusive(flags, 'last', 'tasks', '--last picks the tasks of the latest executions');
  exclusive(flags, 'last', 'previous', '--last picks the tasks of the latest executions');

  const startTime =
    flags.since !== undefined
      ? now - parseDuration('since', flags.since)
      : flags['start-time'] !== undefined
        ? parseTime('start-time', flags['start-time'])
        : undefined;
  const endTime = flags['end-time'] !== undefined ? parseTime('end-time', flags['end-time']) : undefined;
  if (startTime !== undefined && endTime !== undefined && endTime < startTime)
    throw usageError(
      `--end-time "${flags['end-time']}": ends before the window starts (${new Date(startTime).toISOString()})`,
    );
  const chosen = startTime !== undefined || endTime !== undefined || flags.tasks !== undefined || flags.previous;
  const last =
    flags.last !== undefined
      ? parseCount('last', flags.last, MAX_EXECUTIONS)
      : kind === 'job' && !chosen && flags.limit === undefined
        ? 1
        : undefined;
  // An execution is a window of its own: a job run's logs are read whole.
  const windowed = startTime !== undefined || endTime !== undefined || last !== undefined;
  const limit =
    flags.limit !== undefined ? parseCount('limit', flags.limit, MAX_LIMIT) : windowed ? undefined : DEFAULT_LIMIT;
  if (flags.container !== undefined && !/^[A-Za-z0-9_-]{1,255}$/.test(flags.container))
    throw usageError(`--container "${flags.container}": expected a container name (letters, digits, - and _)`);
  if (flags.filter !== undefined && flags.filter.trim() === '')
    throw usageError(
      '--filter "": expected a CloudWatch Logs filter pattern such as ERROR or "{ $.level = \\"error\\" }"',
    );
  if (flags['log-group'] !== undefined && !/^(application|system|\/\S+)$/.test(flags['log-group']))
    throw usageError(
      `--log-group "${flags['log-group']}": expected application or system (App Runner), or a log group name starting with /`,
    );

  return {
    startTime,
    endTime,
    limit,
    follow: Boolean(flags.follow),
    tasks: flags.tasks !== undefined ? parseTasks(flags.tasks) : [],
    previous: Boolean(flags.previous),
    container: flags.container,
    filter: flags.filter,
    json: Boolean(flags.json),
    logGroup: flags['log-group'],
    last,
  };
}
