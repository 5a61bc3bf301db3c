// Reads `http.public`, `http.private` and `cdn` into one settled form: old (`security_groups.ingress`) and new
// (`ingress`) field names give the same result, imported IDs and ARNs become stack parameters (checked: a malformed
// one is a warning), and what cannot exist is an error.
import { AliasZone, dnsName } from '../app-domain';
import type { EnvironmentManifest } from '../../manifest/schemas';
import type { PathSegment } from '../../manifest/node';
import { EnvironmentNeeds, RenderError, RenderWarnings } from '../inputs';
import type { Value } from '../template';
import { sourceRange } from './cidr';
import {
  bucketDomain,
  bucketName,
  cloudFrontCertificateArn,
  isSubnetId,
  listenerCertificateArn,
  subnetId,
} from './ids';
import type { Network } from './network-plan';
import { importedListParameter, importedParameter, PARAM } from './parameters';
import type { StackParts } from './parts';

export type SourceRange = { CidrIp: string } | { CidrIpv6: string };

export interface PublicHttp {
  /** The subnets as one list value. */
  subnets: Value;
  /** Each certificate ARN: an item of the ImportedPublicALBCertificateArns parameter. */
  certificates: Value[];
  sslPolicy?: string;
  /** ELB access logs: into a bucket the stack creates (`bucket` undefined) or an existing one (a parameter). */
  accessLogs?: { bucket?: Value; prefix?: string };
  /** Who may reach the load balancer; both empty and `cdn` false means anyone. */
  sourceRanges: SourceRange[];
  cdnOnly: boolean;
  /**
   * The environment's own certificate (the application has a domain), for the HTTPS listener when the manifest
   * imports none; it and the listener exist under `condition`.
   */
  appCertificate?: { arn: Value; condition: string };
}

export interface InternalHttp {
  /** The subnets as one list value. */
  subnets: Value;
  /** Each certificate ARN: an item of the ImportedInternalALBCertificateArns parameter. */
  certificates: Value[];
  sslPolicy?: string;
  /** Allow 80/443 from any address that can route to the internal load balancer (`ingress.vpc`/`from_vpc`). */
  fromVpc: boolean;
}

export interface Cdn {
  /**
   * `Ref` of the ImportedCDNCertificateArn parameter (`cdn.certificate`), or of CDNCertificateArn when mycopilot
   * issues the certificate for the static-assets alias (see cdn-certificate.ts).
   */
  certificate?: Value;
  /**
   * When mycopilot issues the certificate: the condition that it has been (its ARN parameter is set), and the zone of
   * the application's domain the alias's records go to.
   */
  issuedCertificate?: { condition: string; zone: AliasZone };
  terminateTls: boolean;
  /** `location`: `Ref` of the ImportedStaticAssetsBucketDomain parameter. */
  staticAssets?: { location: Value; alias: string; path: string };
}

export interface HttpPlan {
  /** Undefined when the network has no public subnets to put a load balancer in. */
  public?: PublicHttp;
  internal?: InternalHttp;
  cdn?: Cdn;
}

type Manifest = EnvironmentManifest;

/**
 * Imported IDs and ARNs become parameters of `parts`, whose values are the manifest's; those that do not look
 * well-formed are passed as written, with a warning in `warnings`.
 */
