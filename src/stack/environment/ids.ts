// Checks the IDs and ARNs an environment manifest imports (VPC, subnets, certificates, buckets) have the form
// AWS gives them, so a placeholder or a typo is reported with its manifest path before anything is deployed.
import type { PathSegment } from '../../manifest/node';
import { RenderError } from '../inputs';

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

function check(pattern: RegExp, value: string, path: PathSegment[], message: string, hint: string): string {
  if (!pattern.test(value)) throw new RenderError(path, `"${value}" ${message}`, hint);
  return value;
}

export function vpcId(value: string, path: PathSegment[]): string {
  return check(VPC_ID, value, path, 'is not a VPC ID', 'VPC IDs look like vpc-0123456789abcdef0');
}

export function subnetId(value: string, path: PathSegment[]): string {
  return check(SUBNET_ID, value, path, 'is not a subnet ID', 'subnet IDs look like subnet-0123456789abcdef0');
}

export function listenerCertificateArn(value: string, path: PathSegment[]): string {
  return check(
    LISTENER_CERT_ARN,
    value,
    path,
    'is not a certificate ARN',
    'use the ARN of an ACM certificate: arn:aws:acm:<region>:<account>:certificate/<id>',
  );
}

export function cloudFrontCertificateArn(value: string, path: PathSegment[]): string {
  return check(
    ACM_CERT_ARN,
    value,
    path,
    'is not an ACM certificate ARN',
    'use the ARN of an ACM certificate in us-east-1: arn:aws:acm:us-east-1:<account>:certificate/<id>',
  );
}

export function bucketName(value: string, path: PathSegment[]): string {
  return check(BUCKET_NAME, value, path, 'is not an S3 bucket name', 'give the bucket name, not its ARN or URL');
}

export function bucketDomain(value: string, path: PathSegment[]): string {
  return check(
    BUCKET_DOMAIN,
    value,
    path,
    'is not the domain name of an S3 bucket',
    'write it like my-bucket.s3.us-west-2.amazonaws.com',
  );
}
