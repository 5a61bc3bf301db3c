// A command written as one string, split into the argument list ECS takes the way a POSIX shell splits words:
// whitespace separates, single quotes keep everything, double quotes keep all but `\` escapes, a backslash
// escapes one character. No expansion happens: ECS and App Runner run the list without a shell.

/** The words of `text`, and the quote left open at its end, if any (the caller decides whether that is an error). */
export function shellWords(text: string): { words: string[]; openQuote?: '"' | "'" } {
  const words: string[] = [];
  let word = '';
  let started = false;
  let quote: '"' | "'" | undefined;
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
      started = true;
    } else if (c === '\\' && i + 1 < text.length) {
      word += text[++i];
      started = true;
    } else if (/\s/.test(c)) {
      if (started) words.push(word);
      word = '';
      started = false;
    } else {
      word += c;
      started = true;
    }
  }
  if (started) words.push(word);
  return { words, openQuote: quote };
}
