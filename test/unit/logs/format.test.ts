// Stream names, the printed line (short task ID in a stable colour, error words highlighted), NO_COLOR, --json.
import { eventFormatter, highlightLevels, isErrorLine, taskColor } from '../../../src/logs/format';
import { parseStreamName, shortTaskId, streamSelector } from '../../../src/logs/streams';
import { useColor } from '../../../src/ui/output';

const TASK = '0f1e2d3c4b5a69788796a5b4c3d2e1f0';
const event = {
  timestamp: Date.parse('2026-05-01T12:00:00.123Z'),
  stream: `copilot/web/${TASK}`,
  message: 'GET / 200\n',
};
const ESC = '\u001b[';

describe('stream names', () => {
  it('reads container and task from awslogs streams, and App Runner instance streams', () => {
    expect(parseStreamName(`copilot/web/${TASK}`)).toEqual({ container: 'web', task: TASK });
    expect(parseStreamName('copilot/envoy/abc')).toEqual({ container: 'envoy', task: 'abc' });
    expect(parseStreamName('instance/7a8b9c')).toEqual({ container: '', task: '7a8b9c' });
    expect(parseStreamName('events')).toEqual({ container: '', task: 'events' });
    expect(shortTaskId(TASK)).toBe('0f1e2d3c');
  });

  it('selects by exact names, prefix and container', () => {
    expect(streamSelector({ prefix: 'copilot/' })('copilot/web/a')).toBe(true);
    expect(streamSelector({ prefix: 'copilot/' })('other/web/a')).toBe(false);
    expect(streamSelector({ container: 'web' })('copilot/envoy/a')).toBe(false);
    expect(streamSelector({ names: ['copilot/web/a'] })('copilot/web/b')).toBe(false);
  });
});

describe('text lines', () => {
  it('without colour: short task, container, time, message (trailing newline dropped)', () => {
    const line = eventFormatter({ json: false, color: false })(event);
    expect(line).toBe('0f1e2d3c web 2026-05-01T12:00:00.123Z GET / 200\n');
    expect(line).not.toContain(ESC);
  });

  it('keeps the prefix on every line of a multi-line event', () => {
    const line = eventFormatter({ json: false, color: false })({ ...event, message: 'Traceback:\n  at x\n  at y' });
    expect(line.split('\n').filter(Boolean)).toEqual([
      '0f1e2d3c web 2026-05-01T12:00:00.123Z Traceback:',
      '0f1e2d3c web 2026-05-01T12:00:00.123Z   at x',
      '0f1e2d3c web 2026-05-01T12:00:00.123Z   at y',
    ]);
  });

  it('colours the task ID, the same colour for the same task on every call', () => {
    const format = eventFormatter({ json: false, color: true });
    const line = format(event);
    expect(line.startsWith(`${ESC}${taskColor(TASK)}m0f1e2d3c${ESC}0m`)).toBe(true);
    expect(eventFormatter({ json: false, color: true })(event)).toBe(line);
    // Red is kept for errors.
    const colours = new Set(Array.from({ length: 200 }, (_, i) => taskColor(`task-${i}`)));
    expect(colours.has(31)).toBe(false);
    expect(colours.size).toBeGreaterThan(5);
  });

  it.each([
    'ERROR connection refused',
    'level=error msg="boom"',
    '{"level":"fatal","msg":"x"}',
    'panic: runtime error: index out of range',
    'java.lang.NullPointerException: x',
    'Traceback (most recent call last):',
    'TypeError: undefined is not a function',
  ])('highlights the error level in %p', (message) => {
    expect(isErrorLine(message)).toBe(true);
    expect(highlightLevels(message)).toContain(`${ESC}1;31m`);
  });

  it('leaves ordinary lines alone and marks warnings yellow', () => {
    expect(isErrorLine('GET /errors 200 (no errors)')).toBe(false);
    expect(highlightLevels('GET /errors 200')).toBe('GET /errors 200');
    expect(highlightLevels('WARN disk 91%')).toBe(`${ESC}33mWARN${ESC}0m disk 91%`);
  });

  it('NO_COLOR turns colour off even when FORCE_COLOR is set', () => {
    const saved = { NO_COLOR: process.env.NO_COLOR, FORCE_COLOR: process.env.FORCE_COLOR };
    try {
      process.env.FORCE_COLOR = '1';
      delete process.env.NO_COLOR;
      expect(useColor(process.stdout)).toBe(true);
      process.env.NO_COLOR = '1';
      expect(useColor(process.stdout)).toBe(false);
      const line = eventFormatter({ json: false, color: useColor(process.stdout) })({ ...event, message: 'ERROR x' });
      expect(line).not.toContain(ESC);
    } finally {
      for (const [k, v] of Object.entries(saved))
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
    }
  });
});

describe('--json', () => {
  it('prints one object per line with timestamp, stream, task, container, message', () => {
    const line = eventFormatter({ json: true, color: true })({ ...event, message: 'ERROR "quoted"\n' });
    expect(line.endsWith('\n')).toBe(true);
    expect(line.trimEnd()).not.toContain('\n');
    const parsed = JSON.parse(line);
    expect(Object.keys(parsed)).toEqual(['timestamp', 'stream', 'task', 'container', 'message']);
    expect(parsed).toEqual({
      timestamp: '2026-05-01T12:00:00.123Z',
      stream: `copilot/web/${TASK}`,
      task: TASK,
      container: 'web',
      message: 'ERROR "quoted"',
    });
  });
});
