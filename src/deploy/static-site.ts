// A Static Site's files: after its stack is deployed (changed or not), upload the files whose content changed to
// the site bucket, then invalidate the CloudFront cache when anything was uploaded. Files no longer listed are
// left in the bucket: a deploy never deletes what it did not write in this run.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { call } from '../aws/errors';
import { MycopilotError } from '../errors';
import type { StaticSite } from '../manifest/schemas';
import { DirectoryReader, listSiteFiles, localDirectories } from '../stack/static-site';
import { inParallel } from './all';
import { DeploySession } from './session';

export interface SiteUpload {
  uploaded: string[];
  unchanged: number;
  invalidation?: string;
}

export async function uploadSite(
  session: DeploySession,
  workspaceRoot: string,
  manifest: StaticSite,
  outputs: Record<string, string>,
  reader: DirectoryReader = localDirectories,
): Promise<SiteUpload> {
  const bucket = outputs.BucketName;
  if (!bucket)
    throw new MycopilotError('DEPLOY', 'the static site stack has no BucketName output to upload the files to');
  const files = listSiteFiles(manifest, workspaceRoot, reader);
  const [s3, { ListObjectsV2Command, PutObjectCommand }] = await Promise.all([
    session.clients.s3(),
    import('@aws-sdk/client-s3'),
  ]);

  // ETags of single-part uploads are the MD5 of the content: compare them to upload only what changed.
  const etags = new Map<string, string>();
  let ContinuationToken: string | undefined;
  do {
    const page = await call(`listing s3://${bucket}`, () =>
      s3.send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken })),
    );
    for (const o of page.Contents ?? []) if (o.Key && o.ETag) etags.set(o.Key, o.ETag.replace(/"/g, ''));
    ContinuationToken = page.NextContinuationToken;
  } while (ContinuationToken);

  const uploaded: string[] = [];
  await inParallel(files, 8, async (file) => {
    const body = await readFile(file.source);
    if (etags.get(file.key) === createHash('md5').update(body).digest('hex')) return;
    await call(`uploading ${file.key}`, () =>
      s3.send(new PutObjectCommand({ Bucket: bucket, Key: file.key, Body: body, ContentType: file.contentType })),
    );
    uploaded.push(file.key);
  });
  const result: SiteUpload = { uploaded: uploaded.sort(), unchanged: files.length - uploaded.length };
  const distribution = outputs.CloudFrontDistributionID;
  if (uploaded.length > 0 && distribution) {
    const [cloudFront, { CreateInvalidationCommand }] = await Promise.all([
      session.clients.cloudFront(),
      import('@aws-sdk/client-cloudfront'),
    ]);
    // The files are in place; a failed invalidation only means CloudFront may serve old copies until they expire.
    try {
      const out = await cloudFront.send(
        new CreateInvalidationCommand({
          DistributionId: distribution,
          InvalidationBatch: {
            CallerReference: `mycopilot-${session.clock.now().getTime()}`,
            Paths: { Quantity: 1, Items: ['/*'] },
          },
        }),
      );
      result.invalidation = out.Invalidation?.Id;
    } catch (err) {
      session.out.warn(
        `the files are uploaded, but CloudFront's cache of ${distribution} was not invalidated (${(err as Error).name}: ${(err as Error).message}); ` +
          `run: aws cloudfront create-invalidation --distribution-id ${distribution} --paths '/*'`,
      );
    }
  }
  session.out.info(
    `✔ Site files: ${uploaded.length} uploaded, ${result.unchanged} unchanged${result.invalidation ? `; cache invalidation ${result.invalidation}` : ''}.`,
  );
  return result;
}
