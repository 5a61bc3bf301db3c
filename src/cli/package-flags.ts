// Flags and the shared run of the offline `svc package` / `job package` commands.
import { Flags } from '@oclif/core';
import { printRenderWarnings, writePackage } from '../deploy/package';
import { renderWorkload } from '../deploy/render';
import { ManifestType } from '../manifest/schemas';
import { assumedDomainNote, lookedUpNote } from '../stack/lookup-parameters';
import { templateToYaml } from '../stack/template';
import { Output } from '../ui/output';
import { appFlag, checkEnvironmentName, resolveWorkspaceApp } from './workspace-context';

export const packageFlags = {
  'output-dir': Flags.string({
    char: 'o',
    description: 'Write <name>-<env>.stack.yml and <name>-<env>.params.json here instead of printing the template.',
  }),
  tag: Flags.string({ description: 'Image tag of the containers built from a Dockerfile.', default: 'latest' }),
};

export function workloadPackageFlags(kind: 'Service' | 'Job') {
  return {
    name: Flags.string({ char: 'n', description: `${kind} name.`, required: true }),
    env: Flags.string({ char: 'e', description: 'Environment name.', required: true }),
    ...appFlag,
    ...packageFlags,
  };
}

export interface WorkloadPackageFlags {
  name: string;
  env: string;
  app?: string;
  tag: string;
  'output-dir'?: string;
}

export async function packageWorkload(out: Output, flags: WorkloadPackageFlags, kinds: ManifestType[]): Promise<void> {
  const { workspace, app } = resolveWorkspaceApp(flags.app);
  checkEnvironmentName(workspace, flags.env);
  const { stack } = await renderWorkload(
    { workspace, app, env: flags.env },
    { name: flags.name, tag: flags.tag, kinds },
  );
  printRenderWarnings(out, stack);
  const assumed = assumedDomainNote(stack.template);
  if (assumed) out.info(assumed);
  if (!flags['output-dir']) {
    out.line(templateToYaml(stack.template).trimEnd());
    const note = lookedUpNote(stack.template.Parameters);
    if (note) out.info(note);
    return;
  }
  const files = writePackage(stack, flags['output-dir'], `${flags.name}-${flags.env}`);
  out.line(`✔ Wrote ${files.template}`);
  out.line(`✔ Wrote ${files.parameters}`);
  const note = lookedUpNote(stack.template.Parameters, files.parameters);
  if (note) out.info(note);
}
