// The SDK side of the log source: FilterLogEvents pages stream (the next one is already requested while the
// current one prints), filter errors name --filter, Live Tail's event stream becomes batches or a fallback.
import {
  CloudWatchLogsClient,
  DescribeLogGroupsCommand,
  DescribeLogStreamsCommand,
  FilterLogEventsCommand,
  StartLiveTailCommand,
  StartLiveTailResponseStream,
} from '@aws-sdk/client-cloudwatch-logs';
import { mockClient } from 'aws-sdk-client-mock';
import { CloudWatchLogSource, LiveTailEnded } from '../../../src/logs/cloudwatch-source';
import type { LogEvent } from '../../../src/logs/event';
import { MycopilotError } from '../../../src/errors';

const logs = mockClient(CloudWatchLogsClient);
const source = new CloudWatchLogSource(new CloudWatchLogsClient({ region: 'us-west-2' }));

beforeEach(() => logs.reset());

const filtered = (ts: number, stream = 'copilot/web/a') => ({
  timestamp: ts,
  logStreamName: stream,
  message: `m${ts}`,
  eventId: `id${ts}`,
});

describe('filterPage', () => {
  it('asks for the window, the streams, the pattern and interleaving, and maps the events', async () => {
    logs.on(FilterLogEventsCommand).resolves({ events: [filtered(1), filtered(2)], nextToken: 't1' });
    const page = await source.filterPage(
      { group: '/copilot/a-e-web', start: 1, end: 9, streamPrefix: 'copilot/', pattern: 'x', limit: 5000 },
      't0',
    );
    expect(page).toEqual({
      events: [
        { timestamp: 1, stream: 'copilot/web/a', message: 'm1', id: 'id1' },
        { timestamp: 2, stream: 'copilot/web/a', message: 'm2', id: 'id2' },
      ],
      nextToken: 't1',
    });
    const input = logs.commandCalls(FilterLogEventsCommand)[0].args[0].input;
    expect(input).toMatchObject({
      logGroupName: '/copilot/a-e-web',
      startTime: 1,
      endTime: 9,
      logStreamNamePrefix: 'copilot/',
      filterPattern: 'x',
      interleaved: true,
      limit: 5000,
      nextToken: 't0',
    });
    expect(input.startFromHead).toBeUndefined();
  });

  it('asks newest-first for --limit, and exact stream names without a prefix', async () => {
    logs.on(FilterLogEventsCommand).resolves({ events: [] });
    await source.filterPage({
      group: 'g',
      streams: ['copilot/web/a'],
      streamPrefix: 'copilot/',
      newestFirst: true,
      limit: 10,
    });
    const input = logs.commandCalls(FilterLogEventsCommand)[0].args[0].input;
    expect(input).toMatchObject({ logStreamNames: ['copilot/web/a'], startFromHead: false, limit: 10 });
    expect(input.logStreamNamePrefix).toBeUndefined();
  });

  it('a pattern CloudWatch rejects is a usage error naming --filter', async () => {
    logs
      .on(FilterLogEventsCommand)
      .rejects(
        Object.assign(new Error('Invalid filter pattern: unexpected token {'), { name: 'InvalidParameterException' }),
      );
    await expect(source.filterPage({ group: 'g', pattern: '{ $.x = ' })).rejects.toMatchObject({
      code: 'USAGE',
      exitCode: 2,
      message: '--filter "{ $.x = ": CloudWatch Logs rejects it: Invalid filter pattern: unexpected token {',
    });
  });

  it('other failures name the log group', async () => {
    logs.on(FilterLogEventsCommand).rejects(Object.assign(new Error('gone'), { name: 'ResourceNotFoundException' }));
    const read = source.filterPage({ group: '/copilot/a-e-web' });
    await expect(read).rejects.toThrow(MycopilotError);
    await expect(source.filterPage({ group: '/copilot/a-e-web' })).rejects.toThrow(
      'reading log group /copilot/a-e-web failed: ResourceNotFoundException: gone',
    );
  });
});

