// De-duplication for --follow. Polling re-reads the last few seconds on every poll, because CloudWatch Logs
// can ingest an event after newer ones (the awslogs driver sends each task's events in batches up to 5 s
// apart): an event at the window's edge comes back in the next read and must not print twice, while an event
// that arrives late with a timestamp inside the window must print once. Events are keyed by stream, time and
// message — Live Tail gives no event id — and counted, so two identical lines in the same millisecond both
// print. Everything before the window's start is forgotten, which keeps memory flat however long it runs.
import type { LogEvent } from './event';

/** How far back each poll re-reads: longer than the awslogs driver's 5 s batching, plus ingestion delay. */
export const LATE_MS = 10_000;

function keyOf(e: LogEvent): string {
  return `${e.stream}\n${e.timestamp}\n${e.message}`;
}

export class SeenWindow {
  private readonly printed = new Map<string, { timestamp: number; count: number }>();
  private start = -Infinity;

  /** Events before this time are outside the window: not re-read, not remembered. */
  get edge(): number {
    return this.start;
  }

  get remembered(): number {
    return this.printed.size;
  }

  /**
   * The events of a re-read of the window that have not been printed; marks them printed. An event that occurs
   * k times in the read is new when fewer than k copies were printed before.
   */
  unseen(events: LogEvent[]): LogEvent[] {
    const inRead = new Map<string, number>();
    const out: LogEvent[] = [];
    for (const e of events) {
      if (e.timestamp < this.start) continue;
      const key = keyOf(e);
      const k = (inRead.get(key) ?? 0) + 1;
      inRead.set(key, k);
      const before = this.printed.get(key);
      if (before && before.count >= k) continue;
      this.printed.set(key, { timestamp: e.timestamp, count: k });
      out.push(e);
    }
    return out;
  }

  /** Marks events printed by another path (the history, Live Tail), so a later re-read skips them. */
  record(events: LogEvent[]): void {
    for (const e of events) {
      if (e.timestamp < this.start) continue;
      const key = keyOf(e);
      const before = this.printed.get(key);
      this.printed.set(key, { timestamp: e.timestamp, count: (before?.count ?? 0) + 1 });
    }
  }

  /** Moves the window's start forward (never back) and forgets what is now before it. */
  advance(start: number): void {
    if (start <= this.start) return;
    this.start = start;
    for (const [key, seen] of this.printed) if (seen.timestamp < start) this.printed.delete(key);
  }
}
