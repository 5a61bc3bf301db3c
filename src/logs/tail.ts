// The newest N events of a read, in constant memory, for --limit ("the last N events of the window", as
// `tail -n`): a min-heap of at most N that drops its oldest when a newer event comes. Pages may overlap in
// time, so "newest" is by timestamp, not by arrival.
import { compareEvents, LogEvent } from './event';
import { EventHeap } from './heap';

export class NewestEvents {
  private readonly heap = new EventHeap();

  constructor(readonly capacity: number) {}

  get size(): number {
    return this.heap.size;
  }

  get full(): boolean {
    return this.heap.size >= this.capacity;
  }

  add(events: LogEvent[]): void {
    for (const e of events) {
      if (this.heap.size < this.capacity) this.heap.push(e);
      else if (this.capacity > 0 && compareEvents(e, this.heap.peek()!) > 0) {
        this.heap.pop();
        this.heap.push(e);
      }
    }
  }

  /** The kept events, oldest first; empties the keeper. */
  take(): LogEvent[] {
    const out: LogEvent[] = [];
    while (this.heap.size > 0) out.push(this.heap.pop()!);
    return out;
  }
}
