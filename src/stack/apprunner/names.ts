// Names AWS limits in length (App Runner service names: 40 characters, CloudFront origin access controls and
// functions: 64). `<app>-<env>-<name>` can exceed them, and these names must also stay unique per account and
// stable across deploys, so a long name keeps its start and gets a short hash of the whole name.
import { createHash } from 'node:crypto';

/** `name` when it fits in `max` characters, else its first characters, `-`, and 6 hex digits of its SHA-256. */
export function boundedName(name: string, max: number): string {
  if (name.length <= max) return name;
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 6);
  const head = name.slice(0, max - hash.length - 1).replace(/[-_]+$/, '');
  return `${head}-${hash}`;
}

export { logicalIdSafe } from '../naming';
