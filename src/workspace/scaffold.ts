// What the init commands write: manifests and buildspecs from templates/, filled in and checked.
// Rendering is pure (inputs in, text out); `writeScaffold` is the only part that touches the disk,
// and it never overwrites a file that exists.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { usageError } from '../errors';
import { schemaComment } from '../manifest/json-schema';
import { loadManifest } from '../manifest/load';
import { ManifestType, schemaFileStem } from '../manifest/schemas';

export const TEMPLATES_DIR = path.join(__dirname, '..', '..', 'templates');

export type WorkloadKind = Exclude<ManifestType, 'Environment' | 'Pipeline'>;

export interface WorkloadScaffold {
  name: string;
  type: WorkloadKind;
  /** Dockerfile path relative to the workspace root (build), or an image reference (location). */
  dockerfile?: string;
  image?: string;
  port?: number;
  /** Scheduled Job only. */
  schedule?: string;
  /** Static Site only: the directory to upload, relative to the workspace root. */
  source?: string;
}

export interface EnvironmentScaffold {
  name: string;
  /** Import an existing VPC instead of creating one. */
  vpcId?: string;
  publicSubnets?: string[];
  privateSubnets?: string[];
}

export interface PipelineScaffold {
  name: string;
  provider: 'GitHub' | 'Bitbucket' | 'CodeCommit';
  repository: string;
  branch: string;
  environments: string[];
}

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (whole, key: string) => {
    if (!(key in values)) throw new Error(`template placeholder {{${key}}} has no value`);
    return values[key];
  });
}

function template(relative: string): string {
  return readFileSync(path.join(TEMPLATES_DIR, relative), 'utf8');
}

export function renderWorkloadManifest(input: WorkloadScaffold): string {
  const image = input.dockerfile
    ? `  build: ${yamlString(input.dockerfile)}   # Dockerfile to build, relative to the workspace root.`
    : `  location: ${yamlString(input.image ?? '')}   # The image to run.`;
  const port = input.port ?? 80;
  const text = fill(template(`workloads/${schemaFileStem(input.type)}.yml`), {
    schema: schemaComment(input.type),
    name: input.name,
    image,
    port: String(port),
    portLine: input.port ? `  port: ${input.port}        # Other services reach the container on this port.\n` : '',
    schedule: input.schedule ?? '@daily',
    source: yamlString(input.source ?? 'public'),
  });
  return text;
}

export function renderEnvironmentManifest(input: EnvironmentScaffold): string {
  let network = '';
  if (input.vpcId) {
    const list = (ids: string[] | undefined) => `[${(ids ?? []).map((id) => `{id: ${id}}`).join(', ')}]`;
    network = [
      '',
      'network:',
      '  vpc:',
      `    id: ${input.vpcId}`,
      '    subnets:',
      `      public: ${list(input.publicSubnets)}`,
      `      private: ${list(input.privateSubnets)}`,
      '',
    ].join('\n');
  }
  return fill(template('environment.yml'), { schema: schemaComment('Environment'), name: input.name, network });
}

export function renderPipelineManifest(input: PipelineScaffold): string {
  const stages = input.environments
    .map((env) => [`  - name: ${env}`, '    # requires_approval: true', '    # test_commands: [make test]'].join('\n'))
    .join('\n');
  return fill(template('pipeline/manifest.yml'), {
    schema: schemaComment('Pipeline'),
    name: input.name,
    provider: input.provider,
    branch: input.branch,
    repository: input.repository,
    stages,
  });
}

export function renderBuildspec(pipelineName: string): string {
  return fill(template('pipeline/buildspec.yml'), { name: pipelineName });
}

/** Quotes a value only when YAML would read it as something other than the same text. */
function yamlString(value: string): string {
  return /^[A-Za-z0-9_./:@-]+$/.test(value) && !/^(true|false|yes|no|on|off|null|~|[0-9.]+)$/i.test(value)
    ? value
    : JSON.stringify(value);
}

export interface WrittenFile {
  path: string;
  /** False when the file existed and was left as it was. */
  written: boolean;
}

/**
 * Writes `text` to `file` unless the file exists. A manifest is checked first, so `init` never leaves a manifest
 * that `manifest validate` would reject.
 */
export function writeScaffold(file: string, text: string, options: { validate?: boolean } = {}): WrittenFile {
  if (existsSync(file)) return { path: file, written: false };
  if (options.validate) {
    const result = loadManifest({ file, text, vars: {} });
    if (result.errors.length > 0) {
      const first = result.errors[0];
      throw usageError(
        `the manifest for ${file} would not be valid: line ${first.position.line}: ${first.path}: ${first.message}`,
        'Check the values given to the flags.',
      );
    }
  }
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text, { flag: 'wx' });
  return { path: file, written: true };
}
