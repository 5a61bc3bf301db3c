// The environment's managed EFS file system (`efs: true` in a workload's storage), created while any workload
// uses it (`EFSWorkloads`), with one mount target per private subnet and a security group admitting NFS only.
import { GetAtt, Ref, resource, Sub } from '../template';
import { PARAM } from './parameters';
import { EnvContext, nameTag } from './parts';
import { ingressFrom, SG } from './security-groups';

export const EFS_SECURITY_GROUP = 'EFSSecurityGroup';
const NFS_PORT = 2049;

export function addFileSystem(ctx: EnvContext, condition: string): void {
  const { parts, network } = ctx;
  parts.add(
    'FileSystem',
    resource(
      'AWS::EFS::FileSystem',
      'An EFS file system for persistent task storage',
      {
        BackupPolicy: { Status: 'ENABLED' },
        Encrypted: true,
        FileSystemPolicy: {
          Version: '2012-10-17',
          Statement: [
            {
              // Task roles of this application and environment, which workload stacks tag so, may mount and
              // write; through a mount target only, i.e. from inside the VPC.
              Sid: 'AllowEnvironmentTaskRoles',
              Effect: 'Allow',
              Principal: { AWS: '*' },
              Action: ['elasticfilesystem:ClientMount', 'elasticfilesystem:ClientWrite'],
              Condition: {
                Bool: { 'elasticfilesystem:AccessedViaMountTarget': 'true' },
                StringEquals: {
                  'iam:ResourceTag/copilot-application': Ref(PARAM.app),
                  'iam:ResourceTag/copilot-environment': Ref(PARAM.env),
                },
              },
            },
            {
              Sid: 'DenyUnencryptedTransport',
              Effect: 'Deny',
              Principal: { AWS: '*' },
              Action: 'elasticfilesystem:*',
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            },
          ],
        },
        LifecyclePolicies: [{ TransitionToIA: 'AFTER_30_DAYS' }],
        PerformanceMode: 'generalPurpose',
        ThroughputMode: 'bursting',
        FileSystemTags: [{ Key: 'Name', Value: Sub('copilot-${AppName}-${EnvironmentName}') }],
      },
      // Workloads' data: when the last workload stops using it (or the environment goes), keep it rather than
      // delete it with the stack. A later `efs: true` gets a new, empty file system.
      { Condition: condition, DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' },
    ),
  );
  parts.add(
    EFS_SECURITY_GROUP,
    resource(
      'AWS::EC2::SecurityGroup',
      'A security group admitting NFS traffic from the workloads to the file system',
      {
        GroupDescription: Sub('${AppName}-${EnvironmentName}EFSSecurityGroup'),
        VpcId: network.vpcId,
        Tags: nameTag('efs'),
      },
      { Condition: condition },
    ),
  );
  parts.add(
    'EFSSecurityGroupIngressFromEnvironment',
    ingressFrom(EFS_SECURITY_GROUP, SG.environment, 'Workloads mount the file system over NFS', {
      Condition: condition,
      ports: [NFS_PORT, NFS_PORT],
    }),
  );
  // Workloads run in the private subnets; an imported VPC with public subnets only gets its mount targets there.
  const subnets = network.private.length > 0 ? network.private : network.public;
  subnets.forEach((subnet, i) => {
    parts.add(
      `MountTarget${i + 1}`,
      resource(
        'AWS::EFS::MountTarget',
        `A mount target for the file system in subnet ${i + 1}`,
        {
          FileSystemId: Ref('FileSystem'),
          SubnetId: subnet.ref,
          SecurityGroups: [GetAtt(EFS_SECURITY_GROUP, 'GroupId')],
        },
        { Condition: condition },
      ),
    );
  });
}
