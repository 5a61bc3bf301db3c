// `pipeline deploy` against mocked AWS clients: the application's bucket and repositories, environment
// records, the change-set deploy of the pipeline stack (skipped when unchanged), and the connection handshake.
import {
  CloudFormationClient,
  CreateChangeSetCommand,
  DescribeChangeSetCommand,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand,
} from '@aws-sdk/client-cloudformation';
import { CodePipelineClient, StartPipelineExecutionCommand } from '@aws-sdk/client-codepipeline';
import {
  CodeStarConnectionsClient,
  GetConnectionCommand,
  ListConnectionsCommand,
} from '@aws-sdk/client-codestar-connections';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import type { Clock } from '../../../src/deploy/clock';
import { ManualInterrupts } from '../../../src/deploy/interrupts';
import { deployPipeline } from '../../../src/deploy/pipeline-deploy';
import { buildPlannedStack, findPipeline, planPipeline } from '../../../src/deploy/pipeline-render';
import { openSession } from '../../../src/deploy/session';
import { deployHash, DeployReporter, HASH_OUTPUT } from '../../../src/deploy/stack-deploy';
import { MemoryOutput } from '../../../src/ui/output';
import { APP, manifestText, pipelineWorkspace } from './fixtures';

const cfn = mockClient(CloudFormationClient);
const ssm = mockClient(SSMClient);
const codestar = mockClient(CodeStarConnectionsClient);
const codepipeline = mockClient(CodePipelineClient);

const BUCKET = 'app-infrastructure-artifactbucket-1a2b';
const STACK = 'pipeline-app-release';
const PHYSICAL = 'pipeline-app-release-Pipeline-XYZ';
const CONNECTION = 'arn:aws:codestar-connections:us-west-2:123456789012:connection/0a1b';

class FakeClock implements Clock {
  t = Date.UTC(2026, 0, 2, 10, 0, 0);
  now() {
    return new Date(this.t);
  }
  async sleep(ms: number) {
    this.t += ms;
  }
}

const GITHUB = ['source:', '  provider: GitHub', '  properties:', '    repository: https://github.com/acme/shop'];
const STAGES = [
  'stages:',
  '  - name: test',
  '    deployments:',
  '      api:',
  '  - name: prod',
  '    requires_approval: true',
];

function setup(sourceLines: string[] = GITHUB) {
  const workspace = pipelineWorkspace({
    'copilot/pipelines/release/manifest.yml': manifestText(['name: release', ...sourceLines, ...STAGES]),
  });
  return { ctx: { workspace, app: APP, vars: {} }, entry: findPipeline(workspace, 'release') };
}

async function session() {
  const out = new MemoryOutput();
  const lines: string[] = [];
  const reporter = (): DeployReporter => ({
    info: (t) => lines.push(t),
    changes: () => undefined,
    event: (e) => lines.push(`${e.logicalId} ${e.status}`),
  });
  const s = await openSession({ region: 'us-west-2' }, out, reporter, {
    clock: new FakeClock(),
    interrupts: new ManualInterrupts(),
    pollMs: 1,
  });
  return { session: s, out, lines };
}

const param = (name: string, value: object) => ({ Parameter: { Name: name, Value: JSON.stringify(value) } });
const env = (name: string, extra: object = {}) => ({
  app: APP,
  name,
  region: 'us-west-2',
  accountID: '123456789012',
  registryURL: '',
  executionRoleARN: '',
  managerRoleARN: '',
  ...extra,
});

function stackDescription(name: string, status: string, outputs: Record<string, string>) {
  return {
    Stacks: [
      {
        StackName: name,
        StackId: `arn:aws:cloudformation:us-west-2:123456789012:stack/${name}/1`,
        StackStatus: status as never,
        CreationTime: new Date(0),
        Outputs: Object.entries(outputs).map(([OutputKey, OutputValue]) => ({ OutputKey, OutputValue })),
      },
    ],
  };
}

const notFound = (name: string) =>
  Object.assign(new Error(`Stack with id ${name} does not exist`), { name: 'ValidationError' });

