// Where container instances come from: a snapshot file today, the live cluster through an injected ECS client.
import { ClusterSnapshot } from '../model';

export interface InstanceSource {
  /** For messages: `snapshot instances.json` or `cluster prod (live)`. */
  readonly description: string;
  load(): Promise<ClusterSnapshot>;
}
