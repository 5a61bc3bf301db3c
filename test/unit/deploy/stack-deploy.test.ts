// The change-set deploy engine against a mocked CloudFormation client: every branch a deploy can take.
import {
  CancelUpdateStackCommand,
  CloudFormationClient,
  CreateChangeSetCommand,
  DeleteChangeSetCommand,
  DeleteStackCommand,
  DescribeChangeSetCommand,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand,
  StackEvent,
} from '@aws-sdk/client-cloudformation';
import { mockClient } from 'aws-sdk-client-mock';
import { StackApi } from '../../../src/aws/cloudformation';
import { Clock } from '../../../src/deploy/clock';
import { ManualInterrupts } from '../../../src/deploy/interrupts';
import { deployHash, deployStack, DeployReporter, HASH_OUTPUT } from '../../../src/deploy/stack-deploy';
import { RenderedStack, resource } from '../../../src/stack/template';

const cfn = mockClient(CloudFormationClient);
const api = new StackApi(new CloudFormationClient({ region: 'us-west-2' }));

const STACK: RenderedStack = {
  stackName: 'shop-test-api',
  template: {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: 'api',
    Resources: {
      Service: resource('AWS::ECS::Service', 'ECS service api', {}),
      TaskRole: resource('AWS::IAM::Role', 'Task role', {}),
    },
  },
  parameters: { AppName: 'shop' },
  tags: { 'copilot-application': 'shop' },
};

class FakeClock implements Clock {
  t = Date.UTC(2026, 10, 28, 12, 0, 0);
  now() {
    return new Date(this.t);
  }
  async sleep(ms: number) {
    this.t += ms;
  }
}

function recorder() {
  const lines: string[] = [];
  const reporter: DeployReporter = {
    info: (t) => lines.push(`info ${t}`),
    changes: (_s, c) => lines.push(`changes ${c.map((x) => `${x.action}:${x.logicalId}`).join(',')}`),
    event: (e, d) =>
      lines.push(`event ${e.logicalId} ${e.status}${d ? ` (${d})` : ''}${e.reason ? ` ${e.reason}` : ''}`),
  };
  return { lines, reporter };
}

const stackDesc = (status: string, outputs: Record<string, string> = {}) => ({
  Stacks: [
    {
      StackName: STACK.stackName,
      StackId: 'arn:stack/1',
      StackStatus: status as never,
      CreationTime: new Date(),
      Outputs: Object.entries(outputs).map(([OutputKey, OutputValue]) => ({ OutputKey, OutputValue })),
    },
  ],
});

let clock: FakeClock;
const at = (s: number) => new Date(clock.t + s * 1000);
const ev = (id: string, logical: string, status: string, s: number, reason?: string, type?: string): StackEvent => ({
  EventId: id,
  StackId: 'arn:stack/1',
  StackName: STACK.stackName,
  LogicalResourceId: logical,
  ResourceType: type ?? (logical === STACK.stackName ? 'AWS::CloudFormation::Stack' : 'AWS::ECS::Service'),
  ResourceStatus: status as never,
  ResourceStatusReason: reason,
  Timestamp: at(s),
});
const notFound = Object.assign(new Error(`Stack with id ${STACK.stackName} does not exist`), {
  name: 'ValidationError',
});

beforeEach(() => {
  cfn.reset();
  clock = new FakeClock();
  cfn.on(CreateChangeSetCommand).resolves({ Id: 'cs-1' });
  cfn.on(ExecuteChangeSetCommand).resolves({});
  cfn.on(DeleteChangeSetCommand).resolves({});
  cfn.on(DescribeChangeSetCommand).resolves({
    Status: 'CREATE_COMPLETE',
    Changes: [
      {
        Type: 'Resource',
        ResourceChange: { Action: 'Add', LogicalResourceId: 'Service', ResourceType: 'AWS::ECS::Service' },
      },
    ],
  });
});

