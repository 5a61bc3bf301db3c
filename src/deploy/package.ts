// `package`: write a rendered stack as files — `<base>.stack.yml` (template) and `<base>.params.json`
// (parameters and tags, in CodePipeline's template-configuration format). Both files are written to a
// temporary name first and renamed, so an interrupted run never leaves half a template.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parametersToJson, RenderedStack, templateToYaml } from '../stack/template';

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
