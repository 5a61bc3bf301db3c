// LogSource over the CloudWatch Logs SDK client: plain calls with plain results; paging.ts decides what to
// request when.
import {
  CloudWatchLogsClient,
  DescribeLogGroupsCommand,
  DescribeLogStreamsCommand,
  FilteredLogEvent,
  FilterLogEventsCommand,
  FilterLogEventsCommandOutput,
  StartLiveTailCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { awsError, call } from '../aws/errors';
import { usageError } from '../errors';
import type { LogEvent } from './event';
import type { FilterPage, FilterRequest, LiveTailRequest, LogGroupInfo, LogSource, StreamInfo } from './source';

/** Live Tail stopped being complete or stopped altogether; --follow switches to polling. */
export class LiveTailEnded extends Error {
  override readonly name = 'LiveTailEnded';
}

const SYNTAX_URL = 'https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html';

function toEvent(e: FilteredLogEvent): LogEvent {
  return { timestamp: e.timestamp ?? 0, stream: e.logStreamName ?? '', message: e.message ?? '', id: e.eventId };
}

export class CloudWatchLogSource implements LogSource {
  constructor(private readonly logs: CloudWatchLogsClient) {}

  async group(name: string): Promise<LogGroupInfo | undefined> {
    let nextToken: string | undefined;
    do {
      const out = await call(`looking up log group ${name}`, () =>
        this.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: name, nextToken })),
      );
      const found = out.logGroups?.find((g) => g.logGroupName === name);
      if (found) {
        const arn = found.logGroupArn ?? (found.arn ?? '').replace(/:\*$/, '');
        return { name, arn, created: found.creationTime ?? 0 };
      }
      nextToken = out.nextToken;
    } while (nextToken);
    return undefined;
  }

  async groupNames(prefix: string): Promise<string[]> {
    const names: string[] = [];
    let nextToken: string | undefined;
    do {
      const out = await call(`listing log groups under ${prefix}`, () =>
        this.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: prefix, nextToken })),
      );
      for (const g of out.logGroups ?? []) if (g.logGroupName) names.push(g.logGroupName);
      nextToken = out.nextToken;
    } while (nextToken && names.length < 200);
    return names;
  }

  async filterPage(request: FilterRequest, nextToken?: string, signal?: AbortSignal): Promise<FilterPage> {
    let out: FilterLogEventsCommandOutput;
    try {
      out = await this.logs.send(
        new FilterLogEventsCommand({
          logGroupName: request.group,
          logStreamNames: request.streams,
          logStreamNamePrefix: request.streams ? undefined : request.streamPrefix,
          startTime: request.start,
          endTime: request.end,
          filterPattern: request.pattern,
          ...(request.newestFirst ? { startFromHead: false } : {}),
          limit: request.limit,
          nextToken,
          // Ignored by AWS, which always interleaves; emulators interleave only when asked.
          interleaved: true,
        }),
        { abortSignal: signal },
      );
    } catch (err) {
      const e = err as { name?: string; message?: string };
      if (request.pattern && e.name === 'InvalidParameterException' && /pattern/i.test(e.message ?? ''))
        throw usageError(
          `--filter "${request.pattern}": CloudWatch Logs rejects it: ${e.message}`,
          `Syntax: ${SYNTAX_URL}`,
        );
      throw awsError(`reading log group ${request.group}`, err);
    }
    return { events: (out.events ?? []).map(toEvent), nextToken: out.nextToken };
  }

  async streams(
    group: string,
    options: { prefix?: string; newestFirst?: boolean; max?: number },
  ): Promise<StreamInfo[]> {
    const found: StreamInfo[] = [];
    const max = options.max ?? Infinity;
    let nextToken: string | undefined;
    do {
      const out = await call(`listing the log streams of ${group}`, () =>
        this.logs.send(
          new DescribeLogStreamsCommand({
            logGroupName: group,
            // The API cannot filter by prefix and sort by time at once.
            ...(options.newestFirst
              ? { orderBy: 'LastEventTime', descending: true }
              : { logStreamNamePrefix: options.prefix }),
            nextToken,
            limit: 50,
          }),
        ),
      );
      for (const s of out.logStreams ?? []) {
        if (!s.logStreamName) continue;
        if (options.prefix && !s.logStreamName.startsWith(options.prefix)) continue;
        found.push({ name: s.logStreamName, firstEvent: s.firstEventTimestamp, lastEvent: s.lastEventTimestamp });
      }
      nextToken = out.nextToken;
    } while (nextToken && found.length < max);
    return found.slice(0, max);
  }

  async *liveTail(request: LiveTailRequest, signal?: AbortSignal): AsyncIterable<LogEvent[]> {
    const out = await this.logs.send(
      new StartLiveTailCommand({
        logGroupIdentifiers: [request.groupArn],
        logStreamNames: request.streams,
        logStreamNamePrefixes: request.streams || !request.streamPrefix ? undefined : [request.streamPrefix],
        logEventFilterPattern: request.pattern,
      }),
      { abortSignal: signal },
    );
    if (!out.responseStream) throw new LiveTailEnded('the Live Tail session returned no stream');
    for await (const item of out.responseStream) {
      if (item.sessionStart) yield [];
      else if (item.sessionUpdate) {
        // Above about 500 events a second Live Tail sends a sample; polling is slower but complete.
        if (item.sessionUpdate.sessionMetadata?.sampled)
          throw new LiveTailEnded('Live Tail is sampling this busy log group');
        const results = item.sessionUpdate.sessionResults ?? [];
        if (results.length > 0)
          yield results.map((e) => ({
            timestamp: e.timestamp ?? 0,
            stream: e.logStreamName ?? '',
            message: e.message ?? '',
          }));
      } else if (item.SessionTimeoutException) throw new LiveTailEnded('the Live Tail session reached its time limit');
      else if (item.SessionStreamingException)
        throw new LiveTailEnded(`Live Tail failed: ${item.SessionStreamingException.message ?? 'streaming error'}`);
    }
    throw new LiveTailEnded('the Live Tail session ended');
  }
}
