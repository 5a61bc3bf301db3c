// `pipeline deploy`: the offline plan first (a manifest mistake costs no AWS call), then what only AWS knows
// (the application's artifact bucket and repositories, environment records and roles, a connection named in
// the manifest), then the stack through the same change-set engine as every other stack (an unchanged pipeline
// is one DescribeStacks), then the connection handshake when the source needs one.
import { createHash } from 'node:crypto';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { ConnectionApi, PipelineApi } from '../aws/codepipeline';
import { call } from '../aws/errors';
import { MycopilotError } from '../errors';
import { applicationStackName } from '../stack/application';
import { ARTIFACT_BUCKET_PARAM, CONNECTION_PARAM } from '../stack/pipeline';
import { artifactBucket, ensureRepositories } from './application';
import { waitForConnection, ConnectionWaitResult } from './pipeline-connection';
import { buildPlannedStack, PipelineContext, PipelinePlan, planPipeline } from './pipeline-render';
import type { PipelineEntry } from '../workspace/workspace';
import { deployInSession, DeploySession } from './session';
import type { DeployOutcome, DeployStackOptions } from './stack-deploy';

export interface PipelineDeployOptions {
  force?: boolean;
  noRollback?: boolean;
  detach?: boolean;
  confirm?: DeployStackOptions['confirm'];
  /** How long to wait for a PENDING connection; 0 does not wait. */
  connectionTimeoutMs: number;
  /** How often to look at a PENDING connection. */
  connectionPollMs?: number;
}

export interface PipelineDeployResult {
  plan: PipelinePlan;
  outcome: DeployOutcome;
  /** The CodePipeline pipeline's name. */
  pipelineName?: string;
  connection?: { arn: string; result: ConnectionWaitResult | 'not-checked' };
  /** An execution started because the connection became available. */
  startedExecution?: string;
}

/** Fills in the environments' own roles (Copilot environments have them) and checks they are where we are. */
async function environmentRoles(session: DeploySession, app: string, plan: PipelinePlan): Promise<void> {
  const region = await (await session.clients.cloudFormation()).config.region();
  for (const stage of plan.input.stages) {
    if (stage.deployments.length === 0) continue;
    const onlyEnvironment = stage.deployments.every((d) => d.kind !== 'workload');
    // A stage that deploys the environment itself may come before its first `env deploy`.
    const record = onlyEnvironment
      ? await session.store.getEnvironment(app, stage.env)
      : await session.store.requireEnvironment(app, stage.env);
    if (!record) continue;
    if (record.region && region && record.region !== region) {
      throw new MycopilotError(
        'USAGE',
        `environment ${stage.env} is in ${record.region}, the pipeline would be in ${region}: pipelines that cross Regions are not supported yet`,
        {
          hint: `Deploy the pipeline with --region ${record.region}, or leave ${stage.env} out of its stages.`,
          exitCode: 2,
        },
      );
    }
    if (record.executionRoleARN && record.managerRoleARN) {
      stage.roles = { executionRoleArn: record.executionRoleARN, managerRoleArn: record.managerRoleARN };
    }
  }
}

async function resolveNamedConnection(connections: ConnectionApi, name: string): Promise<string> {
  const found = await connections.findByName(name);
  if (!found) {
    throw new MycopilotError('NOT_FOUND', `no CodeStar connection named "${name}" in this account and Region`, {
      hint: 'Create it in the CodePipeline console (Settings → Connections), or remove connection_name from the manifest to let the pipeline create one.',
    });
  }
  return found.arn;
}

/** Puts a template too large to send inline in the artifact bucket; CloudFormation reads it from there. */
function templateUploader(session: DeploySession, bucket: string) {
  return async (stackName: string, body: string): Promise<string> => {
    const s3 = await session.clients.s3();
    const key = `manual/templates/${stackName}/${createHash('sha256').update(body).digest('hex').slice(0, 16)}.yml`;
    await call(`uploading the template of ${stackName}`, () =>
      s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body })),
    );
    const region = await s3.config.region();
    const suffix = region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
    return `https://${bucket}.s3.${region}.${suffix}/${key}`;
  };
}

export async function deployPipeline(
  session: DeploySession,
  ctx: PipelineContext,
  entry: PipelineEntry,
  options: PipelineDeployOptions,
): Promise<PipelineDeployResult> {
  const { app } = ctx;
  const plan = await planPipeline(ctx, entry);
  for (const w of plan.warnings) session.out.warn(w);
  // Built once now, so that a builder error is reported before anything changes in AWS.
  buildPlannedStack(plan);

  await session.store.requireApplication(app);
  await environmentRoles(session, app, plan);
  await ensureRepositories(session, app, plan.builtWorkloads);
  const bucket = await artifactBucket(session, app);
  if (!bucket) {
    throw new MycopilotError('DEPLOY', `${applicationStackName(app)} has no artifact bucket`, {
      hint: `Run \`mycopilot app init ${app}\` to update the application's stack.`,
    });
  }
  const connections = new ConnectionApi(await session.clients.connections());
  const source = plan.input.source;
  let connectionArn: string | undefined;
  const stack = buildPlannedStack(plan);
  stack.parameters[ARTIFACT_BUCKET_PARAM] = bucket;
  if ('connection' in source) {
    if (source.connection.kind === 'named') {
      connectionArn = await resolveNamedConnection(connections, source.connection.name);
      stack.parameters[CONNECTION_PARAM] = connectionArn;
    } else if (source.connection.kind === 'arn') {
      connectionArn = source.connection.arn;
    }
  }

  const outcome = await deployInSession(session, stack, {
    force: options.force,
    noRollback: options.noRollback,
    detach: options.detach,
    confirm: options.confirm,
    uploadTemplate: templateUploader(session, bucket),
  });
  const result: PipelineDeployResult = { plan, outcome };
  if (outcome.result === 'declined') return result;
  result.pipelineName =
    outcome.stack?.outputs.PipelineName ?? (await session.stacks.physicalId(stack.stackName, 'Pipeline'));

  connectionArn ??= outcome.stack?.outputs.PipelineConnectionARN;
  if (!('connection' in source)) return result;
  if (!connectionArn) {
    // Detached before the stack made its connection: nothing to look at yet.
    session.out.info(
      'Once the stack is created, authorize its connection in the console (Settings → Connections), or run `mycopilot pipeline deploy` again to be guided and to wait for it.',
    );
    return result;
  }
  const wait = await waitForConnection({
    connections,
    arn: connectionArn,
    out: session.out,
    clock: session.clock,
    interrupts: session.interrupts,
    timeoutMs: options.detach ? 0 : options.connectionTimeoutMs,
    pollMs: options.connectionPollMs ?? Math.max(session.pollMs, 5_000),
    pipelineName: result.pipelineName,
    branch: source.branch,
  });
  result.connection = { arn: connectionArn, result: wait };
  if (wait === 'became-available' && result.pipelineName) {
    // The run the pipeline started when it was created failed on the pending connection.
    const pipelines = new PipelineApi(await session.clients.codePipeline());
    result.startedExecution = await pipelines.start(result.pipelineName);
  }
  return result;
}
