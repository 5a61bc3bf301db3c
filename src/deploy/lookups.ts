// What a deploy reads from AWS for the manifest fields whose values only AWS knows: the existing load balancer of
// `http.alb` (its listeners on 80 and 443, security groups, DNS name and hosted zone) and the subnets of
// `network.vpc.placement.subnets.from_tags`. The answers only fill template parameters
// (src/stack/lookup-parameters.ts): `package` renders the same template offline. Nothing is read unless the
// manifest asks for it. Problems are RenderErrors naming the manifest field; the caller adds its position.
import type { Listener } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { AwsClients } from '../aws/clients';
import type { StackApi, StackDescription } from '../aws/cloudformation';
import { awsError, call, isNotFound } from '../aws/errors';
import { MycopilotError } from '../errors';
import type { ManifestType } from '../manifest/schemas';
import type { DeployLookups, ImportedAlb } from '../stack/inputs';
import { RenderError } from '../stack/inputs';
import { environmentStackName } from '../stack/naming';

const ALB_FIELD = ['http', 'alb'];
const TAGS_FIELD = ['network', 'vpc', 'placement', 'subnets', 'from_tags'];
const ECS_TYPES: ManifestType[] = ['Load Balanced Web Service', 'Backend Service', 'Worker Service', 'Scheduled Job'];

/** Tag filters: every key must match, with any of its values. */
export type SubnetTags = Record<string, string[]>;

/** The AWS reads behind the lookups, with plain inputs and outputs; tests replace it. */
export interface LookupSource {
  /** The Application Load Balancer named (or whose ARN is) `ref`, checked to be in the environment's VPC. */
  importedAlb(ref: string): Promise<ImportedAlb>;
  /** Priorities of the rules on these listeners (the default rules have none). */
  rulePriorities(listenerArns: string[]): Promise<number[]>;
  /** IDs of the environment VPC's subnets that carry the tags, sorted; at least one. */
  subnetsFromTags(tags: SubnetTags): Promise<string[]>;
}

/** What a workload manifest asks the deploy to look up. */
export interface LookupRequests {
  alb?: string;
  subnetTags?: SubnetTags;
}

export function lookupRequests(type: ManifestType, manifest: unknown): LookupRequests {
  if (!ECS_TYPES.includes(type)) return {};
  const m = manifest as {
    http?: unknown;
    network?: { vpc?: { placement?: { subnets?: { from_tags?: Record<string, string | string[]> } } | string } };
  };
  const out: LookupRequests = {};
  // Only a Load Balanced Web Service has `http.alb`; the builder refuses it elsewhere, with no lookup first.
  const alb = type === 'Load Balanced Web Service' ? (m.http as { alb?: unknown } | undefined)?.alb : undefined;
  if (typeof alb === 'string') out.alb = alb;
  const placement = m.network?.vpc?.placement;
  const tags = typeof placement === 'object' ? placement.subnets?.from_tags : undefined;
  if (tags && !Array.isArray(tags)) {
    out.subnetTags = Object.fromEntries(
      Object.entries(tags).map(([key, values]) => [key, Array.isArray(values) ? values : [values]]),
    );
  }
  return out;
}

export function needsLookups(requests: LookupRequests): boolean {
  return requests.alb !== undefined || requests.subnetTags !== undefined;
}

/** Runs the lookups `requests` names, in parallel. */
export async function lookUp(source: LookupSource, requests: LookupRequests): Promise<DeployLookups> {
  const [importedAlb, subnetsFromTags] = await Promise.all([
    requests.alb !== undefined ? source.importedAlb(requests.alb) : undefined,
    requests.subnetTags !== undefined ? source.subnetsFromTags(requests.subnetTags) : undefined,
  ]);
  return {
    ...(importedAlb ? { importedAlb } : {}),
    ...(subnetsFromTags ? { subnetsFromTags } : {}),
  };
}

export interface AwsLookupOptions {
  clients: Pick<AwsClients, 'elbv2' | 'ec2'>;
  /** The environment's name, for messages. */
  env: string;
  /** The environment's VPC (its stack's `VpcId` output); asked for once, when first needed. */
  vpcId: () => Promise<string>;
}

/** The lookups against AWS: Elastic Load Balancing v2 and EC2, SDK modules loaded on first use. */
export class AwsLookups implements LookupSource {
  private vpc?: Promise<string>;

  constructor(private readonly options: AwsLookupOptions) {}

  private vpcId(): Promise<string> {
    this.vpc ??= this.options.vpcId();
    return this.vpc;
  }

