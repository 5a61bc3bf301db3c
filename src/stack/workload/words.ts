// `entrypoint` and `command` written as one string are split the way a POSIX shell splits words (quotes and
// backslashes; see ../shell-words.ts), as Copilot did, since ECS takes the arguments as a list.
import { shellWords } from '../shell-words';

/** The arguments of a command given as a string or a list; undefined when unset or empty. */
export function splitCommand(value: string | string[] | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const words = Array.isArray(value) ? value : shellWords(value).words;
  return words.length > 0 ? words : undefined;
}
