// Loads manifests through the real pipeline for the workload stack tests, and small lookups into templates.
import { stringify } from 'yaml';
import { loadManifest } from '../../../src/manifest/load';
import type { EnvironmentManifest } from '../../../src/manifest/schemas';
import type { BuiltImage, WorkloadStackInput } from '../../../src/stack/inputs';
import type { RenderedStack, Resource } from '../../../src/stack/template';
import { CORPUS_VARS } from '../../helpers/cli';

export const APP = 'my-app';

/** Validates a manifest (YAML text or an object) for `env` and returns the typed model; throws on errors. */
export function load<T>(source: string | object, env = 'test', file = 'manifest.yml'): T {
  const text = typeof source === 'string' ? source : stringify(source);
  const loaded = loadManifest({ file, text, env, app: APP, vars: CORPUS_VARS });
  if (!loaded.manifest) {
    throw new Error(
      `${file} (${env}) does not validate:\n${loaded.errors.map((e) => `${e.path}: ${e.message}`).join('\n')}`,
    );
  }
  return loaded.manifest as T;
}

export function environment(extra: object = {}, name = 'test'): EnvironmentManifest {
  return load<EnvironmentManifest>({ name, type: 'Environment', ...extra }, name, 'env.yml');
}

export const EC2_CAPACITY = { capacity: { ec2: { instance_types: ['m5.large'], max: 4 } } };
export const CERTIFICATES = {
  http: {
    public: { certificates: ['arn:aws:acm:us-west-2:123456789123:certificate/abcd-1234'] },
    private: { certificates: ['arn:aws:acm:us-west-2:123456789123:certificate/efgh-5678'] },
  },
};

export function inputOf<M extends { name: string }>(
  manifest: M,
  env: EnvironmentManifest = environment(),
  options: { images?: Record<string, BuiltImage>; rulePriorities?: number[]; envName?: string } = {},
): WorkloadStackInput<M> {
  return {
    app: APP,
    env: options.envName ?? 'test',
    name: manifest.name,
    manifest,
    environment: env,
    images: options.images ?? {},
    rulePriorities: options.rulePriorities ?? [10, 11, 12, 13, 14, 15, 16, 17],
  };
}

/** The properties of a resource; fails the test when it is missing. */
export function props(stack: RenderedStack, id: string): Record<string, any> {
  const r: Resource | undefined = stack.template.Resources[id];
  if (!r) throw new Error(`no resource ${id}; resources: ${Object.keys(stack.template.Resources).join(', ')}`);
  return r.Properties as Record<string, any>;
}

export function ofType(stack: RenderedStack, type: string): string[] {
  return Object.entries(stack.template.Resources)
    .filter(([, r]) => r.Type === type)
    .map(([id]) => id);
}

/** The container definition with that name. */
export function container(stack: RenderedStack, name: string): Record<string, any> {
  const defs = props(stack, 'TaskDefinition').ContainerDefinitions as Record<string, any>[];
  const found = defs.find((d) => d.Name === name);
  if (!found) throw new Error(`no container ${name}`);
  return found;
}
