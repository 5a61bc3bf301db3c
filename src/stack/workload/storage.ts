// Task volumes: empty task-scoped volumes that containers share, EFS file systems brought by the user (`efs.id`),
// and the environment's managed EFS file system (`efs: true` or uid/gid), reached through an access point of its
// own, as Copilot did. The task role is granted exactly the file systems and access points it mounts.
import { RenderError } from '../inputs';
import { importFromEnv } from '../exports';
import { GetAtt, ImportValue, Join, Ref, Sub, resource } from '../template';
import type { Value } from '../template';
import { localArn, subLiteral } from './parts';
import type { Workload } from './workload';

type VolumeSpec = NonNullable<NonNullable<Workload['manifest']['storage']>['volumes']>[string];
type EfsConfig = Exclude<NonNullable<VolumeSpec['efs']>, boolean>;

export const ACCESS_POINT = 'AccessPoint';

/** CRC-32 (IEEE) of the text: Copilot's default POSIX uid/gid of a managed EFS access point. */
export function crc32(text: string): number {
  let crc = 0xffffffff;
  for (const byte of Buffer.from(text, 'utf8')) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function isManaged(efs: VolumeSpec['efs']): boolean {
  return efs === true || (typeof efs === 'object' && efs.uid !== undefined && efs.gid !== undefined);
}

function volumeNames(w: Workload): string[] {
  return Object.keys(w.manifest.storage?.volumes ?? {}).sort();
}

/** Task definition `Volumes`; adds the access point and the task role's EFS permissions on the way. */
export function taskVolumes(w: Workload): Value[] | undefined {
  const volumes = w.manifest.storage?.volumes ?? {};
  const names = volumeNames(w);
  if (names.length === 0) return undefined;
  return names.map((name) => {
    const volume = volumes[name];
    const efs = volume.efs;
    if (efs === undefined || efs === false) return { Name: name };
    if (isManaged(efs)) return managedVolume(w, name, efs);
    return byoVolume(w, name, efs as EfsConfig, volume.read_only !== false);
  });
}

/**
 * The environment's file system admits NFS from the environment security group (and the EC2 instances). awsvpc
 * tasks that leave that group out (`deny_default`) could not reach it.
 */
function checkManagedFileSystem(w: Workload, name: string): void {
  const groups = w.manifest.network?.vpc?.security_groups;
  const denyDefault = !Array.isArray(groups) && groups?.deny_default === true;
  if (w.networkMode === 'awsvpc' && denyDefault) {
    throw new RenderError(
      ['storage', 'volumes', name, 'efs'],
      `environment "${w.env}" cannot provide its managed EFS file system to these tasks: it admits the environment security group, which \`deny_default\` leaves out`,
      'remove `network.vpc.security_groups.deny_default`, or mount a file system of your own with `efs.id`',
    );
  }
}

function managedVolume(w: Workload, name: string, efs: true | EfsConfig): Value {
  checkManagedFileSystem(w, name);
  const id = crc32(w.name);
  const uid = efs === true ? id : efs.uid!;
  const gid = efs === true ? id : efs.gid!;
  const fileSystem = importFromEnv('FilesystemID');
  w.parts.add(
    ACCESS_POINT,
    resource('AWS::EFS::AccessPoint', `An EFS access point for ${w.name}'s directory of the environment file system`, {
      ClientToken: Sub('${AppName}-${EnvName}-${WorkloadName}'),
      FileSystemId: fileSystem,
      PosixUser: { Uid: String(uid), Gid: String(gid) },
      RootDirectory: {
        Path: `/${w.name}`,
        CreationInfo: { OwnerUid: String(uid), OwnerGid: String(gid), Permissions: '0755' },
      },
    }),
  );
  w.parts.taskPolicies.push({
    PolicyName: 'GrantAccessCopilotManagedEFS',
    PolicyDocument: {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: ['elasticfilesystem:ClientMount', 'elasticfilesystem:ClientWrite'],
          Condition: { StringEquals: { 'elasticfilesystem:AccessPointArn': GetAtt(ACCESS_POINT, 'Arn') } },
          Resource: [Sub(localArn('elasticfilesystem', 'file-system/${FileSystem}'), { FileSystem: fileSystem })],
        },
      ],
    },
  });
  return {
    Name: name,
    EFSVolumeConfiguration: {
      FilesystemId: fileSystem,
      RootDirectory: '/',
      TransitEncryption: 'ENABLED',
      AuthorizationConfig: { AccessPointId: Ref(ACCESS_POINT), IAM: 'ENABLED' },
    },
  };
}

