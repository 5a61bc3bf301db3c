// Ctrl-C during a deploy: the first press asks the deploy to cancel (and keeps showing the rollback), the
// second leaves at once. A plain counter behind an interface, so tests can press Ctrl-C on cue.

export interface Interrupts {
  /** How many times the user has interrupted since this deploy started. */
  count(): number;
  /** Called on each interrupt. */
  onInterrupt(handler: (count: number) => void): () => void;
}

export class ProcessInterrupts implements Interrupts {
  private presses = 0;
  private readonly handlers = new Set<(count: number) => void>();
  private readonly listener = () => {
    this.presses += 1;
    for (const h of this.handlers) h(this.presses);
  };

  constructor() {
    process.on('SIGINT', this.listener);
  }

  count(): number {
    return this.presses;
  }

  onInterrupt(handler: (count: number) => void): () => void {
    this.handlers.add(handler);
    return () => this.handlers.delete(handler);
  }

  dispose(): void {
    process.off('SIGINT', this.listener);
  }
}

/** For tests and for commands that cannot be interrupted midway. */
export class ManualInterrupts implements Interrupts {
  private presses = 0;
  private readonly handlers = new Set<(count: number) => void>();
  count(): number {
    return this.presses;
  }
  onInterrupt(handler: (count: number) => void): () => void {
    this.handlers.add(handler);
    return () => this.handlers.delete(handler);
  }
  press(): void {
    this.presses += 1;
    for (const h of this.handlers) h(this.presses);
  }
}
