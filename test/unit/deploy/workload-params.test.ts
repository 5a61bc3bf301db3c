// What a redeploy carries over from the deployed stack, and which parameters env files fill.
import { envFileParameters, partitionOf } from '../../../src/deploy/env-files';
import {
  applicationDomain,
  environmentStack,
  keptDesiredCount,
  keptPriorities,
  warnUncertifiedAliases,
} from '../../../src/deploy/workload';
import type { RenderContext } from '../../../src/deploy/render';
import type { DeploySession } from '../../../src/deploy/session';
import { MemoryOutput } from '../../../src/ui/output';
import { StackDescription } from '../../../src/aws/cloudformation';

const deployed = (parameters: Record<string, string>): StackDescription => ({
  stackId: 'arn:aws:cloudformation:us-west-2:123456789012:stack/s/1',
  name: 's',
  status: 'UPDATE_COMPLETE',
  parameters,
  tags: {},
  outputs: {},
});

describe('keptDesiredCount', () => {
  it('keeps the deployed TaskCount of an autoscaled service, so a deploy never resets the live count', () => {
    expect(keptDesiredCount(deployed({ TaskCount: '1' }), { count: { range: '1-10', cpu_percentage: 70 } })).toEqual({
      TaskCount: '1',
    });
  });
  it('lets a fixed count change, and has nothing to keep on a first deploy', () => {
    expect(keptDesiredCount(deployed({ TaskCount: '1' }), { count: 3 })).toEqual({});
    expect(keptDesiredCount(undefined, { count: { range: '1-10' } })).toEqual({});
  });
});

describe('keptPriorities', () => {
  it('reuses the deployed rule priorities, in rule order, when the number of rules is unchanged', () => {
    const current = deployed({ RulePriority: '50000', RulePriority1: '3', AppName: 'shop' });
    expect(keptPriorities(current, 2)).toEqual([50000, 3]);
  });
  it('chooses again when rules were added or removed, or nothing is deployed', () => {
    expect(keptPriorities(deployed({ RulePriority: '7' }), 2)).toBeUndefined();
    expect(keptPriorities(undefined, 1)).toBeUndefined();
    expect(keptPriorities(deployed({ RulePriority: 'x' }), 1)).toBeUndefined();
  });
});

describe('envFileParameters', () => {
  it('names the parameter of each container that has an env file', () => {
    expect(
      envFileParameters({
        env_file: 'api.env',
        logging: { env_file: 'log.env' },
        sidecars: { 'nginx-proxy': { env_file: 'p.env' }, other: {} },
      }),
    ).toEqual([
      { parameter: 'EnvFileARN', file: 'api.env' },
      { parameter: 'LoggingEnvFileARN', file: 'log.env' },
      { parameter: 'EnvFileARNFornginxproxy', file: 'p.env' },
    ]);
    expect(envFileParameters({})).toEqual([]);
  });
  it('knows the partitions', () => {
    expect([partitionOf('us-west-2'), partitionOf('cn-north-1'), partitionOf('us-gov-west-1')]).toEqual([
      'aws',
      'aws-cn',
      'aws-us-gov',
    ]);
  });
});

describe('warnUncertifiedAliases', () => {
  const manifest = { http: { path: '/', alias: ['api.test.shop.example.com', 'www.example.com', 'shop.example.com'] } };
  const run = async (
    outputs: Record<string, string> | undefined,
    domain: string | undefined = 'example.com',
    fields: object = manifest,
  ) => {
    const out = new MemoryOutput();
    const reads: string[] = [];
    const session = {
      out,
      stacks: {
        describeStack: async (name: string) => {
          reads.push(name);
          return outputs && { ...deployed({}), outputs };
        },
      },
    } as unknown as DeploySession;
    const ctx = { app: 'shop', env: 'test' } as RenderContext;
    await warnUncertifiedAliases(out, ctx, 'Load Balanced Web Service', fields, domain, environmentStack(session, ctx));
    return { warnings: out.warnings, reads };
  };

  it('names the aliases under the domain that the environment certificate lacks, with the command', async () => {
    const { warnings, reads } = await run({ HTTPSCertificateAliases: 'shop.example.com' });
    expect(reads).toEqual(['shop-test']);
    expect(warnings).toEqual([
      'The certificate of environment test does not name www.example.com yet: run `mycopilot env deploy --name test` (`mycopilot deploy` deploys the environment first).',
    ]);
  });

  it('says nothing when the certificate names them all, and reads nothing without a domain', async () => {
    expect((await run({ HTTPSCertificateAliases: 'shop.example.com,www.example.com' })).warnings).toEqual([]);
    expect(await run(undefined, '')).toEqual({ warnings: [], reads: [] });
  });

  it('warns for each alias when the environment has no certificate list yet', async () => {
    expect((await run({})).warnings[0]).toContain('does not name shop.example.com, www.example.com yet');
  });
});

describe('environmentStack', () => {
  it('reads the environment stack once for every step that asks, and not at all when none does', async () => {
    const reads: string[] = [];
    const session = {
      stacks: { describeStack: async (name: string) => void reads.push(name) },
    } as unknown as DeploySession;
    const ctx = { app: 'shop', env: 'test' } as RenderContext;
    environmentStack(session, ctx);
    expect(reads).toEqual([]);
    const read = environmentStack(session, ctx);
    await Promise.all([read(), read()]);
    await read();
    expect(reads).toEqual(['shop-test']);
  });
});

describe('applicationDomain', () => {
  const record = { name: 'shop', account: '1', domain: 'example.com', domainHostedZoneID: 'Z0D', version: '1.0' };
  const fake = (domain: string) => {
    const reads: string[] = [];
    const session = {
      store: {
        requireApplication: async () => {
          reads.push('record');
          return { ...record, domain };
        },
      },
      stacks: {
        describeStack: async (name: string) => {
          reads.push(name);
          return { ...deployed({}), outputs: { AppHostedZoneID: 'Z0APP' } };
        },
      },
    } as unknown as DeploySession;
    return { session, reads };
  };

  it("reads the application's record and stack when the deployed stack has not recorded the domain", async () => {
    const { session, reads } = fake('example.com');
    expect(await applicationDomain(session, 'shop', undefined)).toBe('example.com');
    expect(reads).toEqual(['record', 'shop-infrastructure']);
    const none = fake('');
    expect(await applicationDomain(none.session, 'shop', deployed({ RulePriority: '3' }))).toBeUndefined();
    expect(none.reads).toEqual(['record']);
  });

  it('takes it from the deployed stack, with no read, when it recorded it or that there is none', async () => {
    const { session, reads } = fake('example.com');
    expect(await applicationDomain(session, 'shop', deployed({ AppDomainName: 'example.com' }))).toBe('example.com');
    expect(await applicationDomain(session, 'shop', deployed({ AppDomainName: '' }))).toBeUndefined();
    expect(reads).toEqual([]);
  });
});
