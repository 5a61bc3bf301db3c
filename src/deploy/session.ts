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
  /** The stack API of another Region, with the same credentials (us-east-1, for CloudFront's certificate). */
  stacksIn(region: string): Promise<StackApi>;
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
  const regional = new Map<string, StackApi>();
  return {
    clients,
    stacks: new StackApi(await clients.cloudFormation()),
    stacksIn: async (region) => {
      if (!regional.has(region)) {
        regional.set(region, new StackApi(await new AwsClients({ ...config, region }).cloudFormation()));
      }
      return regional.get(region)!;
    },
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

/**
 * Deploys a stack with the session's API (or `options.api`, another Region's), clock, Ctrl-C handling and a
 * reporter named after the stack.
 */
export async function deployInSession(
  session: DeploySession,
  stack: RenderedStack,
  options: Omit<DeployStackOptions, 'stack' | 'reporter' | 'clock' | 'interrupts' | 'pollMs' | 'api'> & {
    api?: StackApi;
  } = {},
): Promise<DeployOutcome> {
  printRenderWarnings(session.out, stack);
  const reporter = session.reporter(stack.stackName);
  try {
    return await deployStack({
      ...options,
      stack,
      api: options.api ?? session.stacks,
      reporter,
      clock: session.clock,
      interrupts: session.interrupts,
      pollMs: session.pollMs,
    });
  } finally {
    reporter.finish?.();
  }
}
