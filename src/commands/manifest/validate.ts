// `mycopilot manifest validate`: check manifests offline and explain every mistake with its position.
import { Args, Flags } from '@oclif/core';
import * as path from 'node:path';
import { BaseCommand, jsonFlag } from '../../cli/base-command';
import { MycopilotError } from '../../errors';
import { checkManifests, expandManifestPaths, FileReport, Finding } from '../../manifest/check';
import { colors } from '../../ui/output';
import { Workspace } from '../../workspace/workspace';

export default class ManifestValidate extends BaseCommand {
  static override summary = 'Check manifests without deploying them.';
  static override description = `Parses each manifest, fills in \${VARIABLES} from the environment, applies the \`environments:\` overrides and checks every field. Unknown keys are warnings (Copilot ignored them); anything else wrong is an error with its file, line and column.

Without FILES, every manifest of the workspace is checked. Without --env, each file is checked as written and with the overrides of every environment it names.`;
  static override examples = [
    { description: 'Check every manifest in the workspace.', command: '<%= config.bin %> <%= command.id %>' },
    {
      description: 'Check one service as the prod environment sees it.',
      command: '<%= config.bin %> <%= command.id %> copilot/api/manifest.yml --env prod',
    },
    { description: 'Machine-readable results for CI.', command: '<%= config.bin %> <%= command.id %> --json' },
  ];
  static override strict = false;
  static override args = {
    files: Args.string({
      description: 'Manifest files or directories (default: the whole workspace).',
      required: false,
    }),
  };
  static override flags = {
    env: Flags.string({
      char: 'e',
      description: "Apply this environment's overrides (and set ${COPILOT_ENVIRONMENT_NAME}).",
    }),
    app: Flags.string({
      char: 'a',
      description: 'Application name for ${COPILOT_APPLICATION_NAME} (default: from copilot/.workspace).',
    }),
    ...jsonFlag,
  };

  async run(): Promise<void> {
    const { argv, flags } = await this.parse(ManifestValidate);
    const inputs = argv as string[];
    const ws = Workspace.find();
    let files: string[];
    if (inputs.length > 0) {
      files = expandManifestPaths(inputs);
    } else {
      if (!ws) {
        throw new MycopilotError('WORKSPACE', 'no manifest files given and no copilot/ directory here or above', {
          hint: 'Pass manifest files, e.g. `mycopilot manifest validate copilot/api/manifest.yml`, or run it inside a workspace.',
        });
      }
      files = [...ws.workloads(), ...ws.environments(), ...ws.pipelines()].map((e) =>
        path.relative(process.cwd(), e.manifestPath),
      );
    }
    if (files.length === 0)
      throw new MycopilotError('FILE', 'found no manifests to check', {
        hint: 'Manifests are named manifest.yml (pipelines: pipeline.yml).',
      });
    const app = flags.app ?? safeAppName(ws);
    const reports = await checkManifests(files, { env: flags.env, app });
    if (flags.json) this.out.json(reports.map(toJson));
    else for (const report of reports) this.printReport(report);
    if (reports.some((r) => r.errors.length > 0)) process.exitCode = 1;
    if (!flags.json && reports.length > 1) {
      const bad = reports.filter((r) => r.errors.length > 0).length;
      this.out.line(`${reports.length - bad} of ${reports.length} manifests valid.`);
    }
  }

  private printReport(report: FileReport): void {
    const checked = report.checked.map((c) => c ?? 'base').join(', ');
    const ok = report.errors.length === 0;
    const mark = ok ? colors.green('✔') : colors.red('✘', process.stdout.isTTY);
    this.out.line(
      `${mark} ${report.file}${report.type ? ` (${report.type})` : ''}${ok ? ` — checked: ${checked}` : ''}`,
    );
    const line = (f: Finding) =>
      `${report.file}:${f.line}:${f.column}: ${f.env ? `[env ${f.env}] ` : ''}${f.path ? `${f.path}: ` : ''}${f.message}`;
    for (const e of report.errors) this.out.line(`  error ${line(e)}`);
    for (const w of report.warnings) this.out.line(`  warning ${line(w)}`);
  }
}

function safeAppName(ws: Workspace | undefined): string | undefined {
  try {
    return ws?.applicationName();
  } catch {
    return undefined;
  }
}

function toJson(report: FileReport) {
  return {
    file: report.file,
    type: report.type ?? null,
    checked: report.checked,
    errors: report.errors,
    warnings: report.warnings,
  };
}
