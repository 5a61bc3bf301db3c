// Asking for what a flag did not give: interactive on a terminal, a clear error everywhere else,
// so CI never blocks on a question. @inquirer/prompts is loaded only when a question is asked.
import { usageError } from '../errors';

export interface Choice<T extends string> {
  value: T;
  name?: string;
  description?: string;
}

export interface Prompter {
  input(
    flag: string,
    message: string,
    options?: { default?: string; validate?: (v: string) => true | string },
  ): Promise<string>;
  select<T extends string>(flag: string, message: string, choices: Choice<T>[], defaultValue?: T): Promise<T>;
  confirm(flag: string, message: string, defaultValue: boolean): Promise<boolean>;
}

export function isInteractive(): boolean {
  return Boolean(process.stdin.isTTY && process.stdout.isTTY) && !process.env.CI;
}

function missing(flag: string, message: string): Error {
  return usageError(
    `missing --${flag}: ${message.replace(/[?:]\s*$/, '')}`,
    `Pass --${flag} (questions are asked only on a terminal).`,
  );
}

export const terminalPrompter: Prompter = {
  async input(flag, message, options = {}) {
    if (!isInteractive()) {
      if (options.default !== undefined) return options.default;
      throw missing(flag, message);
    }
    const { input } = await import('@inquirer/prompts');
    return input({ message, default: options.default, validate: options.validate });
  },
  async select(flag, message, choices, defaultValue) {
    if (!isInteractive()) {
      if (defaultValue !== undefined) return defaultValue;
      throw missing(flag, `${message} (one of: ${choices.map((c) => c.value).join(', ')})`);
    }
    const { select } = await import('@inquirer/prompts');
    return select({ message, choices, default: defaultValue });
  },
  async confirm(flag, message, defaultValue) {
    if (!isInteractive()) return defaultValue;
    const { confirm } = await import('@inquirer/prompts');
    return confirm({ message, default: defaultValue });
  },
};
