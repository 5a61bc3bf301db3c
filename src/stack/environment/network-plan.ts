// Resolves `network.vpc` into the VPC and subnets the environment uses: the ones mycopilot creates (manifest
// CIDRs/AZs or Copilot's defaults) or the ones the manifest imports, which are stack parameters (ImportedVpcId,
// ImportedPublicSubnetIds, ImportedPrivateSubnetIds). Every builder references subnets through this.
import type { EnvironmentManifest } from '../../manifest/schemas';
import type { PathSegment } from '../../manifest/node';
import { RenderError, RenderWarnings } from '../inputs';
import { GetAZs, Ref, Select, Value } from '../template';
import { carveFourSubnets, checkSubnetBlocks, formatIpv4, Ipv4Block, vpcBlock } from './cidr';
import { subnetId, vpcId } from './ids';
import { importedListParameter, importedParameter, PARAM } from './parameters';
import type { StackParts } from './parts';

export type SubnetKind = 'public' | 'private';

export interface Subnet {
  /** Logical ID when the stack creates the subnet (PublicSubnet1, ...); undefined when imported. */
  logicalId?: string;
  /** `Ref` of the created subnet, or the imported subnet's item of its list parameter (`Fn::Select`). */
  ref: Value;
  /** CIDR block of a created subnet. */
  cidr?: string;
  /** Availability Zone: the manifest's name, or `Fn::Select` over `Fn::GetAZs` by position. */
  az?: Value;
  /** The manifest's AZ name, when it gave one (pairs each private subnet with a public one for its NAT gateway). */
  azName?: string;
}

export interface Network {
  imported: boolean;
  /** `Ref` of the created VPC or of the ImportedVpcId parameter. */
  vpcId: Value;
  /** CIDR of a created VPC. */
  vpcCidr?: string;
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
  return createdNetwork(vpc?.cidr || undefined, vpc?.subnets ?? undefined);
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

function createdNetwork(cidr: string | undefined, subnets: ManifestSubnets | undefined): Network {
  const vpcCidr = cidr ?? DEFAULT_VPC_CIDR;
  const block = vpcBlock(vpcCidr, [...VPC_PATH, 'cidr'], 'the VPC block');
  const listed = { public: subnets?.public ?? [], private: subnets?.private ?? [] };

  let blocks: Record<SubnetKind, { block: Ipv4Block; az?: string; path: PathSegment[] }[]>;
  if (listed.public.length === 0 && listed.private.length === 0) {
    // Two public and two private subnets in the first two AZs, as Copilot lays them out.
    const [pub1, pub2, priv1, priv2] = carveFourSubnets(block, [...VPC_PATH, 'cidr']);
    const path = [...VPC_PATH, 'cidr'];
    blocks = {
      public: [pub1, pub2].map((b) => ({ block: b, path })),
      private: [priv1, priv2].map((b) => ({ block: b, path })),
    };
  } else {
    blocks = { public: [], private: [] };
    for (const kind of ['public', 'private'] as const) {
      const kindPath = [...VPC_PATH, 'subnets', kind];
      // Both load balancers need two subnets in different AZs, and workloads need somewhere private to run.
      if (listed[kind].length < 2) {
        throw new RenderError(kindPath, `the VPC mycopilot creates needs at least two ${kind} subnets`);
      }
      blocks[kind] = listed[kind].map((s, i) => {
        const path = [...kindPath, i];
        if (s.id) throw new RenderError([...path, 'id'], 'a subnet can only be imported into an imported VPC');
        if (!s.cidr) throw new RenderError([...path, 'cidr'], 'a subnet of the VPC mycopilot creates needs a "cidr"');
        return { block: vpcBlock(s.cidr, [...path, 'cidr'], 'the subnet block'), az: s.az || undefined, path };
      });
    }
  }
  checkSubnetBlocks(block, [...blocks.public, ...blocks.private]);

  const created = (kind: SubnetKind): Subnet[] =>
    blocks[kind].map((b, i) => {
      const logicalId = `${kind === 'public' ? 'Public' : 'Private'}Subnet${i + 1}`;
      return {
        logicalId,
        ref: Ref(logicalId),
        cidr: formatIpv4(b.block),
        az: b.az ?? Select(i, GetAZs('')),
        azName: b.az,
      };
    });
  const pub = created('public');
  const priv = created('private');
  return {
    imported: false,
    vpcId: Ref('VPC'),
    vpcCidr: formatIpv4(block),
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
        `private subnet ${priv.cidr} has no public subnet in its Availability Zone for its NAT gateway`,
      );
    }
    return { private: priv, public: pub, index: i + 1 };
  });
}
