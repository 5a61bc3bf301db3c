// Collects the status of an ECS service: the service and its deployments, its running and recently stopped
// tasks (ECS keeps stopped ones for about an hour), the health of its load balancer targets matched to tasks,
// the stack's alarms and the ones its deployments watch, and recent service events.
import type { Service, Task } from '@aws-sdk/client-ecs';
import { MycopilotError } from '../errors';
import { environmentStackName } from '../stack/naming';
import type { AlarmSummary, EcsServiceStatus, WorkloadRef } from './model';
import { orderDeployments, summarizeDeployment, summarizeRollout, taskDefinitionName } from './rollout';
import type { Sources, StackResourceRecord } from './sources';
import { matchTargets } from './targets';
import { groupStoppedTasks, instancesByArn, orderTasks, summarizeTask } from './tasks';
import { iso } from './time';

export interface EcsCollectOptions {
  /** How many service events to keep (newest first). */
  events?: number;
}

/** `arn:aws:ecs:<region>:<account>:service/<cluster>/<name>` → cluster and name (old-format ARNs lack the cluster). */
export function serviceArnParts(arn: string): { cluster?: string; name: string } {
  const rest = arn.slice(arn.indexOf(':service/') + ':service/'.length);
  const parts = rest.split('/');
  return parts.length >= 2 ? { cluster: parts[0], name: parts[1] } : { name: parts[0] };
}

async function clusterOf(sources: Sources, ref: WorkloadRef, serviceArn: string): Promise<string> {
  const fromArn = serviceArnParts(serviceArn).cluster;
  if (fromArn) return fromArn;
  const env = await sources.stacks.describe(environmentStackName(ref.app, ref.env));
  const cluster = env?.outputs.ClusterId;
  if (!cluster) {
    throw new MycopilotError('NOT_FOUND', `the stack of environment "${ref.env}" has no ClusterId output`, {
      hint: `Redeploy the environment: mycopilot env deploy --name ${ref.env}`,
    });
  }
  return cluster;
}

/** Tasks of this service only: ListTasks filters by service, but a task's group is what ECS itself sets. */
function ofService(tasks: Task[], serviceName: string): Task[] {
  return tasks.filter((t) => t.group === undefined || t.group === `service:${serviceName}`);
}

async function alarmsOf(sources: Sources, resources: StackResourceRecord[], service: Service): Promise<AlarmSummary[]> {
  const fromStack = resources
    .filter((r) => r.type === 'AWS::CloudWatch::Alarm' && r.physicalId)
    .map((r) => r.physicalId!);
  const fromRollback = (service.deploymentConfiguration?.alarms?.alarmNames ?? []).filter(
    (n) => !fromStack.includes(n),
  );
  const alarms = await sources.alarms.alarms([...fromStack, ...fromRollback]);
  return alarms
    .map((a) => ({
      name: a.AlarmName ?? '',
      state: a.StateValue ?? 'UNKNOWN',
      reason: a.StateReason,
      updatedAt: iso(a.StateUpdatedTimestamp),
      source: fromStack.includes(a.AlarmName ?? '') ? ('stack' as const) : ('rollback' as const),
    }))
    .sort((a, b) => Number(b.state === 'ALARM') - Number(a.state === 'ALARM') || a.name.localeCompare(b.name));
}

export async function collectEcsStatus(
  sources: Sources,
  ref: WorkloadRef,
  resources: StackResourceRecord[],
  options: EcsCollectOptions = {},
): Promise<EcsServiceStatus> {
  const serviceArn = resources.find((r) => r.logicalId === 'Service')?.physicalId ?? '';
  const cluster = await clusterOf(sources, ref, serviceArn);
  const service = await sources.ecs.service(cluster, serviceArn);
  if (!service || service.status === 'INACTIVE') {
    throw new MycopilotError('NOT_FOUND', `the ECS service of ${ref.name} in ${ref.env} no longer exists`, {
      hint: `Its stack ${ref.stack.name} is ${ref.stack.status}; redeploy: mycopilot svc deploy --name ${ref.name} --env ${ref.env}`,
    });
  }
  const serviceName = service.serviceName ?? serviceArnParts(serviceArn).name;

  const [runningArns, stoppedArns] = await Promise.all([
    sources.ecs.taskArns(cluster, serviceName, 'RUNNING'),
    sources.ecs.taskArns(cluster, serviceName, 'STOPPED'),
  ]);
  const described = ofService(await sources.ecs.tasks(cluster, [...runningArns, ...stoppedArns]), serviceName);
  const stopped = new Set(stoppedArns);
  const running = described.filter((t) => !stopped.has(t.taskArn ?? ''));
  const instanceArns = [...new Set(running.map((t) => t.containerInstanceArn).filter((a): a is string => !!a))];

  const targetGroupArns = [
    ...new Set([
      ...resources
        .filter((r) => r.type === 'AWS::ElasticLoadBalancingV2::TargetGroup' && r.physicalId)
        .map((r) => r.physicalId!),
      ...(service.loadBalancers ?? []).map((lb) => lb.targetGroupArn).filter((a): a is string => !!a),
    ]),
  ];
  const [instances, groups, alarms] = await Promise.all([
    instanceArns.length ? sources.ecs.containerInstances(cluster, instanceArns) : Promise.resolve([]),
    Promise.all(targetGroupArns.map(async (arn) => ({ arn, targets: await sources.targets.targetHealth(arn) }))),
    alarmsOf(sources, resources, service),
  ]);

  const tasks = orderTasks(running.map((t) => summarizeTask(t, instancesByArn(instances))));
  const targets = matchTargets(groups, tasks);
  const deployments = orderDeployments((service.deployments ?? []).map(summarizeDeployment));
  return {
    kind: 'ecs',
    ...ref,
    cluster,
    serviceName,
    serviceArn: service.serviceArn ?? serviceArn,
    status: service.status ?? 'UNKNOWN',
    desired: service.desiredCount ?? 0,
    running: service.runningCount ?? 0,
    pending: service.pendingCount ?? 0,
    launchType: service.launchType,
    capacityProviders: (service.capacityProviderStrategy ?? []).map((p) => p.capacityProvider ?? ''),
    taskDefinition: service.taskDefinition ? taskDefinitionName(service.taskDefinition) : undefined,
    rollout: summarizeRollout(deployments),
    deployments,
    tasks,
    stoppedTasks: groupStoppedTasks(described.filter((t) => stopped.has(t.taskArn ?? ''))),
    targets,
    alarms,
    events: (service.events ?? []).slice(0, options.events ?? 10).map((e) => ({
      at: iso(e.createdAt),
      message: e.message ?? '',
    })),
  };
}
