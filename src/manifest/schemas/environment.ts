// Environment manifest (`copilot/environments/<env>/manifest.yml`, `type: Environment`).
// Field names and forms follow Copilot's environment manifest; `capacity` is mycopilot's addition
// (EC2 instances for the environment's ECS cluster). See primitives.ts for the rules every schema follows.
import { z } from 'zod';
import { DEFAULT_ECS_AMI_PARAMETER } from '../values';

// ---------------------------------------------------------------------------------------------------------------
// Small helpers for cross-field rules.

type Ctx = z.RefinementCtx<unknown>;
type Path = (string | number)[];

function issue(ctx: Ctx, path: Path, message: string): void {
  ctx.addIssue({ code: 'custom', path, message });
}

/** Set and not null: Copilot's decoder treated an empty YAML value like an absent one. */
function isSet<T>(value: T | null | undefined): value is T {
  return value !== undefined && value !== null;
}

function nonEmptyString(value: string | null | undefined): value is string {
  return typeof value === 'string' && value !== '';
}

// ---------------------------------------------------------------------------------------------------------------
// network.vpc

const subnetSchema = z
  .object({
    id: z.string().optional().describe('ID of an existing subnet to import. Mutually exclusive with `cidr` and `az`.'),
    cidr: z
      .string()
      .optional()
      .describe('IPv4 CIDR block of a subnet Copilot creates, e.g. 10.0.0.0/24. Mutually exclusive with `id`.'),
    az: z
      .string()
      .optional()
      .describe(
        'Availability Zone of a subnet Copilot creates, e.g. us-east-2a. Optional: by default zones are assigned in alphabetical order. Mutually exclusive with `id`.',
      ),
  })
  .superRefine((subnet, ctx) => {
    if (isSet(subnet.id) && isSet(subnet.cidr)) issue(ctx, ['cidr'], 'must specify one, not both, of "id" and "cidr"');
    if (isSet(subnet.id) && isSet(subnet.az)) issue(ctx, ['az'], 'must specify one, not both, of "id" and "az"');
  })
  .describe('A subnet: either `id` (imported) or `cidr` with an optional `az` (created by Copilot).');

const PORT_RANGE = /^(\d+)-(\d+)$/;

const securityGroupPorts = z
  .union([
    z.number().int().describe('A single port, e.g. 80.'),
    z
      .string()
      .regex(PORT_RANGE, { message: 'expected a port or a range "${from_port}-${to_port}", e.g. 0-65535' })
      .superRefine((range, ctx) => {
        const m = PORT_RANGE.exec(range);
        if (m && Number(m[1]) > Number(m[2])) {
          issue(ctx, [], `the first port of range "${range}" must not be greater than the second`);
        }
      })
      .describe('An inclusive port range "<from>-<to>", e.g. 0-65535.'),
  ])
  .describe('The port (80) or inclusive port range (0-65535) the rule applies to.');

const securityGroupRule = z
  .object({
    ip_protocol: z.string().min(1).describe('IP protocol name (tcp, udp, icmp) or number; -1 for all.'),
    ports: securityGroupPorts,
    cidr: z.string().min(1).describe('IPv4 address range the rule allows, in CIDR form, e.g. 0.0.0.0/0.'),
  })
  .describe('A security group rule.');

const securityGroupConfig = z
  .object({
    ingress: z
      .array(securityGroupRule)
      .nullable()
      .optional()
      .describe('Inbound rules for the environment security group.'),
    egress: z
      .array(securityGroupRule)
      .nullable()
      .optional()
      .describe('Outbound rules for the environment security group.'),
  })
  .describe("Rules for the environment's security group (shared by every workload in the environment).");

const flowLogsSchema = z
  .union([
    z.boolean().describe('true turns on VPC flow logs with the default retention of 14 days.'),
    z
      .object({
        retention: z
          .number()
          .int()
          .min(1)
          .optional()
          .describe('Days to keep flow log events (a CloudWatch Logs retention value, e.g. 30). Default 14.'),
      })
      .describe('VPC flow logs with a custom retention.'),
  ])
  .describe('Capture the IP traffic going in and out of the VPC into CloudWatch Logs.');

