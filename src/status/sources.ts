// The AWS reads `status` and `show` make, as small interfaces: the SDK implementations are in aws-sources.ts,
// tests pass fakes or mock the clients under them. Shapes are the SDK's own (type imports: nothing is loaded).
import type { Service as AppRunnerService, OperationSummary } from '@aws-sdk/client-apprunner';
import type { MetricAlarm } from '@aws-sdk/client-cloudwatch';
import type { ContainerInstance, Service, Task, TaskDefinition } from '@aws-sdk/client-ecs';
import type { TargetHealthDescription } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { ExecutionListItem } from '@aws-sdk/client-sfn';
import type { StackDescription } from '../aws/cloudformation';
import type { ApplicationRecord, EnvironmentRecord, WorkloadRecord } from '../store/records';

export interface StackResourceRecord {
  logicalId: string;
  physicalId?: string;
  type: string;
  status: string;
  updatedAt?: Date;
}

export interface StackSource {
  describe(name: string): Promise<StackDescription | undefined>;
  /** Every resource of the stack (ListStackResources, all pages). */
  resources(name: string): Promise<StackResourceRecord[]>;
  /** The deployed template text. */
  template(name: string): Promise<string>;
}

export interface EcsSource {
  service(cluster: string, service: string): Promise<Service | undefined>;
  /** ARNs of the service's tasks whose desired status is RUNNING or STOPPED. */
  taskArns(cluster: string, serviceName: string, desired: 'RUNNING' | 'STOPPED'): Promise<string[]>;
  tasks(cluster: string, arns: string[]): Promise<Task[]>;
  containerInstances(cluster: string, arns: string[]): Promise<ContainerInstance[]>;
  taskDefinition(arn: string): Promise<TaskDefinition | undefined>;
}

export interface TargetHealthSource {
  targetHealth(targetGroupArn: string): Promise<TargetHealthDescription[]>;
}

export interface AlarmSource {
  alarms(names: string[]): Promise<MetricAlarm[]>;
}

export interface AppRunnerSource {
  service(arn: string): Promise<AppRunnerService | undefined>;
  latestOperation(arn: string): Promise<OperationSummary | undefined>;
}

export interface ExecutionSource {
  /** The most recent executions of a state machine, newest first. */
  executions(stateMachineArn: string, max: number): Promise<ExecutionListItem[]>;
}

/** The records of the store that reads need (Store implements it). */
export interface RecordSource {
  getApplication(app: string): Promise<ApplicationRecord | undefined>;
  requireApplication(app: string): Promise<ApplicationRecord>;
  listApplications(): Promise<ApplicationRecord[]>;
  requireEnvironment(app: string, env: string): Promise<EnvironmentRecord>;
  listEnvironments(app: string): Promise<EnvironmentRecord[]>;
  getWorkload(app: string, name: string): Promise<WorkloadRecord | undefined>;
  listWorkloads(app: string): Promise<WorkloadRecord[]>;
}

export interface Sources {
  records: RecordSource;
  stacks: StackSource;
  ecs: EcsSource;
  targets: TargetHealthSource;
  alarms: AlarmSource;
  appRunner: AppRunnerSource;
  executions: ExecutionSource;
  /** The time the collection is made at (tests fix it). */
  now(): Date;
}
