// `env_file`s of a workload: uploaded to the application's artifact bucket under a name made of their content
// hash, so an unchanged file gives the same object ARN and an unchanged deploy stays a no-op.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { call } from '../aws/errors';
import { logicalIdSafe } from '../stack/naming';
import { MycopilotError } from '../errors';
import { artifactBucket } from './application';
import { DeploySession } from './session';

/** The template parameter that takes each env file's S3 object ARN, by the path of the file in the manifest. */
export function envFileParameters(manifest: unknown): { parameter: string; file: string }[] {
  const m = manifest as {
    env_file?: string;
    logging?: { env_file?: string };
    sidecars?: Record<string, { env_file?: string }>;
  };
  const out: { parameter: string; file: string }[] = [];
  if (m.env_file) out.push({ parameter: 'EnvFileARN', file: m.env_file });
  if (m.logging?.env_file) out.push({ parameter: 'LoggingEnvFileARN', file: m.logging.env_file });
  for (const [name, sidecar] of Object.entries(m.sidecars ?? {})) {
    if (sidecar.env_file) out.push({ parameter: `EnvFileARNFor${logicalIdSafe(name)}`, file: sidecar.env_file });
  }
  return out;
}

/** Uploads the workload's env files; returns the parameter values to deploy with. */
export async function uploadEnvFiles(
  session: DeploySession,
  ctx: { app: string; env: string; workspaceRoot: string },
  name: string,
  manifest: unknown,
): Promise<Record<string, string>> {
  const files = envFileParameters(manifest);
  if (files.length === 0) return {};
  const bucket = await artifactBucket(session, ctx.app);
  if (!bucket) {
    throw new MycopilotError('DEPLOY', `the application ${ctx.app} has no artifact bucket for env files`, {
      hint: `Run \`mycopilot app init ${ctx.app}\`.`,
    });
  }
  const s3 = await session.clients.s3();
  const { PutObjectCommand } = await import('@aws-sdk/client-s3');
  const partition = partitionOf(await s3.config.region());
  const values: Record<string, string> = {};
  for (const { parameter, file } of files) {
    const full = path.resolve(ctx.workspaceRoot, file);
    const body = await readFile(full).catch(() => {
      throw new MycopilotError('FILE', `env_file ${file} does not exist (looked for ${full})`, {
        hint: 'env_file paths are relative to the workspace root.',
      });
    });
    const hash = createHash('sha256').update(body).digest('hex').slice(0, 16);
    const key = `manual/env-files/${ctx.env}/${name}/${path.basename(file)}-${hash}`;
    await call(`uploading ${file}`, () => s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body })));
    values[parameter] = `arn:${partition}:s3:::${bucket}/${key}`;
  }
  return values;
}

/** The ARN partition of a Region. */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}
