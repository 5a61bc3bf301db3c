// How many awsvpc tasks an instance can hold: one ENI per task, and the instance's primary ENI counts against
// the instance type's limit. Source: the EC2 "network interfaces per instance type" table and the ECS guide's
// "supported instance types for ENI trunking" table (container-instance-eni.html), for common types. Anything
// else, or anything that differs in your account, is set with an override (`eniSlots` in the snapshot or the
// options), keyed by EC2 instance id, container instance ARN or instance type; an override is the number of
// task ENIs in total (primary ENI already excluded).

/** Maximum network interfaces of the instance type (primary included), and task ENIs with trunking on. */
interface EniLimit {
  maxEnis: number;
  trunked?: number;
}

function family(prefixes: string[], sizes: Record<string, EniLimit>): Record<string, EniLimit> {
  const out: Record<string, EniLimit> = {};
  for (const p of prefixes) for (const [size, l] of Object.entries(sizes)) out[`${p}.${size}`] = l;
  return out;
}

/** m5/r5-style sizes, with the ECS trunking table's task ENI counts. */
const GENERAL_TRUNKED: Record<string, EniLimit> = {
  large: { maxEnis: 3, trunked: 10 },
  xlarge: { maxEnis: 4, trunked: 20 },
  '2xlarge': { maxEnis: 4, trunked: 40 },
  '4xlarge': { maxEnis: 8, trunked: 60 },
  '8xlarge': { maxEnis: 8, trunked: 60 },
  '12xlarge': { maxEnis: 8, trunked: 60 },
  '16xlarge': { maxEnis: 15, trunked: 120 },
  '24xlarge': { maxEnis: 15, trunked: 120 },
};
const COMPUTE_TRUNKED: Record<string, EniLimit> = {
  large: { maxEnis: 3, trunked: 10 },
  xlarge: { maxEnis: 4, trunked: 20 },
  '2xlarge': { maxEnis: 4, trunked: 40 },
  '4xlarge': { maxEnis: 8, trunked: 60 },
  '9xlarge': { maxEnis: 8, trunked: 60 },
  '12xlarge': { maxEnis: 8, trunked: 60 },
  '18xlarge': { maxEnis: 15, trunked: 120 },
  '24xlarge': { maxEnis: 15, trunked: 120 },
};
/** Newer families: EC2 ENI counts only (their trunking counts are not in this table: override them). */
const NEWER: Record<string, EniLimit> = {
  large: { maxEnis: 3 },
  xlarge: { maxEnis: 4 },
  '2xlarge': { maxEnis: 4 },
  '4xlarge': { maxEnis: 8 },
  '8xlarge': { maxEnis: 8 },
  '12xlarge': { maxEnis: 8 },
  '16xlarge': { maxEnis: 15 },
};
const BURSTABLE: Record<string, EniLimit> = {
  nano: { maxEnis: 2 },
  micro: { maxEnis: 2 },
  small: { maxEnis: 3 },
  medium: { maxEnis: 3 },
  large: { maxEnis: 3 },
  xlarge: { maxEnis: 4 },
  '2xlarge': { maxEnis: 4 },
};

export const ENI_LIMITS: Readonly<Record<string, EniLimit>> = {
  ...family(['m5', 'm5d', 'r5', 'r5d'], GENERAL_TRUNKED),
  ...family(['c5', 'c5d'], COMPUTE_TRUNKED),
  ...family(['m6i', 'm6a', 'm6g', 'r6i', 'r6g', 'c6i', 'c6g', 'm7g', 'm7i', 'r7g', 'c7g'], NEWER),
  ...family(['t3', 't3a', 't4g'], BURSTABLE),
  ...family(['t2'], { ...BURSTABLE, xlarge: { maxEnis: 3 }, '2xlarge': { maxEnis: 3 } }),
};

export interface EniSlots {
  /** Task ENIs the instance can hold in total; Infinity when unknown. */
  slots: number;
  source: 'override' | 'table' | 'table (trunking)' | 'table (trunking on, trunk limit unknown)' | 'unknown';
}

export function eniSlotsFor(
  keys: { ec2InstanceId: string; containerInstanceArn: string; instanceType?: string },
  trunking: boolean,
  overrides: Record<string, number> | undefined,
): EniSlots {
  for (const k of [keys.ec2InstanceId, keys.containerInstanceArn, keys.instanceType]) {
    if (k !== undefined && overrides && Object.prototype.hasOwnProperty.call(overrides, k)) {
      return { slots: overrides[k], source: 'override' };
    }
  }
  const limit = keys.instanceType ? ENI_LIMITS[keys.instanceType] : undefined;
  if (!limit) return { slots: Infinity, source: 'unknown' };
  if (trunking && limit.trunked !== undefined) return { slots: limit.trunked, source: 'table (trunking)' };
  // Without a trunk count, the limit without trunking is a safe lower bound; the source says so.
  return { slots: limit.maxEnis - 1, source: trunking ? 'table (trunking on, trunk limit unknown)' : 'table' };
}
