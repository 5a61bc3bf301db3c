// Where tasks run: the capacity (Fargate, Fargate Spot, or the environment's EC2 capacity provider), the
// subnets and security groups of awsvpc tasks, ECS placement on EC2 instances, and the OS/architecture.
import { platformParts, rangeBounds } from '../../manifest/values';
import { RenderError } from '../inputs';
import { importFromEnv } from '../exports';
import { SUBNETS_FROM_TAGS_PARAMETER } from '../lookup-parameters';
import { ImportValue, Ref, Split } from '../template';
import type { Value } from '../template';
import type { Workload } from './workload';

/** The tasks' own security group that lets an imported load balancer (`http.alb`) in; see imported-alb.ts. */
export const IMPORTED_ALB_TASK_SECURITY_GROUP = 'TaskSecurityGroupForImportedALB';

type CapacityStrategy = { CapacityProvider: Value; Weight: number; Base?: number }[];

/** `LaunchType` or `CapacityProviderStrategy` of a service or a RunTask call. */
export function capacity(w: Workload): { LaunchType?: string; CapacityProviderStrategy?: CapacityStrategy } {
  const m = w.manifest;
  const provider = (name: string): Value => (name === 'EC2' ? importFromEnv('EC2CapacityProvider') : name);
  if (m.capacity_providers) {
    const single = m.capacity_providers.length === 1;
    return {
      CapacityProviderStrategy: m.capacity_providers.map((p) => ({
        CapacityProvider: provider(p.provider),
        // A strategy needs a positive weight somewhere; a lone provider without one gets 1.
        Weight: p.weight ?? (single ? 1 : 0),
        ...(p.base ? { Base: p.base } : {}),
      })),
    };
  }
  // On EC2 the capacity provider (not LaunchType EC2) is what makes managed scaling add instances for the tasks.
  if (w.ec2) return { CapacityProviderStrategy: [{ CapacityProvider: provider('EC2'), Weight: 1 }] };
  const count = 'count' in m && typeof m.count === 'object' ? m.count : undefined;
  const spotFrom = count && typeof count.range === 'object' ? count.range.spot_from : undefined;
  if (count?.spot !== undefined || spotFrom !== undefined) {
    // Copilot's split: every task on Spot, except the first spot_from - 1 (above the minimum) on Fargate.
    const strategy: CapacityStrategy = [{ CapacityProvider: 'FARGATE_SPOT', Weight: 1 }];
    const min = rangeBounds(count?.range)?.min ?? 0;
    if (spotFrom !== undefined && spotFrom >= min) {
      strategy.push({ CapacityProvider: 'FARGATE', Weight: 0, Base: Math.max(spotFrom - 1, 0) });
    }
    return { CapacityProviderStrategy: strategy };
  }
  return { LaunchType: 'FARGATE' };
}

/** Subnet choice: `network.vpc.placement`, else public subnets on Fargate and the instances' subnets on EC2. */
function subnetPlacement(w: Workload) {
  const placement = w.manifest.network?.vpc?.placement;
  if (placement !== undefined) return placement;
  return w.ec2 ? (w.environment.capacity?.ec2?.placement ?? 'private') : 'public';
}

/** An imported VPC may lack public or private subnets; the environment then exports none of that kind. */
function checkEnvironmentSubnets(w: Workload, kind: 'public' | 'private'): void {
  const vpc = w.environment.network?.vpc;
  if (!vpc?.id || (vpc.subnets?.[kind] ?? []).length > 0) return;
  const set = w.manifest.network?.vpc?.placement !== undefined;
  throw new RenderError(
    set ? ['network', 'vpc', 'placement'] : ['network'],
    `environment "${w.env}" imports a VPC without ${kind} subnets, and the tasks ${set ? 'ask for' : 'default to'} ${kind} subnets`,
    `set \`network.vpc.placement\` to ${kind === 'public' ? 'private' : 'public'}, or import ${kind} subnets in the environment manifest`,
  );
}

/**
 * `network.vpc.placement.subnets.from_tags`: the subnets are found by the deploy (those of the environment's VPC
 * that carry the tags) and passed as a parameter; `package` leaves it empty.
 */
