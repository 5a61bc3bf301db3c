// Parser of the Cluster Query Language (memberOf expressions): precedence, parentheses, lists, quoted values,
// every subject and operator with its word form. Errors carry the 1-based column and what was expected.
import { CqlComparison, CqlExpression, CqlLiteral, CqlNode, CqlOperator, CqlSubject, subjectName } from './ast';
import { CqlSyntaxError } from './errors';
import { CqlLexer, describeToken, Token } from './lexer';
import { isInteger, parseTimestamp, parseVersion } from './values';

const WORD_OPERATORS: Record<string, CqlOperator> = {
  equals: '==',
  not_equals: '!=',
  greater_than: '>',
  greater_than_equal: '>=',
  less_than: '<',
  less_than_equal: '<=',
  exists: 'exists',
  not_exists: '!exists',
  in: 'in',
  not_in: '!in',
  matches: '=~',
  not_matches: '!~',
};
const SYMBOL_OPERATORS = new Set<string>(['==', '!=', '>', '>=', '<', '<=', '=~', '!~']);

const ORDERING: CqlOperator[] = ['>', '>=', '<', '<='];
const EQUALITY: CqlOperator[] = ['==', '!='];
const LISTS: CqlOperator[] = ['in', '!in'];
const REGEX: CqlOperator[] = ['=~', '!~'];
const EXISTENCE: CqlOperator[] = ['exists', '!exists'];

/** Which operators make sense for each subject; anything else is rejected rather than given a made-up meaning. */
const ALLOWED: Record<CqlSubject['kind'], CqlOperator[]> = {
  attribute: [...EQUALITY, ...ORDERING, ...LISTS, ...REGEX, ...EXISTENCE],
  ec2InstanceId: [...EQUALITY, ...LISTS, ...REGEX],
  registeredAt: [...EQUALITY, ...ORDERING],
  runningTasksCount: [...EQUALITY, ...ORDERING, ...LISTS],
  agentConnected: [...EQUALITY],
  agentVersion: [...EQUALITY, ...ORDERING, ...LISTS, ...REGEX],
  taskGroup: [...EQUALITY, ...LISTS, ...REGEX, ...EXISTENCE],
};

const SUBJECTS_EXPECTED =
  "a subject (attribute:<name>, ec2InstanceId, registeredAt, runningTasksCount, agentConnected, agentVersion, task:group), 'not' or '('";
const OPERATORS_EXPECTED =
  'an operator (==, !=, >, >=, <, <=, exists, !exists, in, !in, =~, !~, or a word form such as equals, not_in)';

/** Parses a memberOf expression; throws CqlSyntaxError with the column of the first problem. */
export function parseCql(text: string): CqlExpression {
  return new Parser(text).parse();
}

class Parser {
  private readonly lexer: CqlLexer;
  private readonly notes: string[] = [];
  private dependsOnTaskState = false;

  constructor(private readonly text: string) {
    this.lexer = new CqlLexer(text);
  }

  parse(): CqlExpression {
    const root = this.or();
    const t = this.lexer.next();
    if (t.kind !== 'end')
      this.fail(
        t,
        t.kind === ')'
          ? "'and', 'or' or the end of the expression (this ')' closes nothing)"
          : "'and', 'or' or the end of the expression",
      );
    this.noteBareNots(root);
    return { text: this.text, root, notes: this.notes, dependsOnTaskState: this.dependsOnTaskState };
  }

  /** `not a == 1 and b == 2`: 'not' next to and/or without parentheses could be read two ways. */
  private noteBareNots(node: CqlNode): void {
    if (node.kind === 'compare') return;
    if (node.kind === 'not') return this.noteBareNots(node.operand);
    for (const side of [node.left, node.right]) {
      if (side.kind === 'not' && !side.parenthesized && !side.operand.parenthesized) this.noteBareNot(side.column);
      this.noteBareNots(side);
    }
  }

