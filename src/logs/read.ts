// Reads a window of a log group and hands events to a sink as pages arrive, in timestamp order; or, with a
// limit, finds the newest N events without reading the whole window when the service can answer newest-first.
import type { LogEvent } from './event';
import { OrderedBuffer } from './reorder';
import { queryPages, windowPages } from './paging';
import type { FilterRequest, LogSource } from './source';
import { StreamSelection, streamSelector } from './streams';
import { NewestEvents } from './tail';

/** What to read: one log group, some of its streams, a window, a pattern. */
export interface ReadPlan {
  group: string;
  selection: StreamSelection;
  /** Inclusive window bounds (ms). */
  start?: number;
  end?: number;
  pattern?: string;
  /** Only the newest N events of the window. */
  limit?: number;
}

export interface EventSink {
  /** Prints events, oldest first; resolves when the output can take more. */
  write(events: LogEvent[]): Promise<void> | void;
}

export interface ReadResult {
  printed: number;
  /** Timestamps of the oldest and newest events printed. */
  oldest?: number;
  newest?: number;
  /** Events that arrived after newer ones had been printed (printed anyway). */
  late: number;
}

/** FilterLogEvents answers newest-first only for windows starting on or after this date. */
export const NEWEST_FIRST_FROM = Date.UTC(2024, 0, 1);

/** FilterLogEvents takes at most 100 stream names; more are read by prefix and filtered here. */
export const MAX_STREAM_NAMES = 100;

export function filterRequest(plan: ReadPlan): FilterRequest {
  const { names, prefix } = plan.selection;
  const exact = names && names.length <= MAX_STREAM_NAMES ? names : undefined;
  return {
    group: plan.group,
    start: plan.start,
    end: plan.end,
    pattern: plan.pattern,
    streams: exact,
    streamPrefix: exact ? undefined : (prefix ?? commonPrefix(names ?? [])),
  };
}

function commonPrefix(names: string[]): string | undefined {
  if (names.length === 0) return undefined;
  let prefix = names[0];
  for (const n of names) while (!n.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix || undefined;
}

export async function readWindow(
  source: LogSource,
  plan: ReadPlan,
  sink: EventSink,
  signal?: AbortSignal,
  options: { sliceEvents?: number } = {},
): Promise<ReadResult> {
  if (plan.limit !== undefined) {
    const events = await newestEvents(source, plan, plan.limit, signal);
    if (events.length > 0) await sink.write(events);
    return { printed: events.length, oldest: events[0]?.timestamp, newest: events.at(-1)?.timestamp, late: 0 };
  }
  const selected = streamSelector(plan.selection);
  const order = new OrderedBuffer();
  let printed = 0;
  let oldest: number | undefined;
  let newest: number | undefined;
  const emit = async (events: LogEvent[]) => {
    if (events.length === 0) return;
    printed += events.length;
    for (const e of events) {
      if (newest === undefined || e.timestamp > newest) newest = e.timestamp;
      if (oldest === undefined || e.timestamp < oldest) oldest = e.timestamp;
    }
    await sink.write(events);
  };
  for await (const page of windowPages(source, filterRequest(plan), signal, { target: options.sliceEvents })) {
    if (signal?.aborted) break;
    await emit(order.push(page.filter((e) => selected(e.stream))));
  }
  if (!signal?.aborted) await emit(order.drain());
  return { printed, oldest, newest, late: order.late };
}

/**
 * The newest `limit` events of the window, oldest first. AWS answers newest-first, so a few events cost one
 * request however busy the group; a server that answers oldest-first instead (an emulator), and the part of a
 * window before 2024, are read forward with only the newest `limit` kept.
 */
export async function newestEvents(
  source: LogSource,
  plan: ReadPlan,
  limit: number,
  signal?: AbortSignal,
): Promise<LogEvent[]> {
  const selected = streamSelector(plan.selection);
  const keep = new NewestEvents(limit);
  const request = filterRequest(plan);
  const from = Math.max(plan.start ?? 0, NEWEST_FIRST_FROM);
  const forwardFrom = plan.start;
  let forwardTo = Math.min(from - 1, plan.end ?? Infinity);
  if (plan.end === undefined || plan.end >= from) {
    // Two or more per page, so that the order of a page tells which way the server answered.
    const backward = { ...request, start: from, newestFirst: true, limit: Math.max(limit, 2) };
    for await (const page of queryPages(source, backward, signal)) {
      if (page.length > 1 && page[0].timestamp < page[page.length - 1].timestamp) {
        // Oldest first: startFromHead was ignored. Read the whole window forward instead.
        keep.take();
        forwardTo = plan.end ?? Infinity;
        break;
      }
      keep.add(page.filter((e) => selected(e.stream)));
      if (keep.full || signal?.aborted) break;
    }
  }
  if (!keep.full && !signal?.aborted && (forwardFrom ?? 0) <= forwardTo) {
    const forward = { ...request, start: forwardFrom, end: Number.isFinite(forwardTo) ? forwardTo : undefined };
    for await (const page of windowPages(source, forward, signal)) {
      keep.add(page.filter((e) => selected(e.stream)));
      if (signal?.aborted) break;
    }
  }
  return keep.take();
}
