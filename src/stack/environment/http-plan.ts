// Reads `http.public`, `http.private` and `cdn` into one settled form: old (`security_groups.ingress`) and new
// (`ingress`) field names give the same result, imported IDs are checked, and what cannot exist is an error.
import type { EnvironmentManifest } from '../../manifest/schemas';
import type { PathSegment } from '../../manifest/node';
import { EnvironmentNeeds, RenderError } from '../inputs';
import type { Value } from '../template';
import { sourceRange } from './cidr';
import { bucketDomain, bucketName, cloudFrontCertificateArn, listenerCertificateArn, subnetId } from './ids';
import type { Network } from './network-plan';

export type SourceRange = { CidrIp: string } | { CidrIpv6: string };

export interface PublicHttp {
  subnets: Value[];
  certificates: string[];
  sslPolicy?: string;
  /** ELB access logs: into a bucket the stack creates (`bucket` undefined) or an existing one. */
  accessLogs?: { bucket?: string; prefix?: string };
  /** Who may reach the load balancer; both empty and `cdn` false means anyone. */
  sourceRanges: SourceRange[];
  cdnOnly: boolean;
}

export interface InternalHttp {
  subnets: Value[];
  certificates: string[];
  sslPolicy?: string;
  /** Allow 80/443 from any address that can route to the internal load balancer (`ingress.vpc`/`from_vpc`). */
  fromVpc: boolean;
}

export interface Cdn {
  certificate?: string;
  terminateTls: boolean;
  staticAssets?: { location: string; alias: string; path: string };
}

export interface HttpPlan {
  /** Undefined when the network has no public subnets to put a load balancer in. */
  public?: PublicHttp;
  internal?: InternalHttp;
  cdn?: Cdn;
}

type Manifest = EnvironmentManifest;

export function resolveHttp(manifest: Manifest, network: Network, needs: EnvironmentNeeds): HttpPlan {
  const cdn = resolveCdn(manifest);
  const plan: HttpPlan = { cdn };
  const pub = manifest.http?.public;
  if (network.public.length >= 2) {
    plan.public = resolvePublic(manifest, network, !!cdn);
  } else {
    const why = 'the imported VPC has no public subnets, so the environment can have no public load balancer';
    if (needs.albWorkloads.length > 0) {
      throw new RenderError(
        ['network', 'vpc', 'subnets', 'public'],
        `${why}; ${needs.albWorkloads.join(', ')} need one`,
      );
    }
    if (pub && Object.values(pub).some((v) => v !== undefined && v !== null)) {
      throw new RenderError(['http', 'public'], why);
    }
    if (cdn) throw new RenderError(['cdn'], `${why} for the CDN to sit in front of`);
  }
  plan.internal = resolveInternal(manifest, network, needs);
  return plan;
}

function certificates(list: string[] | null | undefined, path: PathSegment[]): string[] {
  return (list ?? []).map((arn, i) => listenerCertificateArn(arn, [...path, i]));
}

function resolvePublic(manifest: Manifest, network: Network, cdnEnabled: boolean): PublicHttp {
  const pub = manifest.http?.public;
  const path = ['http', 'public'];
  // The schema allows only one of the new and the deprecated ingress fields to be set.
  const hasNew = !!pub?.ingress && (pub.ingress.cdn !== undefined || (pub.ingress.source_ips ?? []).length > 0);
  const ingress = hasNew ? pub?.ingress : pub?.security_groups?.ingress?.restrict_to;
  const ingressPath = hasNew ? [...path, 'ingress'] : [...path, 'security_groups', 'ingress', 'restrict_to'];
  const sourceRanges = (ingress?.source_ips ?? []).map((ip, i) => sourceRange(ip, [...ingressPath, 'source_ips', i]));
  const cdnOnly = ingress?.cdn === true;
  if (cdnOnly && !cdnEnabled) {
    throw new RenderError([...ingressPath, 'cdn'], 'ingress can only be limited to the CDN when `cdn` is enabled');
  }
  return {
    subnets: network.public.map((s) => s.ref),
    certificates: certificates(pub?.certificates, [...path, 'certificates']),
    sslPolicy: pub?.ssl_policy || undefined,
    accessLogs: accessLogs(pub?.access_logs, [...path, 'access_logs']),
    sourceRanges,
    cdnOnly,
  };
}

