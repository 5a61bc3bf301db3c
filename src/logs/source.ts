// What `svc logs` needs from CloudWatch Logs, as a small interface: the SDK implementation is in
// cloudwatch-source.ts, and tests put a fake in its place to drive paging, late events and failures.
import type { LogEvent } from './event';

export interface LogGroupInfo {
  name: string;
  /** ARN without the trailing `:*`, as StartLiveTail wants it. */
  arn: string;
  /** Creation time (ms): nothing is older, so the search for the newest events stops there. */
  created: number;
}

export interface StreamInfo {
  name: string;
  firstEvent?: number;
  lastEvent?: number;
}

export interface FilterRequest {
  group: string;
  /** Inclusive bounds (ms). */
  start?: number;
  end?: number;
  /** Exactly these streams (at most 100). */
  streams?: string[];
  streamPrefix?: string;
  pattern?: string;
  /**
   * Newest events first (FilterLogEvents' startFromHead=false, which AWS supports for windows starting on or
   * after 2024-01-01; emulators may ignore it and answer oldest first).
   */
  newestFirst?: boolean;
  /** Events per page. */
  limit?: number;
}

export interface FilterPage {
  /** Sorted by time (the API documents the whole result as sorted by timestamp). */
  events: LogEvent[];
  /** More events are available with this token (an empty page with a token means "still searching"). */
  nextToken?: string;
}

export interface LiveTailRequest {
  groupArn: string;
  streams?: string[];
  streamPrefix?: string;
  pattern?: string;
}

export interface LogSource {
  /** The log group, or undefined when it does not exist. */
  group(name: string): Promise<LogGroupInfo | undefined>;
  /** Names of the log groups starting with `prefix` (to say what exists). */
  groupNames(prefix: string): Promise<string[]>;
  /** One FilterLogEvents call; paging.ts turns calls into pages, prefetched and sliced. */
  filterPage(request: FilterRequest, nextToken?: string, signal?: AbortSignal): Promise<FilterPage>;
  /** Streams of a group: by name prefix, or (no prefix) the most recently written first. */
  streams(group: string, options: { prefix?: string; newestFirst?: boolean; max?: number }): Promise<StreamInfo[]>;
  /**
   * A Live Tail session: yields an empty batch once the session has started, then batches of events as they
   * are ingested. Throws when Live Tail is not available (no permission, an emulator, an old partition).
   */
  liveTail?(request: LiveTailRequest, signal?: AbortSignal): AsyncIterable<LogEvent[]>;
}
