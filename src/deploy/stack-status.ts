// CloudFormation stack statuses, sorted by what the deploy engine can do with a stack in each.

export type StackCondition =
  | 'absent' // no stack, or DELETE_COMPLETE
  | 'review' // REVIEW_IN_PROGRESS: created by a change set never executed; a CREATE change set is still allowed
  | 'stable' // can be updated
  | 'busy' // an operation is running: wait for it
  | 'failed-create' // creation failed and rolled back: the stack holds nothing and must be deleted first
  | 'stuck'; // needs the user: ROLLBACK_FAILED, UPDATE_ROLLBACK_FAILED, DELETE_FAILED, ...

const STABLE = new Set([
  'CREATE_COMPLETE',
  'UPDATE_COMPLETE',
  'UPDATE_ROLLBACK_COMPLETE',
  'IMPORT_COMPLETE',
  'IMPORT_ROLLBACK_COMPLETE',
  'UPDATE_FAILED', // after --no-rollback: CloudFormation accepts a new update
]);

export function conditionOf(status: string | undefined): StackCondition {
  if (!status || status === 'DELETE_COMPLETE') return 'absent';
  if (status === 'REVIEW_IN_PROGRESS') return 'review';
  if (STABLE.has(status)) return 'stable';
  if (status.endsWith('_IN_PROGRESS')) return 'busy';
  if (status === 'ROLLBACK_COMPLETE') return 'failed-create';
  return 'stuck';
}

/** Whether the stack has finished an operation (for waiting on stack-level events or status). */
export function isTerminal(status: string): boolean {
  return !status.endsWith('_IN_PROGRESS') || status === 'REVIEW_IN_PROGRESS';
}

export function isRollback(status: string): boolean {
  return status.includes('ROLLBACK');
}

/** How a stack in a stuck status is recovered. */
export function recoveryHint(stackName: string, status: string): string {
  switch (status) {
    case 'UPDATE_ROLLBACK_FAILED':
      return `Finish the rollback, skipping resources that cannot roll back if needed: aws cloudformation continue-update-rollback --stack-name ${stackName}`;
    case 'ROLLBACK_FAILED':
    case 'CREATE_FAILED':
    case 'DELETE_FAILED':
      return `The stack holds resources CloudFormation could not remove. Delete it (retaining what fails) with: aws cloudformation delete-stack --stack-name ${stackName}, then deploy again.`;
    default:
      return `Inspect it with: aws cloudformation describe-stack-events --stack-name ${stackName}`;
  }
}
