// A `command:` string as the argument list ECS takes, split the way a POSIX shell splits words: whitespace
// separates, single quotes keep everything, double quotes keep all but `\` escapes, a backslash escapes one
// character. No expansion happens (ECS runs the list without a shell).
import type { PathSegment } from '../../manifest/node';
import { RenderError } from '../inputs';

export function splitCommand(text: string, path: PathSegment[]): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: "'" | '"' | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote === "'") {
      if (c === "'") quote = undefined;
      else word += c;
    } else if (quote === '"') {
      if (c === '"') quote = undefined;
      else if (c === '\\' && i + 1 < text.length && '"\\$`'.includes(text[i + 1])) word += text[++i];
      else word += c;
    } else if (c === "'" || c === '"') {
      quote = c;
      inWord = true;
    } else if (c === '\\' && i + 1 < text.length) {
      word += text[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (quote) throw new RenderError(path, `unterminated ${quote} quote in the command`);
  if (inWord) words.push(word);
  return words;
}
