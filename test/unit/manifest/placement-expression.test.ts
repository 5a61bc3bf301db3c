// memberOf expressions in a workload manifest are parsed at validation time: a syntax error is reported at the
// expression's position, with the column inside the expression and what the parser expected there.
import { loadManifest } from '../../../src/manifest/load';

const FILE = 'copilot/api/manifest.yml';

function manifest(expression: string): string {
  return [
    'name: api', // line 1
    'type: Backend Service',
    'image:',
    '  location: public.ecr.aws/nginx/nginx:1.27',
    '  port: 80',
    'launch_type: EC2',
    'network:',
    '  mode: bridge',
    'placement:',
    '  constraints:', // line 10
    '    - type: distinctInstance',
    '    - type: memberOf',
    `      expression: ${expression}`, // line 13, the value at column 19
    '',
  ].join('\n');
}

describe('placement.constraints[].expression', () => {
  it('reports a missing operator at the expression, naming the column and what was expected', () => {
    const loaded = loadManifest({ file: FILE, text: manifest('"attribute:ecs.instance-type t3.*"'), vars: {} });
    expect(loaded.errors).toEqual([
      {
        position: { file: FILE, line: 13, column: 19 },
        path: 'placement.constraints[1].expression',
        message:
          "memberOf expression: column 29: expected an operator (==, !=, >, >=, <, <=, exists, !exists, in, !in, =~, !~, or a word form such as equals, not_in) after 'attribute:ecs.instance-type', found 't3.*'",
      },
    ]);
    expect(loaded.manifest).toBeUndefined();
  });

  it('reports an unclosed parenthesis with the column of the end and of the opening', () => {
    const loaded = loadManifest({ file: FILE, text: manifest("'(attribute:stack == prod'"), vars: {} });
    expect(loaded.errors.map((e) => [e.path, e.position.line, e.message])).toEqual([
      [
        'placement.constraints[1].expression',
        13,
        "memberOf expression: column 25: expected ')' to close the '(' at column 1, found the end of the expression",
      ],
    ]);
  });

  it('accepts a valid expression, including the word forms and lists', () => {
    for (const expression of [
      '"attribute:ecs.instance-type =~ m5.*"',
      '"attribute:ecs.availability-zone in [us-east-1a, us-east-1b] and not(task:group == service:db)"',
      '"agentConnected equals true"',
    ]) {
      const loaded = loadManifest({ file: FILE, text: manifest(expression), vars: {} });
      expect(loaded.errors).toEqual([]);
    }
  });

  it('checks the expression as the environment override leaves it', () => {
    const text =
      manifest('"attribute:ecs.instance-type =~ m5.*"') +
      [
        'environments:',
        '  prod:',
        '    placement:',
        '      constraints:',
        '        - type: memberOf',
        '          expression: "attribute:stack =="',
        '',
      ].join('\n');
    expect(loadManifest({ file: FILE, text, vars: {} }).errors).toEqual([]);
    const prod = loadManifest({ file: FILE, text, env: 'prod', vars: {} });
    expect(prod.errors.map((e) => [e.path, e.position.line, e.message])).toEqual([
      [
        'placement.constraints[0].expression',
        19,
        "memberOf expression: column 19: expected a value after '==', found the end of the expression",
      ],
    ]);
  });
});
