// memberOf(expression): only instances the Cluster Query Language expression selects. An expression that does not
// look at task state (task:group, runningTasksCount) is evaluated once per instance.
import { compileCql, parseCql } from '../cql';
import { ConstraintDefinition } from '../registry';

export const MAX_EXPRESSION_LENGTH = 2000;

export const memberOf: ConstraintDefinition = {
  kind: 'constraint',
  type: 'memberOf',
  allowedInTaskDefinition: true,
  compile(expression, ctx) {
    if (expression === undefined || expression.trim() === '') throw new Error('memberOf needs an expression');
    if (expression.length > MAX_EXPRESSION_LENGTH) {
      throw new Error(`expression max length ${MAX_EXPRESSION_LENGTH} characters, got ${expression.length}`);
    }
    // A CqlSyntaxError goes up as it is: the validator keeps its column.
    const parsed = parseCql(expression);
    for (const n of parsed.notes) ctx.notes.add(n);
    if (parsed.dependsOnTaskState) {
      ctx.notes.add(
        'task-state-in-query',
        'Tasks placed earlier in this preview count for task:group and runningTasksCount in memberOf expressions (the docs do not say whether tasks of the same call do).',
      );
    }
    const predicate = compileCql(parsed);
    return {
      label: `memberOf(${expression})`,
      reason: 'CONSTRAINT:memberOf',
      dependsOnTaskState: parsed.dependsOnTaskState,
      accepts: (inst, view) => predicate(inst, view.notes),
    };
  },
};
