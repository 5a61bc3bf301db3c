// An in-memory LogSource for the pure-logic tests: events become visible at an ingestion time on a fake clock,
// pages are cut at a chosen size, and every request is recorded.
import type { LogEvent } from '../../../src/logs/event';
import type { FollowClock } from '../../../src/logs/follow';
import type {
  FilterPage,
  FilterRequest,
  LiveTailRequest,
  LogGroupInfo,
  LogSource,
  StreamInfo,
} from '../../../src/logs/source';

export interface StoredEvent extends LogEvent {
  /** When it becomes visible (fake clock ms); default: from the start. */
  ingested?: number;
}

export class FakeClock implements FollowClock {
  constructor(public time: number) {}
  now(): number {
    return this.time;
  }
  async sleep(ms: number, signal: AbortSignal): Promise<void> {
    if (!signal.aborted) this.time += ms;
    // A turn of the event loop, so that what the test schedules (Live Tail deliveries) happens in between.
    await new Promise((resolve) => setImmediate(resolve));
  }
}

export class FakeLogSource implements LogSource {
  /** The first call of each query. */
  readonly requests: FilterRequest[] = [];
  /** Every call, pages included. */
  calls = 0;
  pageSize = 3;
  /** Newest-first requests are answered oldest-first, as moto does. */
  ignoresNewestFirst = false;
  /** logStreamNamePrefix is ignored, as moto does. */
  ignoresPrefix = false;
  /** Called before each page is answered (tests abort here); `page` counts from 0 within a query. */
  beforePage?: (request: FilterRequest, page: number) => void;
  live?: (request: LiveTailRequest, signal?: AbortSignal) => AsyncIterable<LogEvent[]>;

  constructor(
    public events: StoredEvent[],
    private readonly clock?: { now(): number },
  ) {}

  async group(name: string): Promise<LogGroupInfo | undefined> {
    return { name, arn: `arn:aws:logs:us-west-2:123456789012:log-group:${name}`, created: 0 };
  }

  async groupNames(): Promise<string[]> {
    return [];
  }

  visible(request: FilterRequest): LogEvent[] {
    const now = this.clock?.now() ?? Infinity;
    return this.events
      .filter((e) => (e.ingested ?? -Infinity) <= now)
      .filter((e) => request.start === undefined || e.timestamp >= request.start)
      .filter((e) => request.end === undefined || e.timestamp <= request.end)
      .filter((e) => !request.streams || request.streams.includes(e.stream))
      .filter((e) => this.ignoresPrefix || !request.streamPrefix || e.stream.startsWith(request.streamPrefix))
      .filter((e) => !request.pattern || e.message.includes(request.pattern))
      .map(({ timestamp, stream, message, id }) => ({ timestamp, stream, message, id }))
      .sort((a, b) => a.timestamp - b.timestamp);
  }

  async filterPage(request: FilterRequest, nextToken?: string): Promise<FilterPage> {
    if (nextToken === undefined) this.requests.push(request);
    this.calls += 1;
    let all = this.visible(request);
    if (request.newestFirst && !this.ignoresNewestFirst) all = all.reverse();
    const size = request.limit ?? this.pageSize;
    const offset = nextToken === undefined ? 0 : Number(nextToken);
    this.beforePage?.(request, Math.floor(offset / size));
    const end = offset + size;
    return { events: all.slice(offset, end), nextToken: end < all.length ? String(end) : undefined };
  }

  async streams(
    group: string,
    options: { prefix?: string; newestFirst?: boolean; max?: number },
  ): Promise<StreamInfo[]> {
    const byName = new Map<string, StreamInfo>();
    for (const e of this.events) {
      const s = byName.get(e.stream) ?? { name: e.stream, firstEvent: e.timestamp, lastEvent: e.timestamp };
      s.firstEvent = Math.min(s.firstEvent!, e.timestamp);
      s.lastEvent = Math.max(s.lastEvent!, e.timestamp);
      byName.set(e.stream, s);
    }
    let list = [...byName.values()].filter((s) => !options.prefix || s.name.startsWith(options.prefix));
    list = options.newestFirst
      ? list.sort((a, b) => b.lastEvent! - a.lastEvent!)
      : list.sort((a, b) => (a.name < b.name ? -1 : 1));
    return list.slice(0, options.max ?? Infinity);
  }

  liveTail(request: LiveTailRequest, signal?: AbortSignal): AsyncIterable<LogEvent[]> {
    if (!this.live) throw new Error('Live Tail is not available here');
    return this.live(request, signal);
  }
}

/** A sink that keeps what it is given. */
export function memorySink(): { events: LogEvent[]; writes: number; write(events: LogEvent[]): void } {
  return {
    events: [],
    writes: 0,
    write(events) {
      this.writes += 1;
      this.events.push(...events);
    },
  };
}

/** `copilot/<container>/<task>` */
export const stream = (task: string, container = 'web') => `copilot/${container}/${task}`;

/** A Live Tail session the test drives: start(), push(batch), fail(error). */
export class LiveChannel {
  private readonly items: (LogEvent[] | Error)[] = [];
  private wake?: () => void;
  readonly requests: unknown[] = [];

  start(): void {
    this.put([]);
  }
  push(batch: LogEvent[]): void {
    this.put(batch);
  }
  fail(error: Error): void {
    this.put(error);
  }
  private put(item: LogEvent[] | Error): void {
    this.items.push(item);
    this.wake?.();
  }

  session = (request: unknown): AsyncIterable<LogEvent[]> => {
    this.requests.push(request);
    const items = this.items;
    const wait = () => new Promise<void>((resolve) => (this.wake = resolve));
    return (async function* () {
      for (;;) {
        while (items.length === 0) await wait();
        const item = items.shift()!;
        if (item instanceof Error) throw item;
        yield item;
      }
    })();
  };
}

/** Resolves after `turns` turns of the event loop. */
export async function turns(count: number): Promise<void> {
  for (let i = 0; i < count; i++) await new Promise((resolve) => setImmediate(resolve));
}
