// `package`: write a rendered stack as files — `<base>.stack.yml` (template) and `<base>.params.json`
// (parameters and tags, in CodePipeline's template-configuration format). Both files are written to a
// temporary name first and renamed, so an interrupted run never leaves half a template. Also the lines
// `package` and deploy print for the stack's warnings (values rendered as written that do not look well-formed).
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { formatDiagnostic } from '../errors';
import { formatPath } from '../manifest/node';
import type { RenderWarning } from '../stack/inputs';
import { parametersToJson, RenderedStack, templateToYaml } from '../stack/template';
import type { Output } from '../ui/output';

export interface PackagedFiles {
  template: string;
  parameters: string;
}

export function writePackage(stack: RenderedStack, dir: string, base: string): PackagedFiles {
  mkdirSync(dir, { recursive: true });
  const files = { template: path.join(dir, `${base}.stack.yml`), parameters: path.join(dir, `${base}.params.json`) };
  const contents: [string, string][] = [
    [files.template, templateToYaml(stack.template)],
    [files.parameters, parametersToJson(stack)],
  ];
  for (const [file, text] of contents) writeFileSync(`${file}.tmp`, text);
  for (const [file] of contents) renameSync(`${file}.tmp`, file);
  return files;
}

/** `file:line:column: field: message (what a well-formed value looks like)`; without a position, from the field on. */
export function formatRenderWarning(w: RenderWarning): string {
  const message = w.hint ? `${w.message} (${w.hint})` : w.message;
  const field = formatPath(w.path);
  if (w.position) return formatDiagnostic({ position: w.position, path: field, message });
  return field ? `${field}: ${message}` : message;
}

/** Prints the stack's warnings, one line each, on the warning channel (stderr: the template on stdout stays clean). */
export function printRenderWarnings(out: Output, stack: RenderedStack): void {
  for (const w of stack.warnings ?? []) out.warn(formatRenderWarning(w));
}
