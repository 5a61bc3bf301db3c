// --follow: print the window (or its newest events), then every new event until Ctrl-C. Live Tail delivers
// events within a second of ingestion; where it is not available (no permission, an emulator, sampling on a
// very busy group, its 3-hour session limit) polling takes over on its own, re-reading the last seconds on
// each poll and printing only what it has not printed (seen-window.ts).
import { compareEvents, LogEvent } from './event';
import { LiveFeed } from './live-feed';
import { queryPages } from './paging';
import { EventSink, filterRequest, readWindow, ReadPlan, ReadResult } from './read';
import { LATE_MS, SeenWindow } from './seen-window';
import type { LiveTailRequest, LogSource } from './source';
import { streamSelector } from './streams';

export interface FollowClock {
  now(): number;
  /** Resolves after `ms`, or as soon as `signal` aborts. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}

export const systemFollowClock: FollowClock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve) => {
      if (signal.aborted) return resolve();
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      }
      signal.addEventListener('abort', done, { once: true });
    }),
};

/** Poll interval: new events print within about a second, and the 5 requests/s FilterLogEvents quota is safe. */
export const POLL_MS = 1000;
/** A Live Tail session that has not started by then is given up; polling goes on. */
export const LIVE_TAIL_START_MS = 10_000;

export interface FollowOptions {
  /** The log group's ARN, for Live Tail; without it, --follow polls. */
  groupArn?: string;
  pollMs?: number;
  lateMs?: number;
  liveTailStartMs?: number;
  clock?: FollowClock;
  /** A note for the user (stderr), e.g. why polling is used. */
  note?(text: string): void;
}

function describe(err: unknown): string {
  const e = err as { name?: string; message?: string };
  return e?.name && e.name !== 'Error' ? `${e.name}: ${e.message ?? ''}` : (e?.message ?? String(err));
}

export async function readAndFollow(
  source: LogSource,
  plan: ReadPlan,
  sink: EventSink,
  signal: AbortSignal,
  options: FollowOptions = {},
): Promise<void> {
  const clock = options.clock ?? systemFollowClock;
  const lateMs = options.lateMs ?? LATE_MS;
  const pollMs = options.pollMs ?? POLL_MS;
  const selected = streamSelector(plan.selection);
  const seen = new SeenWindow();
  const startedAt = clock.now();
  let newest: number | undefined;
  const note = (why: unknown, started = false) =>
    options.note?.(
      `Live Tail ${started ? 'stopped' : 'is not available'} (${describe(why)}); polling every ${pollMs / 1000} s.`,
    );

  // Print events and remember the last seconds of them, so that no later read prints them again.
  const print = async (events: LogEvent[]) => {
    if (events.length === 0) return;
    for (const e of events) if (newest === undefined || e.timestamp > newest) newest = e.timestamp;
    seen.record(events);
    seen.advance(Math.min(newest!, clock.now()) - lateMs);
    await sink.write(events);
  };
  // What Live Tail delivered, in order, less what the history or a poll printed already.
  const fresh = (events: LogEvent[]) => seen.unseen(events.filter((e) => selected(e.stream)).sort(compareEvents));

  // Live Tail starts first and queues what arrives while the history is read and while polling bridges its
  // start, which can take seconds when it ends in a failure retried by the SDK.
  const live = new AbortController();
  const stopLive = () => live.abort();
  signal.addEventListener('abort', stopLive, { once: true });
  let feed: LiveFeed | undefined;
  if (options.groupArn && source.liveTail) {
    const { streams, streamPrefix } = filterRequest(plan);
    const request = { groupArn: options.groupArn, streams, streamPrefix, pattern: plan.pattern };
    feed = new LiveFeed(liveSession(source, request, live.signal));
  }
  const giveUpAt = startedAt + (options.liveTailStartMs ?? LIVE_TAIL_START_MS);

  try {
    const history = await readWindow(source, plan, { write: print }, signal);
    seen.advance(followEdge(plan, history, startedAt, lateMs));

    while (!signal.aborted) {
      if (feed && feed.state === 'live') {
        try {
          for (;;) {
            await print(fresh(feed.takeQueued()));
            const batch = await feed.next(signal);
            if (!batch) return;
            await print(fresh(batch));
          }
        } catch (err) {
          if (signal.aborted) return;
          note(err, true);
          feed = undefined;
          live.abort();
        }
      } else if (feed && (feed.state === 'ended' || clock.now() >= giveUpAt)) {
        note(feed.error ?? new Error('the session did not start'));
        feed = undefined;
        live.abort();
      }
      const began = clock.now();
      const read: LogEvent[] = [];
      const request = { ...filterRequest(plan), start: seen.edge };
      for await (const page of queryPages(source, request, signal))
        for (const e of page) if (selected(e.stream)) read.push(e);
      if (signal.aborted) return;
      await print(seen.unseen(read.sort(compareEvents)));
      if (feed?.state !== 'live') await clock.sleep(Math.max(0, pollMs - (clock.now() - began)), signal);
    }
  } catch (err) {
    // Ctrl-C aborts the request in flight; that is the end of the follow, not a failure.
    if (signal.aborted) return;
    throw err;
  } finally {
    signal.removeEventListener('abort', stopLive);
    live.abort();
  }
}

/**
 * Where polling starts re-reading once the history is printed: `lateMs` before the newest event printed, but
 * never before the window and, after a --limit read that printed all it was allowed, never before the oldest
 * event printed (the older ones were left out on purpose).
 */
export function followEdge(plan: ReadPlan, history: ReadResult, startedAt: number, lateMs: number): number {
  let edge = Math.min(history.newest ?? startedAt, startedAt) - lateMs;
  if (plan.start !== undefined) edge = Math.max(edge, plan.start);
  if (plan.limit !== undefined && history.printed >= plan.limit && history.oldest !== undefined)
    edge = Math.max(edge, history.oldest);
  return edge;
}

/** The Live Tail session as an iterable whose failures, even one thrown on the call, come out of iterating. */
async function* liveSession(
  source: LogSource,
  request: LiveTailRequest,
  signal: AbortSignal,
): AsyncIterable<LogEvent[]> {
  yield* source.liveTail!(request, signal);
}