export function resolveHttp(
  manifest: Manifest,
  network: Network,
  needs: EnvironmentNeeds,
  warnings: RenderWarnings,
  parts: StackParts,
): HttpPlan {
  const cdn = resolveCdn(manifest, warnings, parts);
  const plan: HttpPlan = { cdn };
  const pub = manifest.http?.public;
  if (network.public.length >= 2) {
    plan.public = resolvePublic(manifest, network, !!cdn, warnings, parts);
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
  plan.internal = resolveInternal(manifest, network, needs, warnings, parts);
  return plan;
}

type Checked = { value: string; path: PathSegment[] }[];

/** The certificate ARNs of a load balancer, checked (a malformed one is a warning). */
function checkCertificates(list: string[] | null | undefined, path: PathSegment[], warnings: RenderWarnings): Checked {
  return (list ?? []).map((arn, i) => ({
    value: listenerCertificateArn(arn, [...path, i], warnings),
    path: [...path, i],
  }));
}

/** The items of a CommaDelimitedList parameter of the ARNs; no parameter when there are none. */
function certificateItems(parts: StackParts, name: string, field: string, which: string, arns: Checked): Value[] {
  if (arns.length === 0) return [];
  const what = `ARNs of the certificates of the ${which} load balancer's HTTPS listener`;
  return importedListParameter(parts, name, 'CommaDelimitedList', field, what, arns).items;
}

function resolvePublic(
  manifest: Manifest,
  network: Network,
  cdnEnabled: boolean,
  warnings: RenderWarnings,
  parts: StackParts,
): PublicHttp {
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
  const arns = checkCertificates(pub?.certificates, [...path, 'certificates'], warnings);
  const certificates = certificateItems(
    parts,
    PARAM.importedPublicAlbCertificates,
    'http.public.certificates',
    'public',
    arns,
  );
  return {
    subnets: network.subnetIds.public,
    certificates,
    sslPolicy: pub?.ssl_policy || undefined,
    accessLogs: accessLogs(pub?.access_logs, [...path, 'access_logs'], warnings, parts),
    sourceRanges,
    cdnOnly,
  };
}

function accessLogs(
  setting: boolean | { bucket_name?: string; prefix?: string } | undefined,
  path: PathSegment[],
  warnings: RenderWarnings,
  parts: StackParts,
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
  const bucket = setting.bucket_name
    ? importedParameter(
        parts,
        PARAM.importedAccessLogsBucket,
        'String',
        'http.public.access_logs.bucket_name',
        "Name of the existing S3 bucket for the public load balancer's access logs",
        bucketName(setting.bucket_name, [...path, 'bucket_name'], warnings),
      )
    : undefined;
  return { bucket, prefix };
}

function resolveInternal(
  manifest: Manifest,
  network: Network,
  needs: EnvironmentNeeds,
  warnings: RenderWarnings,
  parts: StackParts,
): InternalHttp | undefined {
  const priv = manifest.http?.private;
  const path = ['http', 'private'];
  let subnets: Value;
  /** Whether the internal load balancer has the two subnets it needs (or a list of them that cannot be counted). */
  let enough: boolean;
  if (priv?.subnets) {
    const ids = priv.subnets.map((id, i) => {
      const at = [...path, 'subnets', i];
      return { value: subnetId(id, at, warnings), path: at };
    });
    // An ALB spans at least two subnets, in different Availability Zones. A list with a placeholder in it (warned
    // about above; `[subnet-a subnet-b]` is one item) cannot be counted: CloudFormation checks it at deploy.
    if (ids.every((id) => isSubnetId(id.value)) && ids.length < 2) {
      throw new RenderError([...path, 'subnets'], 'the internal load balancer needs at least two subnets');
    }
    subnets = importedListParameter(
      parts,
      PARAM.importedInternalAlbSubnets,
      'List<AWS::EC2::Subnet::Id>',
      'http.private.subnets',
      'IDs of the existing subnets of the internal load balancer',
      ids,
    ).list;
    enough = true;
  } else {
    subnets = network.subnetIds.private;
    enough = network.private.length >= 2;
  }
  if (!enough) {
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
  const arns = checkCertificates(priv?.certificates, [...path, 'certificates'], warnings);
  return {
    subnets,
    certificates: certificateItems(
      parts,
      PARAM.importedInternalAlbCertificates,
      'http.private.certificates',
      'internal',
      arns,
    ),
    sslPolicy: priv?.ssl_policy || undefined,
    fromVpc: (priv?.ingress?.vpc ?? priv?.security_groups?.ingress?.from_vpc) === true,
  };
}

function resolveCdn(manifest: Manifest, warnings: RenderWarnings, parts: StackParts): Cdn | undefined {
  const cdn = manifest.cdn;
  if (cdn === undefined || cdn === false) return undefined;
  if (cdn === true) return { terminateTls: false };
  const assets = cdn.static_assets;
  const hasAssets = !!(assets?.location || assets?.alias || assets?.path);
  // Same test as the schema's: a map with nothing set leaves the CDN off.
  if (cdn.certificate === undefined && cdn.terminate_tls === undefined && !hasAssets) return undefined;
  const certificate = cdn.certificate
    ? importedParameter(
        parts,
        PARAM.importedCdnCertificate,
        'String',
        'cdn.certificate',
        'ARN of the existing ACM certificate (us-east-1) of the CloudFront distribution',
        cloudFrontCertificateArn(cdn.certificate, ['cdn', 'certificate'], warnings),
      )
    : undefined;
  let staticAssets: Cdn['staticAssets'];
  if (hasAssets && assets) {
    const path = ['cdn', 'static_assets'];
    staticAssets = {
      location: importedParameter(
        parts,
        PARAM.importedStaticAssetsBucket,
        'String',
        'cdn.static_assets.location',
        'Domain name of the existing S3 bucket of the static assets',
        bucketDomain(assets.location ?? '', [...path, 'location'], warnings),
      ),
      // As CloudFront, the certificate and the alias's records take it: lower-case, without a final dot.
      alias: assets.alias ? dnsName(assets.alias) : '',
      path: assets.path ?? '',
    };
  }
  return { certificate, terminateTls: cdn.terminate_tls === true, staticAssets };
}
