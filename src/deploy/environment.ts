// `env deploy` / `env delete`: the environment stack `<app>-<env>` and its record.
import { MycopilotError } from '../errors';
import { environmentStackName, workloadStackName } from '../stack/naming';
import { call } from '../aws/errors';
import { loadEnvironment, renderEnvironment, RenderContext, restrictsIngressToCdn } from './render';
import { applicationDns } from './application';
import { arnParts, deployInSession, DeploySession } from './session';
import { DeployOutcome, DeployStackOptions } from './stack-deploy';

export interface EnvDeployOptions {
  force?: boolean;
  noRollback?: boolean;
  detach?: boolean;
  confirm?: DeployStackOptions['confirm'];
}

export async function deployEnvironment(
  session: DeploySession,
  ctx: RenderContext,
  options: EnvDeployOptions = {},
): Promise<DeployOutcome> {
  const record = await session.store.requireApplication(ctx.app);
  const lookups = restrictsIngressToCdn(await loadEnvironment(ctx))
    ? { cloudFrontPrefixListId: await cloudFrontPrefixList(session) }
    : {};
  // The application's domain: its zone comes from the application stack (one more call, only with a domain).
  const appDns = await applicationDns(session, record);
  if (record.domain && !appDns) {
    session.out.info(
      `Application ${ctx.app} has the domain ${record.domain} but no hosted zone in its stack ${ctx.app}-infrastructure (an application Copilot created?): aliases need certificates in the environment manifest.`,
    );
  }
  const stack = await renderEnvironment(ctx, { ...lookups, appDns: appDns ?? null });
  const outcome = await deployInSession(session, stack, {
    force: options.force,
    noRollback: options.noRollback,
    detach: options.detach,
    confirm: options.confirm,
  });
  if (outcome.stack && outcome.result !== 'declined') {
    const existing = await session.store.getEnvironment(ctx.app, ctx.env);
    if (!existing) {
      const { region, account, partition } = arnParts(outcome.stack.stackId);
      await session.store.createEnvironment({
        app: ctx.app,
        name: ctx.env,
        region,
        accountID: account,
        registryURL: `${account}.dkr.ecr.${region}.amazonaws.com${partition === 'aws-cn' ? '.cn' : ''}`,
        executionRoleARN: '',
        managerRoleARN: '',
      });
    }
  }
  return outcome;
}

/** Deletes the environment stack and record; refuses while workloads are still deployed in it. */
export async function deleteEnvironment(session: DeploySession, app: string, env: string): Promise<void> {
  const workloads = await session.store.listWorkloads(app);
  const deployed: string[] = [];
  for (const w of workloads) {
    const s = await session.stacks.describeStack(workloadStackName(app, env, w.name));
    if (s) deployed.push(w.name);
  }
  if (deployed.length > 0) {
    throw new MycopilotError('USAGE', `environment ${env} still runs ${deployed.join(', ')}`, {
      hint: `Delete them first: ${deployed.map((d) => `mycopilot svc delete --name ${d} --env ${env} --yes`).join('; ')}`,
      exitCode: 2,
    });
  }
  await deleteStackAndWait(session, environmentStackName(app, env));
  await session.store.deleteEnvironment(app, env);
}

/** Deletes a stack if it exists and waits until it is gone; a failure says what CloudFormation said. */
export async function deleteStackAndWait(session: DeploySession, name: string): Promise<boolean> {
  const current = await session.stacks.describeStack(name);
  if (!current) return false;
  const reporter = session.reporter(name);
  reporter.info(`Deleting ${name}…`);
  await session.stacks.deleteStack(name);
  for (;;) {
    const s = await session.stacks.describeStack(name);
    if (!s || s.status === 'DELETE_COMPLETE') break;
    if (s.status === 'DELETE_FAILED') {
      throw new MycopilotError('DEPLOY', `deleting ${name} failed: ${s.statusReason ?? 'no reason given'}`, {
        hint: `Look at the stack's events (aws cloudformation describe-stack-events --stack-name ${name}), fix what holds it, and delete again.`,
      });
    }
    await session.clock.sleep(session.pollMs);
  }
  reporter.info(`✔ Deleted ${name}.`);
  reporter.finish?.();
  return true;
}

/** The Region's managed prefix list of CloudFront's origin-facing addresses. */
async function cloudFrontPrefixList(session: DeploySession): Promise<string> {
  const ec2 = await session.clients.ec2();
  const { DescribeManagedPrefixListsCommand } = await import('@aws-sdk/client-ec2');
  const out = await call('looking up the CloudFront prefix list', () =>
    ec2.send(
      new DescribeManagedPrefixListsCommand({
        Filters: [{ Name: 'prefix-list-name', Values: ['com.amazonaws.global.cloudfront.origin-facing'] }],
      }),
    ),
  );
  const id = out.PrefixLists?.[0]?.PrefixListId;
  if (!id)
    throw new MycopilotError('AWS', 'the CloudFront origin-facing prefix list was not found in this Region', {
      hint: 'Remove `ingress.cdn` from the environment manifest, or deploy in a Region that has it.',
    });
  return id;
}
