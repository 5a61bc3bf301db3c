// How a log event is printed: a line prefixed with the short task ID (coloured, the same colour for the same
// task on every run), the container and the time; error and warning words highlighted; or, with --json, one
// object per line. Pure and fast: it runs once per event, 100,000 times for a day of a busy service.
import type { LogEvent } from './event';
import { parseStreamName, shortTaskId } from './streams';

/** What --json prints for each event, one object per line. */
export interface JsonLogLine {
  timestamp: string;
  stream: string;
  task: string;
  container: string;
  message: string;
}

export interface FormatOptions {
  json: boolean;
  /** ANSI colours; off for NO_COLOR, pipes and files. */
  color: boolean;
}

// Task colours leave out red, which marks errors: cyan, magenta, blue, green, yellow and their bright forms.
const TASK_COLORS = [36, 35, 34, 32, 33, 96, 95, 94, 92, 93];
const RESET = '\u001b[0m';

/** FNV-1a: a stable hash, so a task keeps its colour between runs and between `logs` and `status`. */
export function taskColor(task: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < task.length; i++) {
    h ^= task.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return TASK_COLORS[(h >>> 0) % TASK_COLORS.length];
}

// Error levels as applications write them: log levels in capitals or as `level=error`, Go panics, exception
// class names (Java, Python, .NET, JavaScript), Python tracebacks.
const ERROR_WORDS =
  /\b(?:ERROR|ERR|FATAL|CRITICAL|CRIT|EMERG|ALERT|SEVERE|PANIC|panic(?=:)|Traceback|[A-Z]\w*(?:Exception|Error))\b|(?<=\blevel"?[=:]\s*"?)(?:error|fatal|panic|critical)\b/g;
const WARN_WORDS = /\b(?:WARN|WARNING)\b|(?<=\blevel"?[=:]\s*"?)warn(?:ing)?\b/g;

export function highlightLevels(message: string): string {
  return message
    .replace(ERROR_WORDS, (w) => `\u001b[1;31m${w}${RESET}`)
    .replace(WARN_WORDS, (w) => `\u001b[33m${w}${RESET}`);
}

/** Whether a message carries an error level (used by tests and by the summary of a follow). */
export function isErrorLine(message: string): boolean {
  ERROR_WORDS.lastIndex = 0;
  const found = ERROR_WORDS.test(message);
  ERROR_WORDS.lastIndex = 0;
  return found;
}

/** A function that turns an event into its printed text, newline included. */
export function eventFormatter(options: FormatOptions): (event: LogEvent) => string {
  if (options.json) {
    return (e) => {
      const { task, container } = parseStreamName(e.stream);
      const line: JsonLogLine = {
        timestamp: new Date(e.timestamp).toISOString(),
        stream: e.stream,
        task,
        container,
        message: trimEnd(e.message),
      };
      return JSON.stringify(line) + '\n';
    };
  }
  const prefixes = new Map<string, string>();
  const prefixOf = (stream: string): string => {
    let prefix = prefixes.get(stream);
    if (prefix === undefined) {
      const { task, container } = parseStreamName(stream);
      const id = shortTaskId(task);
      prefix = options.color ? `\u001b[${taskColor(task)}m${id}${RESET}` : id;
      if (container) prefix += ' ' + (options.color ? `\u001b[2m${container}${RESET}` : container);
      if (prefixes.size > 10_000) prefixes.clear();
      prefixes.set(stream, prefix);
    }
    return prefix;
  };
  return (e) => {
    const time = new Date(e.timestamp).toISOString();
    const head = `${prefixOf(e.stream)} ${options.color ? `\u001b[2m${time}${RESET}` : time} `;
    const message = trimEnd(e.message);
    const body = options.color ? highlightLevels(message) : message;
    // A multi-line event (a stack trace) keeps the prefix on every line, so grep and sort still work.
    return body.includes('\n')
      ? body
          .split('\n')
          .map((l) => head + trimEnd(l))
          .join('\n') + '\n'
      : head + body + '\n';
  };
}

function trimEnd(text: string): string {
  const last = text.charCodeAt(text.length - 1);
  return last === 10 || last === 13 ? text.replace(/[\r\n]+$/, '') : text;
}
