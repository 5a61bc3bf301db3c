// `mycopilot pipeline init`: write a pipeline manifest and its buildspec.
import { Flags } from '@oclif/core';
import * as path from 'node:path';
import { BaseCommand } from '../../cli/base-command';
import { terminalPrompter } from '../../cli/prompt';
import { askName } from '../../cli/workload-flags';
import { usageError } from '../../errors';
import { initPipeline } from '../../workspace/init';
import { PipelineScaffold } from '../../workspace/scaffold';
import { Workspace } from '../../workspace/workspace';

export default class PipelineInit extends BaseCommand {
  static override summary = 'Write a pipeline manifest and buildspec (copilot/pipelines/<name>/).';
  static override description = 'Creates nothing in AWS: `mycopilot pipeline deploy --name <name>` does.';
  static override examples = [
    {
      description: 'Release from GitHub to test, then prod.',
      command:
        '<%= config.bin %> <%= command.id %> --name release --url https://github.com/acme/shop --git-branch main --environments test,prod',
    },
  ];
  static override flags = {
    name: Flags.string({ char: 'n', description: 'Pipeline name.' }),
    url: Flags.string({ description: 'Repository URL (GitHub, Bitbucket or CodeCommit).' }),
    'git-branch': Flags.string({ char: 'b', description: 'Branch that triggers the pipeline.', default: 'main' }),
    environments: Flags.string({ char: 'e', description: 'Comma-separated environments, in deployment order.' }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(PipelineInit);
    const ws = Workspace.require();
    ws.requireApplicationName();
    const name = await askName(terminalPrompter, 'pipeline', flags.name);
    const url = flags.url ?? (await terminalPrompter.input('url', 'Which repository should trigger it (URL)?'));
    const known = ws.environments().map((e) => e.name);
    const envText =
      flags.environments ??
      (await terminalPrompter.input('environments', 'Which environments, in order (comma-separated)?', {
        default: known.join(',') || undefined,
      }));
    const scaffold: PipelineScaffold = {
      name,
      ...repository(url),
      branch: flags['git-branch'],
      environments: envText
        .split(',')
        .map((e) => e.trim())
        .filter(Boolean),
    };
    for (const file of initPipeline(ws, scaffold)) {
      const rel = path.relative(process.cwd(), file.path);
      this.out.line(file.written ? `✔ Wrote ${rel}` : `${rel} exists; left as it is.`);
    }
    this.out.line(`Next: mycopilot pipeline deploy --name ${name}`);
  }
}

/** The provider and repository id from a clone URL, as the pipeline manifest names them. */
export function repository(url: string): Pick<PipelineScaffold, 'provider' | 'repository'> {
  if (/github\.com[/:]/.test(url)) return { provider: 'GitHub', repository: url.replace(/\.git$/, '') };
  if (/bitbucket\.org[/:]/.test(url)) return { provider: 'Bitbucket', repository: url.replace(/\.git$/, '') };
  if (/codecommit/.test(url)) return { provider: 'CodeCommit', repository: url };
  throw usageError(
    `--url: "${url}" is not a GitHub, Bitbucket or CodeCommit repository URL`,
    'e.g. https://github.com/acme/shop',
  );
}
