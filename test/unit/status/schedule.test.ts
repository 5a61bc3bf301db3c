// Next runs of EventBridge schedule expressions, in UTC.
import { nextCronRun, nextRun, ratePeriod } from '../../../src/status/schedule';
import { scheduleExpression } from '../../../src/stack/workload/schedule';

const at = (iso: string) => new Date(iso);
const next = (fields: string, now: string) => nextCronRun(fields, at(now))?.toISOString();

describe('nextCronRun', () => {
  it('daily and hourly expressions', () => {
    expect(next('0 0 * * ? *', '2026-11-28T12:00:00Z')).toBe('2026-11-29T00:00:00.000Z');
    expect(next('0 * * * ? *', '2026-11-28T12:00:00Z')).toBe('2026-11-28T13:00:00.000Z');
    expect(next('*/15 * * * ? *', '2026-11-28T12:07:30Z')).toBe('2026-11-28T12:15:00.000Z');
  });

  it('is strictly after now, even at the exact minute', () => {
    expect(next('0 12 * * ? *', '2026-11-28T12:00:00Z')).toBe('2026-11-29T12:00:00.000Z');
  });

  it('days of the week are 1-7 from Sunday, or names; ranges and lists', () => {
    // 2026-11-28 is a Saturday.
    expect(next('30 8 ? * 2 *', '2026-11-28T12:00:00Z')).toBe('2026-11-30T08:30:00.000Z');
    expect(next('30 8 ? * SUN *', '2026-11-28T12:00:00Z')).toBe('2026-11-29T08:30:00.000Z');
    expect(next('0 9 ? * MON-FRI *', '2026-11-30T10:00:00Z')).toBe('2026-12-01T09:00:00.000Z');
    expect(next('0 9,17 ? * 7 *', '2026-11-28T12:00:00Z')).toBe('2026-11-28T17:00:00.000Z');
  });

  it('days of the month, months by name, years', () => {
    expect(next('0 0 1 * ? *', '2026-11-28T12:00:00Z')).toBe('2026-12-01T00:00:00.000Z');
    expect(next('0 6 15 JAN ? *', '2026-11-28T12:00:00Z')).toBe('2027-01-15T06:00:00.000Z');
    expect(next('0 0 29 2 ? *', '2026-11-28T12:00:00Z')).toBe('2028-02-29T00:00:00.000Z');
    expect(next('0 0 1 1 ? 2030', '2026-11-28T12:00:00Z')).toBe('2030-01-01T00:00:00.000Z');
    expect(next('0 0 1 1 ? 2020', '2026-11-28T12:00:00Z')).toBeUndefined();
  });

  it('does not guess L, W and # (last day, nearest weekday, nth weekday)', () => {
    expect(next('0 0 L * ? *', '2026-11-28T12:00:00Z')).toBeUndefined();
    expect(next('0 0 15W * ? *', '2026-11-28T12:00:00Z')).toBeUndefined();
    expect(next('0 0 ? * 2#1 *', '2026-11-28T12:00:00Z')).toBeUndefined();
    expect(next('0 0 * *', '2026-11-28T12:00:00Z')).toBeUndefined();
    expect(next('61 0 * * ? *', '2026-11-28T12:00:00Z')).toBeUndefined();
  });

  it('agrees with the expressions the job builder renders from manifests', () => {
    const now = at('2026-11-28T12:00:00Z');
    const fromManifest = (schedule: string) => nextRun(scheduleExpression(schedule), now)?.toISOString();
    expect(fromManifest('@daily')).toBe('2026-11-29T00:00:00.000Z');
    expect(fromManifest('@weekly')).toBe('2026-11-29T00:00:00.000Z');
    expect(fromManifest('0 9 * * 1')).toBe('2026-11-30T09:00:00.000Z');
    expect(fromManifest('0 9 * * 0')).toBe('2026-11-29T09:00:00.000Z');
    expect(fromManifest('@monthly')).toBe('2026-12-01T00:00:00.000Z');
  });
});

describe('rates', () => {
  it('count from the last run; without one the next run is unknown', () => {
    expect(ratePeriod('rate(5 minutes)')).toBe(300_000);
    expect(ratePeriod('rate(1 day)')).toBe(86_400_000);
    const now = at('2026-11-28T12:00:00Z');
    expect(nextRun('rate(1 hour)', now, at('2026-11-28T11:20:00Z'))?.toISOString()).toBe('2026-11-28T12:20:00.000Z');
    // Missed runs (the job was slow, or the last listed run is old) roll forward to the next slot.
    expect(nextRun('rate(1 hour)', now, at('2026-11-28T08:20:00Z'))?.toISOString()).toBe('2026-11-28T12:20:00.000Z');
    expect(nextRun('rate(1 hour)', now)).toBeUndefined();
    expect(nextRun(undefined, now)).toBeUndefined();
  });
});