const vpcSchema = z
  .object({
    id: z.string().optional().describe('ID of an existing VPC to import. Mutually exclusive with `cidr`.'),
    cidr: z
      .string()
      .optional()
      .describe('IPv4 CIDR block of the VPC Copilot creates, e.g. 10.0.0.0/16. Mutually exclusive with `id`.'),
    subnets: z
      .object({
        public: z
          .array(subnetSchema)
          .nullable()
          .optional()
          .describe('Public subnets (with a route to an internet gateway).'),
        private: z.array(subnetSchema).nullable().optional().describe('Private subnets.'),
      })
      .nullable()
      .optional()
      .describe('The public and private subnets of the VPC.'),
    security_group: securityGroupConfig.nullable().optional(),
    flow_logs: flowLogsSchema.optional(),
  })
  .superRefine((vpc, ctx) => {
    const imported = nonEmptyString(vpc.id);
    const customized = nonEmptyString(vpc.cidr);
    const publicSubnets = vpc.subnets?.public ?? [];
    const privateSubnets = vpc.subnets?.private ?? [];
    if (imported && customized) {
      issue(
        ctx,
        ['cidr'],
        'cannot import a VPC ("id") and configure the VPC Copilot creates ("cidr", "az") at the same time',
      );
      return;
    }
    if (imported) {
      publicSubnets.forEach((s, i) => {
        if (!nonEmptyString(s.id))
          issue(ctx, ['subnets', 'public', i, 'id'], '"id" must be specified for an imported VPC');
      });
      privateSubnets.forEach((s, i) => {
        if (!nonEmptyString(s.id))
          issue(ctx, ['subnets', 'private', i, 'id'], '"id" must be specified for an imported VPC');
      });
      if (publicSubnets.length + privateSubnets.length === 0) {
        issue(
          ctx,
          ['subnets'],
          'an imported VPC needs subnets: list them under "subnets.public" and/or "subnets.private"',
        );
      } else if (publicSubnets.length === 1) {
        issue(ctx, ['subnets', 'public'], 'at least two public subnets must be imported to enable load balancing');
      } else if (privateSubnets.length === 1) {
        issue(ctx, ['subnets', 'private'], 'at least two private subnets must be imported');
      }
    }
    if (customized) {
      const azs = { public: new Set<string>(), private: new Set<string>() };
      const cidrs = { public: new Set<string>(), private: new Set<string>() };
      let missing = false;
      for (const kind of ['public', 'private'] as const) {
        (kind === 'public' ? publicSubnets : privateSubnets).forEach((s, i) => {
          if (!nonEmptyString(s.cidr)) {
            issue(
              ctx,
              ['subnets', kind, i, 'cidr'],
              '"cidr" must be specified for the subnets of a VPC Copilot creates',
            );
            missing = true;
            return;
          }
          cidrs[kind].add(s.cidr);
          if (nonEmptyString(s.az)) azs[kind].add(s.az);
        });
      }
      if (missing) return;
      const sameAZs = azs.public.size === azs.private.size && [...azs.public].every((az) => azs.private.has(az));
      if (!sameAZs) {
        issue(ctx, ['subnets'], 'public subnets and private subnets do not span the same availability zones');
        return;
      }
      const numAZs = azs.public.size;
      if (numAZs === 0) return;
      if (numAZs < 2) {
        issue(ctx, ['subnets'], 'require at least 2 availability zones');
      } else if (cidrs.public.size !== numAZs) {
        issue(
          ctx,
          ['subnets', 'public'],
          `number of public subnet CIDRs (${cidrs.public.size}) does not match number of AZs (${numAZs})`,
        );
      } else if (cidrs.private.size !== numAZs) {
        issue(
          ctx,
          ['subnets', 'private'],
          `number of private subnet CIDRs (${cidrs.private.size}) does not match number of AZs (${numAZs})`,
        );
      }
    }
  })
  .describe(
    'Import an existing VPC (`id` and subnet `id`s) or configure the VPC Copilot creates (`cidr`, subnet `cidr`/`az`).',
  );

const networkSchema = z
  .object({
    vpc: vpcSchema.nullable().optional(),
  })
  .describe('Networking: the VPC the environment runs in.');

