// The SDK behind sources.ts. Each source gets its client on first use, so a command loads only the SDK
// packages it calls; every page of a list is read and Describe calls go in the batches the APIs accept.
import { DescribeServiceCommand, ListOperationsCommand } from '@aws-sdk/client-apprunner';
import type { AppRunnerClient } from '@aws-sdk/client-apprunner';
import { GetTemplateCommand, ListStackResourcesCommand } from '@aws-sdk/client-cloudformation';
import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import type { CloudWatchClient, MetricAlarm } from '@aws-sdk/client-cloudwatch';
import {
  DescribeContainerInstancesCommand,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  ListTasksCommand,
} from '@aws-sdk/client-ecs';
import type { ContainerInstance, ECSClient, Task } from '@aws-sdk/client-ecs';
import { DescribeTargetHealthCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { ListExecutionsCommand } from '@aws-sdk/client-sfn';
import type { SFNClient } from '@aws-sdk/client-sfn';
import type { AwsClients } from '../aws/clients';
import { StackApi } from '../aws/cloudformation';
import { awsError, call, isNotFound } from '../aws/errors';
import type {
  AlarmSource,
  AppRunnerSource,
  EcsSource,
  ExecutionSource,
  RecordSource,
  Sources,
  StackResourceRecord,
  StackSource,
  TargetHealthSource,
} from './sources';

type Lazy<T> = () => Promise<T>;

/** Splits `items` into chunks of `size` and runs `fn` on each, in parallel, concatenating the results. */
async function inBatches<T, R>(items: T[], size: number, fn: (batch: T[]) => Promise<R[]>): Promise<R[]> {
  const batches: T[][] = [];
  for (let i = 0; i < items.length; i += size) batches.push(items.slice(i, i + size));
  return (await Promise.all(batches.map(fn))).flat();
}

export class SdkStackSource implements StackSource {
  constructor(private readonly cfn: Lazy<CloudFormationClient>) {}

  async describe(name: string) {
    return new StackApi(await this.cfn()).describeStack(name);
  }

  async resources(name: string): Promise<StackResourceRecord[]> {
    const cfn = await this.cfn();
    const found: StackResourceRecord[] = [];
    let NextToken: string | undefined;
    do {
      const page = await call(`listing the resources of stack ${name}`, () =>
        cfn.send(new ListStackResourcesCommand({ StackName: name, NextToken })),
      );
      for (const r of page.StackResourceSummaries ?? []) {
        found.push({
          logicalId: r.LogicalResourceId ?? '',
          physicalId: r.PhysicalResourceId,
          type: r.ResourceType ?? '',
          status: r.ResourceStatus ?? '',
          updatedAt: r.LastUpdatedTimestamp,
        });
      }
      NextToken = page.NextToken;
    } while (NextToken);
    return found;
  }

  async template(name: string): Promise<string> {
    const cfn = await this.cfn();
    const out = await call(`reading the template of ${name}`, () =>
      cfn.send(new GetTemplateCommand({ StackName: name })),
    );
    return out.TemplateBody ?? '';
  }
}

export class SdkEcsSource implements EcsSource {
  constructor(private readonly ecs: Lazy<ECSClient>) {}

  async service(cluster: string, service: string) {
    const ecs = await this.ecs();
    const out = await call(`describing ECS service ${service}`, () =>
      ecs.send(new DescribeServicesCommand({ cluster, services: [service] })),
    );
    return out.services?.[0];
  }

  async taskArns(cluster: string, serviceName: string, desired: 'RUNNING' | 'STOPPED'): Promise<string[]> {
    const ecs = await this.ecs();
    const arns: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await call(`listing the tasks of ${serviceName}`, () =>
        ecs.send(new ListTasksCommand({ cluster, serviceName, desiredStatus: desired, nextToken, maxResults: 100 })),
      );
      arns.push(...(page.taskArns ?? []));
      nextToken = page.nextToken;
    } while (nextToken);
    return arns;
  }

  async tasks(cluster: string, arns: string[]): Promise<Task[]> {
    const ecs = await this.ecs();
    // DescribeTasks takes at most 100 tasks per call.
    return inBatches(arns, 100, async (tasks) => {
      const out = await call('describing tasks', () => ecs.send(new DescribeTasksCommand({ cluster, tasks })));
      return out.tasks ?? [];
    });
  }

  async containerInstances(cluster: string, arns: string[]): Promise<ContainerInstance[]> {
    const ecs = await this.ecs();
    return inBatches(arns, 100, async (containerInstances) => {
      const out = await call('describing container instances', () =>
        ecs.send(new DescribeContainerInstancesCommand({ cluster, containerInstances })),
      );
      return out.containerInstances ?? [];
    });
  }

  async taskDefinition(arn: string) {
    const ecs = await this.ecs();
    try {
      const out = await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: arn }));
      return out.taskDefinition;
    } catch (err) {
      if (isNotFound(err, 'ClientException')) return undefined;
      throw awsError(`describing task definition ${arn}`, err);
    }
  }
}

