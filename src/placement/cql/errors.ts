// The error a malformed Cluster Query Language expression raises: where (1-based column) and what was expected.
import { MycopilotError } from '../../errors';

export class CqlSyntaxError extends MycopilotError {
  /** 1-based column of the offending character in `expression`. */
  readonly column: number;
  readonly expression: string;
  /** What the parser would have accepted here, e.g. `an operator (==, !=, ...)`. */
  readonly expected: string;

  constructor(expression: string, column: number, expected: string, found: string) {
    super('PLACEMENT', `column ${column}: expected ${expected}, found ${found}`, {
      hint: caretHint(expression, column),
    });
    this.name = 'CqlSyntaxError';
    this.column = column;
    this.expression = expression;
    this.expected = expected;
  }
}

/** The expression with a caret under the column, trimmed around it when the expression is long. */
function caretHint(expression: string, column: number): string {
  const width = 100;
  let start = 0;
  if (expression.length > width && column > width / 2) start = Math.min(column - width / 2, expression.length - width);
  const shown = expression.slice(start, start + width);
  const prefix = start > 0 ? '…' : '';
  return `${prefix}${shown}\n${' '.repeat(prefix.length + column - 1 - start)}^`;
}