// ---------------------------------------------------------------------------------------------------------------
// http

/** An IPv4 or IPv6 address, optionally with a prefix length. */
const IP_OR_CIDR = /^(\d{1,3}(\.\d{1,3}){3}|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*)(\/\d{1,3})?$/;

const sourceIPs = z
  .array(z.string().regex(IP_OR_CIDR, { message: 'expected an IP address range in CIDR form, e.g. 192.0.2.0/24' }))
  .describe('Only these source IP ranges (CIDR, e.g. 192.0.2.0/24) may reach the public load balancer.');

const restrictiveIngress = z
  .object({
    cdn: z
      .boolean()
      .optional()
      .describe('Only the CloudFront distribution (`cdn`) may reach the public load balancer.'),
    source_ips: sourceIPs.nullable().optional(),
  })
  .describe('Restrict who may reach the public load balancer (by default anyone can).');

const deprecatedIngress = z
  .object({
    restrict_to: restrictiveIngress
      .nullable()
      .optional()
      .describe('Deprecated: use `http.public.ingress` (public load balancer only).'),
    from_vpc: z
      .boolean()
      .optional()
      .describe('Deprecated: use `http.private.ingress.vpc` (internal load balancer only).'),
  })
  .describe('Deprecated: ingress rules, now `http.public.ingress` / `http.private.ingress`.');

const deprecatedSecurityGroups = z
  .object({
    ingress: deprecatedIngress.nullable().optional(),
  })
  .describe('Deprecated since Copilot v1.23: use `ingress` next to this field instead.');

type RestrictiveIngress = z.infer<typeof restrictiveIngress>;
type DeprecatedIngress = z.infer<typeof deprecatedIngress>;

function restrictiveIngressEmpty(i: RestrictiveIngress | null | undefined): boolean {
  return !i || (!isSet(i.cdn) && (i.source_ips ?? []).length === 0);
}

function deprecatedIngressEmpty(i: DeprecatedIngress | null | undefined): boolean {
  return !i || (!isSet(i.from_vpc) && restrictiveIngressEmpty(i.restrict_to));
}

const accessLogsSchema = z
  .union([
    z.boolean().describe('true creates an S3 bucket for the access logs.'),
    z
      .object({
        bucket_name: z.string().optional().describe('Existing S3 bucket to store the access logs in.'),
        prefix: z.string().optional().describe('Prefix for the log objects.'),
      })
      .describe('Access logs in a bucket and/or under a prefix of your choice.'),
  ])
  .describe('Elastic Load Balancing access logs of the public load balancer.');

const certificates = (which: string) =>
  z
    .array(z.string())
    .describe(`ARNs of AWS Certificate Manager certificates for the ${which} load balancer's HTTPS listener.`);

const publicHTTPSchema = z
  .object({
    certificates: certificates('public').nullable().optional(),
    ssl_policy: z
      .string()
      .optional()
      .describe('SSL policy of the HTTPS listener, e.g. ELBSecurityPolicy-TLS13-1-2-2021-06.'),
    access_logs: accessLogsSchema.optional(),
    ingress: restrictiveIngress.nullable().optional(),
    security_groups: deprecatedSecurityGroups.nullable().optional(),
  })
  .superRefine((pub, ctx) => {
    const deprecated = pub.security_groups?.ingress;
    if (!deprecatedIngressEmpty(deprecated) && !restrictiveIngressEmpty(pub.ingress)) {
      issue(
        ctx,
        ['ingress'],
        'must specify one, not both, of "http.public.security_groups.ingress" and "http.public.ingress"',
      );
    }
    if (isSet(deprecated?.from_vpc)) {
      issue(ctx, ['security_groups', 'ingress', 'from_vpc'], 'a public load balancer already allows vpc ingress');
    }
  })
  .describe('The public Application Load Balancer shared by Load Balanced Web Services.');

