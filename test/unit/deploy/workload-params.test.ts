// What a redeploy carries over from the deployed stack, and which parameters env files fill.
import { envFileParameters, partitionOf } from '../../../src/deploy/env-files';
import { keptDesiredCount, keptPriorities } from '../../../src/deploy/workload';
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
