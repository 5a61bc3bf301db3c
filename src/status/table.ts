// Aligned text tables for the read commands: columns as wide as their widest cell (colour codes not counted),
// two spaces apart, no trailing blanks; state words coloured only when colour is on (never with NO_COLOR).
import { colors } from '../ui/output';

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

export const visibleLength = (text: string) => text.replace(ANSI, '').length;

export function table(headers: string[], rows: string[][], indent = ''): string[] {
  const all = [headers, ...rows];
  const widths = headers.map((_, c) => Math.max(...all.map((r) => visibleLength(r[c] ?? ''))));
  return all.map(
    (cells) =>
      indent +
      cells
        .map((cell, c) => (c === cells.length - 1 ? cell : cell + ' '.repeat(widths[c] - visibleLength(cell))))
        .join('  ')
        .trimEnd(),
  );
}

/** `label  value` lines with the labels padded to one width. */
export function fields(entries: [string, string][], indent = ''): string[] {
  const width = Math.max(0, ...entries.map(([k]) => k.length));
  return entries.map(([k, v]) => `${indent}${k.padEnd(width)}  ${v}`.trimEnd());
}

const GOOD = /^(COMPLETED|HEALTHY|healthy|OK|RUNNING|SUCCEEDED|ACTIVE|[A-Z_]*_COMPLETE)$/;
const BAD = /^(FAILED|UNHEALTHY|unhealthy|ALARM|TIMED_OUT|ABORTED|STOPPED|[A-Z_]*_FAILED|[A-Z_]*ROLLBACK[A-Z_]*)$/;
const BUSY =
  /^(IN_PROGRESS|PENDING|PROVISIONING|ACTIVATING|DEACTIVATING|STOPPING|draining|initial|[A-Z_]*_IN_PROGRESS)$/;

/** A state word in the colour of what it means: green done/healthy, red failed/alarm, yellow in between. */
export function stateWord(word: string, color: boolean): string {
  if (!color) return word;
  if (BAD.test(word)) return colors.red(word, true);
  if (GOOD.test(word)) return colors.green(word, true);
  if (BUSY.test(word)) return colors.yellow(word, true);
  return word;
}

export const heading = (text: string, color: boolean) => (color ? colors.bold(text, true) : text);
