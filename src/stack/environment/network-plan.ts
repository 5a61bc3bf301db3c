// Resolves `network.vpc` into the VPC and subnets the environment uses: the ones mycopilot creates (manifest
// CIDRs/AZs or Copilot's defaults) or the ones the manifest imports. Either way the values are stack parameters:
// ImportedVpcId, ImportedPublicSubnetIds and ImportedPrivateSubnetIds for an imported VPC; VPCCIDR,
// PublicSubnetCIDRs, PrivateSubnetCIDRs (and PublicSubnetAZs, PrivateSubnetAZs for the AZs the manifest names) for a
// created one. Every builder references subnets through this.
import type { EnvironmentManifest } from '../../manifest/schemas';
import type { PathSegment } from '../../manifest/node';
import { RenderError, RenderWarnings } from '../inputs';
import { GetAZs, Ref, Select, Value } from '../template';
import { carveFourSubnets, checkSubnetBlocks, formatIpv4, Ipv4Block, vpcBlock } from './cidr';
import { availabilityZone, ipv4CidrBlock, subnetId, vpcId } from './ids';
import { importedListParameter, importedParameter, PARAM, ParameterConstraint } from './parameters';
import type { StackParts } from './parts';

export type SubnetKind = 'public' | 'private';

export interface Subnet {
  /** Logical ID when the stack creates the subnet (PublicSubnet1, ...); undefined when imported. */
  logicalId?: string;
  /** `Ref` of the created subnet, or the imported subnet's item of its list parameter (`Fn::Select`). */
  ref: Value;
  /** CIDR block of a created subnet: its item of the PublicSubnetCIDRs/PrivateSubnetCIDRs parameter. */
  cidr?: Value;
  /** That block's value (the manifest's, or carved out of the VPC block), for messages. */
  block?: string;
  /**
   * Availability Zone: the manifest's name (its item of the PublicSubnetAZs/PrivateSubnetAZs parameter), or
   * `Fn::Select` over `Fn::GetAZs` by position.
   */
  az?: Value;
  /** The manifest's AZ name, when it gave one (pairs each private subnet with a public one for its NAT gateway). */
  azName?: string;
}

export interface Network {
  imported: boolean;
  /** `Ref` of the created VPC or of the ImportedVpcId parameter. */
  vpcId: Value;
  /** CIDR block of a created VPC: `Ref` of the VPCCIDR parameter. */
  vpcCidr?: Value;
  public: Subnet[];
  private: Subnet[];
  /** The subnets of each kind as one list: the `Ref`s of created subnets, or the `Ref` of the imported list parameter. */
  subnetIds: Record<SubnetKind, Value>;
}

/** Copilot's default VPC block; its default subnets are the first four /24s in it. */
export const DEFAULT_VPC_CIDR = '10.0.0.0/16';

const VPC_PATH = ['network', 'vpc'];

/**
 * Imported IDs become parameters of `parts`, whose values are the manifest's; those that do not look well-formed are
 * passed as written, with a warning in `warnings` (CloudFormation checks at deploy that they exist).
 */
export function resolveNetwork(manifest: EnvironmentManifest, warnings: RenderWarnings, parts: StackParts): Network {
  const vpc = manifest.network?.vpc;
  if (vpc?.id) return importedNetwork(vpc.id, vpc.subnets ?? undefined, warnings, parts);
  return createdNetwork(vpc?.cidr || undefined, vpc?.subnets ?? undefined, warnings, parts);
}

type ManifestSubnets = NonNullable<NonNullable<NonNullable<EnvironmentManifest['network']>['vpc']>['subnets']>;

const IMPORTED_SUBNETS = {
  public: { name: PARAM.importedPublicSubnets, what: 'IDs of the existing public subnets' },
  private: { name: PARAM.importedPrivateSubnets, what: 'IDs of the existing private subnets' },
} as const;