describe('groups and streams', () => {
  it('finds the exact group among those sharing its prefix, with its ARN for Live Tail', async () => {
    logs.on(DescribeLogGroupsCommand).resolves({
      logGroups: [
        { logGroupName: '/copilot/a-e-web2', arn: 'arn:x:/copilot/a-e-web2:*' },
        {
          logGroupName: '/copilot/a-e-web',
          arn: 'arn:aws:logs:us-west-2:1:log-group:/copilot/a-e-web:*',
          creationTime: 5,
        },
      ],
    });
    expect(await source.group('/copilot/a-e-web')).toEqual({
      name: '/copilot/a-e-web',
      arn: 'arn:aws:logs:us-west-2:1:log-group:/copilot/a-e-web',
      created: 5,
    });
    expect(await source.group('/copilot/a-e-api')).toBeUndefined();
    expect(await source.groupNames('/copilot/a-e-')).toEqual(['/copilot/a-e-web2', '/copilot/a-e-web']);
  });

  it('lists streams by prefix, or the most recently written first', async () => {
    logs
      .on(DescribeLogStreamsCommand)
      .resolvesOnce({ logStreams: [{ logStreamName: 'copilot/web/a', lastEventTimestamp: 9 }], nextToken: 'n' })
      .resolvesOnce({ logStreams: [{ logStreamName: 'copilot/web/b' }] });
    expect((await source.streams('g', { prefix: 'copilot/web/' })).map((s) => s.name)).toEqual([
      'copilot/web/a',
      'copilot/web/b',
    ]);
    logs.reset();
    logs
      .on(DescribeLogStreamsCommand)
      .resolves({ logStreams: [{ logStreamName: 'copilot/web/a' }], nextToken: 'more' });
    expect(await source.streams('g', { newestFirst: true, max: 1 })).toHaveLength(1);
    const input = logs.commandCalls(DescribeLogStreamsCommand)[0].args[0].input;
    expect(input).toMatchObject({ orderBy: 'LastEventTime', descending: true });
    // The API refuses a prefix together with ordering by time.
    expect(input.logStreamNamePrefix).toBeUndefined();
  });
});

describe('liveTail', () => {
  async function* stream(items: StartLiveTailResponseStream[]) {
    for (const i of items) yield i;
  }
  const result = (ts: number) => ({ logStreamName: 'copilot/web/a', timestamp: ts, message: `m${ts}` });

  async function collect(items: StartLiveTailResponseStream[]): Promise<{ batches: LogEvent[][]; error?: unknown }> {
    logs.on(StartLiveTailCommand).resolves({ responseStream: stream(items) });
    const batches: LogEvent[][] = [];
    try {
      for await (const b of source.liveTail({ groupArn: 'arn:g', streamPrefix: 'copilot/', pattern: 'ERROR' }))
        batches.push(b);
    } catch (error) {
      return { batches, error };
    }
    return { batches };
  }

  it('yields an empty batch when the session starts, then the events of each update', async () => {
    const { batches, error } = await collect([
      { sessionStart: { sessionId: 's' } },
      { sessionUpdate: { sessionResults: [result(1), result(2)] } },
      { sessionUpdate: { sessionResults: [] } },
      { sessionUpdate: { sessionResults: [result(3)] } },
    ]);
    expect(batches.map((b) => b.map((e) => e.timestamp))).toEqual([[], [1, 2], [3]]);
    expect(error).toBeInstanceOf(LiveTailEnded);
    expect(logs.commandCalls(StartLiveTailCommand)[0].args[0].input).toEqual({
      logGroupIdentifiers: ['arn:g'],
      logStreamNames: undefined,
      logStreamNamePrefixes: ['copilot/'],
      logEventFilterPattern: 'ERROR',
    });
  });

  it.each([
    [{ sessionUpdate: { sessionMetadata: { sampled: true }, sessionResults: [result(1)] } }, /sampling/],
    [{ SessionTimeoutException: { message: 'timeout', name: 'SessionTimeoutException' } }, /time limit/],
    [{ SessionStreamingException: { message: 'broken', name: 'SessionStreamingException' } }, /broken/],
  ])('ends with LiveTailEnded on %p, so that --follow polls instead', async (item, why) => {
    const { error } = await collect([{ sessionStart: {} }, item as StartLiveTailResponseStream]);
    expect(error).toBeInstanceOf(LiveTailEnded);
    expect((error as Error).message).toMatch(why);
  });
});
