// Where printed events go: formatted a page at a time and written as one chunk (a write per event costs more
// than the formatting), waiting when the reader is slower than CloudWatch, and stopping quietly when the
// reader goes away (`mycopilot svc logs | head`).
import type { LogEvent } from './event';
import type { EventSink } from './read';

export class StreamSink implements EventSink {
  private broken = false;
  private failure?: Error;
  /** Events written so far. */
  written = 0;

  constructor(
    private readonly stream: NodeJS.WritableStream,
    private readonly format: (event: LogEvent) => string,
    onBroken: () => void = () => undefined,
  ) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      this.broken = true;
      // The reader closed the pipe: there is no one left to print for, which is no failure.
      if (err.code === 'EPIPE' || err.code === 'ERR_STREAM_DESTROYED') onBroken();
      else this.failure = err;
    });
  }

  async write(events: LogEvent[]): Promise<void> {
    // Another failure to write (a full disk) is the command's failure, reported once the read stops.
    if (this.failure) throw this.failure;
    if (this.broken || events.length === 0) return;
    let text = '';
    for (const e of events) text += this.format(e);
    this.written += events.length;
    if (this.stream.write(text)) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        this.stream.off('drain', done);
        this.stream.off('close', done);
        this.stream.off('error', done);
        resolve();
      };
      this.stream.on('drain', done);
      this.stream.on('close', done);
      this.stream.on('error', done);
    });
  }
}
