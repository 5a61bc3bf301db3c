// `mycopilot env package`: render an environment's CloudFormation template offline.
import { Flags } from '@oclif/core';
import { BaseCommand } from '../../cli/base-command';
import { appFlag, resolveWorkspaceApp } from '../../cli/workspace-context';
import { printRenderWarnings, writePackage } from '../../deploy/package';
import { renderEnvironment } from '../../deploy/render';
import { templateToYaml } from '../../stack/template';

export default class EnvPackage extends BaseCommand {
  static override summary = 'Print or write the CloudFormation template of an environment, offline.';
  static override description =
    'The load balancers, NAT gateways and file system are switched on by parameters computed from the workloads of the workspace.';
  static override examples = [
    { description: 'Print the template of "test".', command: '<%= config.bin %> <%= command.id %> --name test' },
    {
      description: 'Write template and parameters.',
      command: '<%= config.bin %> <%= command.id %> --name prod --output-dir infrastructure',
    },
  ];
  static override flags = {
    name: Flags.string({ char: 'n', description: 'Environment name.', required: true }),
    ...appFlag,
    'output-dir': Flags.string({ char: 'o', description: 'Write <env>.env.stack.yml and <env>.env.params.json here.' }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(EnvPackage);
    const { workspace, app } = resolveWorkspaceApp(flags.app);
    const stack = await renderEnvironment({ workspace, app, env: flags.name });
    printRenderWarnings(this.out, stack);
    const { lookedUpNote } = await import('../../stack/lookup-parameters.js');
    if (!flags['output-dir']) {
      this.out.line(templateToYaml(stack.template).trimEnd());
      const note = lookedUpNote(stack.template.Parameters);
      if (note) this.out.info(note);
      return;
    }
    const files = writePackage(stack, flags['output-dir'], `${flags.name}.env`);
    this.out.line(`✔ Wrote ${files.template}`);
    this.out.line(`✔ Wrote ${files.parameters}`);
    const note = lookedUpNote(stack.template.Parameters, files.parameters);
    if (note) this.out.info(note);
  }
}
