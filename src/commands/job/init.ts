// `mycopilot job init`: write the manifest of a new scheduled job.
import { Flags } from '@oclif/core';
import * as path from 'node:path';
import { BaseCommand } from '../../cli/base-command';
import { terminalPrompter } from '../../cli/prompt';
import { askImage, askName, imageFlags } from '../../cli/workload-flags';
import { initWorkload } from '../../workspace/init';
import { Workspace } from '../../workspace/workspace';

export default class JobInit extends BaseCommand {
  static override summary = 'Write the manifest of a new scheduled job (copilot/<name>/manifest.yml).';
  static override description = 'Creates nothing in AWS: `mycopilot job deploy --name <name> --env <env>` does.';
  static override examples = [
    {
      description: 'A nightly job built from a Dockerfile.',
      command: '<%= config.bin %> <%= command.id %> --name report --dockerfile report/Dockerfile --schedule "@daily"',
    },
    {
      description: 'Every 15 minutes, from an image.',
      command: '<%= config.bin %> <%= command.id %> --name sweep --image busybox --schedule "rate(15 minutes)"',
    },
  ];
  static override flags = {
    name: Flags.string({ char: 'n', description: 'Job name.' }),
    ...imageFlags,
    schedule: Flags.string({
      char: 's',
      description: 'When to run: cron, rate(...), @daily, @hourly, @every 30m, or none.',
    }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(JobInit);
    const ws = Workspace.require();
    ws.requireApplicationName();
    const name = await askName(terminalPrompter, 'job', flags.name);
    const image = await askImage(terminalPrompter, ws, flags, false);
    const schedule =
      flags.schedule ?? (await terminalPrompter.input('schedule', 'When should the job run?', { default: '@daily' }));
    const file = initWorkload(ws, { name, type: 'Scheduled Job', ...image, schedule });
    const rel = path.relative(process.cwd(), file.path);
    this.out.line(file.written ? `✔ Wrote ${rel} (Scheduled Job)` : `${rel} exists; left as it is.`);
    this.out.line(`Next: mycopilot job deploy --name ${name} --env <env>`);
  }
}
