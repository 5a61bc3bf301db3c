// The manifest types, by the `type:` value Copilot wrote into manifests. Apart from the schemas so that a
// command can name the types it takes without loading zod.
export const MANIFEST_TYPES = [
  'Load Balanced Web Service',
  'Backend Service',
  'Worker Service',
  'Request-Driven Web Service',
  'Static Site',
  'Scheduled Job',
  'Environment',
  'Pipeline',
] as const;
export type ManifestType = (typeof MANIFEST_TYPES)[number];

export const WORKLOAD_TYPES = MANIFEST_TYPES.filter((t) => t !== 'Environment' && t !== 'Pipeline');
export const SERVICE_TYPES = WORKLOAD_TYPES.filter((t) => t !== 'Scheduled Job');
