// The indexed engine. Strategies chained in order pick the lexicographic minimum of a key per instance:
// (count of its spread value 1, count of its spread value 2, ..., score 1, score 2, ..., seeded rank).
// Spread-by-value strategies come first and share one count per value, so instances are grouped in a tree by
// those values (AZ, then ...); each tree node keeps its children in a heap ordered by (value count, best key
// below). Per-instance scores (binpack, spread by instance, random) order the instances of a leaf in a heap.
// A placement changes one instance and one count per spread level, so only the nodes holding that instance or
// that value are re-ordered: O(depth · log n) per task instead of a scan of every instance.
import { ConstraintRule, InstanceScoreRule, SpreadValueRule, StrategyRule } from '../registry';
import { ClusterState } from '../state/cluster-state';
import { InstanceState } from '../state/instance-state';
import { IndexedHeap } from './heap';
import { MISSING_VALUE } from './scan';
import { CandidateSelector, Choice } from './selector';

/** True when the chain has the shape this engine indexes: spread-by-value rules first, per-instance rules after. */
export function canIndex(rules: StrategyRule[], constraints: ConstraintRule[]): boolean {
  if (constraints.some((c) => c.scope === 'cluster')) return false;
  let sawInstanceRule = false;
  for (const r of rules) {
    if (r.kind === 'narrow') return false;
    if (r.kind === 'instance-score') sawInstanceRule = true;
    else if (sawInstanceRule) return false;
  }
  return true;
}

interface NodeBase {
  depth: number;
  parent: BucketNode | undefined;
  /** Position in the parent's heap. */
  pos: number;
  /** The spread value (id) this node stands for at its parent's level. */
  valueId: number;
  /** Feasible instances below. */
  size: number;
  markEpoch: number;
}

interface BucketNode extends NodeBase {
  kind: 'bucket';
  heap: IndexedHeap<TreeNode>;
  pendingEpoch: number;
  pendingChild: TreeNode | undefined;
  pendingCount: number;
}

interface LeafNode extends NodeBase {
  kind: 'leaf';
  heap: IndexedHeap<number>;
}

type TreeNode = BucketNode | LeafNode;

export class IndexedSelector implements CandidateSelector {
  readonly name = 'indexed';
  private readonly levels: SpreadValueRule[];
  private readonly scoreRules: InstanceScoreRule[];
  private readonly scores: Float64Array[];
  private readonly rank: Int32Array;
  private readonly valueIds: Int32Array[];
  private readonly counts: Float64Array[];
  /** nodesByValue[level][valueId]: the nodes one level down that stand for that value. */
  private readonly nodesByValue: TreeNode[][][];
  private readonly heapPos: Int32Array;
  private readonly leafOf: (LeafNode | undefined)[];
  private readonly lastGroupCount: Int32Array;
  private readonly changed: TreeNode[][];
  private readonly root: TreeNode;
  private epoch = 0;

  constructor(
    private readonly state: ClusterState,
    rules: StrategyRule[],
  ) {
    const instances = state.instances;
    const n = instances.length;
    this.levels = rules.filter((r): r is SpreadValueRule => r.kind === 'spread-value');
    this.scoreRules = rules.filter((r): r is InstanceScoreRule => r.kind === 'instance-score');
    this.rank = Int32Array.from(instances, (i) => i.rank);
    this.lastGroupCount = Int32Array.from(instances, (i) => i.groupTaskCount);
    this.scores = this.scoreRules.map((r) => Float64Array.from(instances, (i) => r.score(i)));
    this.valueIds = [];
    this.counts = [];
    this.nodesByValue = [];
    for (const rule of this.levels) {
      const ids = new Map<string, number>();
      const valueIds = new Int32Array(n);
      const counts: number[] = [];
      for (const inst of instances) {
        const v = rule.value(inst) ?? MISSING_VALUE;
        let id = ids.get(v);
        if (id === undefined) {
          id = ids.size;
          ids.set(v, id);
          counts.push(0);
        }
        valueIds[inst.index] = id;
        counts[id] += inst.groupTaskCount; // over the whole cluster, feasible or not
      }
      this.valueIds.push(valueIds);
      this.counts.push(Float64Array.from(counts));
      this.nodesByValue.push(counts.map(() => []));
    }
    this.heapPos = new Int32Array(n).fill(-1);
    this.leafOf = new Array(n);
    this.changed = Array.from({ length: this.levels.length + 1 }, () => []);
    const feasible: number[] = [];
    for (const inst of instances) if (state.feasible(inst)) feasible.push(inst.index);
    this.root = this.build(feasible, 0, undefined, -1);
  }

  select(): Choice | undefined {
    if (this.root.size === 0) return undefined;
    const spreadCounts: number[] = [];
    let node = this.root;
    while (node.kind === 'bucket') {
      const child = node.heap.items[0];
      spreadCounts.push(this.counts[node.depth][child.valueId]);
      node = child;
    }
    const inst = this.state.instances[node.heap.items[0]];
    return { inst, eligible: this.root.size, tie: this.hasTie(this.root), spreadCounts };
  }

