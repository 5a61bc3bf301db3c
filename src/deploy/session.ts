// Everything a deploy command works with, made once per command: AWS clients, the stack API, the store,
// how progress is shown, the clock and Ctrl-C. Tests build one with mocked clients and a fake clock.
import { AwsClients, AwsConfig } from '../aws/clients';
import { StackApi } from '../aws/cloudformation';
import { Store } from '../store/store';
import { Output } from '../ui/output';
import { Clock, systemClock } from './clock';
import { Interrupts, ManualInterrupts } from './interrupts';
import { printRenderWarnings } from './package';
import { RenderedStack } from '../stack/template';
import { DeployOutcome, DeployReporter, deployStack, DeployStackOptions } from './stack-deploy';

export interface DeploySession {
  clients: AwsClients;
  stacks: StackApi;
  store: Store;
  out: Output;
  /** A reporter for one stack's deploy (prefixed when several run at once). */
  reporter(prefix?: string): DeployReporter & { finish?(): void };
  clock: Clock;
  interrupts: Interrupts;
  pollMs: number;
}

export async function openSession(
  config: AwsConfig,
  out: Output,
  reporter: DeploySession['reporter'],
  options: { clock?: Clock; interrupts?: Interrupts; pollMs?: number } = {},
): Promise<DeploySession> {
  const clients = new AwsClients(config);
  return {
    clients,
    stacks: new StackApi(await clients.cloudFormation()),
    store: new Store(() => clients.ssm()),
    out,
    reporter,
    clock: options.clock ?? systemClock,
    interrupts: options.interrupts ?? new ManualInterrupts(),
    pollMs: options.pollMs ?? Number(process.env.MYCOPILOT_POLL_MS ?? 2000),
  };
}

/** Account and Region from a stack ARN (`arn:aws:cloudformation:<region>:<account>:stack/...`). */
export function arnParts(arn: string): { partition: string; region: string; account: string } {
  const [, partition = 'aws', , region = '', account = ''] = arn.split(':');
  return { partition, region, account };
}

/** Deploys a stack with the session's API, clock, Ctrl-C handling and a reporter named after the stack. */
export async function deployInSession(
  session: DeploySession,
  stack: RenderedStack,
  options: Omit<DeployStackOptions, 'stack' | 'api' | 'reporter' | 'clock' | 'interrupts' | 'pollMs'> = {},
): Promise<DeployOutcome> {
  printRenderWarnings(session.out, stack);
  const reporter = session.reporter(stack.stackName);
  try {
    return await deployStack({
      ...options,
      stack,
      api: session.stacks,
      reporter,
      clock: session.clock,
      interrupts: session.interrupts,
      pollMs: session.pollMs,
    });
  } finally {
    reporter.finish?.();
  }
}