const privateHTTPSchema = z
  .object({
    certificates: certificates('internal').nullable().optional(),
    subnets: z
      .array(z.string())
      .nullable()
      .optional()
      .describe('IDs of imported subnets to place the internal load balancer in.'),
    ssl_policy: z.string().optional().describe('SSL policy of the HTTPS listener of the internal load balancer.'),
    ingress: z
      .object({
        vpc: z.boolean().optional().describe('Allow traffic from within the VPC to the internal load balancer.'),
      })
      .nullable()
      .optional()
      .describe('Ingress to allow to the internal load balancer.'),
    security_groups: deprecatedSecurityGroups.nullable().optional(),
  })
  .superRefine((priv, ctx) => {
    const deprecated = priv.security_groups?.ingress;
    const ingressEmpty = !priv.ingress || !isSet(priv.ingress.vpc);
    if (!deprecatedIngressEmpty(deprecated) && !ingressEmpty) {
      issue(
        ctx,
        ['ingress'],
        'must specify one, not both, of "http.private.security_groups.ingress" and "http.private.ingress"',
      );
    }
    if (!restrictiveIngressEmpty(deprecated?.restrict_to)) {
      issue(
        ctx,
        ['security_groups', 'ingress', 'restrict_to'],
        'an internal load balancer cannot have restrictive ingress fields',
      );
    }
  })
  .describe('The internal Application Load Balancer shared by Backend Services.');

const httpSchema = z
  .object({
    public: publicHTTPSchema.nullable().optional(),
    private: privateHTTPSchema.nullable().optional(),
  })
  .describe("The environment's load balancers.");

// ---------------------------------------------------------------------------------------------------------------
// cdn, observability

const staticAssetsSchema = z
  .object({
    location: z
      .string()
      .optional()
      .describe('DNS name of the S3 bucket with the assets, e.g. EXAMPLE-BUCKET.s3.us-west-2.amazonaws.com.'),
    alias: z.string().optional().describe('Additional HTTPS domain alias for the static assets.'),
    path: z.string().optional().describe('Path pattern forwarded to the bucket, e.g. static/*.'),
  })
  .superRefine((s, ctx) => {
    if (!nonEmptyString(s.location) && !nonEmptyString(s.alias) && !nonEmptyString(s.path)) return;
    for (const field of ['alias', 'location', 'path'] as const) {
      if (!nonEmptyString(s[field])) issue(ctx, [field], `"${field}" must be specified`);
    }
  })
  .describe('Serve static assets from an S3 bucket through the CloudFront distribution.');

/** Matches an ARN far enough to read its region. */
const ACM_ARN = /^arn:[^:]+:acm:([^:]*):/;

const cdnSchema = z
  .union([
    z.boolean().describe('true puts a CloudFront distribution in front of the public load balancer.'),
    z
      .object({
        certificate: z
          .string()
          .superRefine((cert, ctx) => {
            const m = ACM_ARN.exec(cert);
            if (m && m[1] !== 'us-east-1') {
              issue(ctx, [], 'CloudFront requires the certificate to be in the us-east-1 region');
            }
          })
          .optional()
          .describe('ARN of an ACM certificate in us-east-1 for HTTPS on the CloudFront distribution.'),
        terminate_tls: z
          .boolean()
          .optional()
          .describe('Terminate TLS at CloudFront and reach the load balancer over HTTP.'),
        static_assets: staticAssetsSchema.nullable().optional(),
      })
      .describe('A CloudFront distribution with custom settings.'),
  ])
  .describe('A CloudFront distribution (content delivery network) in front of the public load balancer.');

const observabilitySchema = z
  .object({
    container_insights: z
      .union([
        z.boolean().describe('true turns CloudWatch Container Insights on for the cluster.'),
        z.literal('enhanced').describe('Container Insights with enhanced observability (mycopilot addition).'),
      ])
      .optional()
      .describe("CloudWatch Container Insights for the environment's ECS cluster: true, false or enhanced."),
  })
  .describe('Data collected about the services and jobs in the environment.');

// ---------------------------------------------------------------------------------------------------------------
// capacity (mycopilot): EC2 instances for the ECS cluster.

