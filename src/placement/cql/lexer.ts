// Tokens of the Cluster Query Language, read on demand: the parser says whether it expects a name/operator or a
// value, because a bare value such as `t2.*` or `2018-06-18T22:28:28+00:00` would not survive a context-free lexer.
import { CqlSyntaxError } from './errors';

export type TokenKind = 'word' | 'quoted' | 'symbol' | '(' | ')' | '[' | ']' | ',' | 'end';

export interface Token {
  kind: TokenKind;
  /** The text; for a quoted literal, its content without the quotes. */
  text: string;
  /** 1-based column of the first character. */
  column: number;
  /** Offset just past the token, to tell `!exists` (adjacent) from `! exists`. */
  end: number;
}

/** `normal`: subjects, keywords, operators. `value`: one literal. `regex`: a literal that may hold ( ) [ ]. */
export type LexMode = 'normal' | 'value' | 'regex';

const SYMBOLS = ['==', '!=', '>=', '<=', '=~', '!~', '&&', '||', '>', '<', '!'];
const PUNCTUATION = new Set(['(', ')', '[', ']', ',']);
const SYMBOL_START = new Set(['=', '!', '<', '>', '&', '|']);

export class CqlLexer {
  private pos = 0;

  constructor(readonly text: string) {}

  peek(mode: LexMode = 'normal'): Token {
    const saved = this.pos;
    const t = this.next(mode);
    this.pos = saved;
    return t;
  }

  next(mode: LexMode = 'normal'): Token {
    const s = this.text;
    while (this.pos < s.length && isSpace(s[this.pos])) this.pos++;
    const start = this.pos;
    const column = start + 1;
    if (start >= s.length) return { kind: 'end', text: '', column, end: start };
    const c = s[start];
    if (c === "'") return this.quoted(start);
    if (mode === 'value' && c !== '[' && !PUNCTUATION.has(c)) return this.bare(start, false);
    if (mode === 'regex' && c !== ',' && c !== ')' && c !== ']') return this.bare(start, true);
    if (PUNCTUATION.has(c)) {
      this.pos++;
      return { kind: c as TokenKind, text: c, column, end: this.pos };
    }
    if (SYMBOL_START.has(c)) {
      const sym = SYMBOLS.find((x) => s.startsWith(x, start));
      if (!sym) {
        const want = c === '=' ? "'==' or '=~'" : c === '&' ? "'&&'" : "'||'";
        throw new CqlSyntaxError(s, column, want, `'${c}'`);
      }
      this.pos += sym.length;
      return { kind: 'symbol', text: sym, column, end: this.pos };
    }
    let i = start;
    while (i < s.length && !isSpace(s[i]) && !PUNCTUATION.has(s[i]) && s[i] !== "'" && !SYMBOL_START.has(s[i])) i++;
    this.pos = i;
    return { kind: 'word', text: s.slice(start, i), column, end: i };
  }

  /** A 'single-quoted' literal; no escapes (the docs define none), so it cannot contain a quote. */
  private quoted(start: number): Token {
    const close = this.text.indexOf("'", start + 1);
    if (close < 0) {
      throw new CqlSyntaxError(
        this.text,
        this.text.length + 1,
        `a closing ' for the value opened at column ${start + 1}`,
        'the end of the expression',
      );
    }
    this.pos = close + 1;
    return { kind: 'quoted', text: this.text.slice(start + 1, close), column: start + 1, end: this.pos };
  }

  /**
   * A bare literal. It ends at white space, at `,` `)` `]`, or at `&&`/`||`; in a regular expression, brackets and
   * parentheses that open inside the literal are kept with it (`t[23].*`, `(t2|m5).*`), and `\` escapes one character.
   */
  private bare(start: number, regex: boolean): Token {
    const s = this.text;
    let i = start;
    let depth = 0;
    while (i < s.length && !isSpace(s[i])) {
      const c = s[i];
      if (s.startsWith('&&', i) || s.startsWith('||', i)) break;
      if (regex) {
        if (c === '\\') {
          i += 2;
          continue;
        }
        if (c === '(' || c === '[') depth++;
        else if (c === ')' || c === ']') {
          if (depth === 0) break;
          depth--;
        } else if (c === ',' && depth === 0) break;
      } else if (PUNCTUATION.has(c) || c === "'") break;
      i++;
    }
    i = Math.min(i, s.length);
    this.pos = i;
    return { kind: 'word', text: s.slice(start, i), column: start + 1, end: i };
  }
}

function isSpace(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r';
}

export function describeToken(t: Token): string {
  return t.kind === 'end' ? 'the end of the expression' : `'${t.text}'`;
}
