// Evaluation of a parsed expression against one container instance. The tree is compiled once into closures
// (regular expressions built once), because the engine evaluates each expression on thousands of instances.
// Where the docs leave the meaning open, the chosen reading is applied and a note says when it made a difference.
import { NoteSink } from '../notes';
import { CqlComparison, CqlExpression, CqlNode, subjectName } from './ast';
import { compareText, compareVersions, parseTimestamp, parseVersion } from './values';

/** What an expression can ask about an instance. */
export interface CqlInstance {
  readonly ec2InstanceId: string;
  readonly runningTasksCount: number;
  readonly agentConnected: boolean;
  readonly agentVersion: string | undefined;
  /** registeredAt in milliseconds since the epoch. */
  readonly registeredAtMs: number | undefined;
  attribute(name: string): string | undefined;
  hasTaskGroup(group: string): boolean;
  taskGroups(): Iterable<string>;
}

export type CqlPredicate = (inst: CqlInstance, notes?: NoteSink) => boolean;

export function compileCql(expr: CqlExpression): CqlPredicate {
  return compileNode(expr.root, expr.text);
}

export function evaluateCql(expr: CqlExpression, inst: CqlInstance, notes?: NoteSink): boolean {
  return compileCql(expr)(inst, notes);
}

function compileNode(node: CqlNode, text: string): CqlPredicate {
  switch (node.kind) {
    case 'and': {
      const l = compileNode(node.left, text);
      const r = compileNode(node.right, text);
      return (i, n) => l(i, n) && r(i, n);
    }
    case 'or': {
      const l = compileNode(node.left, text);
      const r = compileNode(node.right, text);
      return (i, n) => l(i, n) || r(i, n);
    }
    case 'not': {
      const o = compileNode(node.operand, text);
      return (i, n) => !o(i, n);
    }
    case 'compare':
      return compileComparison(node, text);
  }
}

function compileComparison(c: CqlComparison, text: string): CqlPredicate {
  const where = `\`${text}\``;
  switch (c.subject.kind) {
    case 'attribute': {
      const name = c.subject.name;
      const test: StringTest = c.op === 'exists' || c.op === '!exists' ? () => true : stringTest(c, where, 'attribute');
      const negative = c.op === '!=' || c.op === '!in' || c.op === '!~';
      return (i, n) => {
        const v = i.attribute(name);
        if (c.op === 'exists') return v !== undefined;
        if (c.op === '!exists') return v === undefined;
        if (v === undefined) {
          if (negative && n) {
            n.add(
              `missing:${text}:${c.column}`,
              `${where}: instances without attribute ${name} (e.g. ${i.ec2InstanceId}) do not match '${c.op}'; the docs describe it as matching instances that have ${name} with another value.`,
            );
          }
          return false;
        }
        return test(v, i, n);
      };
    }
    case 'ec2InstanceId': {
      const test = stringTest(c, where, 'id');
      return (i, n) => test(i.ec2InstanceId, i, n);
    }
    case 'agentVersion': {
      const test = stringTest(c, where, 'version');
      return (i, n) => (i.agentVersion === undefined ? false : test(i.agentVersion, i, n));
    }
    case 'runningTasksCount': {
      const values = literals(c).map(Number);
      return (i) => compareNumber(c.op, i.runningTasksCount, values);
    }
    case 'agentConnected': {
      const want = c.argument!.value === 'true';
      return (i) => (c.op === '==' ? i.agentConnected === want : i.agentConnected !== want);
    }
    case 'registeredAt': {
      const at = parseTimestamp(c.argument!.value)!.ms;
      return (i, n) => {
        if (i.registeredAtMs === undefined) {
          n?.add(
            `registeredAt-missing:${text}`,
            `${where}: instances with no registeredAt (e.g. ${i.ec2InstanceId}) do not match.`,
          );
          return false;
        }
        return compareNumber(c.op, i.registeredAtMs, [at]);
      };
    }
    case 'taskGroup':
      return compileTaskGroup(c, where);
  }
}

/** task:group asks about the set of groups running on the instance: true when one of them satisfies the test. */
function compileTaskGroup(c: CqlComparison, where: string): CqlPredicate {
  switch (c.op) {
    case '==':
      return (i) => i.hasTaskGroup(c.argument!.value);
    case '!=':
      return (i) => !i.hasTaskGroup(c.argument!.value);
    case 'in': {
      const list = literals(c);
      return (i) => list.some((g) => i.hasTaskGroup(g));
    }
    case '!in': {
      const list = literals(c);
      return (i) => !list.some((g) => i.hasTaskGroup(g));
    }
    case 'exists':
    case '!exists': {
      const want = c.op === 'exists';
      return (i) => {
        for (const _ of i.taskGroups()) return want;
        return !want;
      };
    }
    default: {
      const match = regexTest(c, where);
      const positive = c.op === '=~';
      return (i, n) => {
        for (const g of i.taskGroups()) if (match(g, i, n)) return positive;
        return !positive;
      };
    }
  }
}