  async importedAlb(ref: string): Promise<ImportedAlb> {
    const elb = await this.options.clients.elbv2();
    const { DescribeLoadBalancersCommand, DescribeListenersCommand } =
      await import('@aws-sdk/client-elastic-load-balancing-v2');
    const byArn = ref.startsWith('arn:');
    const notFound = () =>
      new RenderError(
        ALB_FIELD,
        `no load balancer ${byArn ? 'with ARN' : 'named'} "${ref}" in this account and Region`,
        'give the name or ARN of an existing Application Load Balancer in the VPC of the environment',
      );
    let found;
    try {
      found = await elb.send(new DescribeLoadBalancersCommand(byArn ? { LoadBalancerArns: [ref] } : { Names: [ref] }));
    } catch (err) {
      if (isNotFound(err, 'LoadBalancerNotFoundException', 'LoadBalancerNotFound')) throw notFound();
      throw awsError(`reading load balancer "${ref}" (http.alb)`, err);
    }
    const lb = found.LoadBalancers?.[0];
    if (!lb?.LoadBalancerArn) throw notFound();
    const arn = lb.LoadBalancerArn;
    if (lb.Type !== 'application') {
      throw new RenderError(
        ALB_FIELD,
        `"${ref}" is a ${lb.Type ?? 'classic'} load balancer, not an Application Load Balancer`,
        '`http.alb` takes an Application Load Balancer; a Network Load Balancer of the service is `nlb`',
      );
    }
    const vpc = await this.vpcId();
    if (lb.VpcId !== vpc) {
      throw new RenderError(
        ALB_FIELD,
        `load balancer "${ref}" is in VPC ${lb.VpcId}, and environment "${this.options.env}" is in VPC ${vpc}`,
        "give a load balancer of the environment's VPC: its targets are the service's tasks",
      );
    }
    const listeners: Listener[] = [];
    let marker: string | undefined;
    do {
      const page = await call(`reading the listeners of ${arn} (http.alb)`, () =>
        elb.send(new DescribeListenersCommand({ LoadBalancerArn: arn, Marker: marker })),
      );
      listeners.push(...(page.Listeners ?? []));
      marker = page.NextMarker;
    } while (marker);
    const listener = (protocol: string, port: number) =>
      listeners.find((l) => l.Protocol === protocol && l.Port === port)?.ListenerArn;
    const httpListenerArn = listener('HTTP', 80);
    const httpsListenerArn = listener('HTTPS', 443);
    if (!httpListenerArn && !httpsListenerArn) {
      const have = listeners.map((l) => `${l.Protocol} ${l.Port}`).join(', ') || 'none';
      throw new RenderError(
        ALB_FIELD,
        `load balancer "${ref}" has no HTTP listener on port 80 nor HTTPS listener on port 443 (listeners: ${have})`,
        'add a listener on port 80 (HTTP) or 443 (HTTPS) to the load balancer; the service adds its rules to them',
      );
    }
    return {
      arn,
      fullName: arn.slice(arn.indexOf(':loadbalancer/') + ':loadbalancer/'.length),
      dnsName: lb.DNSName ?? '',
      canonicalHostedZoneId: lb.CanonicalHostedZoneId ?? '',
      securityGroups: [...(lb.SecurityGroups ?? [])].sort(),
      ...(httpListenerArn ? { httpListenerArn } : {}),
      ...(httpsListenerArn ? { httpsListenerArn } : {}),
    };
  }

  async rulePriorities(listenerArns: string[]): Promise<number[]> {
    const elb = await this.options.clients.elbv2();
    const { DescribeRulesCommand } = await import('@aws-sdk/client-elastic-load-balancing-v2');
    const taken = new Set<number>();
    for (const listener of listenerArns) {
      let marker: string | undefined;
      do {
        const page = await call(`reading the rules of ${listener} (http.alb)`, () =>
          elb.send(new DescribeRulesCommand({ ListenerArn: listener, Marker: marker })),
        );
        for (const rule of page.Rules ?? []) {
          const priority = Number(rule.Priority);
          if (Number.isInteger(priority)) taken.add(priority);
        }
        marker = page.NextMarker;
      } while (marker);
    }
    return [...taken].sort((a, b) => a - b);
  }

  async subnetsFromTags(tags: SubnetTags): Promise<string[]> {
    const vpc = await this.vpcId();
    const ec2 = await this.options.clients.ec2();
    const { DescribeSubnetsCommand } = await import('@aws-sdk/client-ec2');
    const Filters = [
      { Name: 'vpc-id', Values: [vpc] },
      ...Object.entries(tags).map(([key, values]) => ({ Name: `tag:${key}`, Values: values })),
    ];
    const ids: string[] = [];
    let NextToken: string | undefined;
    do {
      const page = await call('finding the subnets of network.vpc.placement.subnets.from_tags', () =>
        ec2.send(new DescribeSubnetsCommand({ Filters, NextToken })),
      );
      for (const s of page.Subnets ?? []) if (s.SubnetId) ids.push(s.SubnetId);
      NextToken = page.NextToken;
    } while (NextToken);
    if (ids.length === 0) {
      const wanted = Object.entries(tags)
        .map(([key, values]) => `${key}=${values.join('|')}`)
        .join(', ');
      throw new RenderError(
        TAGS_FIELD,
        `no subnet of VPC ${vpc} (environment "${this.options.env}") is tagged ${wanted}`,
        'tag the subnets the tasks should run in, or list their IDs under `network.vpc.placement.subnets`',
      );
    }
    return [...new Set(ids)].sort();
  }
}

/**
 * The lookups of a deploy: the environment's VPC is read from its stack, only when a lookup needs it. A deploy
 * passes its one reader of the environment stack, so that the steps which need it share a single read.
 */
export function deployLookups(
  session: { clients: Pick<AwsClients, 'elbv2' | 'ec2'>; stacks: Pick<StackApi, 'describeStack'> },
  app: string,
  env: string,
  environment: () => Promise<StackDescription | undefined> = () =>
    session.stacks.describeStack(environmentStackName(app, env)),
): AwsLookups {
  return new AwsLookups({
    clients: session.clients,
    env,
    vpcId: async () => {
      const name = environmentStackName(app, env);
      const stack = await environment();
      const vpc = stack?.outputs.VpcId;
      if (!vpc) {
        throw new MycopilotError(
          'NOT_FOUND',
          `environment "${env}" has no deployed stack ${name} with a VpcId output`,
          {
            hint: `Deploy the environment first: mycopilot env deploy --name ${env}`,
          },
        );
      }
      return vpc;
    },
  });
}
