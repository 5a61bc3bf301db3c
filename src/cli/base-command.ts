// What every mycopilot command shares: error printing without stack traces, an Output, and common flags.
import { Command, Flags, Interfaces } from '@oclif/core';
import { describeError } from '../errors/handle';
import { ConsoleOutput, Output } from '../ui/output';

export abstract class BaseCommand extends Command {
  protected out: Output = new ConsoleOutput();

  protected override async catch(err: Error & { exitCode?: number }): Promise<unknown> {
    const e = err as { code?: string; oclif?: { exit?: number } };
    if (e.code === 'EEXIT') throw err; // this.exit(n): nothing to print
    const { text, exitCode } = describeError(err);
    process.stderr.write(text + '\n');
    process.exitCode = exitCode;
    return undefined;
  }
}

/** Flags of every command that talks to AWS. */
export const awsFlags = {
  profile: Flags.string({
    description: 'AWS named profile to use (defaults to the standard credential chain).',
    env: 'AWS_PROFILE',
  }),
  region: Flags.string({
    description: "AWS Region (defaults to AWS_REGION or the profile's region).",
    env: 'AWS_REGION',
  }),
} satisfies Interfaces.FlagInput;

export const jsonFlag = {
  json: Flags.boolean({ description: 'Print the result as JSON.', default: false }),
} satisfies Interfaces.FlagInput;
