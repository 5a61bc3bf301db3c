// `pipeline status` against mocked CloudFormation and CodePipeline clients: which pipeline the stack is, the
// state of every stage and action, the latest runs, and failures spelled out.
import {
  CloudFormationClient,
  DescribeStackResourceCommand,
  DescribeStacksCommand,
} from '@aws-sdk/client-cloudformation';
import {
  CodePipelineClient,
  GetPipelineStateCommand,
  ListPipelineExecutionsCommand,
} from '@aws-sdk/client-codepipeline';
import { mockClient } from 'aws-sdk-client-mock';
import { StackApi } from '../../../src/aws/cloudformation';
import { PipelineApi } from '../../../src/aws/codepipeline';
import { formatPipelineStatus, pipelineStatus, statusJson } from '../../../src/deploy/pipeline-status';

const cfn = mockClient(CloudFormationClient);
const cp = mockClient(CodePipelineClient);
const api = {
  stacks: new StackApi(new CloudFormationClient({ region: 'us-west-2' })),
  pipelines: new PipelineApi(new CodePipelineClient({ region: 'us-west-2' })),
};
const ID = { name: 'release', stackName: 'pipeline-shop-release', legacy: false };
const PHYSICAL = 'pipeline-shop-release-Pipeline-1A2B3C';
const at = (minute: number) => new Date(Date.UTC(2026, 0, 2, 10, minute, 0));

function stackWith(outputs: Record<string, string>) {
  return {
    Stacks: [
      {
        StackName: ID.stackName,
        StackStatus: 'UPDATE_COMPLETE' as const,
        CreationTime: at(0),
        Outputs: Object.entries(outputs).map(([OutputKey, OutputValue]) => ({ OutputKey, OutputValue })),
      },
    ],
  };
}

const STATE = {
  pipelineName: PHYSICAL,
  stageStates: [
    {
      stageName: 'Source',
      latestExecution: { pipelineExecutionId: 'e2', status: 'Succeeded' as const },
      actionStates: [
        {
          actionName: 'SourceCodeFor-shop',
          latestExecution: { status: 'Succeeded' as const, lastStatusChange: at(1) },
        },
      ],
    },
    {
      stageName: 'Build',
      latestExecution: { pipelineExecutionId: 'e2', status: 'Succeeded' as const },
      actionStates: [
        { actionName: 'Build', latestExecution: { status: 'Succeeded' as const, lastStatusChange: at(6) } },
      ],
    },
    {
      stageName: 'DeployTo-test',
      latestExecution: { pipelineExecutionId: 'e2', status: 'Failed' as const },
      actionStates: [
        {
          actionName: 'CreateOrUpdate-api-test',
          latestExecution: {
            status: 'Failed' as const,
            lastStatusChange: at(9),
            errorDetails: {
              code: 'JobFailed',
              message: 'Stack app-test-api is in UPDATE_ROLLBACK_COMPLETE: TaskDefinition: invalid cpu',
            },
            externalExecutionUrl: 'https://console.aws.amazon.com/cloudformation/home#/stacks',
          },
        },
        { actionName: 'TestCommands' },
      ],
    },
    {
      stageName: 'DeployTo-prod',
      inboundTransitionState: { enabled: false, disabledReason: 'freeze until Monday' },
      latestExecution: { pipelineExecutionId: 'e1', status: 'InProgress' as const },
      actionStates: [
        {
          actionName: 'ApprovePromotionTo-prod',
          latestExecution: { status: 'InProgress' as const, token: 'tok', lastStatusChange: at(3) },
        },
      ],
    },
  ],
};

const EXECUTIONS = {
  pipelineExecutionSummaries: [
    {
      pipelineExecutionId: 'e2a3b4c5-0000-1111-2222-333344445555',
      status: 'Failed' as const,
      startTime: at(1),
      lastUpdateTime: at(9),
      trigger: { triggerType: 'Webhook' as const },
      sourceRevisions: [
        {
          actionName: 'SourceCodeFor-shop',
          revisionId: 'abcdef1234567890',
          revisionSummary: JSON.stringify({ ProviderType: 'GitHub', CommitMessage: 'Raise the cpu\n\nbody' }),
        },
      ],
    },
    { pipelineExecutionId: 'e1000000-0000', status: 'Succeeded' as const, startTime: at(0), sourceRevisions: [] },
  ],
};

