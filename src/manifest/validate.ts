// Step 4b: check the normalized tree against its schema and turn every zod issue into a message a user
// can act on, at the position of the offending node.
import { z } from 'zod';
import { describeKind } from './parse';
import { formatPath, PathSegment, Pos, positionAt, toPlain, YNode } from './node';

export interface Problem {
  path: PathSegment[];
  pos: Pos;
  message: string;
}

type Issue = z.core.$ZodIssue;

export function validate<T>(schema: z.ZodType<T>, root: YNode): { value?: T; problems: Problem[] } {
  const result = schema.safeParse(toPlain(root));
  if (result.success) return { value: result.data, problems: [] };
  const problems: Problem[] = [];
  const seen = new Set<string>();
  for (const issue of result.error.issues) {
    for (const p of explain(issue, [], root)) {
      const key = `${formatPath(p.path)}|${p.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      problems.push(p);
    }
  }
  problems.sort((a, b) => a.pos.line - b.pos.line || a.pos.column - b.pos.column);
  return { problems };
}

function nodeAt(root: YNode, path: readonly PathSegment[]): YNode | undefined {
  let node: YNode | undefined = root;
  for (const segment of path) {
    if (node?.kind === 'map') node = node.entries.get(String(segment))?.node;
    else if (node?.kind === 'seq' && typeof segment === 'number') node = node.items[segment];
    else return undefined;
  }
  return node;
}

function explain(issue: Issue, prefix: PathSegment[], root: YNode): Problem[] {
  const path = [...prefix, ...(issue.path as PathSegment[])];
  const at = (message: string): Problem[] => [{ path, pos: positionAt(root, path), message }];
  const node = nodeAt(root, path);
  const got = node ? `got ${describeKind(node)}` : '';
  switch (issue.code) {
    case 'invalid_type': {
      if (!node || (node.kind === 'scalar' && node.value === null && issue.expected !== 'null')) {
        const name = path.length ? String(path[path.length - 1]) : 'value';
        return node
          ? at(`needs a value: expected ${expectedText(issue.expected)}`)
          : at(`is required: add \`${name}:\` (${expectedText(issue.expected)})`);
      }
      return at(`expected ${expectedText(issue.expected)}, ${got}`);
    }
    case 'invalid_value':
      return at(`expected ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}, ${got}`);
    case 'invalid_union': {
      const branches = issue.errors as Issue[][];
      // A branch whose issues all lie deeper than the union matched the node's shape: report its problems.
      const deeper = branches.filter((b) => b.length > 0 && b.every((i) => i.path.length > 0));
      if (deeper.length > 0) {
        const best = deeper.reduce((a, b) => (b.length < a.length ? b : a));
        return best.flatMap((i) => explain(i, path, root));
      }
      const expected = [...new Set(branches.map((b) => (b[0] ? expectedOf(b[0]) : 'a value')))];
      return at(`expected ${expected.join(' or ')}, ${got}`);
    }
    case 'too_small':
    case 'too_big': {
      const bound = issue.code === 'too_small' ? 'at least' : 'at most';
      const limit = String(issue.code === 'too_small' ? issue.minimum : issue.maximum);
      const exclusive = issue.inclusive === false ? (issue.code === 'too_small' ? 'more than' : 'less than') : bound;
      if (issue.origin === 'array') return at(`needs ${bound} ${limit} item(s), ${got}`);
      if (issue.origin === 'string') return at(`must be ${bound} ${limit} character(s) long`);
      return at(`must be ${exclusive} ${limit}, ${got}`);
    }
    case 'not_multiple_of':
      return at(`must be a multiple of ${String(issue.divisor)}, ${got}`);
    case 'invalid_format':
      return at(
        issue.message && !issue.message.startsWith('Invalid')
          ? `${issue.message}, ${got}`
          : `is not a valid ${issue.format}, ${got}`,
      );
    default:
      return at(issue.message);
  }
}

function expectedOf(issue: Issue): string {
  if (issue.code === 'invalid_type') return expectedText(issue.expected);
  if (issue.code === 'invalid_value') return issue.values.map((v) => JSON.stringify(v)).join(' or ');
  if (issue.code === 'invalid_format' && issue.message) return issue.message.replace(/^expected /, '');
  return 'a valid value';
}

function expectedText(expected: string): string {
  const names: Record<string, string> = {
    object: 'a map',
    array: 'a list',
    string: 'a string',
    number: 'a number',
    int: 'a whole number',
    boolean: 'true or false',
    record: 'a map',
    null: 'nothing',
  };
  return names[expected] ?? expected;
}
