// When a Scheduled Job runs next, from its EventBridge expression: `cron(...)` fields are evaluated in UTC (as
// EventBridge does); `rate(...)` counts from the last run, since a rate rule's phase is set by when it was
// created, which nothing reports. L, W and # (last day, weekday, nth weekday) are not evaluated: no next run.

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

interface FieldSpec {
  min: number;
  max: number;
  /** Names for values, the first for `min`. */
  names?: string[];
}

const FIELDS: FieldSpec[] = [
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 31 },
  { min: 1, max: 12, names: MONTHS },
  { min: 1, max: 7, names: DAYS },
  { min: 1970, max: 2199 },
];

/** The values a field allows; `any` for `*` and `?`; undefined when the field uses what is not evaluated. */
function parseField(text: string, spec: FieldSpec): Set<number> | 'any' | undefined {
  if (text === '*' || text === '?') return 'any';
  const value = (v: string): number => {
    const named = spec.names?.indexOf(v.toUpperCase()) ?? -1;
    return named >= 0 ? spec.min + named : /^\d+$/.test(v) ? Number(v) : NaN;
  };
  const values = new Set<number>();
  for (const part of text.split(',')) {
    const [range, stepText] = part.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    let from: number;
    let to: number;
    if (range === '*') [from, to] = [spec.min, spec.max];
    else if (range.includes('-')) [from, to] = range.split('-').map(value) as [number, number];
    else [from, to] = [value(range), stepText === undefined ? value(range) : spec.max];
    if (![from, to, step].every(Number.isFinite) || step < 1 || from < spec.min || to > spec.max) return undefined;
    for (let v = from; v <= to; v += step) values.add(v);
  }
  return values;
}

const allows = (field: Set<number> | 'any', v: number) => field === 'any' || field.has(v);

const MINUTE = 60_000;
const DAY = 86_400_000;
/** How far ahead to look; a year field can push a run further, which is then "not within 5 years". */
const HORIZON_DAYS = 5 * 366;

/** The first time after `now` that a 6-field EventBridge cron expression matches, or undefined. */
export function nextCronRun(fields: string, now: Date): Date | undefined {
  const parts = fields.trim().split(/\s+/);
  if (parts.length !== 6) return undefined;
  const parsed = parts.map((p, i) => parseField(p, FIELDS[i]));
  if (parsed.some((p) => p === undefined)) return undefined;
  const [minutes, hours, dom, month, dow, year] = parsed as (Set<number> | 'any')[];
  const sorted = (f: Set<number> | 'any', spec: FieldSpec) =>
    f === 'any'
      ? Array.from({ length: spec.max - spec.min + 1 }, (_, i) => spec.min + i)
      : [...f].sort((a, b) => a - b);
  const hourList = sorted(hours, FIELDS[1]);
  const minuteList = sorted(minutes, FIELDS[0]);
  const after = Math.floor(now.getTime() / MINUTE) * MINUTE + MINUTE;
  const firstDay = Math.floor(after / DAY) * DAY;
  for (let day = firstDay; day < firstDay + HORIZON_DAYS * DAY; day += DAY) {
    const d = new Date(day);
    if (!allows(year, d.getUTCFullYear()) || !allows(month, d.getUTCMonth() + 1)) continue;
    if (!allows(dom, d.getUTCDate()) || !allows(dow, d.getUTCDay() + 1)) continue;
    for (const h of hourList) {
      for (const m of minuteList) {
        const t = day + h * 3_600_000 + m * MINUTE;
        if (t >= after) return new Date(t);
      }
    }
  }
  return undefined;
}

const UNITS: Record<string, number> = { minute: MINUTE, hour: 60 * MINUTE, day: DAY };

/** The period of `rate(5 minutes)` in milliseconds. */
export function ratePeriod(expression: string): number | undefined {
  const m = expression.match(/^rate\(\s*(\d+)\s+(minute|hour|day)s?\s*\)$/i);
  return m ? Number(m[1]) * UNITS[m[2].toLowerCase()] : undefined;
}

/** The next run of a schedule expression, or undefined when it cannot be known. */
export function nextRun(expression: string | undefined, now: Date, lastStart?: Date): Date | undefined {
  if (!expression) return undefined;
  const cron = expression.match(/^cron\((.*)\)$/);
  if (cron) return nextCronRun(cron[1], now);
  const period = ratePeriod(expression);
  if (period === undefined || !lastStart) return undefined;
  const periods = Math.max(1, Math.ceil((now.getTime() - lastStart.getTime()) / period));
  return new Date(lastStart.getTime() + periods * period);
}
