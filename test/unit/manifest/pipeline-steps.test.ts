// The manifest pipeline's steps on small documents of our own: parse, interpolate, override, normalize, validate.
import { z } from 'zod';
import { interpolate, InterpolationProblem } from '../../../src/manifest/interpolate';
import { positionAt, toPlain, YMap, YNode } from '../../../src/manifest/node';
import { closest, normalize, UnknownKey } from '../../../src/manifest/normalize';
import { applyOverrides, overrideEnvironments } from '../../../src/manifest/override';
import { parseYaml } from '../../../src/manifest/parse';
import { validate } from '../../../src/manifest/validate';

function tree(text: string): YMap {
  const r = parseYaml('m.yml', text);
  if (!r.root) throw new Error(JSON.stringify(r.diagnostics));
  return r.root as YMap;
}

describe('parse', () => {
  it('keeps the position of every node', () => {
    const root = tree('name: api\nhttp:\n  path: /\n  healthcheck:\n    interval: 10s\nlist:\n  - a\n  - b\n');
    expect(positionAt(root, ['name'])).toEqual({ line: 1, column: 7 });
    expect(positionAt(root, ['http', 'healthcheck', 'interval'])).toEqual({ line: 5, column: 15 });
    expect(positionAt(root, ['list', 1])).toEqual({ line: 8, column: 5 });
    // a missing key reports its parent
    expect(positionAt(root, ['http', 'nope'])).toEqual({ line: 2, column: 1 });
  });

  it('keeps `on` and `yes` as string keys and leaves 1.1 booleans in values as text', () => {
    const root = tree('on:\n  schedule: "@daily"\nyes: no\n');
    expect(toPlain(root)).toEqual({ on: { schedule: '@daily' }, yes: 'no' });
  });

  it("resolves anchors and merge keys, the map's own keys winning", () => {
    const root = tree('base: &b\n  cpu: 256\n  memory: 512\nsvc:\n  <<: *b\n  memory: 1024\n');
    expect(toPlain(root)).toEqual({ base: { cpu: 256, memory: 512 }, svc: { cpu: 256, memory: 1024 } });
  });

  it.each([
    ['', 1, 1, /empty/],
    ['# only a comment\n', 1, 1, /empty/],
    ['\u0000\u0001binary', 1, 1, /not a text file/],
    ['name: a\n  bad: indent\n', 1, 7, /YAML syntax: Nested mappings/],
    ['a: "x\n', 2, 1, /YAML syntax: Missing closing/],
    ['- a\n- b\n', 1, 1, /expected a YAML map/],
    ['name: a\nname: b\n', 2, 1, /YAML syntax.*[Uu]nique|YAML syntax.*duplicate/i],
  ])('reports %j at its line and column', (text, line, column, message) => {
    const r = parseYaml('m.yml', text);
    expect(r.root).toBeUndefined();
    expect(r.diagnostics[0].position).toEqual({ file: 'm.yml', line, column });
    expect(r.diagnostics[0].message).toMatch(message);
  });
});

describe('interpolate', () => {
  const run = (text: string, vars: Record<string, string>) => {
    const problems: InterpolationProblem[] = [];
    const out = interpolate(tree(text), vars, problems);
    return { value: toPlain(out), problems, out };
  };

  it('replaces references inside text', () => {
    expect(run('alias: v1.${DOMAIN}\n', { DOMAIN: 'example.com' }).value).toEqual({ alias: 'v1.example.com' });
  });

  it('names an undefined variable and its position', () => {
    const { problems } = run('a: 1\nimage:\n  location: repo:${TAG}\n', {});
    expect(problems).toEqual([{ pos: { line: 3, column: 13 }, variable: 'TAG' }]);
  });

  it('keeps an escaped reference literally', () => {
    expect(run('cmd: echo \\${HOME} ${X}\n', { X: 'x' }).value).toEqual({ cmd: 'echo ${HOME} x' });
  });

  it('reads a plain scalar as if the value were written there; a quoted one stays text', () => {
    expect(run('count: ${N}\nq: "${N}"\nflag: ${B}\n', { N: '3', B: 'true' }).value).toEqual({
      count: 3,
      q: '3',
      flag: true,
    });
  });

  it('turns a list written in a variable into a list', () => {
    expect(run('subnets: ${IDS}\n', { IDS: '["subnet-1", "subnet-2"]' }).value).toEqual({
      subnets: ['subnet-1', 'subnet-2'],
    });
  });

  it('does not touch keys', () => {
    expect(run('${K}: v\n', { K: 'x' }).value).toEqual({ '${K}': 'v' });
  });
});

