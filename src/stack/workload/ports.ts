// Container ports: which ports each container exposes (its own `port`, plus the target ports of load balancer
// rules and listeners), rendered as ECS port mappings for the task's network mode.
import type { PathSegment } from '../../manifest/node';
import { RenderError } from '../inputs';
import type { NetworkMode, Workload } from './workload';

export type Protocol = 'tcp' | 'udp';

/** A container port that receives traffic (from a load balancer, Service Connect or service discovery). */
export interface Target {
  container: string;
  port: number;
  protocol: Protocol;
}

/** Port name ECS Service Connect refers to (Copilot's). */
export const SERVICE_CONNECT_PORT_NAME = 'target';

/** `8080`, `8080/tcp` or `8080/udp` (sidecar ports). */
export function parsePortSpec(spec: string | undefined): { port: number; protocol: Protocol } | undefined {
  if (!spec) return undefined;
  const [port, protocol] = spec.toLowerCase().split('/');
  return { port: Number(port), protocol: protocol === 'udp' ? 'udp' : 'tcp' };
}

/** The port a container serves on by default: `image.port` for the main container, `port` for a sidecar. */
export function ownPort(w: Workload, container: string): number | undefined {
  if (container === w.name) {
    const image = w.manifest.image as { port?: number } | undefined;
    return image?.port;
  }
  return parsePortSpec(w.manifest.sidecars?.[container]?.port)?.port;
}

/** Checks that a target container exists; the schema checks this too, the render must not trust callers. */
export function checkContainer(w: Workload, container: string, path: PathSegment[]): void {
  if (container !== w.name && !w.manifest.sidecars?.[container]) {
    const known = [w.name, ...Object.keys(w.manifest.sidecars ?? {})].join(', ');
    throw new RenderError(path, `there is no container "${container}" (containers: ${known})`);
  }
}

/** The container that declares a port (image.port or a sidecar's port), else the main container, as Copilot chose. */
export function containerForPort(w: Workload, port: number): string {
  if (ownPort(w, w.name) === port) return w.name;
  const sidecar = Object.keys(w.manifest.sidecars ?? {}).find((name) => ownPort(w, name) === port);
  return sidecar ?? w.name;
}

/**
 * The target of a load balancer rule: its container (default: the one that declares `port`, else the main one)
 * and port (default: the container's own).
 */
export function targetOf(
  w: Workload,
  container: string | undefined,
  port: number | undefined,
  path: PathSegment[],
  protocol: Protocol = 'tcp',
): Target {
  const name = container ?? (port !== undefined ? containerForPort(w, port) : w.name);
  checkContainer(w, name, [...path, 'target_container']);
  const resolved = port ?? ownPort(w, name);
  if (resolved === undefined) {
    throw new RenderError(
      [...path, 'target_port'],
      `container "${name}" exposes no port to send traffic to`,
      name === w.name ? 'set `image.port` or `target_port`' : `set \`sidecars.${name}.port\` or \`target_port\``,
    );
  }
  return { container: name, port: resolved, protocol };
}

/** The ports each container exposes, in the order they were added, without duplicates. */
export class Ports {
  private readonly byContainer = new Map<string, Target[]>();
  /** The target named for Service Connect (port name `target`). */
  serviceConnect?: Target;

  add(target: Target): void {
    const list = this.byContainer.get(target.container) ?? [];
    if (!list.some((t) => t.port === target.port && t.protocol === target.protocol)) list.push(target);
    this.byContainer.set(target.container, list);
  }

  /** ECS PortMappings of a container: dynamic host ports (0) in bridge mode, the container port in host mode. */
  mappings(container: string, mode: NetworkMode): Record<string, unknown>[] | undefined {
    const list = this.byContainer.get(container) ?? [];
    if (list.length === 0) return undefined;
    return list.map((t) => {
      const named =
        this.serviceConnect?.container === container &&
        this.serviceConnect.port === t.port &&
        this.serviceConnect.protocol === t.protocol;
      return {
        ContainerPort: t.port,
        ...(mode === 'bridge' ? { HostPort: 0 } : mode === 'host' ? { HostPort: t.port } : {}),
        Protocol: t.protocol,
        ...(named ? { Name: SERVICE_CONNECT_PORT_NAME } : {}),
      };
    });
  }
}

/** Every port a workload's containers declare themselves (image.port, sidecar ports). */
export function declaredPorts(w: Workload): Ports {
  const ports = new Ports();
  const main = ownPort(w, w.name);
  if (main !== undefined) ports.add({ container: w.name, port: main, protocol: 'tcp' });
  for (const [name, sidecar] of Object.entries(w.manifest.sidecars ?? {})) {
    const spec = parsePortSpec(sidecar.port);
    if (spec) ports.add({ container: name, ...spec });
  }
  return ports;
}
