// The command-line forms of a placement request: `binpack:memory`, `spread:attribute:ecs.availability-zone`,
// `random`, `distinctInstance`, `memberOf:<expression>`, numbers and lists. Only the shape is checked here; what a
// type accepts is checked by its rule when the request is compiled, so plugin types work the same way.
import { usageError } from '../errors';
import { PlacementConstraintSpec, PlacementStrategySpec } from './model';

/** `type` or `type:field`; the field may itself hold colons (`attribute:ecs.availability-zone`). */
export function parseStrategyFlag(text: string): PlacementStrategySpec {
  const { type, rest } = splitType(
    text,
    '--strategy',
    'binpack:memory, spread:attribute:ecs.availability-zone or random',
  );
  return rest === undefined ? { type } : { type, field: rest };
}

/** `distinctInstance` or `memberOf:<expression>` (the expression is kept as written, spaces included). */
export function parseConstraintFlag(text: string): PlacementConstraintSpec {
  const { type, rest } = splitType(text, '--constraint', 'distinctInstance or "memberOf:<expression>"');
  return rest === undefined ? { type } : { type, expression: rest };
}

function splitType(text: string, flag: string, example: string): { type: string; rest?: string } {
  const at = text.indexOf(':');
  const type = (at < 0 ? text : text.slice(0, at)).trim();
  if (!/^[A-Za-z][A-Za-z0-9_-]*$/.test(type)) {
    throw usageError(`${flag} "${text}": expected TYPE or TYPE:VALUE, e.g. ${example}`);
  }
  if (at < 0) return { type };
  const rest = text.slice(at + 1);
  if (rest.trim() === '') throw usageError(`${flag} "${text}": expected a value after "${type}:"`);
  return { type, rest: rest.trim() };
}

/** A whole number within bounds, or a usage error naming the flag. */
export function parseWholeNumber(text: string, flag: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const n = /^\s*\d+\s*$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `≥ ${min}` : `from ${min} to ${max}`;
    throw usageError(`${flag} "${text}": expected a whole number ${range}`);
  }
  return n;
}

/** `a,b` → ['a', 'b']; repeated flags are joined. Empty items are a mistake worth naming. */
export function parseList(values: string[], flag: string, what: string): string[] {
  const out: string[] = [];
  for (const v of values) {
    for (const item of v.split(',')) {
      const trimmed = item.trim();
      if (trimmed === '') throw usageError(`${flag} "${v}": expected a comma-separated list of ${what}`);
      out.push(trimmed);
    }
  }
  return out;
}