beforeEach(() => {
  for (const m of [cfn, ssm, codestar, codepipeline]) m.reset();
  ssm
    .on(GetParameterCommand, { Name: `/copilot/applications/${APP}` })
    .resolves(param('app', { name: APP, account: '123456789012', domain: '', domainHostedZoneID: '', version: '1.0' }));
  ssm
    .on(GetParameterCommand, { Name: `/copilot/applications/${APP}/environments/test` })
    .resolves(param('t', env('test')));
  ssm
    .on(GetParameterCommand, { Name: `/copilot/applications/${APP}/environments/prod` })
    .resolves(param('p', env('prod')));
  cfn.on(DescribeStacksCommand, { StackName: `${APP}-infrastructure` }).resolves(
    stackDescription(`${APP}-infrastructure`, 'UPDATE_COMPLETE', {
      ArtifactBucketName: BUCKET,
      ECRRepoapiUri: `123456789012.dkr.ecr.us-west-2.amazonaws.com/${APP}/api`,
      ECRRepowebUri: `123456789012.dkr.ecr.us-west-2.amazonaws.com/${APP}/web`,
      ECRReporeportUri: `123456789012.dkr.ecr.us-west-2.amazonaws.com/${APP}/report`,
    }),
  );
  cfn.on(CreateChangeSetCommand).resolves({ Id: 'cs-1' });
  cfn.on(DescribeChangeSetCommand).resolves({ Status: 'CREATE_COMPLETE', Changes: [] });
  cfn.on(ExecuteChangeSetCommand).resolves({});
  cfn.on(DescribeStackEventsCommand).resolves({
    StackEvents: [
      {
        StackId: 'arn:stack/1',
        StackName: STACK,
        EventId: '2',
        LogicalResourceId: STACK,
        ResourceType: 'AWS::CloudFormation::Stack',
        ResourceStatus: 'CREATE_COMPLETE',
        Timestamp: new Date(Date.UTC(2026, 0, 2, 10, 0, 5)),
      },
      {
        StackId: 'arn:stack/1',
        StackName: STACK,
        EventId: '1',
        LogicalResourceId: STACK,
        ResourceType: 'AWS::CloudFormation::Stack',
        ResourceStatus: 'CREATE_IN_PROGRESS',
        Timestamp: new Date(Date.UTC(2026, 0, 2, 10, 0, 1)),
      },
    ],
  });
  codepipeline.on(StartPipelineExecutionCommand).resolves({ pipelineExecutionId: 'exec-1' });
});

