// Which engine to drive: the --engine flag, else MYCOPILOT_CONTAINER_ENGINE, else docker.
import { usageError } from '../errors';
import { CliEngine } from './cli-engine';
import { ENGINE_NAMES } from './engine';
import type { ContainerEngine, EngineName } from './engine';
import type { ProcessRunner } from './process';

export const ENGINE_ENV = 'MYCOPILOT_CONTAINER_ENGINE';

export function engineName(flag?: string, env: NodeJS.ProcessEnv = process.env): EngineName {
  const fromFlag = flag !== undefined && flag.trim() !== '';
  const raw = fromFlag ? flag : env[ENGINE_ENV];
  if (raw === undefined || raw.trim() === '') return 'docker';
  const name = raw.trim().toLowerCase();
  if ((ENGINE_NAMES as readonly string[]).includes(name)) return name as EngineName;
  const source = fromFlag ? '--engine' : ENGINE_ENV;
  throw usageError(`${source}: unknown container engine "${raw}"`, `Choose one of ${ENGINE_NAMES.join(', ')}.`);
}

export interface EngineSelection {
  /** The --engine flag's value, if given. */
  flag?: string;
  /** Where MYCOPILOT_CONTAINER_ENGINE is read; process.env when unset. */
  env?: NodeJS.ProcessEnv;
  runner?: ProcessRunner;
  /** Added to the engine processes' environment. */
  engineEnv?: Record<string, string | undefined>;
}

export function createEngine(selection: EngineSelection = {}): ContainerEngine {
  const name = engineName(selection.flag, selection.env ?? process.env);
  return new CliEngine({ name, runner: selection.runner, env: selection.engineEnv });
}