  committed(inst: InstanceState): void {
    const i = inst.index;
    for (let k = 0; k < this.scoreRules.length; k++) this.scores[k][i] = this.scoreRules[k].score(inst);
    const delta = inst.groupTaskCount - this.lastGroupCount[i];
    this.lastGroupCount[i] = inst.groupTaskCount;
    for (let l = 0; l < this.levels.length; l++) this.counts[l][this.valueIds[l][i]] += delta;

    const leaf = this.leafOf[i]!;
    if (this.state.feasible(inst)) leaf.heap.update(this.heapPos[i]);
    else {
      leaf.heap.remove(this.heapPos[i]);
      for (let n: TreeNode | undefined = leaf; n; n = n.parent) n.size--;
    }

    // Re-order, deepest first, every node whose key changed: the leaf's ancestors and the nodes of each changed
    // value. A heap with one changed child moves it; a heap with several is rebuilt (it is small: one per value).
    this.epoch++;
    this.mark(leaf);
    if (delta !== 0)
      for (let l = 0; l < this.levels.length; l++)
        for (const node of this.nodesByValue[l][this.valueIds[l][i]]) this.mark(node);
    for (let d = this.levels.length; d >= 1; d--) {
      const parents: BucketNode[] = [];
      for (const node of this.changed[d]) {
        const p = node.parent!;
        if (p.pendingEpoch !== this.epoch) {
          p.pendingEpoch = this.epoch;
          p.pendingChild = node;
          p.pendingCount = 1;
          parents.push(p);
        } else p.pendingCount++;
      }
      for (const p of parents) {
        if (p.pendingCount === 1) p.heap.update(p.pendingChild!.pos);
        else p.heap.heapify();
        this.mark(p);
      }
      this.changed[d].length = 0;
    }
    this.changed[0].length = 0;
  }

  private mark(node: TreeNode): void {
    if (node.markEpoch === this.epoch) return;
    node.markEpoch = this.epoch;
    this.changed[node.depth].push(node);
  }

  private build(members: number[], depth: number, parent: BucketNode | undefined, valueId: number): TreeNode {
    const base = { depth, parent, pos: -1, valueId, size: members.length, markEpoch: 0 };
    if (depth === this.levels.length) {
      const leaf: LeafNode = {
        ...base,
        kind: 'leaf',
        heap: new IndexedHeap<number>(
          (a, b) => this.cmpInstances(a, b, true),
          (item, pos) => (this.heapPos[item] = pos),
        ),
      };
      for (const i of members) this.leafOf[i] = leaf;
      leaf.heap.build(members);
      return leaf;
    }
    const node: BucketNode = {
      ...base,
      kind: 'bucket',
      heap: new IndexedHeap<TreeNode>(
        (x, y) => this.cmpChildren(depth, x, y),
        (item, pos) => (item.pos = pos),
      ),
      pendingEpoch: 0,
      pendingChild: undefined,
      pendingCount: 0,
    };
    const groups = new Map<number, number[]>();
    for (const i of members) {
      const id = this.valueIds[depth][i];
      const g = groups.get(id);
      if (g) g.push(i);
      else groups.set(id, [i]);
    }
    const children: TreeNode[] = [];
    for (const [id, g] of groups) {
      const child = this.build(g, depth + 1, node, id);
      this.nodesByValue[depth][id].push(child);
      children.push(child);
    }
    node.heap.build(children);
    return node;
  }

  /** Order of siblings under a level-`level` node: empty last, then fewer tasks of their value, then best below. */
  private cmpChildren(level: number, x: TreeNode, y: TreeNode): number {
    if (x.size === 0 || y.size === 0) return (x.size === 0 ? 1 : 0) - (y.size === 0 ? 1 : 0);
    const d = this.counts[level][x.valueId] - this.counts[level][y.valueId];
    if (d !== 0) return d;
    return this.cmpBest(x, y, true);
  }

  /** Compares the best instance under two non-empty nodes of the same depth. */
  private cmpBest(x: TreeNode, y: TreeNode, useRank: boolean): number {
    if (x.kind === 'leaf') return this.cmpInstances(x.heap.items[0], (y as LeafNode).heap.items[0], useRank);
    const tx = x.heap.items[0];
    const ty = (y as BucketNode).heap.items[0];
    const d = this.counts[x.depth][tx.valueId] - this.counts[x.depth][ty.valueId];
    if (d !== 0) return d;
    return this.cmpBest(tx, ty, useRank);
  }

  private cmpInstances(a: number, b: number, useRank: boolean): number {
    const s = this.scores;
    for (let k = 0; k < s.length; k++) {
      const d = s[k][a] - s[k][b];
      if (d !== 0) return d;
    }
    return useRank ? this.rank[a] - this.rank[b] : 0;
  }

  /** Is the best key shared by another candidate? In a heap the runner-up is a child of the top. */
  private hasTie(node: TreeNode): boolean {
    if (node.kind === 'leaf') {
      const a = node.heap.items;
      for (let c = 1; c <= 2 && c < a.length; c++) if (this.cmpInstances(a[0], a[c], false) === 0) return true;
      return false;
    }
    const a = node.heap.items;
    const top = a[0];
    const counts = this.counts[node.depth];
    for (let c = 1; c <= 2 && c < a.length; c++) {
      const s = a[c];
      if (s.size > 0 && counts[top.valueId] === counts[s.valueId] && this.cmpBest(top, s, false) === 0) return true;
    }
    return this.hasTie(top);
  }
}
