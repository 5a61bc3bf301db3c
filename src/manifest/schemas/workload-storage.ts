// Storage and sidecars of the ECS workloads: the task's volumes (empty, EFS-backed) and the extra containers
// that run next to the main one and may mount them.
import { z } from 'zod';
import {
  ALWAYS,
  checkImageSource,
  command,
  containerHealthcheck,
  dependsOn,
  dockerBuild,
  entrypoint,
  envFile,
  fromCfn,
  imageLocation,
  issue,
  labels,
  secrets,
  variables,
} from './workload-common';
import { asMap } from '../values';

// ---- storage ----

const VOLUME_PATH = /^[a-zA-Z0-9\-._/]+$/;
const volumePath = z
  .string()
  .max(242)
  .regex(VOLUME_PATH, { message: 'expected a path made of the characters a-zA-Z0-9.-_/' });

const efsConfig = z
  .object({
    id: z
      .union([z.string().describe('ID of an existing EFS file system (fs-...).'), fromCfn])
      .describe('The file system to mount: its ID, or a stack export holding it. Excludes uid/gid.'),
    root_dir: volumePath.max(255).describe('Directory of the file system to mount as the volume root. Default /.'),
    auth: z
      .object({
        iam: z.boolean().describe('Use IAM authorization to connect to the file system. Default true.'),
        access_point_id: z.string().describe('ID of the EFS access point to connect through.'),
      })
      .partial()
      .describe('Authorization settings for an existing file system.'),
    uid: z
      .number()
      .int()
      .min(0)
      .max(4294967295)
      .describe('POSIX user ID of the access point on the managed file system; needs gid; not 0.'),
    gid: z
      .number()
      .int()
      .min(0)
      .max(4294967295)
      .describe('POSIX group ID of the access point on the managed file system; needs uid.'),
  })
  .partial()
  .superRefine((e, ctx) => {
    const byo = e.id !== undefined || e.root_dir !== undefined || e.auth !== undefined;
    if (byo && (e.uid !== undefined || e.gid !== undefined)) {
      issue(
        ctx,
        [e.uid !== undefined ? 'uid' : 'gid'],
        '`uid`/`gid` (managed file system) exclude `id`, `root_dir` and `auth`',
      );
    } else if ((e.uid === undefined) !== (e.gid === undefined)) {
      issue(ctx, [e.uid === undefined ? 'uid' : 'gid'], '`uid` and `gid` go together: set both');
    } else if (e.uid === 0) {
      issue(ctx, ['uid'], '`uid` must not be 0 (root)');
    }
    if (e.auth?.access_point_id !== undefined) {
      if (e.root_dir !== undefined && e.root_dir !== '' && e.root_dir !== '/') {
        issue(ctx, ['root_dir'], 'with an access point, `root_dir` must be empty or "/"');
      }
      if (e.auth.iam === false) issue(ctx, ['auth', 'iam'], 'with an access point, `auth.iam` must be true');
    }
  })
  .describe('EFS settings: an existing file system (id, root_dir, auth) or a managed one (uid, gid).');

export const volume = z
  .object({
    efs: z
      .union([z.boolean().describe('true: mount the environment-managed EFS file system.'), efsConfig])
      .describe('Back the volume with EFS. Without it the volume is an empty task-scoped directory.'),
    path: volumePath.describe('Where the volume is mounted in the main container.'),
    read_only: z.boolean().describe('Mount the volume read-only. Default true.'),
  })
  .partial({ efs: true, read_only: true })
  .describe('A volume of the task, mounted in the main container.');

const isManagedEfs = (efs: unknown): boolean =>
  efs === true || (asMap(efs)?.uid !== undefined && asMap(efs)?.gid !== undefined);

export const storage = z
  .object({
    ephemeral: z.number().int().describe('Ephemeral task storage in GiB, from 20 (the default) to 200. Fargate only.'),
    readonly_fs: z.boolean().describe("Mount the container's root file system read-only."),
    volumes: z.record(z.string(), volume).describe('Volumes of the task by name.'),
  })
  .partial()
  .superRefine((value, ctx) => {
    const s = asMap(value) ?? {};
    if (typeof s.ephemeral === 'number' && (s.ephemeral < 20 || s.ephemeral > 200)) {
      issue(ctx, ['ephemeral'], `ephemeral storage must be between 20 and 200 GiB, got ${s.ephemeral}`);
    }
    const managed = Object.entries(asMap(s.volumes) ?? {}).filter(([, v]) => isManagedEfs(asMap(v)?.efs));
    for (const [name] of managed.slice(1)) {
      issue(ctx, ['volumes', name, 'efs'], `only one managed EFS volume per workload; "${managed[0][0]}" is one`);
    }
  }, ALWAYS)
  .describe('Task storage: ephemeral disk size, read-only root file system and volumes.');

// ---- sidecars ----

export const mountPoint = z
  .object({
    source_volume: z.string().min(1).describe('Name of a volume under storage.volumes.'),
    path: volumePath.describe('Where the volume is mounted in the sidecar.'),
    read_only: z.boolean().optional().describe('Mount the volume read-only. Default true.'),
  })
  .describe('A volume of the task mounted in the sidecar.');

export const sidecar = z
  .object({
    image: z
      .union([
        z.string().min(1).describe('The image to run.'),
        z
          .object({ build: dockerBuild, location: imageLocation })
          .partial()
          .superRefine(checkImageSource)
          .describe('Build the sidecar image or name an existing one.'),
      ])
      .describe('Image of the sidecar (required): an image name, or `build`/`location`.'),
    ...z
      .object({
        port: z
          .string()
          .regex(/^\d{1,5}(\/(tcp|udp))?$/i, { message: 'expected a port such as "8080" or "8080/udp"' })
          .describe('Port the sidecar listens on, optionally with its protocol: 80, 80/tcp or 80/udp.'),
        essential: z.boolean().describe('Stop the task when this container stops. Default true.'),
        credentialsParameter: z.string().describe('ARN of the secret with credentials of a private registry.'),
        variables,
        env_file: envFile,
        secrets,
        mount_points: z.array(mountPoint).describe('Task volumes mounted in the sidecar.'),
        labels,
        depends_on: dependsOn,
        healthcheck: containerHealthcheck,
        entrypoint,
        command,
      })
      .partial().shape,
  })
  .describe('A sidecar container that runs next to the main container in every task.');

export const sidecars = z.record(z.string(), sidecar).describe('Sidecar containers by name.');
