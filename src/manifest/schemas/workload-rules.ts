// Cross-field rules of the ECS workloads: launch type vs. placement and network mode, Fargate task sizes,
// Windows and ARM limits, and container dependencies. Each rule reports at the path of the offending field.
// The rules read the raw value defensively: they also run when other fields have errors.
import { z } from 'zod';
import { issue } from './workload-common';
import { asMap, isArm, isWindows, runsOnEc2 } from '../values';

type Ctx = z.core.$RefinementCtx;
type Map = Record<string, unknown>;

const FARGATE_LINUX_CPUS = [256, 512, 1024, 2048, 4096, 8192, 16384];
const FARGATE_WINDOWS_CPUS = [1024, 2048, 4096];

/** The memory sizes (MiB) Fargate accepts with a CPU size, and how to say so. */
function fargateMemory(cpu: number): { ok: (m: number) => boolean; text: string } | undefined {
  const steps = (min: number, max: number, step: number) => ({
    ok: (m: number) => m >= min && m <= max && (m - min) % step === 0,
    text: `${min}-${max} MiB in steps of ${step}`,
  });
  switch (cpu) {
    case 256:
      return { ok: (m) => [512, 1024, 2048].includes(m), text: '512, 1024 or 2048 MiB' };
    case 512:
      return steps(1024, 4096, 1024);
    case 1024:
      return steps(2048, 8192, 1024);
    case 2048:
      return steps(4096, 16384, 1024);
    case 4096:
      return steps(8192, 30720, 1024);
    case 8192:
      return steps(16384, 61440, 4096);
    case 16384:
      return steps(32768, 122880, 8192);
    default:
      return undefined;
  }
}

/**
 * Fargate accepts only some cpu/memory pairs. A value left out takes Copilot's default (256 CPU, 512 MiB);
 * when both are left out the deployment picks a valid size and nothing is checked.
 */
export function checkFargateSize(m: Map, ctx: Ctx, windows: boolean, how: string): void {
  const cpuSet = typeof m.cpu === 'number';
  const memSet = typeof m.memory === 'number';
  if (!cpuSet && !memSet) return;
  const cpu = cpuSet ? (m.cpu as number) : 256;
  const mem = memSet ? (m.memory as number) : 512;
  const cpus = windows ? FARGATE_WINDOWS_CPUS : FARGATE_LINUX_CPUS;
  if (!cpus.includes(cpu)) {
    const what = windows ? 'Windows tasks on Fargate take cpu' : 'Fargate takes cpu';
    const list = cpus.slice(0, -1).join(', ') + ' or ' + cpus[cpus.length - 1];
    const given = cpuSet ? `got ${cpu}` : 'cpu defaults to 256 when not set';
    issue(ctx, ['cpu'], `${what} ${list} (${given})${how}`);
    return;
  }
  const allowed = fargateMemory(cpu)!;
  if (!allowed.ok(mem)) {
    const given = memSet ? `got ${mem}` : 'memory defaults to 512 MiB when not set';
    issue(ctx, [memSet ? 'memory' : 'cpu'], `with cpu ${cpu}, Fargate takes memory ${allowed.text} (${given})${how}`);
  }
}

export interface EcsRuleOptions {
  /** Copilot refused Service Connect for Windows services (Load Balanced Web and Backend). */
  windowsNoServiceConnect?: boolean;
}

