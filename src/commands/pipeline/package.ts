// `mycopilot pipeline package`: render a pipeline's CloudFormation template offline, as `svc package` does.
import { Flags } from '@oclif/core';
import { BaseCommand } from '../../cli/base-command';
import { appFlag, resolveWorkspaceApp } from '../../cli/workspace-context';
import { pipelineNameFlag } from './show';

export default class PipelinePackage extends BaseCommand {
  static override summary = 'Print or write the CloudFormation template of a pipeline, offline.';
  static override description =
    'Needs no AWS credentials. The parameters that only AWS knows (the artifact bucket of the application, the ARN of a connection given by name) are left empty: `pipeline deploy` fills them in. Every stage is checked as the build will check it: each workload must render for the environment its stage names.';
  static override examples = [
    {
      description: 'Print the template of the only pipeline of the workspace.',
      command: '<%= config.bin %> <%= command.id %>',
    },
    {
      description: 'Write template and parameters for review or CI.',
      command: '<%= config.bin %> <%= command.id %> --name release --output-dir infrastructure',
    },
  ];
  static override flags = {
    ...pipelineNameFlag,
    ...appFlag,
    'output-dir': Flags.string({
      char: 'o',
      description:
        'Write <name>.pipeline.stack.yml and <name>.pipeline.params.json here instead of printing the template.',
    }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(PipelinePackage);
    const { workspace, app } = resolveWorkspaceApp(flags.app);
    const { findPipeline, renderPipeline } = await import('../../deploy/pipeline-render.js');
    const { templateToYaml } = await import('../../stack/template.js');
    const { stack, plan } = await renderPipeline({ workspace, app }, findPipeline(workspace, flags.name));
    for (const w of plan.warnings) this.out.warn(w);
    if (!flags['output-dir']) {
      this.out.line(templateToYaml(stack.template).trimEnd());
      return;
    }
    const { writePackage } = await import('../../deploy/package.js');
    const files = writePackage(stack, flags['output-dir'], `${plan.manifest.name}.pipeline`);
    this.out.line(`✔ Wrote ${files.template}`);
    this.out.line(`✔ Wrote ${files.parameters}`);
    const empty = Object.keys(stack.parameters).filter((k) => stack.parameters[k] === '');
    if (empty.length)
      this.out.info(`${empty.join(', ')}: left empty here, filled in by \`mycopilot pipeline deploy\`.`);
  }
}
