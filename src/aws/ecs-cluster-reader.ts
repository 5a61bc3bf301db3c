// The live cluster for `placement preview --cluster`: the four ECS read calls, every page of the lists, the
// Describe calls in batches of 100, answered in the JSON shapes the AWS CLI prints (dates as ISO strings).
import {
  DescribeContainerInstancesCommand,
  DescribeTasksCommand,
  ECSClient,
  ListContainerInstancesCommand,
  ListTasksCommand,
} from '@aws-sdk/client-ecs';
import type { EcsClusterReader } from '../placement/sources/live-cluster';
import { call } from './errors';

/** DescribeContainerInstances and DescribeTasks take at most 100 ARNs per call. */
export const DESCRIBE_BATCH = 100;

export class SdkEcsClusterReader implements EcsClusterReader {
  constructor(private readonly ecs: ECSClient) {}

  listContainerInstanceArns(cluster: string): Promise<string[]> {
    return this.listAll(`list the container instances of cluster ${cluster}`, async (nextToken) => {
      const page = await this.ecs.send(new ListContainerInstancesCommand({ cluster, nextToken, maxResults: 100 }));
      return { arns: page.containerInstanceArns ?? [], nextToken: page.nextToken };
    });
  }

  async describeContainerInstances(cluster: string, arns: string[]): Promise<unknown> {
    const containerInstances = await this.describeInBatches(arns, async (batch) => {
      const out = await call(`describe the container instances of cluster ${cluster}`, () =>
        this.ecs.send(new DescribeContainerInstancesCommand({ cluster, containerInstances: batch })),
      );
      return out.containerInstances ?? [];
    });
    return { containerInstances: asCliJson(containerInstances) };
  }

  listTaskArns(cluster: string): Promise<string[]> {
    return this.listAll(`list the tasks of cluster ${cluster}`, async (nextToken) => {
      // Desired RUNNING also covers PENDING tasks, which already hold their resources on the instance.
      const page = await this.ecs.send(
        new ListTasksCommand({ cluster, desiredStatus: 'RUNNING', nextToken, maxResults: 100 }),
      );
      return { arns: page.taskArns ?? [], nextToken: page.nextToken };
    });
  }

  async describeTasks(cluster: string, arns: string[]): Promise<unknown> {
    const tasks = await this.describeInBatches(arns, async (batch) => {
      const out = await call(`describe the tasks of cluster ${cluster}`, () =>
        this.ecs.send(new DescribeTasksCommand({ cluster, tasks: batch })),
      );
      return out.tasks ?? [];
    });
    return { tasks: asCliJson(tasks) };
  }

  private async listAll(
    action: string,
    page: (nextToken: string | undefined) => Promise<{ arns: string[]; nextToken?: string }>,
  ): Promise<string[]> {
    const arns: string[] = [];
    let nextToken: string | undefined;
    do {
      const result = await call(action, () => page(nextToken));
      arns.push(...result.arns);
      nextToken = result.nextToken;
    } while (nextToken);
    return arns;
  }

  /** The source already batches; splitting here too keeps the reader correct for any caller. */
  private async describeInBatches<T>(arns: string[], describe: (batch: string[]) => Promise<T[]>): Promise<T[]> {
    const out: T[] = [];
    for (let i = 0; i < arns.length; i += DESCRIBE_BATCH)
      out.push(...(await describe(arns.slice(i, i + DESCRIBE_BATCH))));
    return out;
  }
}

/** The SDK gives Date objects where the CLI prints ISO 8601 strings; the parsers read the CLI's form. */
function asCliJson(value: unknown[]): unknown[] {
  return JSON.parse(JSON.stringify(value)) as unknown[];
}
