// Checks that the IDs and ARNs a manifest imports (VPC, subnets, certificates, buckets, VPC endpoints), and the CIDR
// blocks and Availability Zones of the VPC mycopilot creates, have the form AWS gives them. They are the values of
// stack parameters; a value of another form (a placeholder such as `vpc-12345` or `mock-cidr-0`, a typo) is passed as
// written, with a warning at its manifest path: whether it names something that exists is for AWS to say, at deploy
// time.
import type { PathSegment } from '../../manifest/node';
import type { RenderWarnings } from '../inputs';
import { parseCidr } from './cidr';

// The forms EC2 uses for resource IDs: a prefix and 8 (older) or 17 hexadecimal digits.
const VPC_ID = /^vpc-([0-9a-f]{8}|[0-9a-f]{17})$/i;
const SUBNET_ID = /^subnet-([0-9a-f]{8}|[0-9a-f]{17})$/i;
/** An ACM certificate, or an IAM server certificate (load balancer listeners take either). */
const LISTENER_CERT_ARN = /^arn:aws[a-z-]*:(acm:[a-z0-9-]+:\d{12}:certificate\/.+|iam::\d{12}:server-certificate\/.+)$/;
const ACM_CERT_ARN = /^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/.+$/;
/** S3 bucket names: 3-63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit. */
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
/** The REST endpoint of a bucket, which is what a CloudFront S3 origin needs. */
const BUCKET_DOMAIN = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]\.s3([.-][a-z0-9-]+)?\.amazonaws\.com(\.cn)?$/;

/**
 * Availability Zone names: a Region's (us-west-2a, us-gov-west-1a), a Local Zone's (us-west-2-lax-1a) or a Wavelength
 * Zone's (us-east-1-wl1-bos-wlz-1).
 */
const AZ_NAME = /^[a-z]{2}(-[a-z]+)+-\d+([a-z]|-[a-z]+-\d+[a-z]|-wl\d+-[a-z]+-wlz-\d+)$/;

/** The value, unchanged; a warning when it does not match `pattern` (a RegExp, or a test of the value). */
function checkForm(
  pattern: RegExp | ((value: string) => boolean),
  value: string,
  path: PathSegment[],
  warnings: RenderWarnings,
  what: string,
  hint: string,
): string {
  if (!(typeof pattern === 'function' ? pattern(value) : pattern.test(value))) {
    warnings.add({ path, value, message: `"${value}" does not look like ${what}; it is used as written`, hint });
  }
  return value;
}

export function vpcId(value: string, path: PathSegment[], warnings: RenderWarnings): string {
  return checkForm(VPC_ID, value, path, warnings, 'a VPC ID', 'VPC IDs look like vpc-0123456789abcdef0');
}

/** Whether `value` has the form of a subnet ID. */
export function isSubnetId(value: string): boolean {
  return SUBNET_ID.test(value);
}

export function subnetId(value: string, path: PathSegment[], warnings: RenderWarnings): string {
  const hint = 'subnet IDs look like subnet-0123456789abcdef0';
  // `[subnet-a subnet-b]` is a YAML list of one item.
  const list = /\s/.test(value.trim()) ? 'YAML flow lists separate items with commas: [subnet-a, subnet-b]; ' : '';
  return checkForm(SUBNET_ID, value, path, warnings, 'a subnet ID', `${list}${hint}`);
}

/** An IPv4 CIDR block of the VPC mycopilot creates or of one of its subnets; `example` shows the form in the hint. */
export function ipv4CidrBlock(value: string, path: PathSegment[], warnings: RenderWarnings, example: string): string {
  const test = (v: string) => parseCidr(v) !== undefined;
  return checkForm(test, value, path, warnings, 'an IPv4 CIDR block', `write it like ${example}`);
}

export function availabilityZone(value: string, path: PathSegment[], warnings: RenderWarnings): string {
  return checkForm(
    AZ_NAME,
    value,
    path,
    warnings,
    'an Availability Zone name',
    'Availability Zone names look like us-west-2a, or us-west-2-lax-1a for a Local Zone',
  );
}

export function listenerCertificateArn(value: string, path: PathSegment[], warnings: RenderWarnings): string {
  return checkForm(
    LISTENER_CERT_ARN,
    value,
    path,
    warnings,
    'a certificate ARN',
    'certificate ARNs look like arn:aws:acm:<region>:<12-digit account>:certificate/<id>',
  );
}

export function cloudFrontCertificateArn(value: string, path: PathSegment[], warnings: RenderWarnings): string {
  return checkForm(
    ACM_CERT_ARN,
    value,
    path,
    warnings,
    'an ACM certificate ARN',
    'CloudFront takes an ACM certificate of us-east-1: arn:aws:acm:us-east-1:<12-digit account>:certificate/<id>',
  );
}

export function bucketName(value: string, path: PathSegment[], warnings: RenderWarnings): string {
  return checkForm(
    BUCKET_NAME,
    value,
    path,
    warnings,
    'an S3 bucket name',
    'give the name of the bucket (3-63 lowercase letters, digits, dots and hyphens), not its ARN or URL',
  );
}

export function bucketDomain(value: string, path: PathSegment[], warnings: RenderWarnings): string {
  return checkForm(
    BUCKET_DOMAIN,
    value,
    path,
    warnings,
    'the domain name of an S3 bucket',
    'write it like my-bucket.s3.us-west-2.amazonaws.com',
  );
}

const VPC_ENDPOINT_ID = /^vpce-([0-9a-f]{8}|[0-9a-f]{17})$/i;

export function vpcEndpointId(value: string, path: PathSegment[], warnings: RenderWarnings): string {
  return checkForm(
    VPC_ENDPOINT_ID,
    value,
    path,
    warnings,
    'a VPC endpoint ID',
    'VPC endpoint IDs look like vpce-0123456789abcdef0',
  );
}

/** An ACM certificate of any Region (CloudFront's must be in us-east-1; the schema checks the Region). */
export function acmCertificateArn(value: string, path: PathSegment[], warnings: RenderWarnings, what?: string): string {
  return checkForm(
    ACM_CERT_ARN,
    value,
    path,
    warnings,
    what ?? 'an ACM certificate ARN',
    'ACM certificate ARNs look like arn:aws:acm:us-east-1:<12-digit account>:certificate/<id>',
  );
}