  private or(): CqlNode {
    let left = this.and();
    while (isKeyword(this.lexer.peek(), 'or', '||')) {
      this.lexer.next();
      const right = this.and();
      for (const side of [left, right]) {
        if (side.kind === 'and' && !side.parenthesized) this.noteMixedPrecedence();
      }
      left = { kind: 'or', left, right, column: left.column, parenthesized: false };
    }
    return left;
  }

  private and(): CqlNode {
    let left = this.unary();
    while (isKeyword(this.lexer.peek(), 'and', '&&')) {
      this.lexer.next();
      const right = this.unary();
      left = { kind: 'and', left, right, column: left.column, parenthesized: false };
    }
    return left;
  }

  private unary(): CqlNode {
    const t = this.lexer.peek();
    if (isKeyword(t, 'not', '!')) {
      this.lexer.next();
      const operand = this.unary();
      return { kind: 'not', operand, column: t.column, parenthesized: false };
    }
    if (t.kind === '(') {
      this.lexer.next();
      const inner = this.or();
      const close = this.lexer.next();
      if (close.kind !== ')') this.fail(close, `')' to close the '(' at column ${t.column}`);
      return { ...inner, parenthesized: true };
    }
    if (t.kind === 'word') return this.comparison();
    return this.fail(t, SUBJECTS_EXPECTED);
  }

  private comparison(): CqlComparison {
    const st = this.lexer.next();
    const subject = this.subject(st);
    const op = this.operator(subject, st);
    const node: CqlComparison = {
      kind: 'compare',
      subject,
      subjectText: st.text,
      op,
      column: st.column,
      parenthesized: false,
    };
    if (op === 'exists' || op === '!exists') return node;
    if (op === 'in' || op === '!in') {
      node.list = this.list(op);
      for (const lit of node.list) this.checkValue(subject, op, lit);
      return node;
    }
    const mode = op === '=~' || op === '!~' ? 'regex' : 'value';
    const v = this.lexer.next(mode);
    if (v.kind !== 'word' && v.kind !== 'quoted') {
      this.fail(v, v.kind === '[' ? `a single value after '${op}' (a list needs 'in')` : `a value after '${op}'`);
    }
    node.argument = { value: v.text, quoted: v.kind === 'quoted', column: v.column };
    this.checkValue(subject, op, node.argument);
    return node;
  }

  private subject(t: Token): CqlSubject {
    const name = t.text;
    if (name.startsWith('attribute:')) {
      const attr = name.slice('attribute:'.length);
      if (attr === '')
        this.fail(t, 'an attribute name after attribute: (e.g. attribute:ecs.instance-type)', t.column + 10);
      return { kind: 'attribute', name: attr };
    }
    switch (name) {
      case 'ec2InstanceId':
      case 'registeredAt':
      case 'agentConnected':
      case 'agentVersion':
        return { kind: name };
      case 'runningTasksCount':
        this.dependsOnTaskState = true;
        return { kind: name };
      case 'task:group':
        this.dependsOnTaskState = true;
        return { kind: 'taskGroup' };
    }
    return this.fail(t, SUBJECTS_EXPECTED);
  }

  private operator(subject: CqlSubject, st: Token): CqlOperator {
    const t = this.lexer.next();
    let op: CqlOperator | undefined;
    if (t.kind === 'symbol' && SYMBOL_OPERATORS.has(t.text)) op = t.text as CqlOperator;
    else if (t.kind === 'symbol' && t.text === '!') {
      // `!exists` and `!in` are one operator written as two tokens; they must touch.
      const w = this.lexer.peek();
      if (w.kind === 'word' && w.column === t.end + 1 && (w.text === 'exists' || w.text === 'in')) {
        this.lexer.next();
        op = `!${w.text}` as CqlOperator;
      }
    } else if (t.kind === 'word' && Object.prototype.hasOwnProperty.call(WORD_OPERATORS, t.text)) {
      op = WORD_OPERATORS[t.text];
    }
    if (!op) return this.fail(t, `${OPERATORS_EXPECTED} after '${st.text}'`);
    const allowed = ALLOWED[subject.kind];
    if (!allowed.includes(op)) {
      this.fail(t, `one of ${allowed.join(', ')} after ${subjectName(subject)}`);
    }
    if (subject.kind === 'taskGroup' && op === '!=') {
      this.notes.push(
        "`task:group != X` is read as: the instance runs no task of group X (the docs do not say whether it means 'runs a task of another group').",
      );
    }
    return op;
  }

