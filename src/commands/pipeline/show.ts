// `mycopilot pipeline show`: what a pipeline does, from its manifest and the workspace, offline: where pushes
// come from, what the build makes, and each stage's actions in the order they run.
import { Flags } from '@oclif/core';
import { BaseCommand, jsonFlag } from '../../cli/base-command';
import { appFlag, resolveWorkspaceApp } from '../../cli/workspace-context';

export const pipelineNameFlag = {
  name: Flags.string({ char: 'n', description: 'Pipeline name (default: the only pipeline of the workspace).' }),
};

export default class PipelineShow extends BaseCommand {
  static override summary = 'Describe a pipeline: source, build, and each stage in the order it runs.';
  static override description =
    'Offline: read from the pipeline manifest and the workspace. `pipeline status` shows what the deployed pipeline is doing.';
  static override examples = [
    { description: 'Describe the pipeline "release".', command: '<%= config.bin %> <%= command.id %> --name release' },
    {
      description: 'Print the buildspec mycopilot generates for it.',
      command: '<%= config.bin %> <%= command.id %> --name release --buildspec',
    },
    { description: 'The same as JSON.', command: '<%= config.bin %> <%= command.id %> --name release --json' },
  ];
  static override flags = {
    ...pipelineNameFlag,
    ...appFlag,
    ...jsonFlag,
    buildspec: Flags.boolean({ description: 'Print only the generated buildspec of the build.', default: false }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(PipelineShow);
    const { workspace, app } = resolveWorkspaceApp(flags.app);
    const { findPipeline, planPipeline } = await import('../../deploy/pipeline-render.js');
    const { describePipeline, formatPipelineDescription } = await import('../../deploy/pipeline-show.js');
    const plan = await planPipeline({ workspace, app }, findPipeline(workspace, flags.name));
    for (const w of plan.warnings) this.out.warn(w);
    if (flags.buildspec) {
      const { generatedBuildspec } = await import('../../stack/pipeline/index.js');
      this.out.line(generatedBuildspec(plan.input.build.generated).trimEnd());
      return;
    }
    const description = describePipeline(plan);
    if (flags.json) this.out.json(description);
    else for (const line of formatPipelineDescription(description)) this.out.line(line);
  }
}
