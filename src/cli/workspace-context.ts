// Resolving the application and environment a command works on, with errors that say what exists.
import { Flags } from '@oclif/core';
import { MycopilotError } from '../errors';
import { Workspace } from '../workspace/workspace';

export const appFlag = {
  app: Flags.string({ char: 'a', description: 'Application name (default: from copilot/.workspace).' }),
};

export function resolveWorkspaceApp(app?: string): { workspace: Workspace; app: string } {
  const workspace = Workspace.require();
  const name = app ?? workspace.requireApplicationName();
  return { workspace, app: name };
}

/** An environment name for offline commands: any name is fine, but a typo of a known one is worth a hint. */
export function checkEnvironmentName(workspace: Workspace, env: string): void {
  const known = workspace.environments().map((e) => e.name);
  if (known.length > 0 && !known.includes(env)) {
    throw new MycopilotError('NOT_FOUND', `no environment "${env}" in ${workspace.copilotDir}/environments`, {
      hint: `Environments here: ${known.join(', ')}. Create one with \`mycopilot env init --name ${env}\`.`,
    });
  }
}
