// `mycopilot init`: the first command of a new user — application plus its first service or job.
import { Flags } from '@oclif/core';
import * as path from 'node:path';
import { awsFlags, BaseCommand } from '../cli/base-command';
import { openCommandSession } from '../cli/deploy-command';
import { defaultTag } from '../cli/workload-deploy';
import { terminalPrompter } from '../cli/prompt';
import { askImage, askName, imageFlags, SERVICE_KINDS } from '../cli/workload-flags';
import { checkName, initEnvironment, initWorkload, initWorkspace } from '../workspace/init';
import { WorkloadKind } from '../workspace/scaffold';
import { Workspace } from '../workspace/workspace';

const KINDS: WorkloadKind[] = [...SERVICE_KINDS, 'Scheduled Job'];

export default class Init extends BaseCommand {
  static override summary = 'Set up an application and its first service or job in this directory.';
  static override description =
    'Runs `app init` and then `svc init` or `job init`. Every question has a flag, so it runs unattended in CI. Reads existing Copilot workspaces as they are.';
  static override examples = [
    {
      description: 'A web service from ./Dockerfile.',
      command:
        '<%= config.bin %> <%= command.id %> --app shop --name web --type "Load Balanced Web Service" --dockerfile Dockerfile --port 80',
    },
    {
      description: 'A scheduled job.',
      command:
        '<%= config.bin %> <%= command.id %> --app shop --name nightly --type "Scheduled Job" --image busybox --schedule "@daily"',
    },
  ];
  static override flags = {
    app: Flags.string({ char: 'a', description: 'Application name.' }),
    name: Flags.string({ char: 'n', description: 'Name of the first service or job.' }),
    type: Flags.string({ char: 't', description: 'Type of the first workload.', options: KINDS }),
    ...imageFlags,
    port: Flags.integer({ description: 'Port the container listens on.', min: 1, max: 65535 }),
    schedule: Flags.string({ description: 'Scheduled Job: when to run.' }),
    source: Flags.string({ description: 'Static Site: directory to upload.' }),
    deploy: Flags.boolean({
      description: 'Then create a "test" environment and deploy the workload to it.',
      default: false,
    }),
    tag: Flags.string({ description: 'With --deploy: the image tag (default: the git short SHA).' }),
    ...awsFlags,
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(Init);
    const existing = Workspace.find();
    let currentApp: string | undefined;
    try {
      currentApp = existing?.applicationName();
    } catch {
      currentApp = undefined;
    }
    const app =
      flags.app ??
      currentApp ??
      (await terminalPrompter.input('app', "What is the application's name?", {
        validate: (v) => checkName('app', v),
      }));
    const { workspace, created } = initWorkspace(existing?.root ?? process.cwd(), app);
    this.out.line(created ? `✔ Created application "${app}"` : `Using application "${app}"`);

    const type = (flags.type ??
      (await terminalPrompter.select(
        'type',
        'What kind of workload?',
        KINDS.map((k) => ({ value: k })),
      ))) as WorkloadKind;
    const kind = type === 'Scheduled Job' ? 'job' : 'service';
    const topic = type === 'Scheduled Job' ? 'job' : 'svc';
    const name = await askName(terminalPrompter, kind, flags.name);
    const needsPort = type === 'Load Balanced Web Service' || type === 'Request-Driven Web Service';
    const image = type === 'Static Site' ? {} : await askImage(terminalPrompter, workspace, flags, needsPort);
    const schedule =
      type === 'Scheduled Job'
        ? (flags.schedule ??
          (await terminalPrompter.input('schedule', 'When should the job run?', { default: '@daily' })))
        : undefined;
    const source = type === 'Static Site' ? (flags.source ?? 'public') : undefined;
    const file = initWorkload(workspace, { name, type, ...image, schedule, source });
    const rel = path.relative(process.cwd(), file.path);
    this.out.line(file.written ? `✔ Wrote ${rel} (${type})` : `${rel} exists; left as it is.`);
    if (!flags.deploy) {
      this.out.line(
        'Next: mycopilot env init --name test, then mycopilot env deploy --name test and mycopilot ' +
          `${topic} deploy --name ${name} --env test`,
      );
      return;
    }
    await this.deployFirst(workspace, app, name, topic, flags);
  }

  /** --deploy: the application in AWS, a "test" environment, then the workload, as the next commands would. */
  private async deployFirst(
    workspace: Workspace,
    app: string,
    name: string,
    topic: string,
    flags: { tag?: string; profile?: string; region?: string },
  ): Promise<void> {
    const env = 'test';
    const written = initEnvironment(workspace, { name: env });
    if (written.written) this.out.line(`✔ Wrote ${path.relative(process.cwd(), written.path)}`);
    const [{ deployAll }, { imagePublisher }] = await Promise.all([
      import('../deploy/all.js'),
      import('../deploy/images.js'),
    ]);
    const session = await openCommandSession(this.out, flags);
    try {
      const result = await deployAll(
        session,
        { workspace, app, env },
        {
          names: [name],
          tag: flags.tag ?? defaultTag(workspace.root),
          images: imagePublisher(session, workspace, {}),
        },
      );
      const failed = result.workloads.find((w) => w.error);
      if (failed?.error) throw failed.error;
      this.out.line(`✔ Deployed ${name} to ${env}. See it with: mycopilot ${topic} status --name ${name} --env ${env}`);
    } finally {
      session.close();
    }
  }
}
