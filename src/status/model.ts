// The plain data `svc status` / `job status` print: collected from AWS by collect*.ts, rendered by render.ts or
// printed as it is by --json. Times are ISO 8601 strings so that the JSON shape is the model itself.

/** Where the workload is and what its stack says. */
export interface WorkloadRef {
  app: string;
  env: string;
  name: string;
  /** The manifest type recorded in the store (e.g. "Load Balanced Web Service"). */
  type: string;
  stack: { name: string; status: string; statusReason?: string; updatedAt?: string };
}

/** One ECS deployment of the service (the PRIMARY one is what the service is rolling out). */
export interface DeploymentSummary {
  id: string;
  status: string;
  taskDefinition: string;
  revision?: number;
  desired: number;
  running: number;
  pending: number;
  failed: number;
  rolloutState?: string;
  rolloutStateReason?: string;
  createdAt?: string;
  updatedAt?: string;
}

export type RolloutState = 'COMPLETED' | 'IN_PROGRESS' | 'FAILED';

/** The rollout in one line: what `status` leads with. */
export interface RolloutSummary {
  state: RolloutState;
  revision?: number;
  text: string;
}

export interface PortMapping {
  container: string;
  containerPort?: number;
  hostPort?: number;
}

export interface TaskSummary {
  id: string;
  arn: string;
  revision?: number;
  lastStatus: string;
  desiredStatus: string;
  health: string;
  startedAt?: string;
  capacityProvider?: string;
  launchType?: string;
  availabilityZone?: string;
  /** The task's own address (awsvpc). */
  privateIp?: string;
  /** EC2 only: the container instance (its ID) and the EC2 instance behind it. */
  containerInstance?: string;
  ec2InstanceId?: string;
  ports: PortMapping[];
  /** Load balancer targets that are this task, with their health. */
  targets: { targetGroup: string; state: string }[];
}

/** Stopped tasks that stopped for the same reason. */
export interface StoppedGroup {
  reason: string;
  count: number;
  stopCodes: string[];
  /** Container exits seen in the group, e.g. "web: exit 137 (OutOfMemoryError)". */
  containerExits: string[];
  /** Up to three task IDs, the most recently stopped first. */
  sampleTaskIds: string[];
  lastStoppedAt?: string;
}

export interface TargetHealthEntry {
  targetGroup: string;
  targetGroupArn: string;
  /** An IP address (awsvpc tasks) or an EC2 instance ID (bridge and host tasks). */
  target: string;
  port?: number;
  availabilityZone?: string;
  state: string;
  reason?: string;
  description?: string;
  /** The task this target is, when one matches. */
  taskId?: string;
}

export interface AlarmSummary {
  name: string;
  state: string;
  reason?: string;
  updatedAt?: string;
  /** `stack`: created by the workload stack; `rollback`: named in the service's deployment alarms. */
  source: 'stack' | 'rollback';
}

export interface ServiceEvent {
  at?: string;
  message: string;
}

export interface EcsServiceStatus extends WorkloadRef {
  kind: 'ecs';
  cluster: string;
  serviceName: string;
  serviceArn: string;
  /** ACTIVE, DRAINING or INACTIVE. */
  status: string;
  desired: number;
  running: number;
  pending: number;
  launchType?: string;
  capacityProviders: string[];
  taskDefinition?: string;
  rollout: RolloutSummary;
  deployments: DeploymentSummary[];
  tasks: TaskSummary[];
  stoppedTasks: StoppedGroup[];
  targets: TargetHealthEntry[];
  alarms: AlarmSummary[];
  events: ServiceEvent[];
}

export interface AppRunnerStatus extends WorkloadRef {
  kind: 'apprunner';
  serviceArn: string;
  status: string;
  url?: string;
  updatedAt?: string;
  latestOperation?: { type: string; status: string; startedAt?: string; endedAt?: string };
}

export interface JobExecution {
  name: string;
  status: string;
  startedAt?: string;
  stoppedAt?: string;
  durationSeconds?: number;
}

export interface JobStatus extends WorkloadRef {
  kind: 'job';
  stateMachineArn: string;
  schedule: {
    /** The EventBridge expression, e.g. `cron(0 9 * * ? *)` or `rate(1 hour)`; undefined when unknown. */
    expression?: string;
    enabled: boolean;
    /** The next time the rule fires (UTC), when it can be computed. */
    nextRun?: string;
  };
  /** The outcome of the most recent execution that ended. */
  lastOutcome?: string;
  executions: JobExecution[];
}

/** Workloads with nothing to poll beyond their stack (Static Sites, ECS Express Mode): the stack and its URL. */
export interface StackOnlyStatus extends WorkloadRef {
  kind: 'stack';
  url?: string;
}

export type WorkloadStatus = EcsServiceStatus | AppRunnerStatus | JobStatus | StackOnlyStatus;