/** EC2 instance type names: family (with generation and attributes) dot size, e.g. m5.large, u-6tb1.metal. */
export const INSTANCE_TYPE_PATTERN = /^[a-z][a-z0-9-]*\.[a-z0-9-]+$/;
/** An EC2 AMI ID or the name of an SSM parameter holding one. */
export const AMI_PATTERN = /^(ami-[0-9a-f]{8}([0-9a-f]{9})?|\/[A-Za-z0-9_.\-/]+)$/;

const count = (text: string) => z.number().int().min(0).describe(text);

const spotSchema = z
  .object({
    on_demand_base: z
      .number()
      .int()
      .min(0)
      .optional()
      .describe('How many instances are always On-Demand before Spot is used (OnDemandBaseCapacity). Default 0.'),
    on_demand_percentage: z
      .number()
      .int()
      .min(0)
      .max(100)
      .optional()
      .describe(
        'Percentage of the instances above the base that are On-Demand; the rest are Spot (OnDemandPercentageAboveBaseCapacity). Default 0.',
      ),
  })
  .describe('Mix Spot and On-Demand instances (the Auto Scaling group gets a mixed instances policy).');

const managedScalingSchema = z
  .object({
    target_capacity: z
      .number()
      .int()
      .min(1)
      .max(100)
      .optional()
      .describe('Target utilization of the instances, in percent (1..100). Default 100.'),
    min_step: z
      .number()
      .int()
      .min(1)
      .max(10000)
      .optional()
      .describe('Fewest instances added or removed at a time (1..10000). Default 1.'),
    max_step: z
      .number()
      .int()
      .min(1)
      .max(10000)
      .optional()
      .describe('Most instances added or removed at a time (1..10000). Default 10000.'),
  })
  .superRefine((m, ctx) => {
    if (isSet(m.min_step) && isSet(m.max_step) && m.min_step > m.max_step) {
      issue(ctx, ['min_step'], `must not be greater than max_step (${m.max_step}), got ${m.min_step}`);
    }
  })
  .describe('ECS managed scaling of the capacity provider.');

const ec2CapacitySchema = z
  .object({
    instance_types: z
      .array(
        z
          .string()
          .regex(INSTANCE_TYPE_PATTERN, { message: 'expected an EC2 instance type such as "m5.large"' })
          .describe('An EC2 instance type, e.g. m5.large.'),
      )
      .min(1)
      .max(20)
      .superRefine((types, ctx) => {
        const seen = new Set<string>();
        types.forEach((t, i) => {
          if (seen.has(t)) issue(ctx, [i], `instance type "${t}" is listed more than once`);
          seen.add(t);
        });
      })
      .describe(
        "EC2 instance types (1 to 20). The first is the launch template's type; the others are overrides the Auto Scaling group may also launch.",
      ),
    min: count('Fewest instances (Auto Scaling group MinSize). Default 0.').optional(),
    max: count('Most instances (Auto Scaling group MaxSize); at least `min`.'),
    desired: count(
      'Instances to start with (DesiredCapacity), between `min` and `max`. Default: left to managed scaling.',
    ).optional(),
    spot: spotSchema.optional(),
    ami: z
      .string()
      .regex(AMI_PATTERN, {
        message: 'expected an AMI ID (ami-0123456789abcdef0) or an SSM parameter name (/aws/service/...)',
      })
      .optional()
      .describe(
        `AMI of the instances: an AMI ID or an SSM parameter that holds one. Default ${DEFAULT_ECS_AMI_PARAMETER}.`,
      ),
    root_volume_size: z
      .number()
      .int()
      .min(1)
      .max(16384)
      .optional()
      .describe("Size of each instance's root EBS volume in GiB. Default: the AMI's."),
    key_pair: z.string().min(1).optional().describe('Name of an EC2 key pair for SSH access to the instances.'),
    placement: z
      .enum(['public', 'private'])
      .optional()
      .describe('Launch the instances in the public or the private subnets. Default private.'),
    managed_scaling: managedScalingSchema.optional(),
    managed_termination_protection: z
      .boolean()
      .optional()
      .describe('Keep ECS from terminating instances that still run tasks when scaling in.'),
  })
  .superRefine((c, ctx) => {
    const min = c.min ?? 0;
    if (min > c.max) issue(ctx, ['min'], `must not be greater than max (${c.max}), got ${min}`);
    if (isSet(c.desired)) {
      if (c.desired < min) issue(ctx, ['desired'], `must be at least min (${min}), got ${c.desired}`);
      else if (c.desired > c.max) issue(ctx, ['desired'], `must be at most max (${c.max}), got ${c.desired}`);
    }
  })
  .describe('ECS-optimized EC2 instances in an Auto Scaling group, registered as a capacity provider of the cluster.');