function importedNetwork(
  id: string,
  subnets: ManifestSubnets | undefined,
  warnings: RenderWarnings,
  parts: StackParts,
): Network {
  const vpcPath = [...VPC_PATH, 'id'];
  const vpc = importedParameter(
    parts,
    PARAM.importedVpc,
    'AWS::EC2::VPC::Id',
    'network.vpc.id',
    'ID of the existing VPC of the environment',
    vpcId(id, vpcPath, warnings),
  );
  const subnetIds: Partial<Record<SubnetKind, Value>> = {};
  const ids = (kind: SubnetKind): Subnet[] => {
    const values = (subnets?.[kind] ?? []).map((s, i) => {
      const path = [...VPC_PATH, 'subnets', kind, i, 'id'];
      return { value: subnetId(s.id ?? '', path, warnings), path };
    });
    // A kind the VPC has none of has no parameter (and nothing refers to it).
    if (values.length === 0) return [];
    const { name, what } = IMPORTED_SUBNETS[kind];
    const param = importedListParameter(
      parts,
      name,
      'List<AWS::EC2::Subnet::Id>',
      `network.vpc.subnets.${kind}[].id`,
      what,
      values,
    );
    subnetIds[kind] = param.list;
    return param.items.map((ref) => ({ ref }));
  };
  const pub = ids('public');
  const priv = ids('private');
  return {
    imported: true,
    vpcId: vpc,
    public: pub,
    private: priv,
    subnetIds: { public: subnetIds.public ?? [], private: subnetIds.private ?? [] },
  };
}

/** CloudFormation's check of a CIDR block parameter (of each item of a list), at deploy. */
const CIDR_PATTERN = '^(\\d{1,3}\\.){3}\\d{1,3}/\\d{1,2}$';
const VPC_CIDR_CONSTRAINT: ParameterConstraint = {
  AllowedPattern: CIDR_PATTERN,
  ConstraintDescription: 'must be an IPv4 CIDR block, like 10.0.0.0/16',
};
const SUBNET_CIDRS_CONSTRAINT: ParameterConstraint = {
  AllowedPattern: CIDR_PATTERN,
  ConstraintDescription: 'must be IPv4 CIDR blocks, like 10.0.0.0/24',
};

const CREATED_SUBNETS = {
  public: { cidrs: PARAM.publicSubnetCidrs, azs: PARAM.publicSubnetAzs, logicalId: 'PublicSubnet' },
  private: { cidrs: PARAM.privateSubnetCidrs, azs: PARAM.privateSubnetAzs, logicalId: 'PrivateSubnet' },
} as const;

/** A subnet of the VPC mycopilot creates, before it becomes parameter values. */
interface PlannedSubnet {
  /** The parsed block; undefined when the manifest's does not parse (it is used as written). */
  block?: Ipv4Block;
  /** The parameter value: the block, or the manifest's text when it does not parse. */
  text: string;
  /** Where the block comes from: the subnet's `cidr`, or the VPC's for carved subnets. */
  cidrPath: PathSegment[];
  /** The AZ the manifest names, and where. */
  az?: { name: string; path: PathSegment[] };
  /** The subnet in the manifest (or the VPC block for carved ones), for the containment and overlap errors. */
  path: PathSegment[];
}

/**
 * The VPC mycopilot creates. Its blocks and the AZs the manifest names are parameters; those that do not look
 * well-formed (placeholders such as `mock-cidr-0`, `mock-az-1`) are passed as written with a warning in `warnings`.
 * Blocks that parse but that EC2 would refuse (size, host bits, outside the VPC, overlapping) are errors.
 */
