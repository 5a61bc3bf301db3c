// IP address arithmetic for the environment stack: parse and check the manifest's CIDR blocks and carve subnets
// out of a VPC block, so that a wrong block fails at render time with its manifest path instead of mid-deploy. A
// block that is not written as an IPv4 CIDR block at all (a placeholder such as `mock-cidr-0`) is not checked here:
// the caller passes it as written, with a warning (ids.ts), and CloudFormation checks it at deploy.
import type { PathSegment } from '../../manifest/node';
import { RenderError } from '../inputs';

export interface Ipv4Block {
  /** The address as a 32-bit unsigned number. */
  base: number;
  prefix: number;
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?:\/(\d{1,2}))?$/;

/** Parses `a.b.c.d` or `a.b.c.d/n`; undefined when it is not an IPv4 address (range). */
export function parseIpv4(text: string): Ipv4Block | undefined {
  const m = IPV4.exec(text.trim());
  if (!m) return undefined;
  const octets = m.slice(1, 5).map(Number);
  if (octets.some((o) => o > 255)) return undefined;
  const prefix = m[5] === undefined ? 32 : Number(m[5]);
  if (prefix > 32) return undefined;
  const base = ((octets[0] << 24) | (octets[1] << 16) | (octets[2] << 8) | octets[3]) >>> 0;
  return { base, prefix };
}

/** Parses `a.b.c.d/n`; undefined when it is not written as an IPv4 CIDR block (a bare address is not one). */
export function parseCidr(text: string): Ipv4Block | undefined {
  return text.includes('/') ? parseIpv4(text) : undefined;
}

export function formatIpv4(block: Ipv4Block): string {
  const b = block.base;
  return `${b >>> 24}.${(b >>> 16) & 255}.${(b >>> 8) & 255}.${b & 255}/${block.prefix}`;
}

function mask(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

function isNetworkAddress(block: Ipv4Block): boolean {
  return (block.base & mask(block.prefix)) >>> 0 === block.base;
}

export function contains(outer: Ipv4Block, inner: Ipv4Block): boolean {
  return inner.prefix >= outer.prefix && (inner.base & mask(outer.prefix)) >>> 0 === outer.base;
}

function overlaps(a: Ipv4Block, b: Ipv4Block): boolean {
  return contains(a, b) || contains(b, a);
}

/**
 * A VPC or subnet block as EC2 takes it: a network address (host bits zero) with a prefix between /16 and /28,
 * the sizes EC2 allows for both. Undefined when `text` is not written as an IPv4 CIDR block at all; a block that is
 * but that EC2 would refuse is an error.
 */
export function vpcBlock(text: string, path: PathSegment[], what: string): Ipv4Block | undefined {
  const block = parseCidr(text);
  if (!block) return undefined;
  if (block.prefix < 16 || block.prefix > 28) {
    throw new RenderError(path, `${what} "${text}" must have a prefix length between /16 and /28`);
  }
  if (!isNetworkAddress(block)) {
    const network = formatIpv4({ base: (block.base & mask(block.prefix)) >>> 0, prefix: block.prefix });
    throw new RenderError(path, `${what} "${text}" has host bits set`, `did you mean ${network}?`);
  }
  return block;
}

/**
 * Subnet blocks, each inside the VPC block and none overlapping another. Blocks that did not parse (undefined) are
 * left out of both checks.
 */
export function checkSubnetBlocks(
  vpc: Ipv4Block | undefined,
  blocks: { block?: Ipv4Block; path: PathSegment[] }[],
): void {
  const subnets = blocks.filter((s): s is { block: Ipv4Block; path: PathSegment[] } => s.block !== undefined);
  subnets.forEach((s, i) => {
    if (vpc && !contains(vpc, s.block)) {
      throw new RenderError(s.path, `subnet ${formatIpv4(s.block)} is not inside the VPC's ${formatIpv4(vpc)}`);
    }
    for (const other of subnets.slice(0, i)) {
      if (overlaps(other.block, s.block)) {
        throw new RenderError(s.path, `subnet ${formatIpv4(s.block)} overlaps ${formatIpv4(other.block)}`);
      }
    }
  });
}

/**
 * Four consecutive equal subnets from the start of a VPC block: /24s like Copilot's defaults (10.0.0.0/24,
 * 10.0.1.0/24, ...) in VPCs of /22 or larger, a quarter of the block each in smaller ones, never below EC2's /28.
 */
export function carveFourSubnets(vpc: Ipv4Block, path: PathSegment[]): Ipv4Block[] {
  const prefix = Math.max(vpc.prefix + 2, Math.min(vpc.prefix + 8, 24));
  if (prefix > 28) {
    throw new RenderError(
      path,
      `the VPC block ${formatIpv4(vpc)} is too small for four subnets of at least /28`,
      'list the subnets under network.vpc.subnets, or use a larger VPC block',
    );
  }
  const size = 2 ** (32 - prefix);
  return [0, 1, 2, 3].map((i) => ({ base: (vpc.base + i * size) >>> 0, prefix }));
}

/**
 * A security-group source in CIDR form. A bare address means that one host (/32, or /128 for IPv6), which is how
 * the manifest's `source_ips` documents it; anything else is an error rather than a rule EC2 would reject.
 */
export function sourceRange(text: string, path: PathSegment[]): { CidrIp: string } | { CidrIpv6: string } {
  const v4 = parseIpv4(text);
  if (v4) {
    if (!isNetworkAddress(v4)) {
      const network = formatIpv4({ base: (v4.base & mask(v4.prefix)) >>> 0, prefix: v4.prefix });
      throw new RenderError(path, `"${text}" has host bits set`, `did you mean ${network}?`);
    }
    return { CidrIp: formatIpv4(v4) };
  }
  const v6 = /^([0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*)(?:\/(\d{1,3}))?$/.exec(text.trim());
  if (v6 && (v6[2] === undefined || Number(v6[2]) <= 128)) {
    return { CidrIpv6: v6[2] === undefined ? `${v6[1]}/128` : `${v6[1]}/${v6[2]}` };
  }
  throw new RenderError(path, `"${text}" is not an IP address range in CIDR form`, 'write it like 192.0.2.0/24');
}