describe('environment overrides', () => {
  const merged = (text: string, env: string | undefined) => toPlain(applyOverrides(tree(text), env));

  it('lists the environments named, and drops the block from the result', () => {
    const text = 'cpu: 256\nenvironments:\n  test: {cpu: 512}\n  prod: {cpu: 1024}\n';
    expect(overrideEnvironments(tree(text))).toEqual(['test', 'prod']);
    expect(merged(text, undefined)).toEqual({ cpu: 256 });
    expect(merged(text, 'prod')).toEqual({ cpu: 1024 });
    expect(merged(text, 'other')).toEqual({ cpu: 256 });
  });

  it.each([
    ['false', false],
    ['0', 0],
    ['""', ''],
  ])('a scalar set to %s in the override wins', (written, expected) => {
    expect(merged(`exec: true\nenvironments:\n  test:\n    exec: ${written}\n`, 'test')).toEqual({ exec: expected });
  });

  it('merges maps key by key and replaces lists whole', () => {
    const text = [
      'http:\n  path: /\n  healthcheck:\n    path: /ok\n    interval: 10s\n  alias: [a.com, b.com]',
      'environments:\n  prod:\n    http:\n      healthcheck:\n        interval: 5s\n      alias: [c.com]',
    ].join('\n');
    expect(merged(text, 'prod')).toEqual({
      http: { path: '/', healthcheck: { path: '/ok', interval: '5s' }, alias: ['c.com'] },
    });
  });

  it('an empty override changes nothing', () => {
    expect(merged('cpu: 256\nenvironments:\n  test:\n    cpu:\n', 'test')).toEqual({ cpu: 256 });
    expect(merged('cpu: 256\nenvironments:\n  test:\n', 'test')).toEqual({ cpu: 256 });
  });

  it.each([
    ['count', 'count: 3', 'count:\n      range: 1-10', { range: '1-10' }],
    ['count', 'count:\n  range: 1-10\n  cpu_percentage: 70', 'count: 2', 2],
    [
      'image.build',
      'image:\n  build:\n    dockerfile: x/Dockerfile',
      'image:\n      build: y/Dockerfile',
      { build: 'y/Dockerfile' },
    ],
    ['http', 'http:\n  path: /', 'http: false', false],
    ['efs', 'efs: true', 'efs:\n      id: fs-1', { id: 'fs-1' }],
    ['placement', 'placement:\n  subnets: [s-1]', 'placement: private', 'private'],
  ])('setting one form of %s drops the other', (field, base, override, expected) => {
    const text = `${base}\nenvironments:\n  test:\n    ${override}\n`;
    const result = merged(text, 'test') as Record<string, unknown>;
    const top = field.split('.')[0];
    const value = field.includes('.') ? (result[top] as Record<string, unknown>) : result[top];
    expect(value).toEqual(field.includes('.') ? expected : expected);
  });

  it('image.location in an override drops image.build and the reverse', () => {
    const text = 'image:\n  build: Dockerfile\n  port: 80\nenvironments:\n  prod:\n    image:\n      location: nginx\n';
    expect(merged(text, 'prod')).toEqual({ image: { location: 'nginx', port: 80 } });
    const back = 'image:\n  location: nginx\nenvironments:\n  dev:\n    image:\n      build: Dockerfile\n';
    expect(merged(back, 'dev')).toEqual({ image: { build: 'Dockerfile' } });
  });

  it('spot and autoscaling in count replace each other, as Copilot merged them', () => {
    const text = 'count:\n  range: 1-10\n  cpu_percentage: 70\nenvironments:\n  staging:\n    count:\n      spot: 5\n';
    expect(merged(text, 'staging')).toEqual({ count: { spot: 5 } });
    const back = 'count:\n  spot: 2\nenvironments:\n  prod:\n    count:\n      range: 1-4\n';
    expect(merged(back, 'prod')).toEqual({ count: { range: '1-4' } });
  });

  it('EFS access by uid/gid and by file system id replace each other', () => {
    const text =
      'efs:\n  id: fs-1\n  root_dir: /data\nenvironments:\n  test:\n    efs:\n      uid: 1000\n      gid: 1000\n';
    expect(merged(text, 'test')).toEqual({ efs: { uid: 1000, gid: 1000 } });
  });

  it("reports the override's position for an overridden value", () => {
    const root = applyOverrides(tree('cpu: 256\nenvironments:\n  test:\n    cpu: 512\n'), 'test');
    expect(positionAt(root, ['cpu'])).toEqual({ line: 4, column: 10 });
  });
});

