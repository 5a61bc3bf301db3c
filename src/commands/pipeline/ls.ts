// `mycopilot pipeline ls`: the pipelines of the workspace and the ones deployed for the application.
import { Flags } from '@oclif/core';
import { BaseCommand, awsFlags, jsonFlag } from '../../cli/base-command';
import { appFlag, resolveWorkspaceApp } from '../../cli/workspace-context';

export default class PipelineLs extends BaseCommand {
  static override summary = 'List the pipelines of the workspace and those deployed for the application.';
  static override examples = [
    { description: 'Every pipeline, deployed or not.', command: '<%= config.bin %> <%= command.id %>' },
    {
      description: 'Only the manifests of the workspace (no AWS call).',
      command: '<%= config.bin %> <%= command.id %> --local',
    },
    { description: 'As JSON.', command: '<%= config.bin %> <%= command.id %> --json' },
  ];
  static override flags = {
    ...appFlag,
    ...awsFlags,
    ...jsonFlag,
    local: Flags.boolean({
      description: 'Only list the pipelines of the workspace, without calling AWS.',
      default: false,
    }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(PipelineLs);
    const { workspace, app } = resolveWorkspaceApp(flags.app);
    const { listPipelines, localPipelines } = await import('../../deploy/pipeline-list.js');
    let rows;
    if (flags.local) rows = localPipelines(workspace);
    else {
      const { AwsClients } = await import('../../aws/clients.js');
      const { PipelineApi } = await import('../../aws/codepipeline.js');
      const clients = new AwsClients({ profile: flags.profile, region: flags.region });
      rows = await listPipelines(workspace, app, new PipelineApi(await clients.codePipeline()));
    }
    if (flags.json) {
      this.out.json({ pipelines: rows });
      return;
    }
    if (rows.length === 0) {
      this.out.line('No pipelines. Write one with: mycopilot pipeline init --name <name> --url <repository>');
      return;
    }
    const path = await import('node:path');
    const table = [
      ['NAME', 'MANIFEST', ...(flags.local ? [] : ['DEPLOYED AS'])],
      ...rows.map((r) => [
        r.name,
        r.manifest ? path.relative(process.cwd(), r.manifest) || r.manifest : '-',
        ...(flags.local ? [] : [r.deployed ?? 'not deployed']),
      ]),
    ];
    const widths = table[0].map((_, c) => Math.max(...table.map((row) => row[c].length)));
    for (const row of table)
      this.out.line(
        row
          .map((cell, c) => cell.padEnd(widths[c]))
          .join('  ')
          .trimEnd(),
      );
  }
}
