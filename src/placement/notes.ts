// Notes: what a preview had to assume because the ECS docs leave it open. Each is kept once, in the order found,
// so a rule evaluated on 5,000 instances still yields one line.

export class NoteSink {
  private readonly byKey = new Map<string, string>();

  /** Records a note; a second note with the same key is dropped (the first example is the one shown). */
  add(key: string, text: string = key): void {
    if (!this.byKey.has(key)) this.byKey.set(key, text);
  }

  has(key: string): boolean {
    return this.byKey.has(key);
  }

  addAll(texts: Iterable<string>): void {
    for (const t of texts) this.add(t);
  }

  list(): string[] {
    return [...this.byKey.values()];
  }
}
