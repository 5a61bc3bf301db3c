// A small seeded pseudo-random generator: every random choice of a preview can be replayed from its seed.
// A Weyl sequence passed through an avalanche mix is plenty for choosing among instances; it is not for secrets.

export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    // Mix the seed once so that seeds 1, 2, 3 do not start from neighbouring states.
    this.state = mix32(Math.trunc(seed) ^ 0x5bd1e995) >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x9e3779b9) >>> 0;
    return mix32(this.state) / 4294967296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Exponentially distributed with mean 1: the waiting times that make "smallest key wins" a uniform draw. */
  exponential(): number {
    return -Math.log(1 - this.next());
  }

  /** rank[i] = position of item i in a seeded shuffle of 0..n-1 (Fisher–Yates). */
  ranks(n: number): Int32Array {
    const order = new Int32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    for (let i = n - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    const rank = new Int32Array(n);
    for (let k = 0; k < n; k++) rank[order[k]] = k;
    return rank;
  }
}

function mix32(x: number): number {
  let z = x | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}
