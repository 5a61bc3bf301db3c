// Deletion asks first, on a terminal; elsewhere it needs --yes.
import { usageError } from '../errors';
import { isInteractive, terminalPrompter } from './prompt';

export async function confirmDeletion(what: string, yes: boolean): Promise<boolean> {
  if (yes) return true;
  if (!isInteractive()) throw usageError(`deleting ${what} needs confirmation`, 'Add --yes to delete without asking.');
  return terminalPrompter.confirm('yes', `Delete ${what}? This cannot be undone.`, false);
}
