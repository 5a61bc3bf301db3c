// --watch: frames appended or redrawn in place, Ctrl-C ends the loop cleanly, failed refreshes are shown.
import { frameRows, watch, WatchOptions } from '../../../src/status/watch';
import { NOW } from './fixtures';

function harness(tty: boolean, values: (number | Error)[]) {
  const written: string[] = [];
  const sleeps: number[] = [];
  let interrupt: (() => void) | undefined;
  let removed = false;
  let i = 0;
  const options: WatchOptions<number> = {
    intervalMs: 5000,
    collect: async () => {
      const v = values[Math.min(i++, values.length - 1)];
      if (v instanceof Error) throw v;
      return v;
    },
    render: (v) => [`value ${v}`, 'second line'],
    renderError: (err) => [`failed: ${(err as Error).message}`],
    screen: { write: (t) => written.push(t), tty, columns: 80, rows: 24 },
    now: () => NOW,
    onInterrupt: (h) => {
      interrupt = h;
      return () => {
        removed = true;
      };
    },
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  };
  return { options, written, sleeps, interrupt: () => interrupt?.(), removed: () => removed };
}

describe('watch', () => {
  it('appends frames with a blank line between them when not on a terminal', async () => {
    const h = harness(false, [1, 2, 3]);
    const frames = await watch({ ...h.options, maxFrames: 3 });
    expect(frames).toBe(3);
    expect(h.written.join('')).toBe('value 1\nsecond line\n\nvalue 2\nsecond line\n\nvalue 3\nsecond line\n\n');
    expect(h.sleeps).toEqual([5000, 5000]);
    expect(h.removed()).toBe(true);
  });

  it('redraws in place on a terminal: up over the last frame, then clear to the end', async () => {
    const h = harness(true, [1, 2]);
    await watch({ ...h.options, maxFrames: 2 });
    expect(h.written).toEqual(['value 1\nsecond line\n', '\u001b[2A\r\u001b[Jvalue 2\nsecond line\n']);
  });

  it('clears the screen instead when the last frame was taller than the terminal', async () => {
    const h = harness(true, [1, 2]);
    await watch({ ...h.options, screen: { ...h.options.screen, rows: 2 }, maxFrames: 2 });
    expect(h.written[1]).toBe('\u001b[H\u001b[2Jvalue 2\nsecond line\n');
  });

  it('Ctrl-C during the wait ends the loop and returns normally', async () => {
    const h = harness(false, [1]);
    const frames = await watch({
      ...h.options,
      sleep: async (_ms, signal) => {
        h.interrupt();
        expect(signal.aborted).toBe(true);
      },
    });
    expect(frames).toBe(1);
    expect(h.removed()).toBe(true);
  });

  it('Ctrl-C during a refresh stops without waiting for it', async () => {
    const h = harness(false, [1]);
    let calls = 0;
    const frames = await watch({
      ...h.options,
      collect: () => {
        calls += 1;
        if (calls === 1) return Promise.resolve(1);
        h.interrupt();
        return new Promise<number>(() => undefined); // a request that never answers
      },
    });
    expect(frames).toBe(1);
  });

  it('a failed refresh is shown and the watch goes on; a failed first collection is thrown', async () => {
    const h = harness(false, [1, new Error('Rate exceeded'), 3]);
    await watch({ ...h.options, maxFrames: 3 });
    expect(h.written).toEqual(['value 1\nsecond line\n\n', 'failed: Rate exceeded\n\n', 'value 3\nsecond line\n\n']);
    const first = harness(false, [new Error('not deployed')]);
    await expect(watch(first.options)).rejects.toThrow('not deployed');
    expect(first.removed()).toBe(true);
  });

  it('counts wrapped lines as the rows they take', () => {
    expect(frameRows(['a'.repeat(100), '', 'b'], 80)).toBe(4);
    expect(frameRows(['\u001b[31mALARM\u001b[0m'], 5)).toBe(1);
  });
});
