// A binary min-heap that knows where each item sits, so an item whose key changed can be moved or removed in
// O(log n). Keys are read live through the comparator; after changing an item's key, call update() on it.

export class IndexedHeap<T> {
  readonly items: T[] = [];

  constructor(
    private readonly cmp: (a: T, b: T) => number,
    private readonly setPos: (item: T, pos: number) => void,
  ) {}

  get size(): number {
    return this.items.length;
  }

  top(): T | undefined {
    return this.items[0];
  }

  /** Replaces the content and orders it in O(n). */
  build(items: T[]): void {
    this.items.length = 0;
    for (const it of items) this.items.push(it);
    this.heapify();
  }

  /** Re-orders everything; used when several keys changed at once. */
  heapify(): void {
    const a = this.items;
    for (let i = 0; i < a.length; i++) this.setPos(a[i], i);
    for (let i = (a.length >> 1) - 1; i >= 0; i--) this.down(i);
  }

  push(item: T): void {
    this.items.push(item);
    this.setPos(item, this.items.length - 1);
    this.up(this.items.length - 1);
  }

  /** The item at `pos` has a new key: move it to where it belongs. */
  update(pos: number): void {
    if (!this.up(pos)) this.down(pos);
  }

  remove(pos: number): void {
    const a = this.items;
    const gone = a[pos];
    const last = a.pop()!;
    this.setPos(gone, -1);
    if (pos < a.length) {
      a[pos] = last;
      this.setPos(last, pos);
      this.update(pos);
    }
  }

  /** Returns true when the item moved. */
  private up(pos: number): boolean {
    const a = this.items;
    const item = a[pos];
    let i = pos;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.cmp(item, a[p]) >= 0) break;
      a[i] = a[p];
      this.setPos(a[i], i);
      i = p;
    }
    if (i === pos) return false;
    a[i] = item;
    this.setPos(item, i);
    return true;
  }

  private down(pos: number): void {
    const a = this.items;
    const n = a.length;
    const item = a[pos];
    let i = pos;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && this.cmp(a[r], a[l]) < 0 ? r : l;
      if (this.cmp(a[c], item) >= 0) break;
      a[i] = a[c];
      this.setPos(a[i], i);
      i = c;
    }
    if (i !== pos) {
      a[i] = item;
      this.setPos(item, i);
    }
  }
}
