// Times in the status model (ISO strings) and how the text output shows them: "5m ago", "in 3h", "1m 4s".

export function iso(date: Date | undefined): string | undefined {
  return date ? date.toISOString() : undefined;
}

/** A short duration: "45s", "12m", "3h 5m", "2d 4h". */
export function shortDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return s % 60 && m < 10 ? `${m}m ${s % 60}s` : `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 24) return m % 60 ? `${h}h ${m % 60}m` : `${h}h`;
  const d = Math.floor(h / 24);
  return h % 24 ? `${d}d ${h % 24}h` : `${d}d`;
}

/** "5m ago" for a past time, "in 5m" for a future one, "-" when unknown. */
export function relative(when: string | undefined, now: Date): string {
  if (!when) return '-';
  const t = Date.parse(when);
  if (Number.isNaN(t)) return when;
  const diff = now.getTime() - t;
  if (Math.abs(diff) < 1000) return 'now';
  return diff >= 0 ? `${shortDuration(diff)} ago` : `in ${shortDuration(-diff)}`;
}

/** "2026-11-28 12:00 UTC" — absolute, for times far from now or where the minute matters. */
export function utcMinute(when: string | undefined): string {
  if (!when) return '-';
  const d = new Date(when);
  if (Number.isNaN(d.getTime())) return when;
  return `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** "12:00:05 UTC": when a --watch frame was drawn. */
export const utcSecond = (at: Date) => `${at.toISOString().slice(11, 19)} UTC`;