/** Rules of every ECS workload manifest (the map at the top of the manifest). */
export function checkEcsWorkload(value: unknown, ctx: Ctx, options: EcsRuleOptions = {}): void {
  const m = asMap(value);
  if (!m) return;
  const ec2 = runsOnEc2(m);
  const network = asMap(m.network) ?? {};
  const storage = asMap(m.storage) ?? {};
  const count = asMap(m.count) ?? {};
  const mode = network.mode;
  const windows = isWindows(m.platform);
  const howEc2 = '`launch_type: EC2` or an EC2 entry in `capacity_providers`';

  if (m.launch_type !== undefined && m.capacity_providers !== undefined) {
    issue(ctx, ['capacity_providers'], '`launch_type` and `capacity_providers` exclude each other: keep one');
  }
  if (m.placement !== undefined && !ec2) {
    issue(
      ctx,
      ['placement'],
      `placement strategies and constraints need EC2 capacity (${howEc2}); Fargate places tasks itself`,
    );
  }
  if ((mode === 'bridge' || mode === 'host') && !ec2) {
    issue(
      ctx,
      ['network', 'mode'],
      `network mode "${mode}" needs EC2 capacity (${howEc2}); Fargate supports awsvpc only`,
    );
  }
  if ((mode === 'bridge' || mode === 'host') && windows) {
    issue(ctx, ['network', 'mode'], `Windows tasks do not support network mode "${mode}": use awsvpc`);
  }
  if ((mode === 'bridge' || mode === 'host') && asMap(network.vpc)?.security_groups !== undefined) {
    issue(
      ctx,
      ['network', 'vpc', 'security_groups'],
      `security groups attach to task network interfaces, which only awsvpc mode has; with "${mode}" the instance's security groups apply`,
    );
  }
  if (!ec2) {
    checkFargateSize(m, ctx, windows, ' (or run on EC2 capacity)');
  } else if (storage.ephemeral !== undefined) {
    issue(
      ctx,
      ['storage', 'ephemeral'],
      "ephemeral storage size is a Fargate setting; on EC2 tasks use the instance's disk",
    );
  }

  const spotPaths: (string | number)[][] = [];
  if (count.spot !== undefined) spotPaths.push(['count', 'spot']);
  if (asMap(count.range)?.spot_from !== undefined) spotPaths.push(['count', 'range', 'spot_from']);
  for (const path of spotPaths) {
    if (m.launch_type === 'EC2') {
      issue(ctx, path, 'Fargate Spot does not apply with `launch_type: EC2`');
    } else if (m.capacity_providers !== undefined) {
      issue(ctx, path, 'with `capacity_providers`, list FARGATE_SPOT there instead');
    } else if (isArm(m.platform)) {
      issue(ctx, path, 'Fargate Spot is not available for ARM (arm64) tasks');
    }
  }

  if (windows) {
    if (storage.readonly_fs === true) {
      issue(ctx, ['storage', 'readonly_fs'], 'Windows containers cannot have a read-only root file system');
    }
    for (const [name, volume] of Object.entries(asMap(storage.volumes) ?? {})) {
      const efs = asMap(volume)?.efs;
      if (efs !== undefined && efs !== false) {
        issue(ctx, ['storage', 'volumes', name, 'efs'], 'EFS volumes are not supported for Windows containers');
      }
    }
    const connect = network.connect;
    if (options.windowsNoServiceConnect && (connect === true || asMap(connect) !== undefined)) {
      issue(ctx, ['network', 'connect'], 'Service Connect is not supported for Windows services');
    }
  }
  checkContainerDependencies(m, ctx);
}

const FIRELENS = 'firelens_log_router';

/** `depends_on` names existing containers, waits on essential ones only with start/healthy, and has no cycle. */
export function checkContainerDependencies(m: Map, ctx: Ctx): void {
  const main = typeof m.name === 'string' ? m.name : undefined;
  const sidecars = asMap(m.sidecars) ?? {};
  const logging = asMap(m.logging);
  const essential = new Map<string, boolean>();
  const edges = new Map<string, { deps: Record<string, unknown>; path: (string | number)[] }>();
  if (main) {
    essential.set(main, true);
    const deps = asMap(asMap(m.image)?.depends_on);
    if (deps) edges.set(main, { deps, path: ['image', 'depends_on'] });
  }
  if (logging && Object.keys(logging).some((k) => k !== 'retention')) essential.set(FIRELENS, false);
  for (const [name, value] of Object.entries(sidecars)) {
    const sc = asMap(value);
    essential.set(name, sc?.essential !== false);
    const deps = asMap(sc?.depends_on);
    if (deps) edges.set(name, { deps, path: ['sidecars', name, 'depends_on'] });
  }
  if (!main && Object.keys(sidecars).length === 0) return;
  for (const { deps, path } of edges.values()) {
    for (const [dep, condition] of Object.entries(deps)) {
      if (!essential.has(dep)) {
        issue(ctx, [...path, dep], `there is no container "${dep}" (containers: ${[...essential.keys()].join(', ')})`);
      } else if (essential.get(dep) && typeof condition === 'string' && !/^(start|healthy)$/i.test(condition)) {
        issue(ctx, [...path, dep], `"${dep}" is essential: a container can only wait for it to start or be healthy`);
      }
    }
  }
  // A cycle is reported once, at the dependency that closes it.
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string): boolean => {
    state.set(name, 'visiting');
    const edge = edges.get(name);
    for (const dep of Object.keys(edge?.deps ?? {})) {
      if (!essential.has(dep)) continue;
      if (state.get(dep) === 'visiting') {
        issue(
          ctx,
          [...edge!.path, dep],
          dep === name
            ? `"${name}" cannot depend on itself`
            : `circular dependency: "${dep}" already waits, directly or not, for "${name}"`,
        );
        return true;
      }
      if (!state.has(dep) && visit(dep)) return true;
    }
    state.set(name, 'done');
    return false;
  };
  for (const name of edges.keys()) if (!state.has(name) && visit(name)) break;
}

/** A target container of a load balancer must be the main container or a sidecar that exposes a port. */
export function checkTargetContainer(m: Map, ctx: Ctx, target: unknown, path: (string | number)[]): void {
  if (typeof target !== 'string') return;
  const main = m.name;
  const image = asMap(m.image);
  if (target === main) {
    if (image?.port === undefined) issue(ctx, path, `the main container "${target}" exposes no port (image.port)`);
    return;
  }
  const sidecar = asMap(asMap(m.sidecars)?.[target]);
  if (!sidecar) issue(ctx, path, `there is no container "${target}": name the main container or a sidecar`);
  else if (sidecar.port === undefined)
    issue(ctx, path, `the sidecar "${target}" exposes no port (sidecars.${target}.port)`);
}
