// The syntax tree of a Cluster Query Language expression, as the parser builds it and the evaluator reads it.

/** Operators in their symbol form; word forms (`equals`, `not_in`, ...) are normalised to these. */
export type CqlOperator = '==' | '!=' | '>' | '>=' | '<' | '<=' | 'exists' | '!exists' | 'in' | '!in' | '=~' | '!~';

export type CqlSubject =
  | { kind: 'attribute'; name: string }
  | { kind: 'ec2InstanceId' }
  | { kind: 'registeredAt' }
  | { kind: 'runningTasksCount' }
  | { kind: 'agentConnected' }
  | { kind: 'agentVersion' }
  | { kind: 'taskGroup' };

export interface CqlLiteral {
  value: string;
  quoted: boolean;
  /** 1-based column of the literal's first character (its opening quote when quoted). */
  column: number;
}

interface NodeBase {
  /** 1-based column where the node starts. */
  column: number;
  /** Written inside its own parentheses; used to spot and/or mixed without them. */
  parenthesized: boolean;
}

export interface CqlBinary extends NodeBase {
  kind: 'and' | 'or';
  left: CqlNode;
  right: CqlNode;
}

export interface CqlNot extends NodeBase {
  kind: 'not';
  operand: CqlNode;
}

export interface CqlComparison extends NodeBase {
  kind: 'compare';
  subject: CqlSubject;
  /** The subject as written, for messages. */
  subjectText: string;
  op: CqlOperator;
  /** The single argument of ==, !=, <, ... and =~ / !~. */
  argument?: CqlLiteral;
  /** The list argument of in / !in. */
  list?: CqlLiteral[];
}

export type CqlNode = CqlBinary | CqlNot | CqlComparison;

/** A parsed expression, ready to evaluate. */
export interface CqlExpression {
  text: string;
  root: CqlNode;
  /** Open points of the language this expression touches, fixed at parse time (e.g. and/or precedence). */
  notes: string[];
  /** True when the result can change as tasks are placed (task:group, runningTasksCount). */
  dependsOnTaskState: boolean;
}

export function subjectName(s: CqlSubject): string {
  switch (s.kind) {
    case 'attribute':
      return `attribute:${s.name}`;
    case 'taskGroup':
      return 'task:group';
    default:
      return s.kind;
  }
}
