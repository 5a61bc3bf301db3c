// Scheduled Job: an ECS task started on a schedule by EventBridge, through a Step Functions state machine
// that applies the timeout and the retries.
import { z } from 'zod';
import { duration, DURATION_PATTERN } from './primitives';
import { durationToMs } from '../values';
import { ALWAYS, checkImageSource, imageShape, issue } from './workload-common';
import { ecsWorkloadShape, jobNetwork } from './workload-ecs';
import { checkEcsWorkload } from './workload-rules';

const PRESETS = ['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly'];
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

/** Standard cron fields as Copilot parsed them (robfig/cron): minute, hour, day of month, month, day of week. */
const CRON_FIELDS: { name: string; min: number; max: number; names?: string[]; offset?: number }[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: MONTHS, offset: 1 },
  { name: 'day of week', min: 0, max: 6, names: DAYS, offset: 0 },
];

/** Whether one field of a 5-field cron expression is valid: lists of `*`, `?`, n or n-m, each with an optional /step. */
function cronFieldValid(text: string, f: (typeof CRON_FIELDS)[number]): boolean {
  const value = (v: string): number | undefined => {
    if (/^\d+$/.test(v)) return Number(v);
    const i = f.names?.indexOf(v.toUpperCase()) ?? -1;
    return i >= 0 ? i + (f.offset ?? 0) : undefined;
  };
  return text.split(',').every((part) => {
    const m = /^([^/]+)(?:\/(\d+))?$/.exec(part);
    if (!m || (m[2] !== undefined && Number(m[2]) === 0)) return false;
    if (m[1] === '*' || m[1] === '?') return true;
    const [from, to, ...rest] = m[1].split('-');
    const lo = value(from);
    const hi = to === undefined ? lo : value(to);
    return rest.length === 0 && lo !== undefined && hi !== undefined && lo >= f.min && hi <= f.max && lo <= hi;
  });
}

const SCHEDULE_FORMS =
  'expected @hourly, @daily, @weekly, @monthly, @yearly, "@every <duration>", "rate(<n> <unit>)", ' +
  'a cron expression ("0 9 * * MON-FRI" or "cron(0 9 ? * MON-FRI *)") or none';

/** Why a schedule is invalid, or undefined when it is valid. */
function scheduleProblem(schedule: string): string | undefined {
  const s = schedule.trim();
  if (s === 'none' || PRESETS.includes(s)) return undefined;
  if (s.startsWith('@every ')) {
    const d = s.slice('@every '.length).trim();
    if (!DURATION_PATTERN.test(d)) return `"${d}" is not a duration such as 30m or 1h30m`;
    const ms = durationToMs(d);
    if (ms < 60_000) return '@every needs at least 1m';
    if (ms % 60_000 !== 0) return '@every takes whole minutes (EventBridge rates count minutes)';
    return undefined;
  }
  if (s.startsWith('@')) return `unknown preset "${s}": ${SCHEDULE_FORMS}`;
  const rate = /^rate\((.*)\)$/.exec(s);
  if (rate) {
    const m = /^\s*(\d+)\s+(minute|minutes|hour|hours|day|days)\s*$/.exec(rate[1]);
    if (!m || Number(m[1]) === 0) return 'expected rate(<n> <unit>) with n > 0 and a unit of minutes, hours or days';
    const one = Number(m[1]) === 1;
    if (one !== !m[2].endsWith('s')) return `write rate(${m[1]} ${one ? m[2].replace(/s$/, '') : m[2] + 's'})`;
    return undefined;
  }
  const cron = /^cron\((.*)\)$/.exec(s);
  if (cron) {
    const fields = cron[1].trim().split(/\s+/);
    if (fields.length !== 6)
      return `cron(...) takes 6 fields (minute hour day-of-month month day-of-week year), got ${fields.length}`;
    if (fields[2] !== '?' && fields[4] !== '?') return 'in cron(...), day-of-month or day-of-week must be "?"';
    return undefined;
  }
  const fields = s.split(/\s+/);
  if (fields.length !== 5) return SCHEDULE_FORMS;
  for (let i = 0; i < 5; i++) {
    if (!cronFieldValid(fields[i], CRON_FIELDS[i])) return `"${fields[i]}" is not a valid ${CRON_FIELDS[i].name} field`;
  }
  const restricted = (f: string) => !/[*?]/.test(f);
  if (restricted(fields[2]) && restricted(fields[4]))
    return 'a cron expression cannot set both the day of month and the day of week';
  return undefined;
}

const schedule = z
  .string()
  .superRefine((value, ctx) => {
    const problem = scheduleProblem(value);
    if (problem) issue(ctx, [], problem);
  })
  .describe(
    'When the job runs: @hourly, @daily (@midnight), @weekly, @monthly, @yearly (@annually), "@every 1h30m", ' +
      '"rate(5 minutes)", a standard 5-field cron expression in UTC ("0 9 * * MON-FRI"), an EventBridge ' +
      '"cron(0 9 ? * MON-FRI *)", or none to disable the trigger.',
  );

const jobTimeout = duration
  .superRefine((value, ctx) => {
    if (!DURATION_PATTERN.test(value)) return;
    const ms = durationToMs(value);
    if (ms < 1000) issue(ctx, [], 'the timeout must be at least 1s');
    else if (ms % 1000 !== 0) issue(ctx, [], 'the timeout takes whole seconds');
  })
  .describe('Stop the job and count it as failed after this long, e.g. 1h30m. Default: no timeout.');

export const scheduledJobSchema = z
  .object({
    ...ecsWorkloadShape,
    type: z.literal('Scheduled Job').describe('An ECS task that runs on a schedule.'),
    on: z.object({ schedule }).describe('What triggers the job.'),
    ...z
      .object({
        image: z
          .object(z.object(imageShape).partial().shape)
          .superRefine(checkImageSource)
          .describe('The main container: its image, health check and labels.'),
        retries: z.number().int().min(0).describe('Times to retry a failed run before giving up. Default 0.'),
        timeout: jobTimeout,
        network: jobNetwork,
      })
      .partial().shape,
  })
  .superRefine((value, ctx) => checkEcsWorkload(value, ctx), ALWAYS)
  .describe('Manifest of a Scheduled Job.');
