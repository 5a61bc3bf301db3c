// Flags → LogQuery: windows, limits, and one-line errors that name the flag and say what would be right.
import { buildQuery, DEFAULT_LIMIT, parseDuration, parseTime } from '../../../src/logs/query';
import { MycopilotError } from '../../../src/errors';

const NOW = Date.parse('2026-05-01T12:00:00Z');

function usage(fn: () => unknown): MycopilotError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(MycopilotError);
    expect((err as MycopilotError).exitCode).toBe(2);
    expect((err as MycopilotError).message).not.toContain('\n');
    return err as MycopilotError;
  }
  throw new Error('expected a usage error');
}

describe('durations and times', () => {
  it.each([
    ['30s', 30_000],
    ['5m', 300_000],
    ['1h', 3_600_000],
    ['2d', 172_800_000],
    ['1h30m', 5_400_000],
  ])('--since %s is %d ms', (text, ms) => expect(parseDuration('since', text)).toBe(ms));

  it.each(['1', '1x', '-5m', 'h', '0s', '1.5h', ''])('--since %p is refused with the accepted forms', (text) => {
    expect(usage(() => parseDuration('since', text)).message).toBe(
      `--since "${text}": expected a duration such as 30s, 5m, 1h or 2d`,
    );
  });

  it('reads RFC3339 times with Z, offsets and fractions', () => {
    expect(parseTime('start-time', '2026-05-01T10:00:00Z')).toBe(Date.parse('2026-05-01T10:00:00Z'));
    expect(parseTime('start-time', '2026-05-01T12:00:00+02:00')).toBe(Date.parse('2026-05-01T10:00:00Z'));
    expect(parseTime('start-time', '2026-05-01T10:00:00.250Z')).toBe(Date.parse('2026-05-01T10:00:00.250Z'));
  });

  it.each(['yesterday', '2026-05-01', '2026-05-01T10:00:00', '2026-02-30T10:00:00Z', '2026-05-01T25:00:00Z'])(
    '--start-time %p is refused, naming RFC3339',
    (text) => {
      expect(usage(() => parseTime('start-time', text)).message).toMatch(
        new RegExp(`^--start-time "${text}": expected an RFC3339 time such as 2024-05-01T12:00:00Z`),
      );
    },
  );
});

describe('buildQuery', () => {
  it('without a time flag, prints the newest 10 events', () => {
    expect(buildQuery({}, NOW)).toMatchObject({ limit: DEFAULT_LIMIT, startTime: undefined, follow: false });
    expect(buildQuery({ follow: true }, NOW)).toMatchObject({ limit: 10, follow: true });
  });

  it('with a time flag, prints the whole window unless --limit says otherwise', () => {
    expect(buildQuery({ since: '1h' }, NOW)).toMatchObject({ startTime: NOW - 3_600_000, limit: undefined });
    expect(buildQuery({ since: '1h', limit: '50' }, NOW)).toMatchObject({ limit: 50 });
    expect(buildQuery({ 'end-time': '2026-05-01T11:00:00Z' }, NOW)).toMatchObject({
      endTime: Date.parse('2026-05-01T11:00:00Z'),
      limit: undefined,
    });
  });

  it('splits --tasks and keeps the other selectors', () => {
    expect(
      buildQuery({ tasks: 'a1b2c3d4, 5e6f7a8b,a1b2c3d4', container: 'envoy', filter: 'ERROR', json: true }, NOW),
    ).toMatchObject({ tasks: ['a1b2c3d4', '5e6f7a8b'], container: 'envoy', filter: 'ERROR', json: true });
  });

  it('job logs show the latest run unless something else picks what to show', () => {
    expect(buildQuery({}, NOW, 'job')).toMatchObject({ last: 1, limit: undefined });
    expect(buildQuery({ last: '3' }, NOW, 'job')).toMatchObject({ last: 3, limit: undefined });
    expect(buildQuery({ since: '1h' }, NOW, 'job')).toMatchObject({ last: undefined });
    expect(buildQuery({ limit: '20' }, NOW, 'job')).toMatchObject({ last: undefined, limit: 20 });
  });

  it.each([
    [{ limit: '0' }, '--limit "0": expected a whole number from 1 to 10,000'],
    [{ limit: 'ten' }, '--limit "ten": expected a whole number from 1 to 10,000'],
    [{ last: '500' }, '--last "500": expected a whole number from 1 to 100'],
    [{ since: '1h', 'start-time': '2026-05-01T10:00:00Z' }, '--since and --start-time cannot be used together'],
    [{ follow: true, 'end-time': '2026-05-01T10:00:00Z' }, '--follow and --end-time cannot be used together'],
    [{ previous: true, tasks: 'abc' }, '--previous and --tasks cannot be used together'],
    [{ previous: true, follow: true }, '--previous and --follow cannot be used together'],
    [{ tasks: 'a b' }, '--tasks "a b": expected task IDs separated by commas'],
    [{ tasks: ',' }, '--tasks ",": expected task IDs separated by commas'],
    [{ container: 'a/b' }, '--container "a/b": expected a container name'],
    [{ 'log-group': 'app' }, '--log-group "app": expected application or system'],
    [{ filter: ' ' }, '--filter "": expected a CloudWatch Logs filter pattern'],
    [
      { 'start-time': '2026-05-01T10:00:00Z', 'end-time': '2026-05-01T09:00:00Z' },
      '--end-time "2026-05-01T09:00:00Z": ends before the window starts (2026-05-01T10:00:00.000Z)',
    ],
  ])('%p is a one-line usage error', (flags, message) => {
    expect(usage(() => buildQuery(flags, NOW)).message).toContain(message);
  });
});
