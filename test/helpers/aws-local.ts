// Sessions against the moto server of this test run: real SDK clients and wire protocols, loopback only.
import { AwsClients } from '../../src/aws/clients';
import { StackApi } from '../../src/aws/cloudformation';
import { DeploySession } from '../../src/deploy/session';
import { ManualInterrupts } from '../../src/deploy/interrupts';
import { DeployReporter } from '../../src/deploy/stack-deploy';
import { Store } from '../../src/store/store';
import { MemoryOutput } from '../../src/ui/output';

export const MOTO_URL = process.env.MYCOPILOT_TEST_MOTO_URL;

/** `describe` that runs only when the run has a moto server. */
export const describeWithMoto = (MOTO_URL ? globalThis.describe : globalThis.describe?.skip) as jest.Describe;

/** Environment of a process (or this one) that talks to moto. */
export function motoEnv(): Record<string, string> {
  return {
    AWS_ENDPOINT_URL: MOTO_URL ?? 'http://127.0.0.1:1',
    AWS_REGION: 'us-west-2',
    AWS_ACCESS_KEY_ID: 'testing',
    AWS_SECRET_ACCESS_KEY: 'testing',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
}

export interface LocalSession extends DeploySession {
  /** Names of the CloudFormation commands sent, in order. */
  cfnCalls: string[];
  /** Names of the SSM commands sent (the store's records), in order. */
  ssmCalls: string[];
  lines: string[];
}

export async function localSession(): Promise<LocalSession> {
  Object.assign(process.env, motoEnv());
  const clients = new AwsClients({ region: 'us-west-2' });
  const cfn = await clients.cloudFormation();
  const cfnCalls: string[] = [];
  const ssmCalls: string[] = [];
  cfn.middlewareStack.add(
    (next, context) => async (args) => {
      cfnCalls.push(String(context.commandName));
      return next(args);
    },
    { step: 'initialize', name: 'countCalls' },
  );
  const ssm = await clients.ssm();
  ssm.middlewareStack.add(
    (next, context) => async (args) => {
      ssmCalls.push(String(context.commandName));
      return next(args);
    },
    { step: 'initialize', name: 'countCalls' },
  );
  const lines: string[] = [];
  const reporter = (prefix?: string): DeployReporter => ({
    info: (t) => lines.push(`${prefix ?? ''}: ${t}`),
    changes: (s, c) => lines.push(`${s}: ${c.length} changes`),
    event: (e) => lines.push(`${prefix ?? ''}: ${e.logicalId} ${e.status}`),
  });
  return {
    clients,
    stacks: new StackApi(cfn),
    stacksIn: async (region) => new StackApi(await new AwsClients({ region }).cloudFormation()),
    store: new Store(async () => ssm),
    out: new MemoryOutput(),
    reporter,
    clock: { now: () => new Date(), sleep: (ms) => new Promise((r) => setTimeout(r, ms)) },
    interrupts: new ManualInterrupts(),
    pollMs: 50,
    cfnCalls,
    ssmCalls,
    lines,
  };
}

/** The SSM records of an application with one environment and its workloads, as the deploys would write them. */
export async function seedRecords(
  session: DeploySession,
  app: string,
  env: string,
  workloads: { name: string; type: string }[],
): Promise<void> {
  await session.store.createApplication({
    name: app,
    account: '123456789012',
    domain: '',
    domainHostedZoneID: '',
    version: '1.0',
  });
  await session.store.createEnvironment({
    app,
    name: env,
    region: 'us-west-2',
    accountID: '123456789012',
    registryURL: '',
    executionRoleARN: '',
    managerRoleARN: '',
  });
  for (const w of workloads) await session.store.createWorkload({ app, ...w });
}
