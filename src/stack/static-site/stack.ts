// Static Site stack `<app>-<env>-<name>`: a private, encrypted S3 bucket that only the site's CloudFront
// distribution may read (origin access control), served over HTTPS, on the manifest's alias when it has one.
// Files are uploaded by the deploy (listSiteFiles), not by the stack: Copilot's Lambda + Step Functions copy is
// replaced by the CLI, which then invalidates the distribution. Logical IDs and outputs are Copilot's.
import type { StaticSiteInput } from '../inputs';
import { RenderError, RenderWarnings } from '../inputs';
import { acmCertificateArn } from '../environment/ids';
import { workloadStackName, workloadTags } from '../naming';
import {
  GetAtt,
  Output,
  Parameter,
  Ref,
  RenderedStack,
  Resource,
  Sub,
  Value,
  compact,
  privateBucketProperties,
  resource,
} from '../template';
import { boundedName } from '../apprunner/names';

const PARAMETERS: Record<string, Parameter> = {
  AppName: { Type: 'String', Description: 'Name of the application.' },
  EnvName: { Type: 'String', Description: 'Name of the environment.' },
  WorkloadName: { Type: 'String', Description: 'Name of the site.' },
};

/** The certificate of the alias: an existing one, so a parameter whose value is the manifest's ARN. */
export const CERTIFICATE_PARAMETER = 'ImportedCertificateArn';

/** AWS's managed cache policy CachingOptimized: long TTLs, compression, no cookies/headers/query in the key. */
const CACHING_OPTIMIZED = '658327ea-f89d-4fab-a63d-7e88639e58f6';

/** Versions replaced by a deploy stay this long, so a bad upload can be undone, then stop costing storage. */
const NONCURRENT_VERSION_DAYS = 30;

/**
 * Serves `dir/index.html` for `/dir/` and `/dir` (a path whose last segment has no dot), as static site
 * generators lay pages out; DefaultRootObject covers only `/`.
 */
const INDEX_REWRITE = `function handler(event) {
  var request = event.request;
  var uri = request.uri;
  if (uri.endsWith('/')) {
    request.uri = uri + 'index.html';
  } else if (uri.lastIndexOf('.') < uri.lastIndexOf('/')) {
    request.uri = uri + '/index.html';
  }
  return request;
}
`;

/**
 * The certificate for the alias: the manifest's (`http.certificate`), else the environment's CloudFront
 * certificate (`cdn.certificate`, which the environment gives its domain). CloudFront takes ACM certificates
 * from us-east-1 only, which a stack in another region cannot create, and mycopilot issues none through a
 * Lambda as Copilot did, so an alias with neither is an error.
 */
function aliasCertificate(input: StaticSiteInput, warnings: RenderWarnings): string | undefined {
  const http = input.manifest.http;
  if (!http?.alias) return undefined;
  // A certificate ARN of another form (a placeholder, an account of other than 12 digits) is passed as written.
  if (http.certificate) return acmCertificateArn(http.certificate, ['http', 'certificate'], warnings);
  const cdn = input.environment.cdn;
  if (typeof cdn === 'object' && cdn !== null && cdn.certificate) {
    return acmCertificateArn(
      cdn.certificate,
      ['http', 'alias'],
      warnings,
      "an ACM certificate ARN (the environment's cdn.certificate, used for the alias)",
    );
  }
  throw new RenderError(
    ['http', 'alias'],
    `the alias ${http.alias} needs a certificate in us-east-1 and none is given`,
    'set `http.certificate` to the ARN of an ACM certificate in us-east-1 that covers the alias, or give the ' +
      'environment one (`cdn.certificate` in its manifest)',
  );
}

