// The bottom of a terminal, redrawn in place: one block per stack being deployed (several when workloads deploy
// in parallel), with ordinary lines scrolling above it. Erasing moves the cursor up over what was drawn and clears
// to the end of the screen. While blocks are shown, other writes to the process's terminal streams (another
// workload's build, a warning) are let through above the blocks instead of being overwritten.
import { visibleWidth } from './progress-tree';

export interface TerminalStream {
  write(text: string): void;
  isTTY: boolean;
  /** Terminal size; 80x24 when unknown. */
  columns?: number;
  rows?: number;
}

/** Draws a block within the given size. */
export type BlockRenderer = (size: { width: number; maxLines: number }) => string[];

type Write = typeof process.stderr.write;

export class LiveRegion {
  private readonly blocks = new Map<object, BlockRenderer>();
  /** Widths of the lines on screen, to know how many rows they take if the terminal narrowed since. */
  private drawn: number[] = [];
  private restore: (() => void) | undefined;
  private inside = false;

  constructor(
    private readonly stream: TerminalStream,
    /** Streams that reach the same terminal, whose writes must not land inside the blocks. */
    private readonly shared: NodeJS.WriteStream[] = [],
  ) {}

  /** Shows or redraws `owner`'s block. */
  set(owner: object, render: BlockRenderer): void {
    this.blocks.set(owner, render);
    this.hook();
    this.redraw();
  }

  /** Removes `owner`'s block, then writes `lines` where it was (so they stay in the scrollback). */
  remove(owner: object, lines: string[] = []): void {
    this.blocks.delete(owner);
    this.redraw(lines);
    if (this.blocks.size === 0) this.unhook();
  }

  /** Writes lines above the blocks. */
  print(lines: string[]): void {
    this.redraw(lines);
  }

  private get size(): { columns: number; rows: number } {
    return { columns: this.stream.columns || 80, rows: this.stream.rows || 24 };
  }

  /** One write: erase the blocks, print `above`, draw the blocks again. */
  private redraw(above: string[] = []): void {
    let text = this.erase();
    for (const line of above) text += `${line}\n`;
    const { columns, rows } = this.size;
    const renderers = [...this.blocks.values()];
    // The blocks never fill the screen: erasing from its top-left corner makes some terminals (tmux) push the
    // whole screen into the scrollback. Past 30 lines a tree folds anyway.
    const height = Math.min(rows - 2, 30);
    const share = renderers.length > 0 ? Math.max(3, Math.floor(height / renderers.length)) : 0;
    const drawn: number[] = [];
    for (const render of renderers) {
      for (const line of render({ width: Math.max(10, columns - 1), maxLines: share })) {
        text += `${line}\n`;
        drawn.push(visibleWidth(line));
      }
    }
    this.drawn = drawn;
    if (text) this.out(text);
  }

  private erase(): string {
    if (this.drawn.length === 0) return '';
    const { columns } = this.size;
    const rows = this.drawn.reduce((n, w) => n + Math.max(1, Math.ceil(w / columns)), 0);
    this.drawn = [];
    return `\r\u001b[${rows}A\u001b[J`;
  }

  private out(text: string): void {
    this.inside = true;
    try {
      this.stream.write(text);
    } finally {
      this.inside = false;
    }
  }

  /** Lets other writes to the terminal through above the blocks. */
  private hook(): void {
    if (this.restore || this.shared.length === 0) return;
    const undo: (() => void)[] = [];
    for (const s of this.shared) {
      const original: Write = s.write;
      s.write = ((...args: Parameters<Write>): boolean => {
        if (this.inside || this.drawn.length === 0) return original.apply(s, args);
        this.inside = true;
        let ok: boolean;
        try {
          this.stream.write(this.erase());
          ok = original.apply(s, args);
        } finally {
          this.inside = false;
        }
        const chunk = args[0];
        const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString();
        // Redraw at once after a whole line; after part of one, at the next write of the region.
        if (text.endsWith('\n')) this.redraw();
        return ok;
      }) as Write;
      undo.push(() => {
        s.write = original;
      });
    }
    this.restore = () => undo.forEach((u) => u());
  }

  private unhook(): void {
    this.restore?.();
    this.restore = undefined;
  }
}

const regions = new WeakMap<object, LiveRegion>();

/** The one region of a stream, shared by every reporter that draws on it. */
export function liveRegion(stream: TerminalStream, shared: NodeJS.WriteStream[] = []): LiveRegion {
  let region = regions.get(stream);
  if (!region) {
    region = new LiveRegion(stream, shared);
    regions.set(stream, region);
  }
  return region;
}
