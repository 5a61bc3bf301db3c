// Example placement plugin for `mycopilot placement preview`: a constraint and two strategies ECS does not have,
// to try "what if" placements. Load it with loadPlugin('examples/placement-plugin/index.js', registry).
'use strict';

module.exports = {
  register(api) {
    // maxPerInstance: at most N tasks of the group on one instance (distinctInstance is N = 1).
    api.register({
      kind: 'constraint',
      type: 'maxPerInstance',
      compile(expression) {
        if (!/^[1-9]\d*$/.test(expression ?? '')) {
          throw new Error(
            `maxPerInstance needs a whole number ≥ 1 as its expression (e.g. "2"), got ${JSON.stringify(expression)}`,
          );
        }
        const max = Number(expression);
        return {
          label: `maxPerInstance(${max})`,
          reason: 'CONSTRAINT:maxPerInstance',
          // The answer changes as tasks land, but only on the instance that received one: the indexed engine copes.
          dependsOnTaskState: true,
          accepts: (inst) => inst.groupTaskCount < max,
        };
      },
    });

    // fewestTasks: the instance running the fewest tasks of any group. The score depends only on the instance
    // itself, so the indexed engine can keep instances ordered by it.
    api.register({
      kind: 'strategy',
      type: 'fewestTasks',
      compile(field) {
        if (field !== undefined) throw new Error('fewestTasks takes no field');
        return {
          kind: 'instance-score',
          label: 'fewestTasks',
          score: (inst) => inst.runningTasksCount,
          describe: (inst) => `${inst.runningTasksCount} task(s) running`,
        };
      },
    });

    // preferAttribute(<name>): among the candidates, keep those that carry the attribute, if any do. A free-form
    // `narrow` rule: the preview then uses the scan engine, which handles any rule.
    api.register({
      kind: 'strategy',
      type: 'preferAttribute',
      compile(field) {
        if (!field) throw new Error('preferAttribute needs the attribute name as its field');
        return {
          kind: 'narrow',
          label: `preferAttribute(${field})`,
          narrow: (candidates) => {
            const having = candidates.filter((inst) => inst.attribute(field) !== undefined);
            return having.length > 0 ? having : [...candidates];
          },
          describe: (inst) => (inst.attribute(field) !== undefined ? `has ${field}` : `no candidate has ${field}`),
        };
      },
    });
  },
};
