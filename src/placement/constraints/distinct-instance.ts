// distinctInstance: each task of the group on a different instance; running tasks and tasks placed earlier in
// the same request both count. Takes no expression, and is not allowed in a task definition.
import { ConstraintDefinition } from '../registry';

export const distinctInstance: ConstraintDefinition = {
  kind: 'constraint',
  type: 'distinctInstance',
  allowedInTaskDefinition: false,
  compile(expression) {
    if (expression !== undefined) throw new Error('expression not allowed for distinctInstance (it takes none)');
    return {
      label: 'distinctInstance',
      reason: 'CONSTRAINT:distinctInstance',
      dependsOnTaskState: true,
      accepts: (inst) => inst.groupTaskCount === 0,
    };
  },
};
