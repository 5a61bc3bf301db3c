// The CodeStar connection handshake. A connection is created PENDING and only a person in the console can
// authorize it with GitHub or Bitbucket, so `pipeline deploy` says exactly where to click and waits; once it is
// AVAILABLE it starts the pipeline again (the run at creation failed on the pending connection). Giving up,
// by timeout or Ctrl-C, leaves the pipeline deployed and says what is left to do.
import type { ConnectionApi, ConnectionView } from '../aws/codepipeline';
import { MycopilotError } from '../errors';
import type { Output } from '../ui/output';
import type { Clock } from './clock';
import type { Interrupts } from './interrupts';

export interface ConnectionWaitOptions {
  connections: ConnectionApi;
  arn: string;
  out: Output;
  clock: Clock;
  interrupts: Interrupts;
  /** 0: say what to do and do not wait. */
  timeoutMs: number;
  pollMs: number;
  /** The pipeline to start once the connection works, for the instructions. */
  pipelineName?: string;
  branch?: string;
}

/** `available`: it already was; `became-available`: it was PENDING and the handshake finished while we waited. */
export type ConnectionWaitResult = 'available' | 'became-available' | 'pending';

/** The console page that lists the connections of the connection's Region. */
export function connectionsConsoleUrl(arn: string): string {
  const region = arn.split(':')[3] || 'us-east-1';
  return `https://${region}.console.aws.amazon.com/codesuite/settings/connections?region=${region}`;
}

/** How to run the pipeline once the connection works. */
function startInstruction(o: ConnectionWaitOptions): string {
  const start = o.pipelineName
    ? `aws codepipeline start-pipeline-execution --name ${o.pipelineName}`
    : 'start the pipeline from the CodePipeline console';
  return `${start}${o.branch ? ` (or push to ${o.branch})` : ''}`;
}

function whatToDo(c: ConnectionView, o: ConnectionWaitOptions): string {
  return `Finish the handshake at ${connectionsConsoleUrl(c.arn)} (choose "${c.name}", then "Update pending connection"), then run: ${startInstruction(o)}.`;
}

function failed(c: ConnectionView): MycopilotError {
  return new MycopilotError('DEPLOY', `the connection "${c.name}" is in ERROR`, {
    hint: `Look at it in ${connectionsConsoleUrl(c.arn)}; delete it and deploy the pipeline again to create a new one.`,
  });
}

export async function waitForConnection(o: ConnectionWaitOptions): Promise<ConnectionWaitResult> {
  let c = await o.connections.get(o.arn);
  if (c.status === 'AVAILABLE') return 'available';
  if (c.status === 'ERROR') throw failed(c);

  const provider = c.provider ?? 'the provider';
  o.out.warn(`ACTION REQUIRED: the connection "${c.name}" is PENDING until you authorize it with ${provider}.`);
  o.out.info(`  1. Open ${connectionsConsoleUrl(c.arn)}`);
  o.out.info(`  2. Choose "${c.name}", then "Update pending connection", and allow access to the repository.`);
  if (o.timeoutMs <= 0) {
    o.out.info(`  3. Then start the pipeline: ${startInstruction(o)}.`);
    return 'pending';
  }
  const minutes = Math.round(o.timeoutMs / 60_000);
  o.out.info(
    `Waiting up to ${minutes} minute${minutes === 1 ? '' : 's'} for it to become AVAILABLE (Ctrl-C stops waiting; the pipeline stays deployed).`,
  );

  let interrupted = false;
  const stop = o.interrupts.onInterrupt(() => {
    interrupted = true;
  });
  const deadline = o.clock.now().getTime() + o.timeoutMs;
  try {
    for (;;) {
      if (interrupted) {
        throw new MycopilotError('INTERRUPTED', `stopped waiting: the connection "${c.name}" is still PENDING`, {
          hint: whatToDo(c, o),
          exitCode: 130,
        });
      }
      if (o.clock.now().getTime() >= deadline) {
        throw new MycopilotError(
          'DEPLOY',
          `the connection "${c.name}" is still PENDING after ${minutes} minute${minutes === 1 ? '' : 's'}`,
          { hint: whatToDo(c, o) },
        );
      }
      await o.clock.sleep(o.pollMs);
      if (interrupted) continue;
      c = await o.connections.get(o.arn);
      if (c.status === 'AVAILABLE') {
        o.out.info(`✔ The connection "${c.name}" is AVAILABLE.`);
        return 'became-available';
      }
      if (c.status === 'ERROR') throw failed(c);
    }
  } finally {
    stop();
  }
}
