// The manifest pipeline: text → parse → interpolate → environment overrides → normalize → validate.
// Returns every error and warning with file:line:column; never throws for a user's mistake.
import { readFile } from 'node:fs/promises';
import { Diagnostic } from '../errors';
import { interpolate, InterpolationProblem } from './interpolate';
import { formatPath, getChild, YMap, YNode } from './node';
import { normalize, closest, UnknownKey } from './normalize';
import { applyOverrides, overrideEnvironments } from './override';
import { parseYaml } from './parse';
import { MANIFEST_TYPES, ManifestType, manifestSchemas } from './schemas';
import { validate } from './validate';

export interface LoadOptions {
  /** Path shown in messages (relative to the working directory reads best). */
  file: string;
  /** The file's text; read from `file` when omitted. */
  text?: string;
  /** Apply this environment's `environments.<env>` overrides and set ${COPILOT_ENVIRONMENT_NAME}. */
  env?: string;
  /** Sets ${COPILOT_APPLICATION_NAME}. */
  app?: string;
  /** Variables for ${VAR}; defaults to process.env. */
  vars?: Readonly<Record<string, string | undefined>>;
}

export interface LoadedManifest<T = unknown> {
  file: string;
  /** Undefined when the type could not be told. */
  type?: ManifestType;
  env?: string;
  /** The validated manifest; undefined when there are errors. */
  manifest?: T;
  /** Environments named in the manifest's `environments:` block. */
  environments: string[];
  /** The tree the manifest was read from (overrides applied), to place later errors at file:line:column. */
  tree?: YNode;
  errors: Diagnostic[];
  warnings: Diagnostic[];
}

export async function loadManifestFile(options: LoadOptions): Promise<LoadedManifest> {
  if (options.text !== undefined) return loadManifest({ ...options, text: options.text });
  let text: string;
  try {
    text = await readFile(options.file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? 'file not found'
        : code === 'EISDIR'
          ? 'is a directory, not a manifest file'
          : `cannot be read (${code ?? String(err)})`;
    return failed(options, [{ position: { file: options.file, line: 1, column: 1 }, path: '', message: reason }]);
  }
  return loadManifest({ ...options, text });
}

export function loadManifest(options: LoadOptions & { text: string }): LoadedManifest {
  const { file, env } = options;
  const parsed = parseYaml(file, options.text);
  if (!parsed.root) return failed(options, parsed.diagnostics);
  const root = parsed.root as YMap;
  const at = (pos: { line: number; column: number }, path: string, message: string): Diagnostic => ({
    position: { file, ...pos },
    path,
    message,
  });

  const typed = detectType(root);
  if ('error' in typed) return failed(options, [at(typed.pos, typed.path, typed.error)]);
  const { type } = typed;

  const vars: Record<string, string | undefined> = { ...(options.vars ?? process.env) };
  if (options.app) vars.COPILOT_APPLICATION_NAME = options.app;
  if (env) vars.COPILOT_ENVIRONMENT_NAME = env;
  const missing: InterpolationProblem[] = [];
  const interpolated = interpolate(root, vars, missing) as YMap;
  const errors: Diagnostic[] = missing.map((m) =>
    at(m.pos, '', `\${${m.variable}} is not defined: ${variableHint(m.variable)}`),
  );

  const environments = overrideEnvironments(interpolated);
  const warnings: Diagnostic[] = [];
  const merged = applyOverrides(interpolated, env);
  const schema = manifestSchemas[type];
  const unknown: UnknownKey[] = [];
  const normalized = normalize(schema, merged, [], unknown);
  warnings.push(...unknown.map((u) => at(u.pos, formatPath(u.path), unknownKeyMessage(u))));

  const { value, problems } = validate(schema, normalized);
  errors.push(...problems.map((p) => at(p.pos, formatPath(p.path), p.message)));
  return {
    file,
    type,
    env,
    environments,
    manifest: errors.length === 0 ? value : undefined,
    tree: normalized,
    errors,
    warnings,
  };
}

function failed(options: LoadOptions, errors: Diagnostic[]): LoadedManifest {
  return { file: options.file, env: options.env, environments: [], errors, warnings: [] };
}

function unknownKeyMessage(u: UnknownKey): string {
  const base = `unknown key "${u.key}" is ignored`;
  return u.suggestion ? `${base}; did you mean "${u.suggestion}"?` : base;
}

function variableHint(name: string): string {
  if (name === 'COPILOT_ENVIRONMENT_NAME') return 'it is set when an environment is chosen (--env)';
  if (name === 'COPILOT_APPLICATION_NAME') return 'it is set from the workspace application (copilot/.workspace)';
  return `export ${name} before running, or escape it as \\\${${name}} to keep it literally`;
}

type Detected = { type: ManifestType } | { error: string; pos: { line: number; column: number }; path: string };

/** The manifest's type from `type:`; pipelines have none and are told by `version`/`stages`/`source`. */
export function detectType(root: YMap): Detected {
  const typeEntry = root.entries.get('type');
  const typeNode: YNode | undefined = typeEntry?.node;
  if (typeNode && typeNode.kind === 'scalar' && typeof typeNode.value === 'string') {
    const value = typeNode.value;
    const exact = MANIFEST_TYPES.find((t) => t === value);
    if (exact) return { type: exact };
    const loose = MANIFEST_TYPES.find((t) => t.toLowerCase() === value.trim().toLowerCase());
    if (loose) return { type: loose };
    const guess = closest(value, [...MANIFEST_TYPES]);
    return {
      error: `unknown manifest type "${value}"${guess ? `; did you mean "${guess}"?` : ''} Expected one of: ${MANIFEST_TYPES.map((t) => `"${t}"`).join(', ')}`,
      pos: typeNode.pos,
      path: 'type',
    };
  }
  if (typeNode) {
    return { error: `expected the manifest type as text, e.g. type: Backend Service`, pos: typeNode.pos, path: 'type' };
  }
  if (getChild(root, 'stages') || getChild(root, 'version') || getChild(root, 'source')) return { type: 'Pipeline' };
  return {
    error: `missing \`type:\`; expected one of: ${MANIFEST_TYPES.filter((t) => t !== 'Pipeline')
      .map((t) => `"${t}"`)
      .join(', ')} (pipelines have \`version\` and \`stages\`)`,
    pos: root.pos,
    path: 'type',
  };
}
