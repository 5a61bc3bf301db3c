// --follow: polling re-reads the window's last seconds and prints each event once (none twice at the edge, late
// ones once); Live Tail hands over to the history and to polling without gaps or repeats; Ctrl-C ends it.
import type { LogEvent } from '../../../src/logs/event';
import { followEdge, readAndFollow } from '../../../src/logs/follow';
import type { ReadPlan } from '../../../src/logs/read';
import { SeenWindow } from '../../../src/logs/seen-window';
import { FakeClock, FakeLogSource, LiveChannel, memorySink, StoredEvent, stream, turns } from './fake-source';

const T = Date.UTC(2026, 4, 1, 12);
const ev = (timestamp: number, message: string, task = 'a', ingested?: number): StoredEvent => ({
  timestamp,
  stream: stream(task),
  message,
  ingested,
});
const messages = (events: LogEvent[]) => events.map((e) => e.message);

describe('SeenWindow', () => {
  it('prints an event at the edge once however often it is re-read', () => {
    const seen = new SeenWindow();
    const edge = ev(T, 'edge');
    expect(seen.unseen([edge])).toHaveLength(1);
    expect(seen.unseen([edge])).toHaveLength(0);
    expect(seen.unseen([edge, ev(T + 1, 'next')])).toEqual([ev(T + 1, 'next')]);
  });

  it('prints a late event inside the window once', () => {
    const seen = new SeenWindow();
    seen.unseen([ev(T, 'a'), ev(T + 5000, 'b')]);
    seen.advance(T - 1000);
    const late = ev(T + 2000, 'late');
    expect(seen.unseen([ev(T, 'a'), late, ev(T + 5000, 'b')])).toEqual([late]);
    expect(seen.unseen([ev(T, 'a'), late, ev(T + 5000, 'b')])).toEqual([]);
  });

  it('counts identical lines instead of merging them', () => {
    const seen = new SeenWindow();
    const same = ev(T, 'same');
    expect(seen.unseen([same])).toHaveLength(1);
    expect(seen.unseen([same, same])).toHaveLength(1);
    expect(seen.unseen([same, same])).toHaveLength(0);
  });

  it('skips what other paths printed, and forgets everything before its start', () => {
    const seen = new SeenWindow();
    seen.record([ev(T, 'from history'), ev(T + 10, 'also')]);
    expect(seen.unseen([ev(T, 'from history')])).toEqual([]);
    seen.advance(T + 5);
    expect(seen.remembered).toBe(1);
    expect(seen.unseen([ev(T, 'before the window')])).toEqual([]);
    seen.advance(T);
    expect(seen.edge).toBe(T + 5);
  });
});

describe('followEdge', () => {
  const plan: ReadPlan = { group: 'g', selection: {} };
  it('starts lateMs before the newest event printed, never inside what --limit left out', () => {
    expect(followEdge(plan, { printed: 2, oldest: T - 50, newest: T - 20, late: 0 }, T, 10)).toBe(T - 30);
    expect(followEdge({ ...plan, limit: 2 }, { printed: 2, oldest: T - 25, newest: T - 20, late: 0 }, T, 10)).toBe(
      T - 25,
    );
    expect(followEdge({ ...plan, start: T - 5 }, { printed: 0, late: 0 }, T, 10)).toBe(T - 5);
    expect(followEdge(plan, { printed: 0, late: 0 }, T, 10)).toBe(T - 10);
  });
});

/** Aborts the follow once the fake clock passes `until`. */
function stopAt(clock: FakeClock, until: number): AbortController {
  const stop = new AbortController();
  const sleep = clock.sleep.bind(clock);
  clock.sleep = async (ms, signal) => {
    await sleep(ms, signal);
    if (clock.time >= until) stop.abort();
  };
  return stop;
}

