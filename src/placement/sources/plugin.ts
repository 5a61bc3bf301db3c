// Loading a placement plugin: a JavaScript (CommonJS) module exporting `register(api)`, which calls
// api.register({ kind: 'strategy' | 'constraint', type, compile }) for each rule it adds.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { MycopilotError } from '../../errors';
import { PlacementRegistry, PlacementRuleDefinition } from '../registry';

/** What a plugin's register() receives. */
export interface PlacementPluginApi {
  register(def: PlacementRuleDefinition, options?: { replace?: boolean }): void;
}

/** Loads the plugin into the registry and returns the types it added. */
export function loadPlugin(file: string, registry: PlacementRegistry): { strategies: string[]; constraints: string[] } {
  const path = resolve(file);
  if (!existsSync(path)) {
    throw new MycopilotError('FILE', `${file}: no such placement plugin`, {
      hint: 'Give the path of a JavaScript module that exports register(api).',
    });
  }
  let mod: unknown;
  try {
    // A plugin is code the user chose to run, loaded like any Node module (a path known only at run time).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    mod = require(path);
  } catch (e) {
    throw new MycopilotError('PLACEMENT', `${file}: the plugin failed to load: ${(e as Error).message}`, { cause: e });
  }
  const m = mod as { register?: unknown; default?: { register?: unknown } } | undefined;
  const register = (
    typeof m?.register === 'function'
      ? m.register
      : typeof m?.default?.register === 'function'
        ? m.default.register
        : undefined
  ) as ((api: PlacementPluginApi) => void) | undefined;
  if (!register) {
    throw new MycopilotError('PLACEMENT', `${file}: a placement plugin must export register(api)`, {
      hint: "module.exports = { register(api) { api.register({ kind: 'strategy', type: 'myStrategy', compile(field, ctx) { ... } }) } }",
    });
  }
  const added = { strategies: [] as string[], constraints: [] as string[] };
  try {
    register({
      register(def, options) {
        registry.register(def, { replace: options?.replace, origin: file });
        (def.kind === 'strategy' ? added.strategies : added.constraints).push(def.type);
      },
    });
  } catch (e) {
    throw new MycopilotError('PLACEMENT', `${file}: register() failed: ${(e as Error).message}`, { cause: e });
  }
  return added;
}
