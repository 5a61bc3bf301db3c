// FilterLogEvents calls → a stream of pages. Within one query the next page is requested as soon as a page
// arrives (one ahead), so the service works while the page is printed. A window of more than one page is read
// in time slices after its first page: the API returns events sorted by timestamp, so the first page holds
// every event before its last timestamp, and the rest of the window is asked for slice by slice, each slice
// a complete query of its own sized to about one page. A server that filters the whole window on every call
// (moto does, and so does any search over a long window) then does a slice's work per page instead of the
// window's; slices adapt to the density of the log as they go, so quiet stretches cost few calls.
import type { LogEvent } from './event';
import type { FilterRequest, LogSource } from './source';

/** Events per page and per slice: half the API's 10,000, which keeps each page well under its 1 MB. */
export const SLICE_EVENTS = 5_000;

/** Every page of one query, in order; empty pages (the service still searching) are skipped. */
export async function* queryPages(
  source: LogSource,
  request: FilterRequest,
  signal?: AbortSignal,
  firstToken?: string,
): AsyncIterable<LogEvent[]> {
  let token = firstToken;
  let pending = source.filterPage(request, token, signal);
  for (;;) {
    const page = await pending;
    // A token the service repeats would loop forever.
    const next = page.nextToken && page.nextToken !== token ? page.nextToken : undefined;
    if (next && !signal?.aborted) {
      pending = source.filterPage(request, next, signal);
      // Settled here so that a consumer that stops early leaves no unhandled rejection behind.
      pending.catch(() => undefined);
    }
    if (page.events.length > 0) yield page.events;
    if (!next || signal?.aborted) return;
    token = next;
  }
}

function keyOf(e: LogEvent): string {
  return e.id ?? `${e.stream}\n${e.timestamp}\n${e.message}`;
}

/** All pages of a window: its first page, then time slices from that page's last timestamp on. */
export async function* windowPages(
  source: LogSource,
  request: FilterRequest,
  signal?: AbortSignal,
  options: { target?: number; now?: () => number } = {},
): AsyncIterable<LogEvent[]> {
  const target = options.target ?? SLICE_EVENTS;
  const planUntil = request.end ?? (options.now ?? Date.now)();
  const first = await source.filterPage({ ...request, limit: target }, undefined, signal);
  if (first.events.length > 0) yield first.events;
  if (!first.nextToken || signal?.aborted) return;
  if (first.events.length === 0) {
    // Nothing to size slices by: page through the query as it is.
    yield* queryPages(source, { ...request, limit: target }, signal, first.nextToken);
    return;
  }

  // The first slice starts at the first page's last timestamp, which may have more events than the page
  // held; those the page did hold are left out of the slice.
  const edge = first.events[first.events.length - 1].timestamp;
  const printed = new Map<string, number>();
  for (const e of first.events) if (e.timestamp === edge) printed.set(keyOf(e), (printed.get(keyOf(e)) ?? 0) + 1);
  const fresh = (events: LogEvent[]) =>
    printed.size === 0
      ? events
      : events.filter((e) => {
          const seen = e.timestamp === edge ? (printed.get(keyOf(e)) ?? 0) : 0;
          if (seen > 0) printed.set(keyOf(e), seen - 1);
          return seen === 0;
        });

  let from = edge;
  let width = sliceWidth(first.events, target);
  for (;;) {
    const last = from + width > planUntil;
    const slice: FilterRequest = { ...request, start: from, end: last ? request.end : from + width - 1, limit: target };
    let count = 0;
    for await (const events of queryPages(source, slice, signal)) {
      count += events.length;
      const out = fresh(events);
      if (out.length > 0) yield out;
    }
    printed.clear();
    if (last || signal?.aborted) return;
    from = slice.end! + 1;
    width = nextWidth(width, count, target);
  }
}

/** How long a stretch held `target` events at the first page's rate. */
export function sliceWidth(page: LogEvent[], target: number): number {
  const span = page[page.length - 1].timestamp - page[0].timestamp + 1;
  return Math.max(1, Math.round((span * target) / page.length));
}

/** The next slice's width: sized to `target` at the rate just seen, at most 4× narrower or 8× wider. */
export function nextWidth(width: number, count: number, target: number): number {
  const factor = Math.min(8, Math.max(0.25, target / Math.max(count, 1)));
  return Math.max(1, Math.round(width * factor));
}
