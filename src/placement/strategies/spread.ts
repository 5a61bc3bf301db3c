// spread(field): the value with the fewest tasks of the same task group, counted over the whole cluster.
// instanceId/host is a per-instance count; attribute:<name> groups instances by the attribute's value.
import { StrategyDefinition } from '../registry';

export const spread: StrategyDefinition = {
  kind: 'strategy',
  type: 'spread',
  compile(field, ctx) {
    if (field === 'instanceId' || field === 'host') {
      return {
        kind: 'instance-score',
        label: `spread(${field})`,
        score: (inst) => inst.groupTaskCount,
        scaleInScore: (inst) => -inst.groupTaskCount,
        describe: (inst) => `${inst.groupTaskCount} task(s) of ${ctx.group} on it`,
      };
    }
    if (field !== undefined && field.startsWith('attribute:') && field.length > 'attribute:'.length) {
      const name = field.slice('attribute:'.length);
      return {
        kind: 'spread-value',
        label: `spread(${field})`,
        value: (inst) => inst.attribute(name),
        valueName: `attribute ${name}`,
      };
    }
    throw new Error(
      `spread field must be instanceId, host or attribute:<name> (e.g. attribute:ecs.availability-zone), got ${field === undefined ? 'none' : `'${field}'`}`,
    );
  },
};
