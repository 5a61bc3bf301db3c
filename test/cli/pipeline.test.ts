// The pipeline commands as a user runs them, offline: package, show, ls --local, init then package, help, and
// mistakes reported on one line with the flag or file:line:column.
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { runCli } from '../helpers/cli';
import { manifestText, pipelineWorkspace } from '../unit/pipeline/fixtures';

const GITHUB = ['source:', '  provider: GitHub', '  properties:', '    repository: https://github.com/acme/shop'];

function project(pipelines: Record<string, string[]>): string {
  const files: Record<string, string> = {};
  for (const [name, lines] of Object.entries(pipelines))
    files[`copilot/pipelines/${name}/manifest.yml`] = manifestText(lines);
  return pipelineWorkspace(files).root;
}

const RELEASE = [
  'name: release',
  ...GITHUB,
  'stages:',
  '  - name: test',
  '    test_commands: [make test]',
  '  - name: prod',
  '    requires_approval: true',
];

describe('pipeline package', () => {
  it('prints the template of the only pipeline', () => {
    const r = runCli(['pipeline', 'package'], { cwd: project({ release: RELEASE }) });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const template = parse(r.stdout);
    expect(template.Resources.Pipeline.Type).toBe('AWS::CodePipeline::Pipeline');
    expect(template.Resources.Pipeline.Properties.Stages.map((s: { Name: string }) => s.Name)).toEqual([
      'Source',
      'Build',
      'DeployTo-test',
      'DeployTo-prod',
    ]);
  });

  it('writes the template and the parameters CloudFormation takes', () => {
    const dir = project({ release: RELEASE });
    const r = runCli(['pipeline', 'package', '--name', 'release', '--output-dir', 'out'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('✔ Wrote out/release.pipeline.stack.yml\n✔ Wrote out/release.pipeline.params.json\n');
    expect(r.stderr).toMatch(/ArtifactBucket: left empty here, filled in by `mycopilot pipeline deploy`/);
    expect(JSON.parse(readFileSync(path.join(dir, 'out', 'release.pipeline.params.json'), 'utf8'))).toEqual({
      Parameters: { ArtifactBucket: '' },
      Tags: { 'copilot-application': 'app', 'copilot-pipeline': 'release' },
    });
  });

  it('reports a deployment that names nothing, on one line at its position', () => {
    const dir = project({
      release: ['name: release', ...GITHUB, 'stages:', '  - name: test', '    deployments:', '      ghost:'],
    });
    const r = runCli(['pipeline', 'package'], { cwd: dir });
    expect(r.status).toBe(1);
    expect(r.stderr.split('\n')[0]).toMatch(
      /^✘ copilot\/pipelines\/release\/manifest\.yml:9:7: stages\[0\]\.deployments\.ghost: no service or job named "ghost"/,
    );
    expect(r.stdout).toBe('');
  });

  it('asks for --name when there are several pipelines, naming them', () => {
    const dir = project({ a: ['name: a', ...GITHUB], b: ['name: b', ...GITHUB] });
    const r = runCli(['pipeline', 'package'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('✘ missing --name: which pipeline?\n  Pipelines here: a, b.\n');
  });
});

describe('pipeline show', () => {
  it('lists each stage in the order it runs', () => {
    const r = runCli(['pipeline', 'show', '--name', 'release'], { cwd: project({ release: RELEASE }) });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Source     GitHub acme/shop, branch main');
    expect(r.stdout).toContain(
      'Images     app/api:<commit>, app/report:<commit>, app/web:<commit>, app/web:<commit>-proxy',
    );
    expect(r.stdout).toMatch(
      /DeployTo-prod\n {3}1\. ApprovePromotionTo-prod \(Approval\)\n {3}2\. CreateOrUpdate-api-prod/,
    );
  });

  it('prints JSON and the generated buildspec', () => {
    const dir = project({ release: RELEASE });
    const json = JSON.parse(runCli(['pipeline', 'show', '--json'], { cwd: dir }).stdout);
    expect(json.stages[0].actions.map((a: { name: string }) => a.name)).toEqual([
      'CreateOrUpdate-api-test',
      'CreateOrUpdate-report-test',
      'CreateOrUpdate-web-test',
      'TestCommands',
    ]);
    const spec = parse(runCli(['pipeline', 'show', '--buildspec'], { cwd: dir }).stdout);
    expect(spec.version).toBe(0.2);
    expect(spec.phases.build.commands).toContain(
      'mycopilot job package --name report --env prod --tag "$TAG" --output-dir "$OUT"',
    );
  });
});

describe('pipeline ls --local', () => {
  it('lists the manifests of the workspace', () => {
    const dir = project({ release: RELEASE });
    const r = runCli(['pipeline', 'ls', '--local', '--json'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).pipelines.map((p: { name: string }) => p.name)).toEqual(['release']);
  });
});

describe('pipeline init, then package', () => {
  it('writes a manifest that packages', () => {
    const dir = pipelineWorkspace({}).root;
    const init = runCli(
      ['pipeline', 'init', '--name', 'ship', '--url', 'https://github.com/acme/shop', '--environments', 'test,prod'],
      { cwd: dir },
    );
    expect(init.status).toBe(0);
    expect(existsSync(path.join(dir, 'copilot', 'pipelines', 'ship', 'buildspec.yml'))).toBe(true);
    const r = runCli(['pipeline', 'package', '--name', 'ship'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});

describe('pipeline flags and help', () => {
  it('refuses a negative connection timeout, naming the flag', () => {
    const r = runCli(['pipeline', 'deploy', '--connection-timeout', '-1'], { cwd: project({ release: RELEASE }) });
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')[0]).toMatch(/--connection-timeout/);
  });

  it.each(['init', 'deploy', 'status', 'show', 'ls', 'delete', 'package'])('%s --help has examples', (command) => {
    const r = runCli(['pipeline', command, '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('EXAMPLES');
  });
});
