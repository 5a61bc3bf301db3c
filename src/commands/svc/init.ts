// `mycopilot svc init`: write the manifest of a new service.
import { Flags } from '@oclif/core';
import * as path from 'node:path';
import { BaseCommand } from '../../cli/base-command';
import { terminalPrompter } from '../../cli/prompt';
import { askImage, askName, imageFlags, SERVICE_KINDS } from '../../cli/workload-flags';
import { initWorkload } from '../../workspace/init';
import { WorkloadKind } from '../../workspace/scaffold';
import { Workspace } from '../../workspace/workspace';

export default class SvcInit extends BaseCommand {
  static override summary = 'Write the manifest of a new service (copilot/<name>/manifest.yml).';
  static override description = 'Creates nothing in AWS: `mycopilot svc deploy --name <name> --env <env>` does.';
  static override examples = [
    {
      description: 'A web service built from a Dockerfile.',
      command:
        '<%= config.bin %> <%= command.id %> --name api --svc-type "Load Balanced Web Service" --dockerfile api/Dockerfile --port 8080',
    },
    {
      description: 'A backend service from an existing image.',
      command:
        '<%= config.bin %> <%= command.id %> --name cache --svc-type "Backend Service" --image redis:7 --port 6379',
    },
  ];
  static override flags = {
    name: Flags.string({ char: 'n', description: 'Service name.' }),
    'svc-type': Flags.string({ char: 't', description: 'Service type.', options: SERVICE_KINDS }),
    ...imageFlags,
    port: Flags.integer({ description: 'Port the container listens on.', min: 1, max: 65535 }),
    source: Flags.string({ description: 'Static Site: directory to upload, relative to the workspace root.' }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(SvcInit);
    const ws = Workspace.require();
    ws.requireApplicationName();
    const type = (flags['svc-type'] ??
      (await terminalPrompter.select(
        'svc-type',
        'Which kind of service?',
        SERVICE_KINDS.map((k) => ({ value: k })),
      ))) as WorkloadKind;
    const name = await askName(terminalPrompter, 'service', flags.name);
    const needsImage = type !== 'Static Site';
    const needsPort = type === 'Load Balanced Web Service' || type === 'Request-Driven Web Service';
    const image = needsImage ? await askImage(terminalPrompter, ws, flags, needsPort) : {};
    const source =
      type === 'Static Site'
        ? (flags.source ??
          (await terminalPrompter.input('source', "Which directory holds the site's files?", { default: 'public' })))
        : undefined;
    const file = initWorkload(ws, { name, type, ...image, source });
    const rel = path.relative(process.cwd(), file.path);
    this.out.line(file.written ? `✔ Wrote ${rel} (${type})` : `${rel} exists; left as it is.`);
    this.out.line(`Next: mycopilot svc deploy --name ${name} --env <env>`);
  }
}