describe('pipeline deploy', () => {
  it('creates the stack with the artifact bucket, waits for the handshake, then starts the pipeline', async () => {
    cfn
      .on(DescribeStacksCommand, { StackName: STACK })
      .rejectsOnce(notFound(STACK))
      .resolves(
        stackDescription(STACK, 'CREATE_COMPLETE', { PipelineName: PHYSICAL, PipelineConnectionARN: CONNECTION }),
      );
    codestar
      .on(GetConnectionCommand, { ConnectionArn: CONNECTION })
      .resolvesOnce({
        Connection: { ConnectionName: 'copilot-acme-shop', ConnectionStatus: 'PENDING', ProviderType: 'GitHub' },
      })
      .resolves({ Connection: { ConnectionName: 'copilot-acme-shop', ConnectionStatus: 'AVAILABLE' } });
    const { ctx, entry } = setup();
    const { session: s, out } = await session();
    const result = await deployPipeline(s, ctx, entry, { connectionTimeoutMs: 60_000, connectionPollMs: 1_000 });

    expect(result.outcome.result).toBe('deployed');
    const create = cfn.commandCalls(CreateChangeSetCommand)[0].args[0].input;
    expect(create.StackName).toBe(STACK);
    expect(create.ChangeSetType).toBe('CREATE');
    expect(create.Parameters).toEqual([{ ParameterKey: 'ArtifactBucket', ParameterValue: BUCKET }]);
    expect(create.Tags).toEqual(
      expect.arrayContaining([
        { Key: 'copilot-application', Value: APP },
        { Key: 'copilot-pipeline', Value: 'release' },
      ]),
    );
    expect(create.TemplateBody).toContain('DeployTo-prod');
    expect(result.pipelineName).toBe(PHYSICAL);
    expect(result.connection).toEqual({ arn: CONNECTION, result: 'became-available' });
    expect(result.startedExecution).toBe('exec-1');
    expect(codepipeline.commandCalls(StartPipelineExecutionCommand)[0].args[0].input).toEqual({ name: PHYSICAL });
    expect(out.warnings[0]).toMatch(/ACTION REQUIRED: the connection "copilot-acme-shop" is PENDING/);
  });

  it('costs one DescribeStacks of the pipeline when nothing changed', async () => {
    const { ctx, entry } = setup();
    const stack = buildPlannedStack(await planPipeline(ctx, entry));
    stack.parameters.ArtifactBucket = BUCKET;
    cfn.on(DescribeStacksCommand, { StackName: STACK }).resolves(
      stackDescription(STACK, 'UPDATE_COMPLETE', {
        [HASH_OUTPUT]: deployHash(stack),
        PipelineName: PHYSICAL,
        PipelineConnectionARN: CONNECTION,
      }),
    );
    codestar.on(GetConnectionCommand).resolves({ Connection: { ConnectionName: 'c', ConnectionStatus: 'AVAILABLE' } });
    const { session: s, lines } = await session();
    const result = await deployPipeline(s, ctx, entry, { connectionTimeoutMs: 60_000 });
    expect(result.outcome.result).toBe('unchanged');
    expect(lines).toEqual([`No changes to ${STACK}.`]);
    expect(cfn.commandCalls(CreateChangeSetCommand)).toHaveLength(0);
    expect(cfn.commandCalls(DescribeStacksCommand, { StackName: STACK })).toHaveLength(1);
    expect(result.startedExecution).toBeUndefined();
  });

  it('looks up a connection given by name and passes its ARN', async () => {
    cfn
      .on(DescribeStacksCommand, { StackName: STACK })
      .rejectsOnce(notFound(STACK))
      .resolves(
        stackDescription(STACK, 'CREATE_COMPLETE', { PipelineName: PHYSICAL, PipelineConnectionARN: CONNECTION }),
      );
    codestar.on(ListConnectionsCommand).resolves({
      Connections: [{ ConnectionName: 'acme-github', ConnectionArn: CONNECTION, ConnectionStatus: 'AVAILABLE' }],
    });
    codestar
      .on(GetConnectionCommand)
      .resolves({ Connection: { ConnectionName: 'acme-github', ConnectionStatus: 'AVAILABLE' } });
    const { ctx, entry } = setup([...GITHUB, '    connection_name: acme-github']);
    const { session: s } = await session();
    const result = await deployPipeline(s, ctx, entry, { connectionTimeoutMs: 60_000 });
    expect(cfn.commandCalls(CreateChangeSetCommand)[0].args[0].input.Parameters).toEqual([
      { ParameterKey: 'ArtifactBucket', ParameterValue: BUCKET },
      { ParameterKey: 'SourceConnectionArn', ParameterValue: CONNECTION },
    ]);
    expect(result.connection).toEqual({ arn: CONNECTION, result: 'available' });
    expect(result.startedExecution).toBeUndefined();
  });

  it('stops before any change when the named connection does not exist', async () => {
    codestar.on(ListConnectionsCommand).resolves({ Connections: [] });
    const { ctx, entry } = setup([...GITHUB, '    connection_name: nope']);
    const { session: s } = await session();
    await expect(deployPipeline(s, ctx, entry, { connectionTimeoutMs: 0 })).rejects.toThrow(
      'no CodeStar connection named "nope" in this account and Region',
    );
    expect(cfn.commandCalls(CreateChangeSetCommand)).toHaveLength(0);
  });

  it("deploys with a Copilot environment's own roles", async () => {
    ssm.on(GetParameterCommand, { Name: `/copilot/applications/${APP}/environments/prod` }).resolves(
      param(
        'p',
        env('prod', {
          executionRoleARN: 'arn:aws:iam::123456789012:role/app-prod-CFNExecutionRole',
          managerRoleARN: 'arn:aws:iam::123456789012:role/app-prod-EnvManagerRole',
        }),
      ),
    );
    cfn
      .on(DescribeStacksCommand, { StackName: STACK })
      .rejectsOnce(notFound(STACK))
      .resolves(stackDescription(STACK, 'CREATE_COMPLETE', { PipelineName: PHYSICAL }));
    const { ctx, entry } = setup(['source:', '  provider: CodeCommit', '  properties:', '    repository: shop']);
    const { session: s } = await session();
    await deployPipeline(s, ctx, entry, { connectionTimeoutMs: 0 });
    const body = cfn.commandCalls(CreateChangeSetCommand)[0].args[0].input.TemplateBody!;
    expect(body).toContain('RoleArn: arn:aws:iam::123456789012:role/app-prod-EnvManagerRole');
    expect(body).toContain('RoleArn: arn:aws:iam::123456789012:role/app-prod-CFNExecutionRole');
    expect(codestar.calls()).toHaveLength(0);
  });

  it('refuses an environment in another Region', async () => {
    ssm
      .on(GetParameterCommand, { Name: `/copilot/applications/${APP}/environments/prod` })
      .resolves(param('p', env('prod', { region: 'eu-west-1' })));
    const { ctx, entry } = setup();
    const { session: s } = await session();
    await expect(deployPipeline(s, ctx, entry, { connectionTimeoutMs: 0 })).rejects.toThrow(
      /environment prod is in eu-west-1, the pipeline would be in us-west-2/,
    );
    expect(cfn.commandCalls(CreateChangeSetCommand)).toHaveLength(0);
  });
});
