// The filter patterns of `files[].exclude` / `reinclude`, as `aws s3 cp --exclude/--include` reads them and
// Copilot documented them: `*` matches everything (slashes too), `?` one character, `[seq]` / `[!seq]` one
// character in or not in seq. A pattern ending in `/` (`copilot/`) means everything under that directory, which
// is what manifests writing it meant; with aws-cli semantics it would match nothing.

export type Matcher = (path: string) => boolean;

function escape(c: string): string {
  return /[\\^$.*+?()[\]{}|/-]/.test(c) ? `\\${c}` : c;
}

/** A bracket expression from `pattern[start]` (the `[`); undefined when it is not closed, so `[` is literal. */
function bracket(pattern: string, start: number): { source: string; end: number } | undefined {
  let i = start + 1;
  const negate = pattern[i] === '!';
  if (negate) i++;
  const first = i;
  let body = '';
  // A `]` right after `[` or `[!` is a member, as in fnmatch.
  while (i < pattern.length && (pattern[i] !== ']' || i === first)) {
    const c = pattern[i];
    body += c === '-' && i !== first && pattern[i + 1] !== ']' ? '-' : escape(c);
    i++;
  }
  if (i >= pattern.length) return undefined;
  return { source: `[${negate ? '^' : ''}${body}]`, end: i };
}

export function compilePattern(pattern: string): Matcher {
  let text = pattern.replace(/^(\.\/)+/, '');
  if (text.endsWith('/')) text += '*';
  let source = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '*') source += '.*';
    else if (c === '?') source += '.';
    else if (c === '[') {
      const b = bracket(text, i);
      if (b) {
        source += b.source;
        i = b.end;
      } else source += '\\[';
    } else source += escape(c);
  }
  const re = new RegExp(`^${source}$`, 's');
  return (path) => re.test(path);
}

/**
 * A pattern as it applies to paths inside `source`. Copilot matched patterns against paths from the workspace
 * root, so a pattern starting with the source directory (`public/*.js` for `source: public`) loses that prefix;
 * any other pattern is read as `aws s3` reads it, relative to the source.
 */
export function relativePattern(pattern: string, sourceDir: string): string {
  const text = pattern.replace(/^(\.\/)+/, '');
  const prefix = sourceDir === '' ? '' : `${sourceDir}/`;
  return prefix !== '' && text.startsWith(prefix) ? text.slice(prefix.length) : text;
}

/**
 * Whether a file (its path inside `source`) is uploaded: every `exclude` pattern, then every `reinclude`
 * pattern, the last match deciding (Copilot's order).
 */
export function uploadFilter(exclude: string[], reinclude: string[]): Matcher {
  const excluders = exclude.map(compilePattern);
  const reincluders = reinclude.map(compilePattern);
  return (p) => reincluders.some((m) => m(p)) || !excluders.some((m) => m(p));
}