export class SdkTargetHealthSource implements TargetHealthSource {
  constructor(private readonly elb: Lazy<ElasticLoadBalancingV2Client>) {}

  async targetHealth(targetGroupArn: string) {
    const elb = await this.elb();
    const out = await call(`reading the target health of ${targetGroupArn}`, () =>
      elb.send(new DescribeTargetHealthCommand({ TargetGroupArn: targetGroupArn })),
    );
    return out.TargetHealthDescriptions ?? [];
  }
}

export class SdkAlarmSource implements AlarmSource {
  constructor(private readonly cw: Lazy<CloudWatchClient>) {}

  async alarms(names: string[]): Promise<MetricAlarm[]> {
    if (names.length === 0) return [];
    const cw = await this.cw();
    // DescribeAlarms takes at most 100 names per call.
    return inBatches(names, 100, async (AlarmNames) => {
      const found: MetricAlarm[] = [];
      let NextToken: string | undefined;
      do {
        const page = await call('describing alarms', () =>
          cw.send(new DescribeAlarmsCommand({ AlarmNames, NextToken })),
        );
        found.push(...(page.MetricAlarms ?? []));
        NextToken = page.NextToken;
      } while (NextToken);
      return found;
    });
  }
}

export class SdkAppRunnerSource implements AppRunnerSource {
  constructor(private readonly apprunner: Lazy<AppRunnerClient>) {}

  async service(arn: string) {
    const client = await this.apprunner();
    try {
      return (await client.send(new DescribeServiceCommand({ ServiceArn: arn }))).Service;
    } catch (err) {
      if (isNotFound(err, 'ResourceNotFoundException')) return undefined;
      throw awsError(`describing App Runner service ${arn}`, err);
    }
  }

  async latestOperation(arn: string) {
    const client = await this.apprunner();
    const out = await call(`listing the operations of ${arn}`, () =>
      client.send(new ListOperationsCommand({ ServiceArn: arn, MaxResults: 1 })),
    );
    return out.OperationSummaryList?.[0];
  }
}

export class SdkExecutionSource implements ExecutionSource {
  constructor(private readonly sfn: Lazy<SFNClient>) {}

  async executions(stateMachineArn: string, max: number) {
    const sfn = await this.sfn();
    const out = await call(`listing the executions of ${stateMachineArn}`, () =>
      sfn.send(new ListExecutionsCommand({ stateMachineArn, maxResults: max })),
    );
    return out.executions ?? [];
  }
}

/** Every source over one set of clients; `records` is the store. */
export function awsSources(clients: AwsClients, records: RecordSource): Sources {
  return {
    records,
    stacks: new SdkStackSource(() => clients.cloudFormation()),
    ecs: new SdkEcsSource(() => clients.ecs()),
    targets: new SdkTargetHealthSource(() => clients.elbv2()),
    alarms: new SdkAlarmSource(() => clients.cloudWatch()),
    appRunner: new SdkAppRunnerSource(() => clients.appRunner()),
    executions: new SdkExecutionSource(() => clients.stepFunctions()),
    now: () => new Date(),
  };
}
