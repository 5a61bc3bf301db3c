// Paging: the next page is requested before the current one is handed over; a window of several pages is read
// in time slices after its first page, each event exactly once and in order, slices sized by the log's density.
import type { LogEvent } from '../../../src/logs/event';
import { nextWidth, queryPages, sliceWidth, windowPages } from '../../../src/logs/paging';
import type { FilterPage, FilterRequest } from '../../../src/logs/source';
import { FakeLogSource, stream } from './fake-source';

const ev = (timestamp: number, task = 'a', message = `m${timestamp}`): LogEvent => ({
  timestamp,
  stream: stream(task),
  message,
  id: `${task}-${timestamp}-${message}`,
});

async function all(pages: AsyncIterable<LogEvent[]>): Promise<LogEvent[][]> {
  const out: LogEvent[][] = [];
  for await (const p of pages) out.push(p);
  return out;
}

describe('queryPages', () => {
  it('requests page n+1 before handing page n over', async () => {
    const source = new FakeLogSource(Array.from({ length: 9 }, (_, i) => ev(i)));
    const it = queryPages(source, { group: 'g', limit: 3 })[Symbol.asyncIterator]();
    const first = await it.next();
    expect(first.value.map((e: LogEvent) => e.timestamp)).toEqual([0, 1, 2]);
    expect(source.calls).toBe(2);
    expect((await all({ [Symbol.asyncIterator]: () => it })).flat().map((e) => e.timestamp)).toEqual([
      3, 4, 5, 6, 7, 8,
    ]);
  });

  it('skips empty pages and stops on a repeated token', async () => {
    const pages: FilterPage[] = [
      { events: [], nextToken: 'a' },
      { events: [ev(1)], nextToken: 'b' },
      { events: [ev(2)], nextToken: 'b' },
    ];
    const source = new FakeLogSource([]);
    source.filterPage = async (_r: FilterRequest, token?: string) =>
      pages[token === undefined ? 0 : token === 'a' ? 1 : 2];
    expect((await all(queryPages(source, { group: 'g' }))).map((p) => p.map((e) => e.timestamp))).toEqual([[1], [2]]);
  });
});

describe('windowPages', () => {
  it('one page: one call', async () => {
    const source = new FakeLogSource([ev(1), ev(2)]);
    expect((await all(windowPages(source, { group: 'g', start: 0 }, undefined, { target: 5 }))).flat()).toHaveLength(2);
    expect(source.calls).toBe(1);
  });

  it('reads the rest of the window in slices: every event once, in order, boundary ties included', async () => {
    // 3 streams, 200 events each, with runs of equal timestamps (ties across the first page's edge).
    const events = [0, 1, 2].flatMap((t) =>
      Array.from({ length: 200 }, (_, i) => ev(1000 + Math.floor(i / 3) * 10, `t${t}`, `e${i}`)),
    );
    const source = new FakeLogSource(events, { now: () => 5000 });
    const pages = await all(windowPages(source, { group: 'g', start: 0 }, undefined, { target: 50, now: () => 5000 }));
    const got = pages.flat();
    const sorted = [...events].sort((a, b) => a.timestamp - b.timestamp);
    expect(got).toHaveLength(events.length);
    expect(new Set(got.map((e) => e.id)).size).toBe(events.length);
    expect(got.map((e) => e.timestamp)).toEqual(sorted.map((e) => e.timestamp));
    // The first page covers the whole window; the slices that follow are bounded, the last one open-ended.
    expect(source.requests[0]).toMatchObject({ start: 0, limit: 50 });
    expect(source.requests[0].end).toBeUndefined();
    const slices = source.requests.slice(1);
    expect(slices.length).toBeGreaterThan(3);
    expect(slices[0].start).toBe(got[49].timestamp);
    for (let i = 1; i < slices.length; i++) expect(slices[i].start).toBe(slices[i - 1].end! + 1);
    expect(slices.at(-1)!.end).toBeUndefined();
  });

  it('keeps to an explicit end, and crosses a quiet stretch in few calls', async () => {
    const burst = Array.from({ length: 100 }, (_, i) => ev(1000 + i));
    const late = Array.from({ length: 20 }, (_, i) => ev(10_000_000 + i));
    const source = new FakeLogSource([...burst, ...late, ev(20_000_000)]);
    const got = (
      await all(windowPages(source, { group: 'g', start: 0, end: 15_000_000 }, undefined, { target: 50 }))
    ).flat();
    expect(got.map((e) => e.timestamp)).toEqual([...burst, ...late].map((e) => e.timestamp));
    expect(source.requests.at(-1)!.end).toBe(15_000_000);
    // Widths grow 8× at a time through the quiet stretch: far fewer calls than 10,000,000 / 50.
    expect(source.requests.length).toBeLessThan(15);
  });

  it('a first page with nothing in it but a token pages on as one query', async () => {
    const source = new FakeLogSource([ev(1), ev(2), ev(3)]);
    const real = source.filterPage.bind(source);
    source.filterPage = async (r: FilterRequest, token?: string) =>
      token === undefined ? { events: [], nextToken: '0' } : real(r, token);
    const got = (await all(windowPages(source, { group: 'g' }, undefined, { target: 2 }))).flat();
    expect(got.map((e) => e.timestamp)).toEqual([1, 2, 3]);
  });

  it('sizes slices by the rate of the first page, then by what each slice held', () => {
    expect(sliceWidth([ev(0), ev(99)], 10)).toBe(500);
    expect(nextWidth(100, 50, 50)).toBe(100);
    expect(nextWidth(100, 500, 50)).toBe(25);
    expect(nextWidth(100, 0, 50)).toBe(800);
  });
});
