// One container instance as the preview goes: what is left on it, which groups run there, and the seeded keys
// that break ties. Both engines read and change instances only through this class.
import { parseTimestamp } from '../cql';
import { AZ_ATTRIBUTE, ContainerInstance, INSTANCE_TYPE_ATTRIBUTE, PortNeed } from '../model';
import { PlacementInstance } from '../registry';

export class InstanceState implements PlacementInstance {
  cpu: number;
  memory: number;
  gpu: number;
  tcpPorts: ReadonlySet<number>;
  udpPorts: ReadonlySet<number>;
  /** Free task ENI slots (awsvpc); Infinity when not limited or not known. */
  eniFree = Infinity;
  groupTaskCount = 0;
  runningTasksCount: number;
  /** Tasks placed on it by this preview. */
  placed = 0;
  /** Position in a seeded shuffle: the last tie-breaker. */
  rank = 0;
  randomKey = 0;
  readonly availabilityZone: string | undefined;
  readonly instanceType: string | undefined;
  private readonly groups = new Map<string, number>();
  /** Parsed on first use: only registeredAt queries need it. */
  private registeredAtCache: number | undefined | null = null;
  /** Port sets are shared with the snapshot until this instance first reserves a port. */
  private portsOwned = false;

  constructor(
    readonly index: number,
    readonly instance: ContainerInstance,
  ) {
    this.cpu = instance.remaining.cpu;
    this.memory = instance.remaining.memory;
    this.gpu = instance.remaining.gpu;
    this.tcpPorts = instance.remaining.tcpPorts;
    this.udpPorts = instance.remaining.udpPorts;
    this.runningTasksCount = instance.runningTasksCount;
    this.availabilityZone = instance.attributes.get(AZ_ATTRIBUTE);
    this.instanceType = instance.attributes.get(INSTANCE_TYPE_ATTRIBUTE);
  }

  get containerInstanceArn(): string {
    return this.instance.containerInstanceArn;
  }
  get ec2InstanceId(): string {
    return this.instance.ec2InstanceId;
  }
  get agentConnected(): boolean {
    return this.instance.agentConnected;
  }
  get agentVersion(): string | undefined {
    return this.instance.agentVersion;
  }
  get registeredAtMs(): number | undefined {
    if (this.registeredAtCache === null) {
      const at = this.instance.registeredAt;
      this.registeredAtCache = at === undefined ? undefined : parseTimestamp(at)?.ms;
    }
    return this.registeredAtCache;
  }
  get remainingCpu(): number {
    return this.cpu;
  }
  get remainingMemory(): number {
    return this.memory;
  }
  get remainingGpu(): number {
    return this.gpu;
  }

  attribute(name: string): string | undefined {
    return this.instance.attributes.get(name);
  }

  hasTaskGroup(group: string): boolean {
    return (this.groups.get(group) ?? 0) > 0;
  }

  taskGroups(): Iterable<string> {
    return this.groups.keys();
  }

  taskGroupCount(group: string): number {
    return this.groups.get(group) ?? 0;
  }

  addGroupTask(group: string, delta = 1): void {
    const n = (this.groups.get(group) ?? 0) + delta;
    if (n > 0) this.groups.set(group, n);
    else this.groups.delete(group);
  }

  portsFree(ports: readonly PortNeed[], limit: number): boolean {
    let tcp = 0;
    let udp = 0;
    for (const p of ports) {
      if (p.protocol === 'tcp' ? this.tcpPorts.has(p.port) : this.udpPorts.has(p.port)) return false;
      if (p.protocol === 'tcp') tcp++;
      else udp++;
    }
    return this.tcpPorts.size + tcp <= limit && this.udpPorts.size + udp <= limit;
  }

  reservePorts(ports: readonly PortNeed[]): void {
    if (ports.length === 0) return;
    if (!this.portsOwned) {
      this.tcpPorts = new Set(this.tcpPorts);
      this.udpPorts = new Set(this.udpPorts);
      this.portsOwned = true;
    }
    for (const p of ports) ((p.protocol === 'tcp' ? this.tcpPorts : this.udpPorts) as Set<number>).add(p.port);
  }
}