  private list(op: CqlOperator): CqlLiteral[] {
    const open = this.lexer.next();
    if (open.kind !== '[') this.fail(open, `'[' to start the list after '${op}' (e.g. ${op} [a, b])`);
    const items: CqlLiteral[] = [];
    for (;;) {
      const v = this.lexer.next('value');
      if (v.kind !== 'word' && v.kind !== 'quoted')
        this.fail(v, items.length === 0 ? 'a value in the list' : 'a value after ,');
      items.push({ value: v.text, quoted: v.kind === 'quoted', column: v.column });
      const sep = this.lexer.next();
      if (sep.kind === ']') return items;
      if (sep.kind !== ',') this.fail(sep, `',' or ']' to close the list opened at column ${open.column}`);
    }
  }

  /** Values that can never match are errors, not silent falses: a count that is not a number, a bad date. */
  private checkValue(subject: CqlSubject, op: CqlOperator, lit: CqlLiteral): void {
    const bad = (expected: string): never => this.failAt(lit.column, expected, `'${lit.value}'`);
    switch (subject.kind) {
      case 'runningTasksCount':
        if (!isInteger(lit.value)) bad('a whole number for runningTasksCount');
        break;
      case 'agentConnected':
        if (lit.value !== 'true' && lit.value !== 'false') bad('true or false for agentConnected');
        break;
      case 'registeredAt': {
        const ts = parseTimestamp(lit.value);
        if (!ts) bad('a date for registeredAt (2018-06-18T22:28:28+00:00, ...Z, 2018-06-18T22:28:28 or 2018-06-18)');
        else if (ts.missing === 'time') {
          this.notes.push(
            `registeredAt value '${lit.value}' has no time: read as ${lit.value}T00:00:00Z (midnight UTC); the docs do not give its time zone.`,
          );
        } else if (ts.missing === 'zone') {
          this.notes.push(`registeredAt value '${lit.value}' has no time zone: read as UTC; the docs do not say.`);
        }
        break;
      }
      case 'agentVersion':
        if (ORDERING.includes(op) && !parseVersion(lit.value))
          bad('a version of dotted numbers (e.g. 1.14.5) to compare agentVersion with');
        break;
    }
    if (op === '=~' || op === '!~') {
      try {
        new RegExp(`^(?:${lit.value})$`);
      } catch {
        bad(
          'a regular expression (the preview reads Java syntax through JavaScript RegExp; quote it if it holds spaces)',
        );
      }
    }
  }

  private noteMixedPrecedence(): void {
    const text = `\`${this.text}\` mixes 'and' and 'or' without parentheses: the preview reads 'and' as binding tighter, but the ECS docs define no precedence; add parentheses.`;
    if (!this.notes.includes(text)) this.notes.push(text);
  }

  private noteBareNot(column: number): void {
    const text = `\`${this.text}\`: the 'not' at column ${column} is read as applying to the next comparison only; the docs show 'not' with parentheses.`;
    if (!this.notes.includes(text)) this.notes.push(text);
  }

  private fail(t: Token, expected: string, column = t.column): never {
    return this.failAt(column, expected, describeToken(t));
  }

  private failAt(column: number, expected: string, found: string): never {
    throw new CqlSyntaxError(this.text, column, expected, found);
  }
}

function isKeyword(t: Token, word: string, symbol: string): boolean {
  return (t.kind === 'word' && t.text === word) || (t.kind === 'symbol' && t.text === symbol);
}
