// What an engine does: say which instance the next task goes to (and how it got there), and hear about commits.
import { InstanceState } from '../state/instance-state';

export interface Choice {
  inst: InstanceState;
  /** Instances that passed every filter for this task. */
  eligible: number;
  /** Several instances were equal under every strategy; the seeded order chose. */
  tie: boolean;
  /** For each spread-value strategy, the chosen value's task count before this task. */
  spreadCounts: number[];
}

export interface CandidateSelector {
  readonly name: 'indexed' | 'scan';
  select(): Choice | undefined;
  /** Called after ClusterState.commit(inst). */
  committed(inst: InstanceState): void;
}
