// `mycopilot manifest validate` end to end: exit codes, positions, JSON shape, bad input without stack traces.
import { runCli, tempDir, writeFiles } from '../helpers/cli';

function workspace(files: Record<string, string>): string {
  const dir = writeFiles(files);
  return dir;
}

const GOOD_SVC = 'name: api\ntype: Backend Service\nimage:\n  location: nginx\n  port: 80\ncpu: 256\nmemory: 512\n';

describe('manifest validate', () => {
  it('passes a valid workspace and lists what it checked', () => {
    const dir = workspace({
      'copilot/.workspace': 'application: shop\n',
      'copilot/api/manifest.yml': GOOD_SVC + 'environments:\n  prod:\n    count: 2\n',
    });
    const r = runCli(['manifest', 'validate'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('copilot/api/manifest.yml (Backend Service) — checked: base, prod');
  });

  it('exits 1 with file:line:column for an error, and 0-exit warnings do not fail', () => {
    const dir = workspace({
      'copilot/.workspace': 'application: shop\n',
      'copilot/api/manifest.yml': GOOD_SVC.replace('cpu: 256', 'cpu: lots') + 'deployments:\n  rolling: recreate\n',
    });
    const r = runCli(['manifest', 'validate', 'copilot/api/manifest.yml'], { cwd: dir });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('error copilot/api/manifest.yml:6:6: cpu: expected a number, got string ("lots")');
    expect(r.stdout).toContain(
      'warning copilot/api/manifest.yml:8:1: deployments: unknown key "deployments" is ignored; did you mean "deployment"?',
    );
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
  });

  it("names an error that only an environment's overrides cause", () => {
    const dir = workspace({ 'm.yml': GOOD_SVC + 'environments:\n  prod:\n    memory: big\n' });
    const r = runCli(['manifest', 'validate', 'm.yml', '--json'], { cwd: dir });
    expect(r.status).toBe(1);
    const [report] = JSON.parse(r.stdout);
    expect(report).toMatchObject({ file: 'm.yml', type: 'Backend Service', checked: [null, 'prod'] });
    expect(report.errors).toEqual([
      { line: 10, column: 13, path: 'memory', message: 'expected a number, got string ("big")', env: 'prod' },
    ]);
  });

  it('with --env checks only that environment and fills ${COPILOT_ENVIRONMENT_NAME}', () => {
    const dir = workspace({
      'm.yml': GOOD_SVC + 'variables:\n  ENV: ${COPILOT_ENVIRONMENT_NAME}\nenvironments:\n  prod:\n    cpu: 1\n',
    });
    const test = runCli(['manifest', 'validate', 'm.yml', '--env', 'test', '--json'], { cwd: dir });
    expect(JSON.parse(test.stdout)[0]).toMatchObject({ checked: ['test'], errors: [] });
    expect(test.status).toBe(0);
    // as written, the manifest stands for any environment: the reference is no error
    const all = runCli(['manifest', 'validate', 'm.yml', '--json'], { cwd: dir });
    expect(JSON.parse(all.stdout)[0]).toMatchObject({
      checked: [null, 'prod'],
      errors: [{ line: 12, path: 'cpu', env: 'prod' }],
    });
  });

  it.each([
    ['a missing file', null, /nope\.yml:1:1: file not found/],
    ['an empty file', '', /empty\.yml:1:1: the file is empty/],
    ['binary garbage', '\u0000\u0001\u0002', /bin\.yml:1:1: this is not a text file/],
    ['malformed YAML', 'name: [a\n', /bad\.yml:2:1: YAML syntax/],
    [
      'an unknown type',
      'name: a\ntype: Load Balanced Service\n',
      /type\.yml:2:7: type: unknown manifest type "Load Balanced Service"; did you mean "Load Balanced Web Service"\?/,
    ],
    [
      'an undefined variable',
      'name: a\ntype: Backend Service\nimage:\n  location: repo:${NOPE_TAG}\n',
      /var\.yml:4:13: \$\{NOPE_TAG\} is not defined/,
    ],
  ])('reports %s on one line without a stack trace', (_what, text, expected) => {
    const names: Record<string, string> = {
      'a missing file': 'nope.yml',
      'an empty file': 'empty.yml',
      'binary garbage': 'bin.yml',
      'malformed YAML': 'bad.yml',
      'an unknown type': 'type.yml',
      'an undefined variable': 'var.yml',
    };
    const name = names[_what];
    const dir = workspace(text === null ? {} : { [name]: text });
    const r = runCli(['manifest', 'validate', name], { cwd: dir, env: { NOPE_TAG: undefined } });
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(expected);
    expect(r.stdout + r.stderr).not.toMatch(/\n\s+at /);
  });

  it('without files and outside a workspace, says what to do', () => {
    const r = runCli(['manifest', 'validate'], { cwd: tempDir() });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/no manifest files given and no copilot\/ directory/);
    expect(r.stderr).toMatch(/Pass manifest files/);
  });

  it('rejects an unknown flag as a usage error', () => {
    const r = runCli(['manifest', 'validate', '--nope']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/Nonexistent flag: --nope/);
  });
});
