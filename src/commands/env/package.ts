// `mycopilot env package`: render an environment's CloudFormation template offline.
import { Flags } from '@oclif/core';
import { BaseCommand } from '../../cli/base-command';
import { appFlag, resolveWorkspaceApp } from '../../cli/workspace-context';
import { printRenderWarnings, writePackage } from '../../deploy/package';
import { renderCdnCertificate, renderEnvironment } from '../../deploy/render';
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
    'output-dir': Flags.string({
      char: 'o',
      description:
        "Write <env>.env.stack.yml and <env>.env.params.json here (and <env>.cdn-certificate.* when mycopilot issues CloudFront's certificate).",
    }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(EnvPackage);
    const { workspace, app } = resolveWorkspaceApp(flags.app);
    const ctx = { workspace, app, env: flags.name };
    const stack = await renderEnvironment(ctx);
    printRenderWarnings(this.out, stack);
    const certificate = await renderCdnCertificate(ctx);
    const { lookedUpNote } = await import('../../stack/lookup-parameters.js');
    const dir = flags['output-dir'];
    if (!dir) {
      this.out.line(templateToYaml(stack.template).trimEnd());
      const note = lookedUpNote(stack.template.Parameters);
      if (note) this.out.info(note);
      if (certificate) {
        this.out.info(
          `The static-assets alias's certificate is the stack ${certificate.stackName} in us-east-1, which \`env deploy\` deploys too; --output-dir writes its template.`,
        );
      }
      return;
    }
    const files = writePackage(stack, dir, `${flags.name}.env`);
    this.out.line(`✔ Wrote ${files.template}`);
    this.out.line(`✔ Wrote ${files.parameters}`);
    const written = certificate && writePackage(certificate, dir, `${flags.name}.cdn-certificate`);
    if (written) {
      this.out.line(`✔ Wrote ${written.template} (deployed in us-east-1)`);
      this.out.line(`✔ Wrote ${written.parameters}`);
    }
    const notes = [lookedUpNote(stack.template.Parameters, files.parameters)];
    if (certificate && written) notes.push(lookedUpNote(certificate.template.Parameters, written.parameters));
    for (const note of notes) if (note) this.out.info(note);
  }
}
