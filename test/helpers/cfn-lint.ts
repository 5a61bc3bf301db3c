// Runs AWS's CloudFormation linter once over many templates (one process: cfn-lint starts slowly).
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { RenderedStack, templateToYaml } from '../../src/stack/template';
import { tempDir } from './cli';

export interface LintFinding {
  file: string;
  rule: string;
  level: string;
  message: string;
  line: number;
}

/** Writes each stack under a temp dir (named by `label`) and returns cfn-lint's errors (warnings only with `all`). */
export function cfnLint(
  stacks: { label: string; stack: RenderedStack }[],
  options: { all?: boolean; region?: string } = {},
): LintFinding[] {
  const dir = tempDir('mycopilot-lint-');
  const files = stacks.map(({ label, stack }) => {
    const file = path.join(dir, `${label.replace(/[^A-Za-z0-9._-]+/g, '_')}.yml`);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, templateToYaml(stack.template));
    return file;
  });
  if (files.length === 0) return [];
  const r = spawnSync('cfn-lint', ['--format', 'json', '--regions', options.region ?? 'us-west-2', '--', ...files], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error) throw new Error(`cfn-lint could not run (${r.error.message}); install it with: pip install cfn-lint`);
  const raw = JSON.parse(r.stdout || '[]') as {
    Filename: string;
    Level: string;
    Message: string;
    Rule: { Id: string };
    Location: { Start: { LineNumber: number } };
  }[];
  return raw
    .filter((f) => options.all || f.Level === 'Error')
    .map((f) => ({
      file: path.basename(f.Filename),
      rule: f.Rule.Id,
      level: f.Level,
      message: f.Message,
      line: f.Location.Start.LineNumber,
    }));
}
