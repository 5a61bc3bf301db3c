// `on.schedule` in EventBridge's terms. Presets become 6-field cron expressions, `@every` a rate, a standard
// 5-field cron expression gains the year field and the `?` EventBridge demands in the day-of-month or
// day-of-week field, and its day-of-week numbers move from 0-6 (Sunday = 0 or 7) to EventBridge's 1-7
// (Sunday = 1). rate(...) and cron(...) pass through. `none` has no schedule.
import { durationToMs } from '../../manifest/values';
import { RenderError } from '../inputs';

const PRESETS: Record<string, string> = {
  '@hourly': '0 * * * ? *',
  '@daily': '0 0 * * ? *',
  '@midnight': '0 0 * * ? *',
  '@weekly': '0 0 ? * 1 *',
  '@monthly': '0 0 1 * ? *',
  '@yearly': '0 0 1 1 ? *',
  '@annually': '0 0 1 1 ? *',
};

/** The EventBridge schedule expression, or undefined for `none`. */
export function scheduleExpression(schedule: string): string | undefined {
  const s = schedule.trim();
  if (s === 'none') return undefined;
  if (/^(rate|cron)\(.*\)$/.test(s)) return s;
  if (PRESETS[s]) return `cron(${PRESETS[s]})`;
  if (s.startsWith('@every ')) return rate(Math.round(durationToMs(s.slice('@every '.length).trim()) / 60_000));
  return `cron(${eventBridgeCron(s)})`;
}

/** A rate in the largest unit that divides the minutes. */
function rate(minutes: number): string {
  const unit = (n: number, word: string) => `rate(${n} ${word}${n === 1 ? '' : 's'})`;
  if (minutes % 1440 === 0) return unit(minutes / 1440, 'day');
  if (minutes % 60 === 0) return unit(minutes / 60, 'hour');
  return unit(minutes, 'minute');
}

const open = (field: string) => field === '*' || field === '?';

/** `m h dom mon dow` → `m h dom mon dow year` with EventBridge's `?` and day-of-week numbering. */
export function eventBridgeCron(cron: string): string {
  const [minute, hour, ...rest] = cron.trim().split(/\s+/);
  let [dom, , dow] = rest;
  const month = rest[1];
  if (!open(dow)) {
    if (!open(dom)) {
      // Standard cron runs when either matches; EventBridge cannot say that.
      throw new RenderError(
        ['on', 'schedule'],
        `"${cron}" restricts both the day of month and the day of week, which EventBridge cannot combine`,
        'keep one of the two fields as *',
      );
    }
    dom = '?';
    dow = eventBridgeDays(dow);
  } else {
    // Day of week unrestricted: the day of month decides (every day when it is unrestricted too).
    dow = '?';
    if (dom === '?') dom = '*';
  }
  return [minute, hour, dom, month, dow, '*'].join(' ');
}

const DAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

/** Day-of-week field in EventBridge numbering; steps (which EventBridge lacks there) become lists. */
function eventBridgeDays(field: string): string {
  const day = (v: string): number => {
    const named = DAY_NAMES.indexOf(v.toUpperCase());
    return named >= 0 ? named : Number(v) % 7;
  };
  return field
    .split(',')
    .map((part) => {
      const [range, step] = part.split('/');
      const [from, to] = range === '*' ? ['0', '6'] : range.split('-');
      if (step !== undefined) {
        const start = day(from);
        const end = to !== undefined ? day(to) : 6;
        const days: number[] = [];
        for (let d = start; d <= end; d += Number(step)) days.push(d + 1);
        return days.join(',');
      }
      const convert = (v: string) => (/^\d+$/.test(v) ? String(day(v) + 1) : v.toUpperCase());
      if (to === '7') {
        // "5-7" ends on Sunday, which EventBridge numbers first: list the days instead of a wrapping range.
        const days = new Set<number>();
        for (let d = day(from); d <= 7; d++) days.add((d % 7) + 1);
        return [...days].join(',');
      }
      return to === undefined ? convert(from) : `${convert(from)}-${convert(to)}`;
    })
    .join(',');
}
