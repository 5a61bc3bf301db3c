// A binary min-heap of log events by timestamp: the reorder buffer and the newest-N keeper are built on it.
import { compareEvents, LogEvent } from './event';

export class EventHeap {
  private readonly items: LogEvent[] = [];

  get size(): number {
    return this.items.length;
  }

  /** The oldest event held. */
  peek(): LogEvent | undefined {
    return this.items[0];
  }

  push(e: LogEvent): void {
    const h = this.items;
    let i = h.push(e) - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (compareEvents(h[parent], e) <= 0) break;
      h[i] = h[parent];
      i = parent;
    }
    h[i] = e;
  }

  /** Removes and returns the oldest event. */
  pop(): LogEvent | undefined {
    const h = this.items;
    const top = h[0];
    const last = h.pop();
    if (last === undefined || h.length === 0) return top;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= h.length) break;
      const r = l + 1;
      const child = r < h.length && compareEvents(h[r], h[l]) < 0 ? r : l;
      if (compareEvents(last, h[child]) <= 0) break;
      h[i] = h[child];
      i = child;
    }
    h[i] = last;
    return top;
  }
}
