// `mycopilot pipeline status`: the latest run of a deployed pipeline, each stage and action, and why what
// failed failed.
import { BaseCommand, awsFlags, jsonFlag } from '../../cli/base-command';
import { appFlag, resolveWorkspaceApp } from '../../cli/workspace-context';
import { pipelineNameFlag } from './show';

export default class PipelineStatus extends BaseCommand {
  static override summary = 'Show the state of a deployed pipeline: its latest run, every stage and action, failures.';
  static override examples = [
    { description: 'Status of the pipeline "release".', command: '<%= config.bin %> <%= command.id %> --name release' },
    { description: 'As JSON, for scripts.', command: '<%= config.bin %> <%= command.id %> --name release --json' },
  ];
  static override flags = { ...pipelineNameFlag, ...appFlag, ...awsFlags, ...jsonFlag };

  async run(): Promise<void> {
    const { flags } = await this.parse(PipelineStatus);
    const { workspace, app } = resolveWorkspaceApp(flags.app);
    const { pipelineIdentity } = await import('../../deploy/pipeline-render.js');
    const { pipelineStatus, formatPipelineStatus, statusJson } = await import('../../deploy/pipeline-status.js');
    const { AwsClients } = await import('../../aws/clients.js');
    const { StackApi } = await import('../../aws/cloudformation.js');
    const { PipelineApi } = await import('../../aws/codepipeline.js');
    const id = await pipelineIdentity({ workspace, app }, flags.name);
    const clients = new AwsClients({ profile: flags.profile, region: flags.region });
    const report = await pipelineStatus(
      {
        stacks: new StackApi(await clients.cloudFormation()),
        pipelines: new PipelineApi(await clients.codePipeline()),
      },
      id,
    );
    if (flags.json) this.out.json(statusJson(report));
    else for (const line of formatPipelineStatus(report)) this.out.line(line);
  }
}
