// App Runner's and Express Mode's `command:` string as an argument list (see ../shell-words.ts); an
// unterminated quote is an error at the manifest field.
import type { PathSegment } from '../../manifest/node';
import { RenderError } from '../inputs';
import { shellWords } from '../shell-words';

export function splitCommand(text: string, path: PathSegment[]): string[] {
  const { words, openQuote } = shellWords(text);
  if (openQuote) throw new RenderError(path, `unterminated ${openQuote} quote in the command`);
  return words;
}