type StringTest = (v: string, i: CqlInstance, n: NoteSink | undefined) => boolean;

function stringTest(c: CqlComparison, where: string, kind: 'attribute' | 'id' | 'version'): StringTest {
  switch (c.op) {
    case '==':
      return (v) => v === c.argument!.value;
    case '!=':
      return (v) => v !== c.argument!.value;
    case 'in': {
      const set = new Set(literals(c));
      return (v) => set.has(v);
    }
    case '!in': {
      const set = new Set(literals(c));
      return (v) => !set.has(v);
    }
    case '=~':
      return regexTest(c, where);
    case '!~': {
      const m = regexTest(c, where);
      return (v, i, n) => !m(v, i, n);
    }
    default:
      return kind === 'version' ? versionOrdering(c, where) : textOrdering(c, where);
  }
}

/**
 * Java's String.matches is a full match, and the docs' own example `t2.*` only makes sense that way; whether ECS
 * uses find() instead is not documented, so both are computed and a note names the first instance where they differ.
 */
function regexTest(c: CqlComparison, where: string): StringTest {
  const pattern = c.argument!.value;
  const full = new RegExp(`^(?:${pattern})$`);
  const partial = new RegExp(pattern);
  return (v, i, n) => {
    const r = full.test(v);
    if (n && r !== partial.test(v)) {
      n.add(
        `regex:${where}:${c.column}`,
        `${where}: '${pattern}' is applied as a full match (Java String.matches), so '${v}' on ${i.ec2InstanceId} ${r ? 'matches' : 'does not match'}; as a partial match (find) it would ${r ? 'not ' : ''}match. The docs do not say which ECS uses.`,
      );
    }
    return r;
  };
}

/** agentVersion compares as dotted numbers (1.9.0 < 1.14.5); a note says when a text comparison would differ. */
function versionOrdering(c: CqlComparison, where: string): StringTest {
  const arg = c.argument!.value;
  const want = parseVersion(arg)!;
  return (v, i, n) => {
    const have = parseVersion(v);
    const asText = orderingHolds(c.op, compareText(v, arg));
    if (!have) {
      n?.add(
        `version-text:${where}:${v}`,
        `${where}: agentVersion '${v}' on ${i.ec2InstanceId} is not dotted numbers; compared as text.`,
      );
      return asText;
    }
    const r = orderingHolds(c.op, compareVersions(have, want));
    if (n && r !== asText) {
      n.add(
        `version:${where}:${c.column}`,
        `${where}: agentVersion is compared as a version, so ${v} ${c.op} ${arg} is ${r} on ${i.ec2InstanceId}; compared as text it would be ${asText}. The docs do not say which ECS does.`,
      );
    }
    return r;
  };
}

/** Ordering on attributes: numbers when both sides are numbers, text otherwise (said in a note). */
function textOrdering(c: CqlComparison, where: string): StringTest {
  const arg = c.argument!.value;
  const argNum = numeric(arg);
  return (v, i, n) => {
    const vNum = numeric(v);
    if (argNum !== undefined && vNum !== undefined) return orderingHolds(c.op, vNum - argNum);
    n?.add(
      `text-order:${where}:${c.column}`,
      `${where}: ${subjectName(c.subject)} value '${v}' (on ${i.ec2InstanceId}) and '${arg}' are compared as text, not numbers; the docs define ordering only for numbers and dates.`,
    );
    return orderingHolds(c.op, compareText(v, arg));
  };
}

function numeric(s: string): number | undefined {
  return /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : undefined;
}

function literals(c: CqlComparison): string[] {
  return (c.list ?? (c.argument ? [c.argument] : [])).map((l) => l.value);
}

function compareNumber(op: string, v: number, args: number[]): boolean {
  switch (op) {
    case 'in':
      return args.includes(v);
    case '!in':
      return !args.includes(v);
    case '==':
      return v === args[0];
    case '!=':
      return v !== args[0];
    default:
      return orderingHolds(op, v - args[0]);
  }
}

function orderingHolds(op: string, d: number): boolean {
  switch (op) {
    case '>':
      return d > 0;
    case '>=':
      return d >= 0;
    case '<':
      return d < 0;
    case '<=':
      return d <= 0;
    case '==':
      return d === 0;
    default:
      return d !== 0;
  }
}
