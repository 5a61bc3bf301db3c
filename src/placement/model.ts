// The domain model of a placement preview: what the cluster holds (ContainerInstance, RunningTask), what a task
// needs (TaskDefinition) and what is asked (PlacementRequest, ScaleInRequest). Parsers build these from the JSON
// the AWS CLI prints; the engine reads nothing else.

export type NetworkMode = 'bridge' | 'host' | 'awsvpc' | 'none';

export interface ContainerInstance {
  containerInstanceArn: string;
  ec2InstanceId: string;
  /** ACTIVE, DRAINING, REGISTERING, ... Only ACTIVE instances receive tasks. */
  status: string;
  agentConnected: boolean;
  /** As ECS reports it (RUNNING tasks on the instance, any group). */
  runningTasksCount: number;
  /** ISO 8601, as the CLI prints it. */
  registeredAt?: string;
  agentVersion?: string;
  /** Platform and custom attributes; attributes without a value (capabilities) map to ''. */
  attributes: ReadonlyMap<string, string>;
  /** remainingResources: what is free before this preview. */
  remaining: InstanceResources;
}

export interface InstanceResources {
  /** CPU units (1024 per vCPU). */
  cpu: number;
  /** MiB. */
  memory: number;
  /** Number of GPUs not yet assigned. */
  gpu: number;
  /** Host ports already reserved (agent defaults and running tasks). */
  tcpPorts: ReadonlySet<number>;
  udpPorts: ReadonlySet<number>;
}

export interface RunningTask {
  taskArn: string;
  containerInstanceArn: string;
  /** `service:<name>` or `family:<family>` or a custom group. */
  group?: string;
  taskDefinitionArn?: string;
  /** The task has its own ENI (awsvpc network mode), so it takes one of the instance's ENI slots. */
  usesEni: boolean;
  /** Task-level CPU units / MiB as DescribeTasks reports them; used to preview scale-in. */
  cpu?: number;
  memory?: number;
  lastStatus?: string;
  desiredStatus?: string;
}

export interface ClusterSnapshot {
  instances: ContainerInstance[];
  tasks: RunningTask[];
  /** False when no DescribeTasks output was given: group counts then see only the preview's own tasks. */
  tasksKnown: boolean;
  /** Task ENI slots, keyed by EC2 instance id, container instance ARN or instance type; overrides the table. */
  eniSlots?: Record<string, number>;
}

export interface PortNeed {
  port: number;
  protocol: 'tcp' | 'udp';
}

/** What one task needs from an instance, resolved from a task definition. */
export interface TaskDefinition {
  family: string;
  revision?: number;
  taskDefinitionArn?: string;
  networkMode: NetworkMode;
  /** CPU units and MiB one task takes (task-level values when set, else the containers' sum). */
  cpu: number;
  memory: number;
  gpu: number;
  /** Host ports that must be free (bridge with hostPort > 0, or host mode). */
  staticPorts: PortNeed[];
  /** Ports mapped to a dynamic host port (bridge, hostPort 0 or omitted); they never conflict. */
  dynamicPorts: number;
  requiresAttributes: { name: string; value?: string }[];
  placementConstraints: PlacementConstraintSpec[];
  requiresCompatibilities: string[];
  /** What the parser had to assume (e.g. task-level memory replacing the containers' sum). */
  notes: string[];
}

export interface PlacementStrategySpec {
  type: string;
  field?: string;
}

export interface PlacementConstraintSpec {
  type: string;
  expression?: string;
}

export type PlacementApi = 'RunTask' | 'CreateService' | 'UpdateService';

export interface PlacementRequest {
  api: PlacementApi;
  /** Tasks to place (RunTask count, or the tasks a service must add). */
  count: number;
  serviceName?: string;
  /** Task group; defaults to `service:<serviceName>` for services and `family:<family>` for RunTask. */
  group?: string;
  /** Undefined, null or [] = the API's default. */
  placementStrategy?: PlacementStrategySpec[] | null;
  placementConstraints?: PlacementConstraintSpec[];
  /** awsvpc: subnets of the network configuration; their AZs are read from the instances' ecs.subnet-id. */
  subnets?: string[];
  /** awsvpc: AZs of the subnets, when known directly. */
  subnetAzs?: string[];
}

export interface ScaleInRequest {
  serviceName?: string;
  group?: string;
  /** How many tasks the service stops. */
  scaleInBy: number;
  placementStrategy?: PlacementStrategySpec[] | null;
}

export const AZ_ATTRIBUTE = 'ecs.availability-zone';
export const INSTANCE_TYPE_ATTRIBUTE = 'ecs.instance-type';
export const SUBNET_ATTRIBUTE = 'ecs.subnet-id';
export const TRUNK_ATTRIBUTE = 'ecs.awsvpc-trunk-id';

/** Ports the ECS agent reserves on every instance when remainingResources does not list them. */
export const DEFAULT_RESERVED_PORTS = [22, 2375, 2376, 51678, 51679, 51680];

/** ECS keeps at most this many reserved host ports per instance (per protocol, see eni/ports notes). */
export const MAX_RESERVED_PORTS = 100;
