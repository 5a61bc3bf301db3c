// Flags of the read commands (status, show, ls). Only @oclif/core here: commands import this at startup.
import { Flags } from '@oclif/core';
import { awsFlags, jsonFlag } from '../cli/base-command';
import { appFlag } from '../cli/workspace-context';

export const readFlags = { ...awsFlags, ...appFlag, ...jsonFlag };

export function statusFlags(kind: 'Service' | 'Job') {
  return {
    name: Flags.string({ char: 'n', description: `${kind} name (asked, or the only one, when omitted).` }),
    env: Flags.string({ char: 'e', description: 'Environment name (asked, or the only one, when omitted).' }),
    watch: Flags.boolean({
      char: 'w',
      description: 'Refresh until Ctrl-C: in place on a terminal, as repeated blocks (or JSON lines) otherwise.',
      default: false,
    }),
    interval: Flags.integer({
      description: 'Seconds between refreshes with --watch.',
      default: 5,
      min: 2,
      max: 300,
    }),
    events: Flags.integer({
      description: 'How many recent ECS service events to show.',
      default: 10,
      min: 0,
      max: 100,
    }),
    ...readFlags,
  };
}

export function showFlags(kind: 'Service' | 'Job') {
  return {
    name: Flags.string({ char: 'n', description: `${kind} name (asked, or the only one, when omitted).` }),
    env: Flags.string({ char: 'e', description: 'Only this environment (default: every one it is deployed in).' }),
    resources: Flags.boolean({
      description: 'Also list the resources of its stack in each environment.',
      default: false,
    }),
    ...readFlags,
  };
}

export function lsFlags(kind: 'services' | 'jobs') {
  return {
    local: Flags.boolean({ description: `Only the ${kind} of this workspace.`, default: false }),
    ...readFlags,
  };
}