function subnetsFromTags(w: Workload, tags: Record<string, string | string[]>): string {
  const found = w.input.lookups?.subnetsFromTags;
  const filters = Object.entries(tags)
    .map(([key, values]) => `${key}=${(Array.isArray(values) ? values : [values]).join('|')}`)
    .join(', ');
  return w.parts.param(
    SUBNETS_FROM_TAGS_PARAMETER,
    {
      Type: 'CommaDelimitedList',
      Description: `Subnets of the environment VPC tagged ${filters} (network.vpc.placement.subnets.from_tags), looked up at deploy.`,
    },
    found?.join(',') ?? '',
  );
}

/** The security groups of awsvpc tasks the manifest names, and whether it leaves out the environment's. */
export function taskSecurityGroups(w: Workload): { denyDefault: boolean; groups: Value[] } {
  const sg = w.manifest.network?.vpc?.security_groups;
  return {
    denyDefault: !Array.isArray(sg) && sg?.deny_default === true,
    groups: (Array.isArray(sg) ? sg : (sg?.groups ?? [])).map((g) =>
      typeof g === 'string' ? g : ImportValue(g.from_cfn),
    ),
  };
}

export interface AwsvpcConfiguration {
  AssignPublicIp: 'ENABLED' | 'DISABLED';
  Subnets: Value;
  SecurityGroups?: Value[];
}

/** Subnets and security groups of awsvpc tasks. Public IPs only for Fargate tasks in public subnets. */
export function awsvpcConfiguration(w: Workload): AwsvpcConfiguration {
  const placement = subnetPlacement(w);
  let subnets: Value;
  let publicSubnets = false;
  if (placement === 'public' || placement === 'private') {
    checkEnvironmentSubnets(w, placement);
    subnets = Split(',', importFromEnv(placement === 'public' ? 'PublicSubnets' : 'PrivateSubnets'));
    publicSubnets = placement === 'public';
  } else if (Array.isArray(placement.subnets)) {
    subnets = placement.subnets;
  } else {
    subnets = Ref(subnetsFromTags(w, placement.subnets.from_tags));
  }
  const { denyDefault, groups } = taskSecurityGroups(w);
  // Added by the imported load balancer's routing (imported-alb.ts), which renders before the service.
  const own = w.parts.has(IMPORTED_ALB_TASK_SECURITY_GROUP) ? [Ref(IMPORTED_ALB_TASK_SECURITY_GROUP)] : [];
  const all = [...(denyDefault ? [] : [importFromEnv('EnvironmentSecurityGroup')]), ...groups, ...own];
  return {
    AssignPublicIp: publicSubnets && !w.ec2 ? 'ENABLED' : 'DISABLED',
    Subnets: subnets,
    ...(all.length > 0 ? { SecurityGroups: all } : {}),
  };
}

/** ECS placement strategies and constraints (EC2 only; Fargate is refused when the workload is read). */
export function placement(w: Workload): { strategies?: Value[]; constraints?: Value[] } {
  const p = w.manifest.placement;
  if (!p) return {};
  const strategies = (p.strategies ?? []).map((s) => ({ Type: s.type, ...(s.field ? { Field: s.field } : {}) }));
  const constraints = (p.constraints ?? []).map((c) =>
    c.type === 'memberOf' ? { Type: c.type, Expression: c.expression } : { Type: c.type },
  );
  return {
    ...(strategies.length > 0 ? { strategies } : {}),
    ...(constraints.length > 0 ? { constraints } : {}),
  };
}

const OS_FAMILY: Record<string, string> = {
  linux: 'LINUX',
  windows: 'WINDOWS_SERVER_2019_CORE',
  windows_server_2019_core: 'WINDOWS_SERVER_2019_CORE',
  windows_server_2019_full: 'WINDOWS_SERVER_2019_FULL',
  windows_server_2022_core: 'WINDOWS_SERVER_2022_CORE',
  windows_server_2022_full: 'WINDOWS_SERVER_2022_FULL',
};

/** `RuntimePlatform` of the task definition; none for the default linux/x86_64. */
export function runtimePlatform(w: Workload): Value {
  if (w.manifest.platform === undefined) return undefined;
  const { os = 'linux', arch = 'x86_64' } = platformParts(w.manifest.platform);
  const family = OS_FAMILY[os] ?? 'LINUX';
  const cpu = /^arm(64)?$/.test(arch) ? 'ARM64' : 'X86_64';
  if (family === 'LINUX' && cpu === 'X86_64') return undefined;
  return { OperatingSystemFamily: family, CpuArchitecture: cpu };
}