describe('normalize', () => {
  const schema = z.object({
    exec: z.boolean().optional(),
    variables: z.record(z.string(), z.string()).optional(),
    http: z.union([z.boolean(), z.object({ path: z.string(), enabled: z.boolean().optional() })]).optional(),
    deployment: z.object({ rolling: z.string() }).optional(),
  });
  const run = (text: string) => {
    const unknown: UnknownKey[] = [];
    const node = normalize(schema, tree(text), [], unknown);
    return { value: toPlain(node), unknown, node };
  };

  it.each(['yes', 'Yes', 'YES', 'on', 'ON', 'y', 'true'])('reads %s as true where a boolean is expected', (word) => {
    expect(run(`exec: ${word}\n`).value).toEqual({ exec: true });
  });

  it.each(['no', 'Off', 'N', 'FALSE'])('reads %s as false where a boolean is expected', (word) => {
    expect(run(`exec: ${word}\n`).value).toEqual({ exec: false });
  });

  it('keeps a quoted "yes" as text, so the schema rejects it', () => {
    expect(run('exec: "yes"\n').value).toEqual({ exec: 'yes' });
  });

  it('reads numbers and booleans as written where text is expected', () => {
    expect(run('variables:\n  PORT: 8080\n  RATE: 1.50\n  DEBUG: off\n').value).toEqual({
      variables: { PORT: '8080', RATE: '1.50', DEBUG: 'off' },
    });
  });

  it('resolves booleans inside the union member the value is meant as', () => {
    expect(run('http: off\n').value).toEqual({ http: false });
    expect(run('http:\n  path: /\n  enabled: yes\n').value).toEqual({ http: { path: '/', enabled: true } });
  });

  it('reports unknown keys at their position with the key that was meant', () => {
    const { unknown } = run('exec: true\ndeployments:\n  rolling: recreate\nhttp:\n  path: /\n  pth: /x\n  zzz: 1\n');
    expect(unknown.map((u) => ({ path: u.path, pos: u.pos, suggestion: u.suggestion }))).toEqual([
      { path: ['deployments'], pos: { line: 2, column: 1 }, suggestion: 'deployment' },
      { path: ['http', 'pth'], pos: { line: 6, column: 3 }, suggestion: 'path' },
      { path: ['http', 'zzz'], pos: { line: 7, column: 3 }, suggestion: undefined },
    ]);
  });

  it('suggests only close keys', () => {
    expect(closest('healthchek', ['healthcheck', 'http'])).toBe('healthcheck');
    expect(closest('imge', ['image', 'name'])).toBe('image');
    expect(closest('banana', ['image', 'name'])).toBeUndefined();
  });
});

describe('validate', () => {
  const schema = z.object({
    name: z.string(),
    cpu: z.number().int().min(256).optional(),
    platform: z.enum(['linux/amd64', 'linux/arm64']).optional(),
    http: z.union([z.boolean(), z.object({ path: z.string(), port: z.number().optional() })]).optional(),
    interval: z
      .string()
      .regex(/^\d+s$/, { message: 'expected a duration such as "10s"' })
      .optional(),
  });
  const problems = (text: string) => {
    const root: YNode = tree(text);
    return validate(schema, root).problems.map(
      (p) => `${p.pos.line}:${p.pos.column} ${p.path.join('.')}: ${p.message}`,
    );
  };

  it('names a missing required field', () => {
    expect(problems('cpu: 512\n')).toEqual(['1:1 name: is required: add `name:` (a string)']);
  });

  it('says what was expected and what was found, at the value', () => {
    expect(problems('name: a\ncpu: lots\n')).toEqual(['2:6 cpu: expected a number, got string ("lots")']);
    expect(problems('name: a\ncpu: 128\n')).toEqual(['2:6 cpu: must be at least 256, got number (128)']);
    expect(problems('name: a\nplatform: windows\n')).toEqual([
      '2:11 platform: expected "linux/amd64" or "linux/arm64", got string ("windows")',
    ]);
    expect(problems('name: a\ninterval: ten\n')).toEqual([
      '2:11 interval: expected a duration such as "10s", got string ("ten")',
    ]);
  });

  it('explains a union by the member the value was meant as', () => {
    expect(problems('name: a\nhttp:\n  port: 80\n')).toEqual(['2:1 http.path: is required: add `path:` (a string)']);
    expect(problems('name: a\nhttp: [1]\n')).toEqual(['2:7 http: expected true or false or a map, got list']);
  });
});
