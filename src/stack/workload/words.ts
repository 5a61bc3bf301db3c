// `entrypoint` and `command` written as one string are split the way a POSIX shell splits words (quotes and
// backslashes), as Copilot did, since ECS takes the arguments as a list.

/** The arguments of a command given as a string or a list; undefined when unset or empty. */
export function splitCommand(value: string | string[] | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const words = Array.isArray(value) ? value : shellWords(value);
  return words.length > 0 ? words : undefined;
}

export function shellWords(text: string): string[] {
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
  return words;
}
