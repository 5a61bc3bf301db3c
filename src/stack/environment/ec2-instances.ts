// The EC2 container instances of `capacity.ec2`: an instance role and profile, a launch template of the
// ECS-optimized AMI that joins the cluster, and the Auto Scaling group (mixed instances when several types or Spot).
import type { EnvironmentManifest } from '../../manifest/schemas';
import { DEFAULT_ECS_AMI_PARAMETER } from '../../manifest/values';
import { compact, GetAtt, Ref, resource, Sub, Value } from '../template';
import { privateRouteIds } from './network';
import { PARAM } from './parameters';
import { EnvContext } from './parts';

export type Ec2Capacity = NonNullable<NonNullable<EnvironmentManifest['capacity']>['ec2']>;

export const INSTANCE_SG = 'InstanceSecurityGroup';
export const ASG = 'EC2AutoScalingGroup';
const LAUNCH_TEMPLATE = 'EC2LaunchTemplate';
const ROLE = 'EC2InstanceRole';
const PROFILE = 'EC2InstanceProfile';
/** Root device of the Amazon Linux ECS-optimized AMIs. */
const ROOT_DEVICE = '/dev/xvda';

/** The AMI: a literal ID, or a parameter CloudFormation resolves from SSM at every deploy (latest ECS AMI). */
function imageId(ctx: EnvContext, ec2: Ec2Capacity): Value {
  if (ec2.ami?.startsWith('ami-')) return ec2.ami;
  const name = ec2.ami ?? DEFAULT_ECS_AMI_PARAMETER;
  ctx.parts.parameter(
    PARAM.instanceAmi,
    {
      Type: 'AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>',
      Description: 'SSM parameter holding the AMI of the EC2 container instances.',
      Default: name,
    },
    name,
  );
  return Ref(PARAM.instanceAmi);
}

/** Boot script: join the cluster (and drain tasks off Spot instances about to be reclaimed). */
function userData(ec2: Ec2Capacity): Value {
  const settings = ['ECS_CLUSTER=${Cluster}', ...(ec2.spot ? ['ECS_ENABLE_SPOT_INSTANCE_DRAINING=true'] : [])];
  const script = ['#!/bin/bash', ...settings.map((s) => `echo ${s} >> /etc/ecs/ecs.config`), ''].join('\n');
  return { 'Fn::Base64': Sub(script) };
}

export function addInstances(ctx: EnvContext, ec2: Ec2Capacity): void {
  const { parts, network } = ctx;
  parts.add(
    ROLE,
    resource('AWS::IAM::Role', 'A role for the EC2 container instances to register with ECS', {
      AssumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
      },
      ManagedPolicyArns: [
        Sub('arn:${AWS::Partition}:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role'),
      ],
    }),
  );
  parts.add(
    PROFILE,
    resource('AWS::IAM::InstanceProfile', 'An instance profile carrying the container instance role', {
      Roles: [Ref(ROLE)],
    }),
  );

  const placement = ec2.placement ?? 'private';
  const groups = [GetAtt(INSTANCE_SG, 'GroupId')];
  parts.add(
    LAUNCH_TEMPLATE,
    resource('AWS::EC2::LaunchTemplate', 'A launch template for ECS-optimized container instances', {
      LaunchTemplateData: compact({
        ImageId: imageId(ctx, ec2),
        InstanceType: ec2.instance_types[0],
        IamInstanceProfile: { Arn: GetAtt(PROFILE, 'Arn') },
        // In public subnets the instances need a public address to reach ECS; imported subnets may not assign one.
        NetworkInterfaces:
          placement === 'public' ? [{ DeviceIndex: 0, AssociatePublicIpAddress: true, Groups: groups }] : undefined,
        SecurityGroupIds: placement === 'public' ? undefined : groups,
        KeyName: ec2.key_pair,
        BlockDeviceMappings: ec2.root_volume_size
          ? [{ DeviceName: ROOT_DEVICE, Ebs: { VolumeSize: ec2.root_volume_size, VolumeType: 'gp3', Encrypted: true } }]
          : undefined,
        MetadataOptions: { HttpTokens: 'required' }, // IMDSv2 only
        UserData: userData(ec2),
        TagSpecifications: [
          {
            ResourceType: 'instance',
            Tags: [{ Key: 'Name', Value: Sub('copilot-${AppName}-${EnvironmentName}-ec2') }],
          },
        ],
      }),
    }),
  );

  const template = { LaunchTemplateId: Ref(LAUNCH_TEMPLATE), Version: GetAtt(LAUNCH_TEMPLATE, 'LatestVersionNumber') };
  const mixed = ec2.instance_types.length > 1 || ec2.spot !== undefined;
  const protect = ec2.managed_termination_protection === true;
  // Instances must not boot before they can reach ECS: through NAT from private subnets, else the internet gateway.
  const routes = network.imported ? [] : placement === 'private' ? privateRouteIds(ctx) : ['DefaultPublicRoute'];
  parts.add(
    ASG,
    resource(
      'AWS::AutoScaling::AutoScalingGroup',
      `An Auto Scaling group of ${ec2.min ?? 0} to ${ec2.max} container instances`,
      compact({
        MinSize: String(ec2.min ?? 0),
        MaxSize: String(ec2.max),
        // Left out unless set: ECS managed scaling owns the desired count once the group exists.
        DesiredCapacity: ec2.desired === undefined ? undefined : String(ec2.desired),
        VPCZoneIdentifier: network.subnetIds[placement],
        LaunchTemplate: mixed ? undefined : template,
        MixedInstancesPolicy: mixed
          ? {
              InstancesDistribution: compact({
                OnDemandBaseCapacity: ec2.spot ? (ec2.spot.on_demand_base ?? 0) : 0,
                OnDemandPercentageAboveBaseCapacity: ec2.spot ? (ec2.spot.on_demand_percentage ?? 0) : 100,
                SpotAllocationStrategy: ec2.spot ? 'price-capacity-optimized' : undefined,
              }),
              LaunchTemplate: {
                LaunchTemplateSpecification: template,
                Overrides: ec2.instance_types.map((t) => ({ InstanceType: t })),
              },
            }
          : undefined,
        // Replace Spot instances at elevated risk of interruption before they are reclaimed.
        CapacityRebalance: ec2.spot ? true : undefined,
        // ECS managed termination protection only works on instances protected from scale-in.
        NewInstancesProtectedFromScaleIn: protect ? true : undefined,
        Tags: [{ Key: 'Name', Value: Sub('copilot-${AppName}-${EnvironmentName}-ec2'), PropagateAtLaunch: false }],
      }),
      routes.length > 0 ? { DependsOn: routes } : {},
    ),
  );
}
