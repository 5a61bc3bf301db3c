// EC2 capacity (`capacity.ec2`, mycopilot's addition): the container instances' security group and its rules,
// the capacity provider with managed scaling over the Auto Scaling group, and its association with the cluster.
//
// Bridge-mode tasks on the instances share the instance's security group and publish containers on dynamic host
// ports, so the group admits the ephemeral range 32768-65535 from the load balancers' groups only, all traffic
// from the awsvpc workloads (EnvironmentSecurityGroup) and from the other instances (bridge tasks calling each
// other); in return the workloads, the internal ALB and EFS admit the instances.
import { compact, GetAtt, Ref, resource, Sub } from '../template';
import { FARGATE_PROVIDERS } from './cluster';
import { Ec2Capacity, addInstances, ASG, INSTANCE_SG } from './ec2-instances';
import { EFS_SECURITY_GROUP } from './efs';
import { EnvContext, nameTag } from './parts';
import { ingressFrom, SG } from './security-groups';

export const CAPACITY_PROVIDER = 'EC2CapacityProvider';
/** The host ports ECS picks for dynamic port mappings: the Linux ephemeral range of the ECS-optimized AMIs. */
export const EPHEMERAL_PORTS: [number, number] = [32768, 65535];

function addInstanceSecurityGroup(ctx: EnvContext): void {
  const { parts, switches } = ctx;
  parts.add(
    INSTANCE_SG,
    resource('AWS::EC2::SecurityGroup', 'A security group for the EC2 container instances', {
      GroupDescription: 'EC2 container instances of the environment',
      VpcId: ctx.network.vpcId,
      Tags: nameTag('instances'),
    }),
  );
  if (switches.alb) {
    parts.add(
      'InstanceSecurityGroupIngressFromPublicALB',
      ingressFrom(INSTANCE_SG, SG.publicAlb, 'The public load balancer reaches dynamic host ports', {
        Condition: switches.alb,
        ports: EPHEMERAL_PORTS,
      }),
    );
  }
  if (switches.internalAlb) {
    parts.add(
      'InstanceSecurityGroupIngressFromInternalALB',
      ingressFrom(INSTANCE_SG, SG.internalAlb, 'The internal load balancer reaches dynamic host ports', {
        Condition: switches.internalAlb,
        ports: EPHEMERAL_PORTS,
      }),
    );
    const ports = (ctx.http.internal?.certificates.length ?? 0) > 0 ? [80, 443] : [80];
    for (const port of ports) {
      parts.add(
        `InternalALB${port === 443 ? 'HTTPS' : ''}IngressFromInstances`,
        ingressFrom(SG.internalAlb, INSTANCE_SG, `Tasks on the instances reach the internal load balancer on ${port}`, {
          Condition: switches.internalAlb,
          ports: [port, port],
        }),
      );
    }
  }
  parts.add(
    'InstanceSecurityGroupIngressFromEnvironment',
    ingressFrom(INSTANCE_SG, SG.environment, 'Workloads reach tasks on the instances'),
  );
  parts.add(
    'InstanceSecurityGroupIngressFromSelf',
    ingressFrom(INSTANCE_SG, INSTANCE_SG, 'Tasks on different instances reach each other'),
  );
  parts.add(
    'EnvironmentSecurityGroupIngressFromInstances',
    ingressFrom(SG.environment, INSTANCE_SG, 'Tasks on the instances reach the workloads'),
  );
  parts.add(
    'EFSSecurityGroupIngressFromInstances',
    ingressFrom(EFS_SECURITY_GROUP, INSTANCE_SG, 'Tasks on the instances mount the file system over NFS', {
      Condition: switches.efs,
      ports: [2049, 2049],
    }),
  );
}

export function addEc2Capacity(ctx: EnvContext, ec2: Ec2Capacity): void {
  addInstanceSecurityGroup(ctx);
  addInstances(ctx, ec2);
  const scaling = ec2.managed_scaling ?? {};
  ctx.parts.add(
    CAPACITY_PROVIDER,
    resource('AWS::ECS::CapacityProvider', 'A capacity provider scaling the container instances with demand', {
      // Named so that it never starts with "ecs", "aws" or "fargate" (ECS refuses those), as a generated name
      // would for an application called, say, "ecs-demo".
      Name: Sub('copilot-${AppName}-${EnvironmentName}-ec2'),
      AutoScalingGroupProvider: {
        AutoScalingGroupArn: Ref(ASG),
        ManagedScaling: compact({
          Status: 'ENABLED',
          TargetCapacity: scaling.target_capacity ?? 100,
          MinimumScalingStepSize: scaling.min_step,
          MaximumScalingStepSize: scaling.max_step,
        }),
        ManagedTerminationProtection: ec2.managed_termination_protection ? 'ENABLED' : 'DISABLED',
      },
    }),
  );
  ctx.parts.add(
    'ClusterCapacityProviderAssociations',
    resource('AWS::ECS::ClusterCapacityProviderAssociations', 'The Fargate and EC2 capacity providers of the cluster', {
      Cluster: Ref('Cluster'),
      CapacityProviders: [...FARGATE_PROVIDERS, Ref(CAPACITY_PROVIDER)],
      // Workloads that name no launch type or capacity provider run on Fargate, as under Copilot.
      DefaultCapacityProviderStrategy: [{ CapacityProvider: 'FARGATE', Weight: 1 }],
    }),
  );
}

/** The instance security group's ID, for the outputs. */
export const instanceSecurityGroupId = () => GetAtt(INSTANCE_SG, 'GroupId');
