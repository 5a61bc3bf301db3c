// Static Site: files uploaded to an S3 bucket and served by a CloudFront distribution.
import { z } from 'zod';
import { stringOrList } from './primitives';
import { ALWAYS, issue } from './workload-common';
import { asMap } from '../values';

const CERTIFICATE_ARN = /^arn:[^:]+:acm:([^:]*):[^:]*:certificate\/.+$/;

const file = z
  .object({
    source: z.string().min(1).describe('Directory or file to upload, relative to the workspace root.'),
    recursive: z
      .boolean()
      .optional()
      .describe('Upload the source directory recursively. Default true for a directory.'),
    destination: z.string().optional().describe('Prefix of the uploaded objects in the bucket. Default: the root.'),
    exclude: stringOrList
      .optional()
      .describe('Patterns (*, ?, [seq], [!seq]) of files to leave out, as in `aws s3 cp --exclude`.'),
    reinclude: stringOrList
      .optional()
      .describe('Patterns of excluded files to upload after all, as in `aws s3 cp --include`.'),
  })
  .describe('Files to upload.');

function checkStaticSite(value: unknown, ctx: z.core.$RefinementCtx): void {
  const http = asMap(asMap(value)?.http);
  if (typeof http?.certificate !== 'string') return;
  if (typeof http.alias !== 'string' || http.alias === '') {
    issue(ctx, ['http', 'alias'], '`http.certificate` needs `alias`, the domain name it certifies');
  }
  const arn = CERTIFICATE_ARN.exec(http.certificate);
  if (!arn) issue(ctx, ['http', 'certificate'], 'expected the ARN of an ACM certificate (arn:aws:acm:us-east-1:...)');
  else if (arn[1] !== 'us-east-1') {
    issue(ctx, ['http', 'certificate'], `CloudFront takes certificates from us-east-1 only, this one is in ${arn[1]}`);
  }
}

export const staticSiteSchema = z
  .object({
    name: z.string().min(1).describe('Name of the site; its resources (bucket, distribution) are named after it.'),
    type: z.literal('Static Site').describe('Static files in an S3 bucket served through CloudFront.'),
    ...z
      .object({
        http: z
          .object({
            alias: z.string().describe('Domain name of the site.'),
            certificate: z
              .string()
              .describe('ARN of an imported ACM certificate for the alias; CloudFront needs it in us-east-1.'),
          })
          .partial()
          .describe('Domain name and certificate of the site.'),
        files: z.array(file).describe('Files to upload to the bucket.'),
      })
      .partial().shape,
  })
  .superRefine(checkStaticSite, ALWAYS)
  .describe('Manifest of a Static Site.');
