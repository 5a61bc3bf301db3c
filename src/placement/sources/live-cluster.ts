// The live cluster as an instance source. ECS is reached through an injected reader (the aws/ layer provides
// one over the SDK), which returns the same JSON shapes the CLI prints, so the same parsers read them.
import { ClusterSnapshot } from '../model';
import { InstanceSource } from './instance-source';
import { snapshotFromJson } from './snapshot-file';

/** The four ECS calls a preview needs; list calls return every page's ARNs. */
export interface EcsClusterReader {
  listContainerInstanceArns(cluster: string): Promise<string[]>;
  /** A DescribeContainerInstances response ({ containerInstances: [...] }) for at most 100 ARNs. */
  describeContainerInstances(cluster: string, arns: string[]): Promise<unknown>;
  /** RUNNING tasks (ListTasks desiredStatus RUNNING). */
  listTaskArns(cluster: string): Promise<string[]>;
  /** A DescribeTasks response ({ tasks: [...] }) for at most 100 ARNs. */
  describeTasks(cluster: string, arns: string[]): Promise<unknown>;
}

const BATCH = 100; // the Describe* calls take at most 100 ARNs

export class LiveClusterSource implements InstanceSource {
  readonly description: string;

  constructor(
    private readonly reader: EcsClusterReader,
    private readonly cluster: string,
  ) {
    this.description = `cluster ${cluster} (live)`;
  }

  async load(): Promise<ClusterSnapshot> {
    const instanceArns = await this.reader.listContainerInstanceArns(this.cluster);
    const containerInstances = await this.describeAll(
      instanceArns,
      (a) => this.reader.describeContainerInstances(this.cluster, a),
      'containerInstances',
    );
    const taskArns = await this.reader.listTaskArns(this.cluster);
    const tasks = await this.describeAll(taskArns, (a) => this.reader.describeTasks(this.cluster, a), 'tasks');
    return snapshotFromJson(
      { containerInstances },
      `ecs:DescribeContainerInstances(${this.cluster})`,
      { tasks },
      `ecs:DescribeTasks(${this.cluster})`,
    );
  }

  private async describeAll(
    arns: string[],
    call: (batch: string[]) => Promise<unknown>,
    key: string,
  ): Promise<unknown[]> {
    const out: unknown[] = [];
    for (let i = 0; i < arns.length; i += BATCH) {
      const page = (await call(arns.slice(i, i + BATCH))) as Record<string, unknown> | undefined;
      const items = page?.[key];
      if (Array.isArray(items)) out.push(...items);
    }
    return out;
  }
}