function createdNetwork(
  cidr: string | undefined,
  subnets: ManifestSubnets | undefined,
  warnings: RenderWarnings,
  parts: StackParts,
): Network {
  const vpcPath = [...VPC_PATH, 'cidr'];
  const vpcText = cidr ?? DEFAULT_VPC_CIDR;
  const block = vpcBlock(vpcText, vpcPath, 'the VPC block');
  const listed = { public: subnets?.public ?? [], private: subnets?.private ?? [] };

  let planned: Record<SubnetKind, PlannedSubnet[]>;
  if (listed.public.length === 0 && listed.private.length === 0) {
    if (!block) {
      throw new RenderError(
        vpcPath,
        `the VPC block "${vpcText}" is not an IPv4 CIDR block, so mycopilot cannot carve the subnets out of it`,
        'write it like 10.0.0.0/16, or list the subnets and their blocks under network.vpc.subnets',
      );
    }
    // Two public and two private subnets in the first two AZs, as Copilot lays them out.
    const [pub1, pub2, priv1, priv2] = carveFourSubnets(block, vpcPath);
    const carved = (b: Ipv4Block): PlannedSubnet => ({
      block: b,
      text: formatIpv4(b),
      cidrPath: vpcPath,
      path: vpcPath,
    });
    planned = { public: [pub1, pub2].map(carved), private: [priv1, priv2].map(carved) };
  } else {
    if (!block) ipv4CidrBlock(vpcText, vpcPath, warnings, '10.0.0.0/16');
    planned = { public: [], private: [] };
    for (const kind of ['public', 'private'] as const) {
      const kindPath = [...VPC_PATH, 'subnets', kind];
      // Both load balancers need two subnets in different AZs, and workloads need somewhere private to run.
      if (listed[kind].length < 2) {
        throw new RenderError(kindPath, `the VPC mycopilot creates needs at least two ${kind} subnets`);
      }
      planned[kind] = listed[kind].map((s, i): PlannedSubnet => {
        const path = [...kindPath, i];
        const cidrPath = [...path, 'cidr'];
        if (s.id) throw new RenderError([...path, 'id'], 'a subnet can only be imported into an imported VPC');
        if (!s.cidr) throw new RenderError(cidrPath, 'a subnet of the VPC mycopilot creates needs a "cidr"');
        const subnetBlock = vpcBlock(s.cidr, cidrPath, 'the subnet block');
        if (!subnetBlock) ipv4CidrBlock(s.cidr, cidrPath, warnings, '10.0.0.0/24');
        const azPath = [...path, 'az'];
        const az = s.az ? { name: availabilityZone(s.az, azPath, warnings), path: azPath } : undefined;
        const text = subnetBlock ? formatIpv4(subnetBlock) : s.cidr;
        return { block: subnetBlock, text, cidrPath, az, path };
      });
    }
  }
  checkSubnetBlocks(block, [...planned.public, ...planned.private]);

  const vpcCidr = importedParameter(
    parts,
    PARAM.vpcCidr,
    'String',
    'network.vpc.cidr',
    `IPv4 CIDR block of the VPC, ${DEFAULT_VPC_CIDR} by default`,
    block ? formatIpv4(block) : vpcText,
    VPC_CIDR_CONSTRAINT,
  );
  const created = (kind: SubnetKind): Subnet[] => {
    const names = CREATED_SUBNETS[kind];
    const cidrs = importedListParameter(
      parts,
      names.cidrs,
      'CommaDelimitedList',
      `network.vpc.subnets.${kind}[].cidr`,
      `IPv4 CIDR blocks of the ${kind} subnets, carved out of the VPC block when the manifest lists none`,
      planned[kind].map((s) => ({ value: s.text, path: s.cidrPath })),
      SUBNET_CIDRS_CONSTRAINT,
    ).items;
    // The AZs the manifest names, in one list parameter (CloudFormation checks that they exist); the subnets it names
    // none for take the AZ of their position.
    const named = planned[kind].flatMap((s) => (s.az ? [{ value: s.az.name, path: s.az.path }] : []));
    const azs =
      named.length === 0
        ? []
        : importedListParameter(
            parts,
            names.azs,
            'List<AWS::EC2::AvailabilityZone::Name>',
            `network.vpc.subnets.${kind}[].az`,
            `Availability Zones of the ${kind} subnets that name one`,
            named,
          ).items;
    let nextAz = 0;
    return planned[kind].map((s, i) => {
      const logicalId = `${names.logicalId}${i + 1}`;
      return {
        logicalId,
        ref: Ref(logicalId),
        cidr: cidrs[i],
        block: s.text,
        az: s.az ? azs[nextAz++] : Select(i, GetAZs('')),
        azName: s.az?.name,
      };
    });
  };
  const pub = created('public');
  const priv = created('private');
  return {
    imported: false,
    vpcId: Ref('VPC'),
    vpcCidr,
    public: pub,
    private: priv,
    subnetIds: { public: pub.map((s) => s.ref), private: priv.map((s) => s.ref) },
  };
}

/**
 * For each private subnet, the public subnet its NAT gateway goes in: the one in the same AZ when the manifest
 * names AZs, else the one at the same position (both then take the same `Fn::GetAZs` entry).
 */
export function natPairs(network: Network): { private: Subnet; public: Subnet; index: number }[] {
  return network.private.map((priv, i) => {
    const pub = priv.azName ? network.public.find((p) => p.azName === priv.azName) : network.public[i];
    if (!pub) {
      throw new RenderError(
        [...VPC_PATH, 'subnets', 'public'],
        `private subnet ${priv.block} has no public subnet in its Availability Zone for its NAT gateway`,
      );
    }
    return { private: priv, public: pub, index: i + 1 };
  });
}
