// Runs a Live Tail session in the background and queues what it delivers, so that --follow can read the
// history and poll while the session starts (a failing start can take seconds of retries), and switch to it
// once it runs without losing what was written in between.
import type { LogEvent } from './event';

export class LiveFeed {
  private readonly queue: LogEvent[][] = [];
  private wake?: () => void;
  private failure: unknown;
  private ended = false;
  private running = false;

  constructor(session: AsyncIterable<LogEvent[]>) {
    void (async () => {
      try {
        for await (const batch of session) {
          this.running = true;
          if (batch.length > 0) {
            this.queue.push(batch);
            this.wake?.();
          }
        }
        this.failure = new Error('the Live Tail session ended');
      } catch (err) {
        this.failure = err;
      }
      this.ended = true;
      this.wake?.();
    })();
  }

  /** `starting` until the session has started or failed; `live` while it runs; `ended` after. */
  get state(): 'starting' | 'live' | 'ended' {
    return this.ended ? 'ended' : this.running ? 'live' : 'starting';
  }

  /** Why the session failed or ended. */
  get error(): unknown {
    return this.failure;
  }

  /** Everything delivered and not yet taken. */
  takeQueued(): LogEvent[] {
    return this.queue.splice(0).flat();
  }

  /** The next batch; undefined when `signal` aborts first. Throws the session's error once it has ended. */
  async next(signal: AbortSignal): Promise<LogEvent[] | undefined> {
    while (this.queue.length === 0) {
      if (signal.aborted) return undefined;
      if (this.ended) throw this.failure;
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        signal.addEventListener('abort', () => resolve(), { once: true });
      });
    }
    return this.queue.shift();
  }
}