beforeEach(() => {
  cfn.reset();
  cp.reset();
  cp.on(GetPipelineStateCommand, { name: PHYSICAL }).resolves(STATE);
  cp.on(ListPipelineExecutionsCommand, { pipelineName: PHYSICAL }).resolves(EXECUTIONS);
});

describe('pipeline status', () => {
  it("reads the pipeline's state and its latest runs", async () => {
    cfn.on(DescribeStacksCommand).resolves(stackWith({ PipelineName: PHYSICAL }));
    const report = await pipelineStatus(api, ID);
    expect(report.pipelineName).toBe(PHYSICAL);
    expect(report.latest).toMatchObject({ status: 'Failed', trigger: 'Webhook' });
    expect(report.previous.map((e) => e.status)).toEqual(['Succeeded']);
    expect(report.stages.map((s) => `${s.name}:${s.status}`)).toEqual([
      'Source:Succeeded',
      'Build:Succeeded',
      'DeployTo-test:Failed',
      'DeployTo-prod:InProgress',
    ]);
    expect(report.stages[3].actions[0].waitingForApproval).toBe(true);
    expect(cp.commandCalls(ListPipelineExecutionsCommand)[0].args[0].input.maxResults).toBe(5);
  });

  it('spells out failures, approvals and disabled transitions', async () => {
    cfn.on(DescribeStacksCommand).resolves(stackWith({ PipelineName: PHYSICAL }));
    const text = formatPipelineStatus(await pipelineStatus(api, ID)).join('\n');
    expect(text).toContain(
      'Latest run e2a3b4c5: Failed, started 2026-01-02 10:01:00Z by Webhook, abcdef1 "Raise the cpu"',
    );
    expect(text).toMatch(/DeployTo-test\s+CreateOrUpdate-api-test\s+Failed\s+2026-01-02 10:09:00Z/);
    expect(text).toContain('  ✘ Stack app-test-api is in UPDATE_ROLLBACK_COMPLETE: TaskDefinition: invalid cpu');
    expect(text).toMatch(/TestCommands\s+-/);
    expect(text).toContain('⏸ transition into DeployTo-prod is disabled: freeze until Monday');
    expect(text).toMatch(/ApprovePromotionTo-prod\s+Waiting for approval/);
    expect(text).toContain('aws codepipeline put-approval-result --pipeline-name ' + PHYSICAL);
    expect(text).toContain('Earlier runs:');
  });

  it('finds a pipeline Copilot deployed through the stack resource', async () => {
    cfn.on(DescribeStacksCommand).resolves(stackWith({}));
    cfn
      .on(DescribeStackResourceCommand, { StackName: ID.stackName, LogicalResourceId: 'Pipeline' })
      .resolves({ StackResourceDetail: { PhysicalResourceId: PHYSICAL } as never });
    expect((await pipelineStatus(api, ID)).pipelineName).toBe(PHYSICAL);
  });

  it('prints JSON with dates as text', async () => {
    cfn.on(DescribeStacksCommand).resolves(stackWith({ PipelineName: PHYSICAL }));
    const json = statusJson(await pipelineStatus(api, ID)) as { latest: { started: string } };
    expect(json.latest.started).toBe('2026-01-02T10:01:00.000Z');
  });

  it('says how to deploy a pipeline that is not deployed', async () => {
    cfn.on(DescribeStacksCommand).rejects(new Error('Stack with id pipeline-shop-release does not exist'));
    await expect(pipelineStatus(api, ID)).rejects.toThrow(/pipeline release is not deployed/);
  });

  it('says when CodePipeline no longer has the pipeline', async () => {
    cfn.on(DescribeStacksCommand).resolves(stackWith({ PipelineName: 'gone' }));
    cp.on(GetPipelineStateCommand, { name: 'gone' }).rejects(
      Object.assign(new Error('Account does not have a pipeline with name gone'), {
        name: 'PipelineNotFoundException',
      }),
    );
    cp.on(ListPipelineExecutionsCommand, { pipelineName: 'gone' }).resolves({ pipelineExecutionSummaries: [] });
    await expect(pipelineStatus(api, ID)).rejects.toThrow(/deleted outside CloudFormation|does not exist/);
  });
});
