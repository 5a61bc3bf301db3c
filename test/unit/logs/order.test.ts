// Time order across pages and streams, with bounded memory; the newest N of a window.
import type { LogEvent } from '../../../src/logs/event';
import { newestEvents, readWindow } from '../../../src/logs/read';
import { OrderedBuffer } from '../../../src/logs/reorder';
import { NewestEvents } from '../../../src/logs/tail';
import { FakeLogSource, memorySink, stream } from './fake-source';

const ev = (timestamp: number, task = 'a', message = `m${timestamp}`): LogEvent => ({
  timestamp,
  stream: stream(task),
  message,
});
const times = (events: LogEvent[]) => events.map((e) => e.timestamp);

describe('OrderedBuffer', () => {
  it('puts overlapping pages back in order and holds at most its capacity', () => {
    const buffer = new OrderedBuffer(4);
    const out: LogEvent[] = [];
    out.push(...buffer.push([ev(1), ev(5), ev(9)]));
    expect(buffer.size).toBe(3);
    out.push(...buffer.push([ev(2), ev(6), ev(10)]));
    expect(buffer.size).toBe(4);
    out.push(...buffer.push([ev(3), ev(7), ev(11)]));
    out.push(...buffer.drain());
    expect(times(out)).toEqual([1, 2, 3, 5, 6, 7, 9, 10, 11]);
    expect(buffer.late).toBe(0);
  });

  it('prints an event older than what has left at once, and counts it', () => {
    const buffer = new OrderedBuffer(1);
    const out = [...buffer.push([ev(5), ev(6), ev(7)]), ...buffer.push([ev(1)]), ...buffer.drain()];
    expect(times(out)).toEqual([5, 6, 1, 7]);
    expect(buffer.late).toBe(1);
  });

  it('breaks ties by stream so the output is the same on every run', () => {
    const buffer = new OrderedBuffer(10);
    buffer.push([ev(1, 'b'), ev(1, 'a')]);
    expect(buffer.drain().map((e) => e.stream)).toEqual([stream('a'), stream('b')]);
  });
});

describe('NewestEvents', () => {
  it('keeps the newest N by time, not by arrival', () => {
    const keep = new NewestEvents(3);
    keep.add([ev(5), ev(1), ev(9), ev(7), ev(2), ev(8)]);
    expect(times(keep.take())).toEqual([7, 8, 9]);
  });
});

describe('readWindow', () => {
  it('streams: events are printed before the last page is requested, in order across streams', async () => {
    const n = 10_000;
    const source = new FakeLogSource(Array.from({ length: n }, (_, i) => ev(i, `task${i % 7}`)));
    source.pageSize = 1_000;
    const sink = memorySink();
    const printedWhenAsked: number[] = [];
    source.beforePage = () => printedWhenAsked.push(sink.events.length);
    const result = await readWindow(source, { group: 'g', selection: {} }, sink, undefined, { sliceEvents: 1_000 });
    expect(result).toMatchObject({ printed: n, oldest: 0, newest: n - 1, late: 0 });
    expect(times(sink.events)).toEqual(Array.from({ length: n }, (_, i) => i));
    expect(printedWhenAsked.length).toBeGreaterThanOrEqual(10);
    // By the last request, all but the reorder buffer's 2,000 events and a page or two are out.
    expect(printedWhenAsked.at(-1)).toBeGreaterThanOrEqual(n - 2_000 - 2 * 1_000);
    expect(sink.writes).toBeGreaterThan(5);
  });

  it('keeps only the selected streams even when the server ignores the prefix', async () => {
    const source = new FakeLogSource([ev(1, 'a'), { ...ev(2), stream: 'other/x/y' }, ev(3, 'b')]);
    source.ignoresPrefix = true;
    const sink = memorySink();
    await readWindow(source, { group: 'g', selection: { prefix: 'copilot/' } }, sink);
    expect(sink.events.map((e) => e.stream)).toEqual([stream('a'), stream('b')]);
  });

  it('passes the window, the pattern and up to 100 exact stream names; more go by prefix', async () => {
    const source = new FakeLogSource([]);
    const names = Array.from({ length: 101 }, (_, i) => stream(`t${i}`));
    await readWindow(
      source,
      { group: 'g', selection: { names: names.slice(0, 2) }, start: 10, end: 20, pattern: 'ERROR' },
      memorySink(),
    );
    await readWindow(source, { group: 'g', selection: { names } }, memorySink());
    expect(source.requests[0]).toMatchObject({ start: 10, end: 20, pattern: 'ERROR', streams: names.slice(0, 2) });
    expect(source.requests[1]).toMatchObject({ streams: undefined, streamPrefix: 'copilot/web/t' });
  });

  it('stops between pages when aborted', async () => {
    const source = new FakeLogSource(Array.from({ length: 30 }, (_, i) => ev(i)));
    const stop = new AbortController();
    source.beforePage = () => source.calls >= 2 && stop.abort();
    const sink = memorySink();
    await readWindow(source, { group: 'g', selection: {} }, sink, stop.signal, { sliceEvents: 3 });
    expect(sink.events.length).toBeLessThan(30);
  });
});

describe('newestEvents (--limit)', () => {
  const recent = Date.UTC(2026, 0, 1);
  const events = Array.from({ length: 20 }, (_, i) => ev(recent + i, i % 2 ? 'a' : 'b'));

  it('asks newest-first and stops as soon as it has N', async () => {
    const source = new FakeLogSource(events);
    const got = await newestEvents(source, { group: 'g', selection: {} }, 3);
    expect(times(got)).toEqual([recent + 17, recent + 18, recent + 19]);
    expect(source.requests).toHaveLength(1);
    expect(source.requests[0]).toMatchObject({ newestFirst: true, limit: 3, start: Date.UTC(2024, 0, 1) });
  });

  it('reads forward, keeping the newest N, when the server answers oldest-first (moto)', async () => {
    const source = new FakeLogSource(events);
    source.ignoresNewestFirst = true;
    const got = await newestEvents(source, { group: 'g', selection: {} }, 3);
    expect(times(got)).toEqual([recent + 17, recent + 18, recent + 19]);
    expect(source.requests[1].newestFirst).toBeUndefined();
    expect(source.requests[1].start).toBeUndefined();
  });

  it('reaches before 2024 when the newer part of the window has fewer than N', async () => {
    const old = Date.UTC(2023, 5, 1);
    const source = new FakeLogSource([ev(old), ev(old + 1), ev(recent)]);
    const got = await newestEvents(source, { group: 'g', selection: {} }, 2);
    expect(times(got)).toEqual([old + 1, recent]);
    expect(source.requests[1]).toMatchObject({ end: Date.UTC(2024, 0, 1) - 1 });
  });

  it('stays inside the window', async () => {
    const source = new FakeLogSource(events);
    const got = await newestEvents(source, { group: 'g', selection: {}, start: recent + 2, end: recent + 5 }, 10);
    expect(times(got)).toEqual([recent + 2, recent + 3, recent + 4, recent + 5]);
  });
});