describe('readAndFollow by polling', () => {
  it('prints history, then new, late and repeated events exactly once each', async () => {
    const clock = new FakeClock(T);
    const source = new FakeLogSource(
      [
        ev(T - 5000, 'h1', 'a', 0),
        ev(T - 3000, 'h2', 'b', 0),
        ev(T + 400, 'new at +0.4s', 'a', T + 500),
        ev(T + 1400, 'new at +1.4s', 'b', T + 1500),
        // Written late: older than the newest printed, within the window.
        ev(T - 1000, 'late', 'c', T + 2500),
        // Too old to be in the window any more: CloudWatch would not be asked for it.
        ev(T - 20_000, 'too old', 'c', T + 2500),
        ev(T + 3000, 'twice', 'a', T + 3500),
        ev(T + 3000, 'twice', 'a', T + 3500),
      ],
      clock,
    );
    const stop = stopAt(clock, T + 8000);
    const sink = memorySink();
    const notes: string[] = [];
    await readAndFollow(source, { group: 'g', selection: {}, limit: 10 }, sink, stop.signal, {
      clock,
      pollMs: 1000,
      note: (t) => notes.push(t),
    });
    expect(messages(sink.events)).toEqual(['h1', 'h2', 'new at +0.4s', 'new at +1.4s', 'late', 'twice', 'twice']);
    expect(notes).toEqual([]);
    // Each poll re-read the window from its edge: about one request a second.
    const polls = source.requests.filter((r) => !r.newestFirst);
    expect(polls.length).toBeGreaterThanOrEqual(7);
    expect(polls.at(-1)!.start).toBe(T + 3000 - 10_000);
  });

  it('with --since prints the whole window first and never goes before it', async () => {
    const clock = new FakeClock(T);
    const source = new FakeLogSource([ev(T - 90_000, 'outside', 'a', 0), ev(T - 30_000, 'inside', 'a', 0)], clock);
    const stop = stopAt(clock, T + 2000);
    const sink = memorySink();
    await readAndFollow(source, { group: 'g', selection: {}, start: T - 60_000 }, sink, stop.signal, { clock });
    expect(messages(sink.events)).toEqual(['inside']);
    expect(source.requests.every((r) => r.start! >= T - 60_000)).toBe(true);
  });

  it('after --limit, does not print the older events it left out', async () => {
    const clock = new FakeClock(T);
    const source = new FakeLogSource(
      [ev(T - 3, 'old', 'a', 0), ev(T - 2, 'kept 1', 'a', 0), ev(T - 1, 'kept 2', 'a', 0)],
      clock,
    );
    const stop = stopAt(clock, T + 3000);
    const sink = memorySink();
    await readAndFollow(source, { group: 'g', selection: {}, limit: 2 }, sink, stop.signal, { clock });
    expect(messages(sink.events)).toEqual(['kept 1', 'kept 2']);
  });

  it('ends without error when aborted during a request', async () => {
    const clock = new FakeClock(T);
    const source = new FakeLogSource([ev(T - 1, 'x', 'a', 0), ev(T - 1, 'y', 'b', 0), ev(T, 'z', 'c', 0)], clock);
    source.pageSize = 1;
    const stop = new AbortController();
    source.beforePage = (r, page) => {
      if (!r.newestFirst && page === 1) stop.abort();
    };
    await expect(
      readAndFollow(source, { group: 'g', selection: {} }, memorySink(), stop.signal, { clock }),
    ).resolves.toBeUndefined();
  });
});

