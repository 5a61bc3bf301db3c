// Typed values of the query language: timestamps for registeredAt and dotted versions for agentVersion.

export interface Timestamp {
  /** Milliseconds since the epoch, reading a missing zone as UTC. */
  ms: number;
  /** Which part of the text was absent: the zone (`2018-06-18T22:28:28`), or the whole time (`2018-06-18`). */
  missing: 'nothing' | 'zone' | 'time';
}

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** The formats the docs list for registeredAt (plus fractional seconds, which the AWS CLI prints). */
export function parseTimestamp(text: string): Timestamp | undefined {
  const m = TIMESTAMP.exec(text);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const [h, mi, s] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  const fraction = m[7] ? Math.round(Number(m[7]) * 1000) : 0;
  let ms = Date.UTC(y, mo - 1, d, h, mi, s, fraction);
  const check = new Date(ms);
  if (
    check.getUTCFullYear() !== y ||
    check.getUTCMonth() !== mo - 1 ||
    check.getUTCDate() !== d ||
    h > 23 ||
    mi > 59 ||
    s > 59
  ) {
    return undefined;
  }
  const zone = m[8];
  if (zone && zone !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    ms -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60000;
  }
  return { ms, missing: m[4] === undefined ? 'time' : zone ? 'nothing' : 'zone' };
}

/** Numeric parts of `1.14.5`; undefined when the text is not dotted numbers. */
export function parseVersion(text: string): number[] | undefined {
  if (!/^\d+(\.\d+)*$/.test(text)) return undefined;
  return text.split('.').map(Number);
}

/** Compares dotted versions part by part; missing parts count as 0 (1.14 == 1.14.0). */
export function compareVersions(a: number[], b: number[]): number {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}

export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function isInteger(text: string): boolean {
  return /^\d+$/.test(text);
}
