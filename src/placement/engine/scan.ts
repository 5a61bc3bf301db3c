// The straightforward engine: for every task, test every instance, then narrow the candidates strategy by strategy.
// O(instances) per task. It handles every rule shape (including plugin `narrow` rules and cluster-wide
// constraints), serves as the reference the indexed engine is tested against, and is the benchmark's baseline.
import { PlacementInstance, StrategyRule } from '../registry';
import { ClusterState } from '../state/cluster-state';
import { InstanceState } from '../state/instance-state';
import { CandidateSelector, Choice } from './selector';

/** The key instances lacking a spread value are counted under. */
export const MISSING_VALUE = '\u0000(none)';

export class ScanSelector implements CandidateSelector {
  readonly name = 'scan';

  constructor(
    private readonly state: ClusterState,
    private readonly rules: StrategyRule[],
  ) {}

  select(): Choice | undefined {
    let cands = this.state.instances.filter((i) => this.state.feasible(i));
    const eligible = cands.length;
    if (eligible === 0) return undefined;
    const spreadCounts: number[] = [];
    for (const rule of this.rules) {
      if (rule.kind === 'instance-score') {
        let best = Infinity;
        for (const c of cands) best = Math.min(best, rule.score(c));
        cands = cands.filter((c) => rule.score(c) === best);
      } else if (rule.kind === 'spread-value') {
        // Counted over the whole cluster, compared among the values the candidates have.
        const counts = new Map<string, number>();
        for (const i of this.state.instances) {
          const v = rule.value(i) ?? MISSING_VALUE;
          counts.set(v, (counts.get(v) ?? 0) + i.groupTaskCount);
        }
        let best = Infinity;
        for (const c of cands) best = Math.min(best, counts.get(rule.value(c) ?? MISSING_VALUE)!);
        cands = cands.filter((c) => counts.get(rule.value(c) ?? MISSING_VALUE) === best);
        spreadCounts.push(best);
      } else {
        const narrowed = rule.narrow(cands, this.state.view) as PlacementInstance[];
        // A rule may only narrow: anything not among the candidates is dropped, and an empty answer is ignored.
        const allowed = new Set<PlacementInstance>(cands);
        const kept = narrowed.filter((c) => allowed.has(c)) as InstanceState[];
        if (kept.length > 0) cands = kept;
      }
    }
    let pick = cands[0];
    for (const c of cands) if (c.rank < pick.rank) pick = c;
    return { inst: pick, eligible, tie: cands.length > 1, spreadCounts };
  }

  committed(): void {
    // Nothing cached: the next select() looks at everything again.
  }
}