function byoVolume(w: Workload, name: string, efs: EfsConfig, readOnly: boolean): Value {
  if (efs.id === undefined) {
    throw new RenderError(['storage', 'volumes', name, 'efs', 'id'], 'an existing EFS file system needs its `id`');
  }
  const fileSystem = typeof efs.id === 'string' ? efs.id : ImportValue(efs.id.from_cfn);
  const accessPoint = efs.auth?.access_point_id;
  const iam = efs.auth?.iam ?? true;
  const fileSystemArn =
    typeof fileSystem === 'string'
      ? Sub(localArn('elasticfilesystem', `file-system/${subLiteral(fileSystem)}`))
      : Join('/', [Sub(localArn('elasticfilesystem', 'file-system')), fileSystem]);
  const index = w.parts.taskPolicies.length;
  w.parts.taskPolicies.push({
    PolicyName: typeof fileSystem === 'string' ? `GrantEFSAccess${fileSystem}-${index}` : `GrantEFSAccess${name}`,
    PolicyDocument: {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: readOnly
            ? ['elasticfilesystem:ClientMount']
            : ['elasticfilesystem:ClientMount', 'elasticfilesystem:ClientWrite'],
          ...(accessPoint
            ? {
                Condition: {
                  StringEquals: {
                    'elasticfilesystem:AccessPointArn': Sub(
                      localArn('elasticfilesystem', `access-point/${subLiteral(accessPoint)}`),
                    ),
                  },
                },
              }
            : {}),
          Resource: [fileSystemArn],
        },
      ],
    },
  });
  return {
    Name: name,
    EFSVolumeConfiguration: {
      FilesystemId: fileSystem,
      RootDirectory: accessPoint ? '/' : (efs.root_dir ?? '/'),
      TransitEncryption: 'ENABLED',
      ...(accessPoint || iam
        ? {
            AuthorizationConfig: {
              ...(accessPoint ? { AccessPointId: accessPoint } : {}),
              IAM: iam ? 'ENABLED' : 'DISABLED',
            },
          }
        : {}),
    },
  };
}

/** Mount points of the main container: every volume at its `path` (read-only unless `read_only: false`). */
export function mainMountPoints(w: Workload): { ContainerPath: string; ReadOnly: boolean; SourceVolume: string }[] {
  const volumes = w.manifest.storage?.volumes ?? {};
  return volumeNames(w).map((name) => ({
    ContainerPath: volumes[name].path,
    ReadOnly: volumes[name].read_only ?? true,
    SourceVolume: name,
  }));
}

/** Mount points of a sidecar, checked against the task's volumes. */
export function sidecarMountPoints(
  w: Workload,
  sidecar: string,
): { ContainerPath: string; ReadOnly: boolean; SourceVolume: string }[] {
  const volumes = w.manifest.storage?.volumes ?? {};
  const mounts = w.manifest.sidecars?.[sidecar]?.mount_points ?? [];
  return mounts.map((mp, i) => {
    if (!volumes[mp.source_volume]) {
      throw new RenderError(
        ['sidecars', sidecar, 'mount_points', i, 'source_volume'],
        `there is no volume "${mp.source_volume}" under storage.volumes`,
      );
    }
    return { ContainerPath: mp.path, ReadOnly: mp.read_only ?? true, SourceVolume: mp.source_volume };
  });
}
