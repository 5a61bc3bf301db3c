// The connection handshake wait against a mocked CodeStar Connections client and a fake clock: PENDING until
// someone authorizes it, then AVAILABLE; a timeout or Ctrl-C leaves with what is left to do.
import {
  CodeStarConnectionsClient,
  GetConnectionCommand,
  ListConnectionsCommand,
} from '@aws-sdk/client-codestar-connections';
import { mockClient } from 'aws-sdk-client-mock';
import { ConnectionApi } from '../../../src/aws/codepipeline';
import type { Clock } from '../../../src/deploy/clock';
import { ManualInterrupts } from '../../../src/deploy/interrupts';
import { connectionsConsoleUrl, waitForConnection } from '../../../src/deploy/pipeline-connection';
import { MycopilotError } from '../../../src/errors';
import { MemoryOutput } from '../../../src/ui/output';

const client = mockClient(CodeStarConnectionsClient);
const connections = new ConnectionApi(new CodeStarConnectionsClient({ region: 'us-west-2' }));
const ARN = 'arn:aws:codestar-connections:us-west-2:123456789012:connection/0a1b2c3d';

class FakeClock implements Clock {
  t = Date.UTC(2026, 0, 2, 10, 0, 0);
  onSleep?: () => void;
  now() {
    return new Date(this.t);
  }
  async sleep(ms: number) {
    this.t += ms;
    this.onSleep?.();
  }
}

const connection = (status: 'PENDING' | 'AVAILABLE' | 'ERROR') => ({
  Connection: {
    ConnectionArn: ARN,
    ConnectionName: 'copilot-acme-shop',
    ConnectionStatus: status,
    ProviderType: 'GitHub' as const,
  },
});

function options(extra: Partial<Parameters<typeof waitForConnection>[0]> = {}) {
  return {
    connections,
    arn: ARN,
    out: new MemoryOutput() as MemoryOutput,
    clock: new FakeClock(),
    interrupts: new ManualInterrupts(),
    timeoutMs: 10 * 60_000,
    pollMs: 5_000,
    pipelineName: 'pipeline-shop-release-Pipeline-1A2B',
    branch: 'main',
    ...extra,
  } as Parameters<typeof waitForConnection>[0] & { out: MemoryOutput };
}

beforeEach(() => client.reset());

describe('connection handshake', () => {
  it('returns at once when the connection is available', async () => {
    client.on(GetConnectionCommand).resolves(connection('AVAILABLE'));
    const o = options();
    expect(await waitForConnection(o)).toBe('available');
    expect(o.out.warnings).toEqual([]);
  });

  it('says where to authorize a PENDING connection and waits until it is AVAILABLE', async () => {
    client
      .on(GetConnectionCommand, { ConnectionArn: ARN })
      .resolvesOnce(connection('PENDING'))
      .resolvesOnce(connection('PENDING'))
      .resolvesOnce(connection('PENDING'))
      .resolves(connection('AVAILABLE'));
    const o = options();
    expect(await waitForConnection(o)).toBe('became-available');
    expect(o.out.warnings).toEqual([
      'ACTION REQUIRED: the connection "copilot-acme-shop" is PENDING until you authorize it with GitHub.',
    ]);
    expect(o.out.infos).toEqual([
      '  1. Open https://us-west-2.console.aws.amazon.com/codesuite/settings/connections?region=us-west-2',
      '  2. Choose "copilot-acme-shop", then "Update pending connection", and allow access to the repository.',
      'Waiting up to 10 minutes for it to become AVAILABLE (Ctrl-C stops waiting; the pipeline stays deployed).',
      '✔ The connection "copilot-acme-shop" is AVAILABLE.',
    ]);
    expect(client.commandCalls(GetConnectionCommand)).toHaveLength(4);
    expect((o.clock as FakeClock).t - Date.UTC(2026, 0, 2, 10, 0, 0)).toBe(15_000);
  });

  it('gives up after the timeout, saying how to finish and start the pipeline', async () => {
    client.on(GetConnectionCommand).resolves(connection('PENDING'));
    const o = options({ timeoutMs: 60_000 });
    const err = await waitForConnection(o).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MycopilotError);
    expect((err as MycopilotError).message).toBe('the connection "copilot-acme-shop" is still PENDING after 1 minute');
    expect((err as MycopilotError).hint).toBe(
      'Finish the handshake at https://us-west-2.console.aws.amazon.com/codesuite/settings/connections?region=us-west-2 ' +
        '(choose "copilot-acme-shop", then "Update pending connection"), then run: ' +
        'aws codepipeline start-pipeline-execution --name pipeline-shop-release-Pipeline-1A2B (or push to main).',
    );
    expect(client.commandCalls(GetConnectionCommand)).toHaveLength(1 + 12);
  });

  it('stops waiting on Ctrl-C with the same instructions and exit code 130', async () => {
    client.on(GetConnectionCommand).resolves(connection('PENDING'));
    const clock = new FakeClock();
    const interrupts = new ManualInterrupts();
    let sleeps = 0;
    clock.onSleep = () => {
      if (++sleeps === 2) interrupts.press();
    };
    const err = (await waitForConnection(options({ clock, interrupts })).catch((e: unknown) => e)) as MycopilotError;
    expect(err.code).toBe('INTERRUPTED');
    expect(err.exitCode).toBe(130);
    expect(err.message).toBe('stopped waiting: the connection "copilot-acme-shop" is still PENDING');
    expect(err.hint).toMatch(/then run: aws codepipeline start-pipeline-execution/);
  });

  it('does not wait when asked not to, and says what to do', async () => {
    client.on(GetConnectionCommand).resolves(connection('PENDING'));
    const o = options({ timeoutMs: 0 });
    expect(await waitForConnection(o)).toBe('pending');
    expect(o.out.infos[2]).toBe(
      '  3. Then start the pipeline: aws codepipeline start-pipeline-execution --name pipeline-shop-release-Pipeline-1A2B (or push to main).',
    );
    expect(client.commandCalls(GetConnectionCommand)).toHaveLength(1);
  });

  it('fails on a connection in ERROR', async () => {
    client.on(GetConnectionCommand).resolvesOnce(connection('PENDING')).resolves(connection('ERROR'));
    await expect(waitForConnection(options())).rejects.toThrow('the connection "copilot-acme-shop" is in ERROR');
  });

  it('finds a connection by name across pages', async () => {
    client
      .on(ListConnectionsCommand)
      .resolvesOnce({ Connections: [{ ConnectionName: 'other', ConnectionArn: 'arn:other' }], NextToken: 't' })
      .resolves({
        Connections: [{ ConnectionName: 'acme-github', ConnectionArn: ARN, ConnectionStatus: 'AVAILABLE' }],
      });
    expect(await connections.findByName('acme-github')).toMatchObject({ arn: ARN, status: 'AVAILABLE' });
  });

  it('links to the console of the connection’s Region', () => {
    expect(connectionsConsoleUrl('arn:aws:codeconnections:eu-west-1:123456789012:connection/x')).toBe(
      'https://eu-west-1.console.aws.amazon.com/codesuite/settings/connections?region=eu-west-1',
    );
  });
});
