// Keeps the printed history in timestamp order across pages without holding the whole result. FilterLogEvents
// documents its result as sorted by timestamp, and slices are read in order, so this is a guard: for servers
// that sort only within a page, and for events of one millisecond from different streams. Events wait in a
// bounded min-heap and leave, oldest first, once it is full; at the end the rest leaves in order. An event
// older than one already printed is printed at once (counted as late): holding everything to avoid that would
// make memory grow with the log group.
import { compareEvents, LogEvent } from './event';
import { EventHeap } from './heap';

/** Enough to absorb the overlap between pages seen on busy groups, small enough to print the first page early. */
export const REORDER_CAPACITY = 2_000;

export class OrderedBuffer {
  private readonly heap = new EventHeap();
  private lastOut?: LogEvent;
  /** Events that arrived after a newer one had been printed. */
  late = 0;

  constructor(private readonly capacity = REORDER_CAPACITY) {}

  get size(): number {
    return this.heap.size;
  }

  /** Adds a page; returns the events that can now be printed, oldest first. */
  push(events: LogEvent[]): LogEvent[] {
    const out: LogEvent[] = [];
    for (const e of events) {
      if (this.lastOut && compareEvents(e, this.lastOut) < 0) {
        this.late += 1;
        out.push(e);
        continue;
      }
      this.heap.push(e);
      if (this.heap.size > this.capacity) out.push((this.lastOut = this.heap.pop()!));
    }
    return out;
  }

  /** Everything left, oldest first. */
  drain(): LogEvent[] {
    const out: LogEvent[] = [];
    while (this.heap.size > 0) out.push((this.lastOut = this.heap.pop()!));
    return out;
  }
}
