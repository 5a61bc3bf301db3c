// One log event as every part of `svc logs` sees it, whichever API delivered it (FilterLogEvents, Live Tail).

export interface LogEvent {
  /** Milliseconds since the epoch, as CloudWatch Logs stores it. */
  timestamp: number;
  /** Log stream name, e.g. `copilot/web/0123456789abcdef0123456789abcdef`. */
  stream: string;
  message: string;
  /** FilterLogEvents' event id; Live Tail gives none. */
  id?: string;
}

/** Oldest first; events of one millisecond keep their stream order, so output is the same on every run. */
export function compareEvents(a: LogEvent, b: LogEvent): number {
  return a.timestamp - b.timestamp || (a.stream < b.stream ? -1 : a.stream > b.stream ? 1 : 0);
}