export function buildStaticSiteStack(input: StaticSiteInput): RenderedStack {
  const fullName = `${input.app}-${input.env}-${input.name}`;
  const alias = input.manifest.http?.alias || undefined;
  const warnings = new RenderWarnings();
  const certificateArn = aliasCertificate(input, warnings);
  const parameters: Record<string, Parameter> = { ...PARAMETERS };
  const parameterValues: Record<string, string> = { AppName: input.app, EnvName: input.env, WorkloadName: input.name };
  let certificate: Value;
  if (certificateArn !== undefined) {
    parameters[CERTIFICATE_PARAMETER] = {
      Type: 'String',
      Description:
        "ARN of the existing ACM certificate (us-east-1) for the alias: http.certificate, else the environment's " +
        'cdn.certificate.',
    };
    parameterValues[CERTIFICATE_PARAMETER] = certificateArn;
    certificate = Ref(CERTIFICATE_PARAMETER);
  }
  const originId = Sub('copilot-${AppName}-${EnvName}-${WorkloadName}');
  const resources: Record<string, Resource> = {};

  resources.Bucket = resource('AWS::S3::Bucket', "S3 bucket with the site's files", {
    VersioningConfiguration: { Status: 'Enabled' },
    ...privateBucketProperties(),
    LifecycleConfiguration: {
      Rules: [
        {
          Id: 'ExpireReplacedFiles',
          Status: 'Enabled',
          NoncurrentVersionExpiration: { NoncurrentDays: NONCURRENT_VERSION_DAYS },
          AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
        },
      ],
    },
  });

  resources.BucketPolicyForCloudFront = resource(
    'AWS::S3::BucketPolicy',
    'Bucket policy letting only the distribution read the files',
    {
      Bucket: Ref('Bucket'),
      PolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'ForceHTTPS',
            Effect: 'Deny',
            Principal: '*',
            Action: 's3:*',
            Resource: [GetAtt('Bucket', 'Arn'), Sub('${Bucket.Arn}/*')],
            Condition: { Bool: { 'aws:SecureTransport': false } },
          },
          {
            Sid: 'AllowCloudFrontServicePrincipalReadOnly',
            Effect: 'Allow',
            Principal: { Service: 'cloudfront.amazonaws.com' },
            Action: 's3:GetObject',
            Resource: Sub('${Bucket.Arn}/*'),
            Condition: {
              StringEquals: {
                'AWS:SourceArn': Sub(
                  'arn:${AWS::Partition}:cloudfront::${AWS::AccountId}:distribution/${CloudFrontDistribution}',
                ),
              },
            },
          },
        ],
      },
    },
  );

  // Names of origin access controls and functions are unique per account and at most 64 characters.
  resources.CloudFrontOriginAccessControl = resource(
    'AWS::CloudFront::OriginAccessControl',
    'Origin access control: CloudFront signs its requests to the bucket',
    {
      OriginAccessControlConfig: {
        Name: boundedName(fullName, 64),
        Description: Sub('Access of the ${AppName}-${EnvName}-${WorkloadName} distribution to its bucket'),
        OriginAccessControlOriginType: 's3',
        SigningBehavior: 'always',
        SigningProtocol: 'sigv4',
      },
    },
  );

  resources.CloudFrontViewerRequestRewriteFunction = resource(
    'AWS::CloudFront::Function',
    'CloudFront function serving index.html for directory paths',
    {
      Name: boundedName(fullName, 64),
      AutoPublish: true,
      FunctionConfig: { Comment: 'Serve index.html for directory paths', Runtime: 'cloudfront-js-2.0' },
      FunctionCode: INDEX_REWRITE,
    },
  );

  resources.CloudFrontDistribution = resource('AWS::CloudFront::Distribution', 'CloudFront distribution of the site', {
    DistributionConfig: compact({
      Enabled: true,
      Comment: boundedName(fullName, 128),
      Aliases: alias ? [alias] : undefined,
      DefaultRootObject: 'index.html',
      HttpVersion: 'http2and3',
      IPV6Enabled: true,
      Origins: [
        {
          Id: originId,
          DomainName: GetAtt('Bucket', 'RegionalDomainName'),
          OriginAccessControlId: GetAtt('CloudFrontOriginAccessControl', 'Id'),
          // An S3 origin needs S3OriginConfig; the empty identity says "no legacy OAI", the OAC signs instead.
          S3OriginConfig: { OriginAccessIdentity: '' },
        },
      ],
      DefaultCacheBehavior: {
        TargetOriginId: originId,
        ViewerProtocolPolicy: 'redirect-to-https',
        AllowedMethods: ['GET', 'HEAD'],
        CachedMethods: ['GET', 'HEAD'],
        Compress: true,
        CachePolicyId: CACHING_OPTIMIZED,
        FunctionAssociations: [
          {
            EventType: 'viewer-request',
            FunctionARN: GetAtt('CloudFrontViewerRequestRewriteFunction', 'FunctionARN'),
          },
        ],
      },
      ViewerCertificate: certificate
        ? { AcmCertificateArn: certificate, SslSupportMethod: 'sni-only', MinimumProtocolVersion: 'TLSv1.2_2021' }
        : { CloudFrontDefaultCertificate: true },
    }),
  });

  const outputs: Record<string, Output> = {
    CloudFrontDistributionDomainName: {
      Description: 'Domain name of the distribution; point the alias at it (CNAME or Route 53 alias record).',
      Value: GetAtt('CloudFrontDistribution', 'DomainName'),
      Export: { Name: Sub('${AWS::StackName}-CloudFrontDistributionDomainName') },
    },
    ...(alias
      ? {
          CloudFrontDistributionAlternativeDomainName: {
            Description: 'Alias of the site.',
            Value: alias,
            Export: { Name: Sub('${AWS::StackName}-CloudFrontDistributionAlternativeDomainName') },
          },
        }
      : {}),
    CloudFrontDistributionID: {
      Description: 'ID of the distribution, to invalidate.',
      Value: Ref('CloudFrontDistribution'),
    },
    BucketName: { Description: 'Bucket the deploy uploads the files to.', Value: Ref('Bucket') },
  };

  return warnings.attach({
    stackName: workloadStackName(input.app, input.env, input.name),
    template: {
      AWSTemplateFormatVersion: '2010-09-09',
      Description: `Static Site ${input.name}: S3 bucket served by CloudFront (mycopilot).`,
      Parameters: parameters,
      Resources: resources,
      Outputs: outputs,
    },
    parameters: parameterValues,
    tags: workloadTags(input.app, input.env, input.name),
  });
}