describe('deployStack', () => {
  it('skips an unchanged stack after one DescribeStacks call', async () => {
    cfn.on(DescribeStacksCommand).resolves(stackDesc('UPDATE_COMPLETE', { [HASH_OUTPUT]: deployHash(STACK) }));
    const { lines, reporter } = recorder();
    const out = await deployStack({ stack: STACK, api, reporter, clock, pollMs: 1 });
    expect(out.result).toBe('unchanged');
    expect(cfn.calls()).toHaveLength(1);
    expect(lines).toEqual(['info No changes to shop-test-api.']);
  });

  it('creates a new stack through a CREATE change set and reports events with descriptions', async () => {
    cfn.on(DescribeStacksCommand).rejectsOnce(notFound).resolves(stackDesc('CREATE_COMPLETE'));
    cfn.on(DescribeStackEventsCommand).resolves({
      StackEvents: [
        ev('4', STACK.stackName, 'CREATE_COMPLETE', 3),
        ev('3', 'Service', 'CREATE_COMPLETE', 2),
        ev('2', 'Service', 'CREATE_IN_PROGRESS', 1),
        ev('1', STACK.stackName, 'CREATE_IN_PROGRESS', 0, 'User Initiated'),
        ev('0', STACK.stackName, 'REVIEW_IN_PROGRESS', -1),
      ],
    });
    const { lines, reporter } = recorder();
    const out = await deployStack({ stack: STACK, api, reporter, clock, pollMs: 1 });
    expect(out.result).toBe('deployed');
    const create = cfn.commandCalls(CreateChangeSetCommand)[0].args[0].input;
    expect(create.ChangeSetType).toBe('CREATE');
    expect(create.TemplateBody).toContain(`${HASH_OUTPUT}:`);
    expect(create.TemplateBody).toContain(deployHash(STACK));
    expect(create.Capabilities).toContain('CAPABILITY_NAMED_IAM');
    expect(lines).toEqual([
      'info Creating a change set for shop-test-api…',
      'changes Add:Service',
      'event shop-test-api CREATE_IN_PROGRESS User Initiated',
      'event Service CREATE_IN_PROGRESS (ECS service api)',
      'event Service CREATE_COMPLETE (ECS service api)',
      'event shop-test-api CREATE_COMPLETE',
    ]);
  });

  it('deletes an empty change set and exits as unchanged', async () => {
    cfn.on(DescribeStacksCommand).resolves(stackDesc('UPDATE_COMPLETE', { [HASH_OUTPUT]: 'old' }));
    cfn
      .on(DescribeChangeSetCommand)
      .resolves({ Status: 'FAILED', StatusReason: "The submitted information didn't contain changes." });
    const { reporter } = recorder();
    const out = await deployStack({ stack: STACK, api, reporter, clock, pollMs: 1 });
    expect(out.result).toBe('unchanged');
    expect(cfn.commandCalls(DeleteChangeSetCommand)).toHaveLength(1);
    expect(cfn.commandCalls(ExecuteChangeSetCommand)).toHaveLength(0);
    expect(cfn.commandCalls(CreateChangeSetCommand)[0].args[0].input.ChangeSetType).toBe('UPDATE');
  });

  it('with --force creates a change set even when the hash matches', async () => {
    cfn.on(DescribeStacksCommand).resolves(stackDesc('UPDATE_COMPLETE', { [HASH_OUTPUT]: deployHash(STACK) }));
    cfn.on(DescribeChangeSetCommand).resolves({ Status: 'FAILED', StatusReason: 'No updates are to be performed.' });
    await deployStack({ stack: STACK, api, reporter: recorder().reporter, clock, pollMs: 1, force: true });
    expect(cfn.commandCalls(CreateChangeSetCommand)).toHaveLength(1);
  });

  it('names the first failing resource and its reason, and says the stack rolled back', async () => {
    cfn
      .on(DescribeStacksCommand)
      .resolvesOnce(stackDesc('UPDATE_COMPLETE'))
      .resolves(stackDesc('UPDATE_ROLLBACK_COMPLETE'));
    cfn.on(DescribeStackEventsCommand).resolves({
      StackEvents: [
        ev('5', STACK.stackName, 'UPDATE_ROLLBACK_COMPLETE', 5),
        ev('4', 'TaskRole', 'UPDATE_FAILED', 3, 'Resource update cancelled', 'AWS::IAM::Role'),
        ev('3', 'Service', 'UPDATE_FAILED', 2, 'Invalid request provided: memory is too small'),
        ev('2', 'Service', 'UPDATE_IN_PROGRESS', 1),
        ev('1', STACK.stackName, 'UPDATE_IN_PROGRESS', 0, 'User Initiated'),
      ],
    });
    const err = await deployStack({ stack: STACK, api, reporter: recorder().reporter, clock, pollMs: 1 }).catch(
      (e) => e,
    );
    expect(err.code).toBe('DEPLOY');
    expect(err.message).toBe(
      'shop-test-api failed (UPDATE_ROLLBACK_COMPLETE); first failure: Service (ECS service api): Invalid request provided: memory is too small',
    );
    expect(err.hint).toMatch(/back to its previous version/);
  });

  it('with --no-rollback keeps the failed stack and says how to continue or roll back', async () => {
    cfn.on(DescribeStacksCommand).resolvesOnce(stackDesc('UPDATE_COMPLETE')).resolves(stackDesc('UPDATE_FAILED'));
    cfn.on(DescribeStackEventsCommand).resolves({
      StackEvents: [
        ev('3', STACK.stackName, 'UPDATE_FAILED', 2),
        ev('2', 'Service', 'UPDATE_FAILED', 1, 'boom'),
        ev('1', STACK.stackName, 'UPDATE_IN_PROGRESS', 0),
      ],
    });
    const err = await deployStack({
      stack: STACK,
      api,
      reporter: recorder().reporter,
      clock,
      pollMs: 1,
      noRollback: true,
    }).catch((e) => e);
    expect(cfn.commandCalls(ExecuteChangeSetCommand)[0].args[0].input.DisableRollback).toBe(true);
    expect(err.hint).toMatch(/aws cloudformation rollback-stack --stack-name shop-test-api/);
  });

  it('waits for an operation already in progress instead of fighting it', async () => {
    cfn
      .on(DescribeStacksCommand)
      .resolvesOnce(stackDesc('UPDATE_IN_PROGRESS'))
      .resolvesOnce(stackDesc('UPDATE_IN_PROGRESS'))
      .resolves(stackDesc('UPDATE_COMPLETE', { [HASH_OUTPUT]: deployHash(STACK) }));
    const { lines, reporter } = recorder();
    const out = await deployStack({ stack: STACK, api, reporter, clock, pollMs: 1 });
    expect(out.result).toBe('unchanged');
    expect(lines[0]).toMatch(/UPDATE_IN_PROGRESS: waiting/);
    expect(cfn.commandCalls(DescribeStacksCommand).length).toBe(3);
  });

  it('clears a stack whose creation failed (ROLLBACK_COMPLETE) before creating it again', async () => {
    cfn
      .on(DescribeStacksCommand)
      .resolvesOnce(stackDesc('ROLLBACK_COMPLETE'))
      .rejectsOnce(notFound)
      .resolves(stackDesc('CREATE_COMPLETE'));
    cfn.on(DeleteStackCommand).resolves({});
    cfn.on(DescribeStackEventsCommand).resolves({
      StackEvents: [ev('2', STACK.stackName, 'CREATE_COMPLETE', 1), ev('1', STACK.stackName, 'CREATE_IN_PROGRESS', 0)],
    });
    const { lines, reporter } = recorder();
    const out = await deployStack({ stack: STACK, api, reporter, clock, pollMs: 1 });
    expect(out.result).toBe('deployed');
    expect(cfn.commandCalls(DeleteStackCommand)).toHaveLength(1);
    expect(cfn.commandCalls(CreateChangeSetCommand)[0].args[0].input.ChangeSetType).toBe('CREATE');
    expect(lines[0]).toMatch(/failed to create earlier \(ROLLBACK_COMPLETE\)/);
  });

  it('stops on a stack that needs the user, with the command that recovers it', async () => {
    cfn.on(DescribeStacksCommand).resolves(stackDesc('UPDATE_ROLLBACK_FAILED'));
    const err = await deployStack({ stack: STACK, api, reporter: recorder().reporter, clock, pollMs: 1 }).catch(
      (e) => e,
    );
    expect(err.message).toMatch(/is in UPDATE_ROLLBACK_FAILED/);
    expect(err.hint).toMatch(/continue-update-rollback --stack-name shop-test-api/);
    expect(cfn.commandCalls(CreateChangeSetCommand)).toHaveLength(0);
  });

  it('first Ctrl-C cancels the update and shows the rollback', async () => {
    const interrupts = new ManualInterrupts();
    cfn
      .on(DescribeStacksCommand)
      .resolvesOnce(stackDesc('UPDATE_COMPLETE'))
      .resolves(stackDesc('UPDATE_ROLLBACK_COMPLETE'));
    cfn.on(CancelUpdateStackCommand).resolves({});
    let polls = 0;
    cfn.on(DescribeStackEventsCommand).callsFake(() => {
      polls += 1;
      if (polls === 1) {
        interrupts.press();
        return { StackEvents: [ev('1', STACK.stackName, 'UPDATE_IN_PROGRESS', 0)] };
      }
      return {
        StackEvents: [
          ev('3', STACK.stackName, 'UPDATE_ROLLBACK_COMPLETE', 2),
          ev('2', STACK.stackName, 'UPDATE_ROLLBACK_IN_PROGRESS', 1, 'Stack update cancelled'),
          ev('1', STACK.stackName, 'UPDATE_IN_PROGRESS', 0),
        ],
      };
    });
    const { lines, reporter } = recorder();
    const err = await deployStack({ stack: STACK, api, reporter, clock, pollMs: 1, interrupts }).catch((e) => e);
    expect(cfn.commandCalls(CancelUpdateStackCommand)).toHaveLength(1);
    expect(lines).toContain('event shop-test-api UPDATE_ROLLBACK_COMPLETE');
    expect(err.message).toBe('shop-test-api was cancelled and is now UPDATE_ROLLBACK_COMPLETE');
  });

  it('first Ctrl-C while creating deletes the stack; the second leaves at once', async () => {
    const interrupts = new ManualInterrupts();
    cfn.on(DescribeStacksCommand).rejects(notFound);
    cfn.on(DeleteStackCommand).resolves({});
    cfn.on(DescribeStackEventsCommand).callsFake(() => {
      interrupts.press();
      return { StackEvents: [ev('1', STACK.stackName, 'CREATE_IN_PROGRESS', 0)] };
    });
    const err = await deployStack({
      stack: STACK,
      api,
      reporter: recorder().reporter,
      clock,
      pollMs: 1,
      interrupts,
    }).catch((e) => e);
    expect(cfn.commandCalls(DeleteStackCommand)).toHaveLength(1);
    expect(err.code).toBe('INTERRUPTED');
    expect(err.message).toMatch(/still being deleted/);
    expect(err.exitCode).toBe(130);
  });

  it('returns after execution starts with --detach', async () => {
    cfn.on(DescribeStacksCommand).resolves(stackDesc('UPDATE_COMPLETE'));
    const out = await deployStack({ stack: STACK, api, reporter: recorder().reporter, clock, pollMs: 1, detach: true });
    expect(out.result).toBe('detached');
    expect(cfn.commandCalls(DescribeStackEventsCommand)).toHaveLength(0);
  });

  it('deletes the change set when the user declines it', async () => {
    cfn.on(DescribeStacksCommand).resolves(stackDesc('UPDATE_COMPLETE'));
    const out = await deployStack({
      stack: STACK,
      api,
      reporter: recorder().reporter,
      clock,
      pollMs: 1,
      confirm: async () => false,
    });
    expect(out.result).toBe('declined');
    expect(cfn.commandCalls(DeleteChangeSetCommand)).toHaveLength(1);
    expect(cfn.commandCalls(ExecuteChangeSetCommand)).toHaveLength(0);
  });

  it('uploads a template too large to send inline and passes its URL', async () => {
    cfn.on(DescribeStacksCommand).resolves(stackDesc('UPDATE_COMPLETE'));
    const big: RenderedStack = { ...STACK, template: { ...STACK.template, Description: 'x'.repeat(60_000) } };
    const uploads: string[] = [];
    await deployStack({
      stack: big,
      api,
      reporter: recorder().reporter,
      clock,
      pollMs: 1,
      detach: true,
      uploadTemplate: async (name, body) => {
        uploads.push(`${name}:${body.length}`);
        return 'https://bucket.s3.amazonaws.com/t.yml';
      },
    });
    expect(uploads).toHaveLength(1);
    const input = cfn.commandCalls(CreateChangeSetCommand)[0].args[0].input;
    expect(input.TemplateURL).toBe('https://bucket.s3.amazonaws.com/t.yml');
    expect(input.TemplateBody).toBeUndefined();
  });
});
