// Uploading a Static Site's files after its stack deploys: only changed files, then one cache invalidation.
import { CloudFrontClient, CreateInvalidationCommand } from '@aws-sdk/client-cloudfront';
import { ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { AwsClients } from '../../../src/aws/clients';
import { DeploySession } from '../../../src/deploy/session';
import { uploadSite } from '../../../src/deploy/static-site';
import { StaticSite } from '../../../src/manifest/schemas';
import { MemoryOutput } from '../../../src/ui/output';
import { tempDir } from '../../helpers/cli';

const s3 = mockClient(S3Client);
const cloudFront = mockClient(CloudFrontClient);

function site(): string {
  const root = tempDir();
  mkdirSync(path.join(root, 'public', 'css'), { recursive: true });
  writeFileSync(path.join(root, 'public', 'index.html'), '<h1>hi</h1>');
  writeFileSync(path.join(root, 'public', 'css', 'site.css'), 'h1{}');
  return root;
}

const manifest = {
  name: 'www',
  type: 'Static Site',
  files: [{ source: 'public', recursive: true, destination: '/' }],
} as unknown as StaticSite;

function session(): DeploySession & { out: MemoryOutput } {
  return {
    clients: new AwsClients({ region: 'us-east-1' }),
    out: new MemoryOutput(),
    clock: { now: () => new Date(1_700_000_000_000), sleep: async () => undefined },
  } as unknown as DeploySession & { out: MemoryOutput };
}

describe('uploadSite', () => {
  beforeEach(() => {
    s3.reset();
    cloudFront.reset();
    cloudFront.on(CreateInvalidationCommand).resolves({
      Invalidation: { Id: 'I123', Status: 'InProgress', CreateTime: new Date(), InvalidationBatch: undefined },
    });
    s3.on(PutObjectCommand).resolves({});
  });

  it('uploads changed files with their content type and invalidates the cache once', async () => {
    const md5 = createHash('md5').update('h1{}').digest('hex');
    s3.on(ListObjectsV2Command).resolves({
      Contents: [
        { Key: 'css/site.css', ETag: `"${md5}"` },
        { Key: 'old.html', ETag: '"x"' },
      ],
    });
    const s = session();
    const out = await uploadSite(s, site(), manifest, { BucketName: 'b', CloudFrontDistributionID: 'D1' });
    expect(out).toEqual({ uploaded: ['index.html'], unchanged: 1, invalidation: 'I123' });
    const put = s3.commandCalls(PutObjectCommand)[0].args[0].input;
    expect(put).toMatchObject({ Bucket: 'b', Key: 'index.html', ContentType: 'text/html; charset=utf-8' });
    expect(cloudFront.commandCalls(CreateInvalidationCommand)[0].args[0].input).toMatchObject({
      DistributionId: 'D1',
      InvalidationBatch: { Paths: { Quantity: 1, Items: ['/*'] } },
    });
    expect(s.out.infos).toEqual(['✔ Site files: 1 uploaded, 1 unchanged; cache invalidation I123.']);
  });

  it('uploads nothing and invalidates nothing when every file is unchanged', async () => {
    const etag = (t: string) => `"${createHash('md5').update(t).digest('hex')}"`;
    s3.on(ListObjectsV2Command).resolves({
      Contents: [
        { Key: 'index.html', ETag: etag('<h1>hi</h1>') },
        { Key: 'css/site.css', ETag: etag('h1{}') },
      ],
    });
    const out = await uploadSite(session(), site(), manifest, { BucketName: 'b', CloudFrontDistributionID: 'D1' });
    expect(out).toEqual({ uploaded: [], unchanged: 2 });
    expect(s3.commandCalls(PutObjectCommand)).toHaveLength(0);
    expect(cloudFront.commandCalls(CreateInvalidationCommand)).toHaveLength(0);
  });

  it('warns with the command to run when the invalidation fails, without failing the deploy', async () => {
    s3.on(ListObjectsV2Command).resolves({});
    cloudFront.on(CreateInvalidationCommand).rejects(Object.assign(new Error('denied'), { name: 'AccessDenied' }));
    const s = session();
    const out = await uploadSite(s, site(), manifest, { BucketName: 'b', CloudFrontDistributionID: 'D1' });
    expect(out.uploaded).toEqual(['css/site.css', 'index.html']);
    expect(s.out.warnings[0]).toMatch(
      /not invalidated \(AccessDenied: denied\); run: aws cloudfront create-invalidation --distribution-id D1/,
    );
  });

  it('says so when the stack has no bucket output', async () => {
    const err = await uploadSite(session(), site(), manifest, {}).catch((e) => e);
    expect(err.code).toBe('DEPLOY');
  });
});