describe('readAndFollow with Live Tail', () => {
  const arn = 'arn:aws:logs:us-west-2:1:log-group:g';

  it('drops what the history already printed, prints what Live Tail brings, then polls when it ends', async () => {
    const clock = new FakeClock(T);
    const e1 = ev(T - 1000, 'e1', 'a', 0);
    const e2 = ev(T - 500, 'e2', 'b', 0);
    const e3 = ev(T - 100, 'e3', 'a', 0);
    const e4 = ev(T + 10, 'e4', 'b', T + 1);
    const e5 = ev(T + 600, 'e5', 'a', T + 500);
    const source = new FakeLogSource([e1, e2, e3, e4, e5], clock);
    const channel = new LiveChannel();
    source.live = channel.session;
    // The session started and delivered e2 and e3 while the history (which has them too) was read.
    channel.start();
    channel.push([e2, e3]);
    const stop = stopAt(clock, T + 3000);
    const sink = memorySink();
    const notes: string[] = [];
    const following = readAndFollow(source, { group: 'g', selection: {}, limit: 10 }, sink, stop.signal, {
      clock,
      groupArn: arn,
      note: (t) => notes.push(t),
    });
    await turns(5);
    expect(messages(sink.events)).toEqual(['e1', 'e2', 'e3']);
    const polls = source.requests.length;
    channel.push([e4]);
    await turns(5);
    expect(messages(sink.events)).toEqual(['e1', 'e2', 'e3', 'e4']);
    // No polling while Live Tail runs.
    expect(source.requests.length).toBe(polls);
    channel.fail(new Error('SessionTimeoutException'));
    await following;
    expect(messages(sink.events)).toEqual(['e1', 'e2', 'e3', 'e4', 'e5']);
    expect(notes).toEqual(['Live Tail stopped (SessionTimeoutException); polling every 1 s.']);
  });

  it('polls while Live Tail is starting, then switches to it without repeating what the polls printed', async () => {
    const clock = new FakeClock(T);
    const polled = ev(T + 100, 'polled', 'a', T + 200);
    const source = new FakeLogSource([polled], clock);
    const channel = new LiveChannel();
    source.live = channel.session;
    const stop = new AbortController();
    const sink = memorySink();
    const following = readAndFollow(source, { group: 'g', selection: {}, limit: 10 }, sink, stop.signal, {
      clock,
      groupArn: arn,
    });
    await turns(10);
    expect(messages(sink.events)).toEqual(['polled']);
    // The session starts at last, with the event the polls printed queued, and a new one.
    channel.start();
    channel.push([polled, ev(T + 5000, 'live', 'b')]);
    await turns(10);
    stop.abort();
    await following;
    expect(messages(sink.events)).toEqual(['polled', 'live']);
  });

  it('falls back to polling when Live Tail cannot start (an emulator, no permission)', async () => {
    const clock = new FakeClock(T);
    const source = new FakeLogSource([ev(T - 10, 'before', 'a', 0), ev(T + 100, 'after', 'a', T + 200)], clock);
    const stop = stopAt(clock, T + 2000);
    const sink = memorySink();
    const notes: string[] = [];
    await readAndFollow(source, { group: 'g', selection: {}, limit: 10 }, sink, stop.signal, {
      clock,
      groupArn: arn,
      note: (t) => notes.push(t),
    });
    expect(messages(sink.events)).toEqual(['before', 'after']);
    expect(notes).toEqual(['Live Tail is not available (Live Tail is not available here); polling every 1 s.']);
  });

  it('gives up on a session that does not start in time, and keeps polling', async () => {
    const clock = new FakeClock(T);
    const source = new FakeLogSource([ev(T + 100, 'after', 'a', T + 200)], clock);
    const channel = new LiveChannel();
    source.live = channel.session;
    const stop = stopAt(clock, T + 15_000);
    const notes: string[] = [];
    await readAndFollow(source, { group: 'g', selection: {}, limit: 10 }, memorySink(), stop.signal, {
      clock,
      groupArn: arn,
      liveTailStartMs: 5000,
      note: (t) => notes.push(t),
    });
    expect(notes).toEqual(['Live Tail is not available (the session did not start); polling every 1 s.']);
  });

  it('passes the selection and pattern to Live Tail and prints its batches in time order', async () => {
    const clock = new FakeClock(T);
    const source = new FakeLogSource([], clock);
    const channel = new LiveChannel();
    source.live = channel.session;
    channel.start();
    channel.push([
      ev(T + 2, 'second', 'b'),
      ev(T + 1, 'first', 'a'),
      { ...ev(T + 3, 'sidecar'), stream: 'copilot/envoy/a' },
    ]);
    const stop = new AbortController();
    const sink = memorySink();
    const following = readAndFollow(
      source,
      { group: 'g', selection: { prefix: 'copilot/web/' }, pattern: 'ERROR', limit: 10 },
      sink,
      stop.signal,
      { clock, groupArn: arn },
    );
    await turns(5);
    stop.abort();
    await following;
    expect(channel.requests).toEqual([
      { groupArn: arn, streams: undefined, streamPrefix: 'copilot/web/', pattern: 'ERROR' },
    ]);
    expect(messages(sink.events)).toEqual(['first', 'second']);
  });
});
