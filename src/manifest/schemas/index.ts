// The schema of every manifest type, by the `type:` value Copilot wrote into manifests.
// These zod schemas are the one source for validation, the TypeScript model and manifests/*.schema.json.
import { z } from 'zod';
import { backendServiceSchema, loadBalancedWebServiceSchema, workerServiceSchema } from './services';
import { requestDrivenWebServiceSchema } from './request-driven';
import { staticSiteSchema } from './static-site';
import { scheduledJobSchema } from './scheduled-job';
import { environmentSchema } from './environment';
import { pipelineSchema } from './pipeline';
import { ManifestType } from '../types';

export { MANIFEST_TYPES, SERVICE_TYPES, WORKLOAD_TYPES } from '../types';
export type { ManifestType } from '../types';

export const manifestSchemas: Record<ManifestType, z.ZodType> = {
  'Load Balanced Web Service': loadBalancedWebServiceSchema,
  'Backend Service': backendServiceSchema,
  'Worker Service': workerServiceSchema,
  'Request-Driven Web Service': requestDrivenWebServiceSchema,
  'Static Site': staticSiteSchema,
  'Scheduled Job': scheduledJobSchema,
  Environment: environmentSchema,
  Pipeline: pipelineSchema,
};

export type LoadBalancedWebService = z.infer<typeof loadBalancedWebServiceSchema>;
export type BackendService = z.infer<typeof backendServiceSchema>;
export type WorkerService = z.infer<typeof workerServiceSchema>;
export type RequestDrivenWebService = z.infer<typeof requestDrivenWebServiceSchema>;
export type StaticSite = z.infer<typeof staticSiteSchema>;
export type ScheduledJob = z.infer<typeof scheduledJobSchema>;
export type EnvironmentManifest = z.infer<typeof environmentSchema>;
export type PipelineManifest = z.infer<typeof pipelineSchema>;

/** File-name stem for manifests/<stem>.schema.json. */
export function schemaFileStem(type: ManifestType): string {
  return type.toLowerCase().replace(/[^a-z0-9]+/g, '-');
}
