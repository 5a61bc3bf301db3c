// `--watch`: collect, draw, wait, again, until Ctrl-C — which ends the loop cleanly (the command exits 0).
// On a terminal each frame replaces the previous one in place; elsewhere (pipes, CI logs, --json) frames are
// written one after another, each with its time, so a log reads as a history.
import { setTimeout as delay } from 'node:timers/promises';
import { visibleLength } from './table';

export interface WatchScreen {
  write(text: string): void;
  /** Redraw in place (a terminal) or append frames. */
  tty: boolean;
  /** Appended frames are separated by a blank line (not for JSON lines). */
  separate?: boolean;
  columns?: number;
  rows?: number;
}

export interface WatchOptions<T> {
  intervalMs: number;
  collect(): Promise<T>;
  render(value: T, at: Date): string[];
  /** What to show for a refresh that failed (the next one may work: throttling, a network blip). */
  renderError(err: unknown, at: Date): string[];
  screen: WatchScreen;
  now(): Date;
  /** Registers the Ctrl-C handler; returns its removal. */
  onInterrupt(handler: () => void): () => void;
  /** Waits `ms` or until the signal aborts (tests replace it). */
  sleep?(ms: number, signal: AbortSignal): Promise<void>;
  /** Stop after this many frames (tests). */
  maxFrames?: number;
}

async function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  await delay(ms, undefined, { signal }).catch(() => undefined);
}

/** Terminal rows a frame takes, counting lines that wrap. */
export function frameRows(lines: string[], columns: number | undefined): number {
  const width = columns && columns > 0 ? columns : Infinity;
  return lines.reduce((n, l) => n + Math.max(1, Math.ceil(visibleLength(l) / width)), 0);
}

/** Runs until interrupted (or maxFrames); returns the number of frames drawn. The first failure is thrown. */
export async function watch<T>(o: WatchOptions<T>): Promise<number> {
  const stop = new AbortController();
  const stopped = new Promise<'stopped'>((resolve) =>
    stop.signal.addEventListener('abort', () => resolve('stopped'), { once: true }),
  );
  const removeHandler = o.onInterrupt(() => stop.abort());
  const sleep = o.sleep ?? abortableSleep;
  let previousRows = 0;
  let frames = 0;
  try {
    while (!stop.signal.aborted) {
      let lines: string[];
      try {
        const value = await Promise.race([o.collect(), stopped]);
        if (value === 'stopped') break;
        lines = o.render(value as T, o.now());
      } catch (err) {
        if (frames === 0) throw err;
        lines = o.renderError(err, o.now());
      }
      draw(o.screen, lines, previousRows);
      previousRows = frameRows(lines, o.screen.columns);
      frames += 1;
      if (o.maxFrames !== undefined && frames >= o.maxFrames) break;
      await sleep(o.intervalMs, stop.signal);
    }
  } finally {
    removeHandler();
  }
  return frames;
}

function draw(screen: WatchScreen, lines: string[], previousRows: number): void {
  if (!screen.tty) {
    screen.write(lines.join('\n') + (screen.separate === false ? '\n' : '\n\n'));
    return;
  }
  // Move up over the last frame and clear from there; a frame taller than the screen cannot be reached that
  // way, so the screen is cleared instead.
  const tall = Boolean(screen.rows) && previousRows >= (screen.rows ?? 0);
  const erase = previousRows === 0 ? '' : tall ? '\u001b[H\u001b[2J' : `\u001b[${previousRows}A\r\u001b[J`;
  screen.write(erase + lines.join('\n') + '\n');
}
