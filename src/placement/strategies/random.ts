// random: any candidate. Each instance holds a seeded random key that grows by a fresh exponential draw whenever
// it receives a task; taking the smallest key is then a uniform draw among the candidates, and it can be indexed.
import { StrategyDefinition } from '../registry';

export const random: StrategyDefinition = {
  kind: 'strategy',
  type: 'random',
  compile(field, ctx) {
    if (field !== undefined)
      ctx.notes.add(`random-field`, `random takes no field; '${field}' is ignored (as ECS does).`);
    return {
      kind: 'instance-score',
      label: 'random',
      score: (inst) => inst.randomKey,
      scaleInScore: (inst) => inst.randomKey,
      describe: () => 'seeded draw',
    };
  },
};
