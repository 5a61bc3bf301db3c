// Log stream names → the task and container they belong to, and which streams a query selects. Pure.
// awslogs names streams `<prefix>/<container>/<task-id>`; Copilot's prefix, and ours, is `copilot`.
// App Runner names them `instance/<instance-id>` (application logs) or `events`, `deployment/<id>` (system).

/** The awslogs stream prefix of every workload container. */
export const STREAM_PREFIX = 'copilot';

export interface StreamParts {
  /** Task ID (ECS) or instance ID (App Runner); the stream name itself when it has no such part. */
  task: string;
  /** Container name; empty when the stream name has none. */
  container: string;
}

const cache = new Map<string, StreamParts>();

export function parseStreamName(stream: string): StreamParts {
  let parts = cache.get(stream);
  if (parts) return parts;
  const segments = stream.split('/');
  if (segments.length >= 3) parts = { container: segments[segments.length - 2], task: segments[segments.length - 1] };
  else if (segments.length === 2) parts = { container: '', task: segments[1] };
  else parts = { container: '', task: stream };
  // A busy group has a few hundred streams, each seen thousands of times; the bound keeps --follow's memory flat.
  if (cache.size > 10_000) cache.clear();
  cache.set(stream, parts);
  return parts;
}

/** The 8 characters printed in front of each line; enough to tell a service's tasks apart, and to pass to --tasks. */
export function shortTaskId(task: string): string {
  return task.slice(0, 8);
}

/** Which streams of the log group a query reads. */
export interface StreamSelection {
  /** Exactly these streams (FilterLogEvents takes at most 100). */
  names?: string[];
  /** Streams whose name starts with this. */
  prefix?: string;
  /** Only this container's streams. */
  container?: string;
}

/** The stream prefix of a container's tasks, or of every container. */
export function containerPrefix(container?: string): string {
  return container ? `${STREAM_PREFIX}/${container}/` : `${STREAM_PREFIX}/`;
}

/**
 * A test of whether a stream belongs to the selection. The server filters too; checking again here keeps the
 * result right where it does not (local emulators ignore logStreamNamePrefix).
 */
export function streamSelector(selection: StreamSelection): (stream: string) => boolean {
  const names = selection.names ? new Set(selection.names) : undefined;
  const { prefix, container } = selection;
  return (stream) =>
    (!names || names.has(stream)) &&
    (!prefix || stream.startsWith(prefix)) &&
    (!container || parseStreamName(stream).container === container);
}

/** Whether a stream is one of the given tasks' (full IDs or their starts). */
export function isTaskStream(stream: string, tasks: string[]): boolean {
  const { task } = parseStreamName(stream);
  return tasks.some((t) => task.startsWith(t));
}
