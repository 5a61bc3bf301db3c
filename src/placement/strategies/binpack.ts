// binpack(cpu|memory): the instance with the least remaining amount of the resource that still fits the task.
import { StrategyDefinition } from '../registry';

export const binpack: StrategyDefinition = {
  kind: 'strategy',
  type: 'binpack',
  compile(field) {
    if (field !== 'cpu' && field !== 'memory') {
      throw new Error(`binpack field must be cpu|memory, got ${field === undefined ? 'none' : `'${field}'`}`);
    }
    const unit = field === 'cpu' ? 'CPU units' : 'MiB';
    const left =
      field === 'cpu'
        ? (i: { remainingCpu: number }) => i.remainingCpu
        : (i: { remainingMemory: number }) => i.remainingMemory;
    return {
      kind: 'instance-score',
      label: `binpack(${field})`,
      score: left,
      // Scale-in: stop where the most is left once the task is gone.
      scaleInScore: (inst, stopped) => -(left(inst) + (field === 'cpu' ? stopped.cpu : stopped.memory)),
      describe: (inst) => `${left(inst)} ${unit} left`,
    };
  },
};