function accessLogs(
  setting: boolean | { bucket_name?: string; prefix?: string } | undefined,
  path: PathSegment[],
): PublicHttp['accessLogs'] {
  if (setting === undefined || setting === false) return undefined;
  if (setting === true) return {};
  const prefix = setting.prefix || undefined;
  // ELB writes under `<prefix>/AWSLogs/`; it refuses prefixes that already contain that folder name.
  if (prefix && (/AWSLogs/i.test(prefix) || prefix.startsWith('/') || prefix.endsWith('/'))) {
    throw new RenderError(
      [...path, 'prefix'],
      `"${prefix}" cannot be an access-log prefix`,
      'leave out "AWSLogs" and leading or trailing slashes',
    );
  }
  return {
    bucket: setting.bucket_name ? bucketName(setting.bucket_name, [...path, 'bucket_name']) : undefined,
    prefix,
  };
}

function resolveInternal(manifest: Manifest, network: Network, needs: EnvironmentNeeds): InternalHttp | undefined {
  const priv = manifest.http?.private;
  const path = ['http', 'private'];
  let subnets: Value[];
  if (priv?.subnets) {
    // An ALB spans at least two subnets, in different Availability Zones.
    if (priv.subnets.length < 2) {
      throw new RenderError([...path, 'subnets'], 'the internal load balancer needs at least two subnets');
    }
    subnets = priv.subnets.map((id, i) => subnetId(id, [...path, 'subnets', i]));
  } else {
    subnets = network.private.map((s) => s.ref);
  }
  if (subnets.length < 2) {
    const why = 'the imported VPC has no private subnets, so the environment can have no internal load balancer';
    if (needs.internalAlbWorkloads.length > 0) {
      throw new RenderError(
        ['network', 'vpc', 'subnets', 'private'],
        `${why}; ${needs.internalAlbWorkloads.join(', ')} need one`,
        'list private subnets, or the subnets for it under http.private.subnets',
      );
    }
    if (priv && Object.values(priv).some((v) => v !== undefined && v !== null)) throw new RenderError(path, why);
    return undefined;
  }
  return {
    subnets,
    certificates: certificates(priv?.certificates, [...path, 'certificates']),
    sslPolicy: priv?.ssl_policy || undefined,
    fromVpc: (priv?.ingress?.vpc ?? priv?.security_groups?.ingress?.from_vpc) === true,
  };
}

function resolveCdn(manifest: Manifest): Cdn | undefined {
  const cdn = manifest.cdn;
  if (cdn === undefined || cdn === false) return undefined;
  if (cdn === true) return { terminateTls: false };
  const assets = cdn.static_assets;
  const hasAssets = !!(assets?.location || assets?.alias || assets?.path);
  // Same test as the schema's: a map with nothing set leaves the CDN off.
  if (cdn.certificate === undefined && cdn.terminate_tls === undefined && !hasAssets) return undefined;
  const certificate = cdn.certificate ? cloudFrontCertificateArn(cdn.certificate, ['cdn', 'certificate']) : undefined;
  let staticAssets: Cdn['staticAssets'];
  if (hasAssets && assets) {
    const path = ['cdn', 'static_assets'];
    if (!certificate) {
      // CloudFront answers for an alias only with a certificate covering it, and mycopilot does not create
      // certificates for an application domain.
      throw new RenderError(
        [...path, 'alias'],
        'serving static assets under an alias needs `cdn.certificate`',
        'add an ACM certificate in us-east-1 that covers the alias',
      );
    }
    staticAssets = {
      location: bucketDomain(assets.location ?? '', [...path, 'location']),
      alias: assets.alias ?? '',
      path: assets.path ?? '',
    };
  }
  return { certificate, terminateTls: cdn.terminate_tls === true, staticAssets };
}