const capacitySchema = z
  .object({
    ec2: ec2CapacitySchema,
  })
  .describe(
    'Capacity for the ECS cluster besides Fargate (mycopilot addition). Workloads run on it with `launch_type: EC2` or `capacity_providers`.',
  );

// ---------------------------------------------------------------------------------------------------------------
// The manifest

export const environmentSchema = z
  .object({
    name: z.string().optional().describe('Name of the environment; used to name its VPC, cluster and other resources.'),
    type: z.literal('Environment').describe("Manifest type: always 'Environment'."),
    network: networkSchema.nullable().optional(),
    http: httpSchema.nullable().optional(),
    cdn: cdnSchema.optional(),
    observability: observabilitySchema.nullable().optional(),
    capacity: capacitySchema.optional(),
  })
  .superRefine((env, ctx) => {
    const pub = env.http?.public;
    const cdn = env.cdn;
    const cdnConfig = typeof cdn === 'object' ? cdn : undefined;
    const cdnEnabled =
      cdn === true ||
      (!!cdnConfig &&
        (isSet(cdnConfig.certificate) ||
          isSet(cdnConfig.terminate_tls) ||
          [cdnConfig.static_assets?.location, cdnConfig.static_assets?.alias, cdnConfig.static_assets?.path].some(
            nonEmptyString,
          )));

    // Public ingress restricted to CloudFront needs CloudFront.
    let cdnIngress: { on: boolean; path: Path };
    if (!restrictiveIngressEmpty(pub?.ingress)) {
      cdnIngress = { on: pub?.ingress?.cdn === true, path: ['http', 'public', 'ingress', 'cdn'] };
    } else {
      cdnIngress = {
        on: pub?.security_groups?.ingress?.restrict_to?.cdn === true,
        path: ['http', 'public', 'security_groups', 'ingress', 'restrict_to', 'cdn'],
      };
    }
    if (cdnIngress.on && !cdnEnabled) {
      issue(ctx, cdnIngress.path, 'CDN must be enabled (`cdn: true` or a `cdn` map) to limit ingress to CloudFront');
    }

    if (cdnEnabled) {
      const publicCerts = pub?.certificates;
      const cdnCert = cdnConfig?.certificate;
      if (!isSet(publicCerts)) {
        if (isSet(cdnCert) && cdnConfig?.terminate_tls !== true) {
          issue(
            ctx,
            ['cdn', 'certificate'],
            '"cdn.terminate_tls" must be true if "cdn.certificate" is set without "http.public.certificates"',
          );
        }
      } else if (!isSet(cdnCert)) {
        issue(
          ctx,
          ['cdn'],
          '"cdn.certificate" must be specified when both "http.public.certificates" and "cdn" are specified',
        );
      }
    }

    const vpc = env.network?.vpc;
    const imported = nonEmptyString(vpc?.id);
    if (isSet(env.http?.private?.subnets) && !imported) {
      issue(
        ctx,
        ['http', 'private', 'subnets'],
        'in order to specify internal ALB subnet placement, subnets must be imported ("network.vpc.id")',
      );
    }

    // EC2 capacity needs subnets of the kind it is placed in when the VPC is imported.
    const ec2 = env.capacity?.ec2;
    if (ec2 && imported) {
      const placement = ec2.placement ?? 'private';
      const subnets = placement === 'public' ? vpc?.subnets?.public : vpc?.subnets?.private;
      if ((subnets ?? []).length === 0) {
        issue(
          ctx,
          ['capacity', 'ec2', 'placement'],
          `EC2 instances are placed in ${placement} subnets, but the imported VPC lists none under "network.vpc.subnets.${placement}"`,
        );
      }
    }
  })
  .describe('An environment: a VPC, an ECS cluster and the load balancers shared by its services.');
