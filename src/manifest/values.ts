// Plain readings of manifest values, shared by the schemas (which check them) and the stack builders (which use
// them). Kept apart from the schemas so that rendering a loaded manifest does not load zod.

/** The public SSM parameter with the current ECS-optimized Amazon Linux 2023 AMI. */
export const DEFAULT_ECS_AMI_PARAMETER = '/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id';

export function asMap(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** Milliseconds in a Go-style duration such as `1m30s`. */
export function durationToMs(value: string): number {
  const units: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  let total = 0;
  for (const m of value.matchAll(/([0-9]+(?:\.[0-9]+)?)(ns|us|µs|ms|s|m|h)/g)) total += Number(m[1]) * units[m[2]];
  return total;
}

/** `min-max` or `{min, max}`. */
export function rangeBounds(value: unknown): { min: number; max: number } | undefined {
  if (typeof value === 'string') {
    const m = /^(\d+)-(\d+)$/.exec(value);
    return m ? { min: Number(m[1]), max: Number(m[2]) } : undefined;
  }
  const map = asMap(value);
  return typeof map?.min === 'number' && typeof map?.max === 'number' ? { min: map.min, max: map.max } : undefined;
}

export const WINDOWS_FAMILIES = /^(windows|windows_server_20(19|22)_(core|full))$/i;

export function platformParts(value: unknown): { os?: string; arch?: string } {
  if (typeof value === 'string') {
    const [os, arch] = value.toLowerCase().split('/');
    return { os, arch };
  }
  const map = asMap(value);
  const os = typeof map?.osfamily === 'string' ? map.osfamily.toLowerCase() : undefined;
  const arch = typeof map?.architecture === 'string' ? map.architecture.toLowerCase() : undefined;
  return { os, arch };
}

export const isWindows = (value: unknown): boolean => WINDOWS_FAMILIES.test(platformParts(value).os ?? '');
export const isArm = (value: unknown): boolean => /^arm(64)?$/.test(platformParts(value).arch ?? '');

/** Whether the tasks run on EC2 instances: `launch_type: EC2` or an EC2 capacity provider. */
export function runsOnEc2(m: Record<string, unknown>): boolean {
  if (m.launch_type === 'EC2') return true;
  return Array.isArray(m.capacity_providers) && m.capacity_providers.some((p) => asMap(p)?.provider === 'EC2');
}
