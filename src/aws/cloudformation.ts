// Thin CloudFormation wrapper: the calls the deploy engine makes, with plain inputs and outputs.
import {
  CancelUpdateStackCommand,
  Capability,
  CloudFormationClient,
  CreateChangeSetCommand,
  DeleteChangeSetCommand,
  DeleteStackCommand,
  DescribeChangeSetCommand,
  DescribeStackEventsCommand,
  DescribeStackResourceCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand,
  GetTemplateCommand,
  StackEvent,
} from '@aws-sdk/client-cloudformation';
import { awsError, call } from './errors';

export interface StackDescription {
  stackId: string;
  name: string;
  status: string;
  statusReason?: string;
  parameters: Record<string, string>;
  tags: Record<string, string>;
  outputs: Record<string, string>;
  lastUpdated?: Date;
}

export interface ChangeSetRequest {
  stackName: string;
  changeSetName: string;
  type: 'CREATE' | 'UPDATE';
  templateBody?: string;
  templateUrl?: string;
  parameters: Record<string, string>;
  tags: Record<string, string>;
  roleArn?: string;
}

export interface ResourceChange {
  action: string;
  logicalId: string;
  type: string;
  replacement?: string;
}

export interface ChangeSetDescription {
  status: string;
  statusReason?: string;
  executionStatus?: string;
  changes: ResourceChange[];
}

export interface StackEventRecord {
  id: string;
  timestamp: Date;
  logicalId: string;
  physicalId?: string;
  type: string;
  status: string;
  reason?: string;
}

/** What the deploy engine needs from CloudFormation; tests replace it or mock the client under it. */
export class StackApi {
  constructor(private readonly cfn: CloudFormationClient) {}

  async describeStack(name: string): Promise<StackDescription | undefined> {
    try {
      const out = await this.cfn.send(new DescribeStacksCommand({ StackName: name }));
      const s = out.Stacks?.[0];
      if (!s) return undefined;
      return {
        stackId: s.StackId ?? name,
        name: s.StackName ?? name,
        status: s.StackStatus ?? 'UNKNOWN',
        statusReason: s.StackStatusReason,
        parameters: Object.fromEntries((s.Parameters ?? []).map((p) => [p.ParameterKey ?? '', p.ParameterValue ?? ''])),
        tags: Object.fromEntries((s.Tags ?? []).map((t) => [t.Key ?? '', t.Value ?? ''])),
        outputs: Object.fromEntries((s.Outputs ?? []).map((o) => [o.OutputKey ?? '', o.OutputValue ?? ''])),
        lastUpdated: s.LastUpdatedTime ?? s.CreationTime,
      };
    } catch (err) {
      if (/does not exist/.test((err as Error).message ?? '')) return undefined;
      throw awsError(`describing stack ${name}`, err);
    }
  }

  async getTemplate(name: string): Promise<string> {
    const out = await call(`reading the template of ${name}`, () =>
      this.cfn.send(new GetTemplateCommand({ StackName: name, TemplateStage: 'Original' })),
    );
    return out.TemplateBody ?? '';
  }

  async createChangeSet(req: ChangeSetRequest): Promise<string> {
    const out = await call(`creating a change set for ${req.stackName}`, () =>
      this.cfn.send(
        new CreateChangeSetCommand({
          StackName: req.stackName,
          ChangeSetName: req.changeSetName,
          ChangeSetType: req.type,
          TemplateBody: req.templateBody,
          TemplateURL: req.templateUrl,
          Parameters: Object.entries(req.parameters).map(([ParameterKey, ParameterValue]) => ({
            ParameterKey,
            ParameterValue,
          })),
          Tags: Object.entries(req.tags).map(([Key, Value]) => ({ Key, Value })),
          Capabilities: [Capability.CAPABILITY_IAM, Capability.CAPABILITY_NAMED_IAM, Capability.CAPABILITY_AUTO_EXPAND],
          RoleARN: req.roleArn,
        }),
      ),
    );
    return out.Id ?? req.changeSetName;
  }

  async describeChangeSet(stackName: string, changeSetName: string): Promise<ChangeSetDescription> {
    const changes: ResourceChange[] = [];
    let NextToken: string | undefined;
    let status = 'UNKNOWN';
    let statusReason: string | undefined;
    let executionStatus: string | undefined;
    do {
      const out = await call(`reading change set ${changeSetName}`, () =>
        this.cfn.send(new DescribeChangeSetCommand({ StackName: stackName, ChangeSetName: changeSetName, NextToken })),
      );
      status = out.Status ?? status;
      statusReason = out.StatusReason;
      executionStatus = out.ExecutionStatus;
      for (const c of out.Changes ?? []) {
        const r = c.ResourceChange;
        if (r)
          changes.push({
            action: r.Action ?? '',
            logicalId: r.LogicalResourceId ?? '',
            type: r.ResourceType ?? '',
            replacement: r.Replacement,
          });
      }
      NextToken = out.NextToken;
    } while (NextToken);
    return { status, statusReason, executionStatus, changes };
  }

  async executeChangeSet(stackName: string, changeSetName: string, disableRollback: boolean): Promise<void> {
    await call(`executing change set ${changeSetName}`, () =>
      this.cfn.send(
        new ExecuteChangeSetCommand({
          StackName: stackName,
          ChangeSetName: changeSetName,
          DisableRollback: disableRollback || undefined,
        }),
      ),
    );
  }

  async deleteChangeSet(stackName: string, changeSetName: string): Promise<void> {
    await call(`deleting change set ${changeSetName}`, () =>
      this.cfn.send(new DeleteChangeSetCommand({ StackName: stackName, ChangeSetName: changeSetName })),
    );
  }

  /** Events newer than `since`, oldest first (the API returns newest first, paginated). */
  async eventsSince(stackName: string, since: Date): Promise<StackEventRecord[]> {
    const events: StackEvent[] = [];
    let NextToken: string | undefined;
    outer: do {
      const out = await call(`reading events of ${stackName}`, () =>
        this.cfn.send(new DescribeStackEventsCommand({ StackName: stackName, NextToken })),
      );
      for (const e of out.StackEvents ?? []) {
        if (e.Timestamp && e.Timestamp < since) break outer;
        events.push(e);
      }
      NextToken = out.NextToken;
    } while (NextToken);
    return events.reverse().map((e) => ({
      id: e.EventId ?? '',
      timestamp: e.Timestamp ?? new Date(0),
      logicalId: e.LogicalResourceId ?? '',
      physicalId: e.PhysicalResourceId,
      type: e.ResourceType ?? '',
      status: e.ResourceStatus ?? '',
      reason: e.ResourceStatusReason,
    }));
  }

  /** Physical ID of a resource of a stack (e.g. the ARN of its ECS service), or undefined. */
  async physicalId(stackName: string, logicalId: string): Promise<string | undefined> {
    try {
      const out = await this.cfn.send(
        new DescribeStackResourceCommand({ StackName: stackName, LogicalResourceId: logicalId }),
      );
      return out.StackResourceDetail?.PhysicalResourceId;
    } catch (err) {
      if (/does not exist|not found/i.test((err as Error).message ?? '')) return undefined;
      throw awsError(`reading resource ${logicalId} of ${stackName}`, err);
    }
  }

  async cancelUpdate(stackName: string): Promise<void> {
    await call(`cancelling the update of ${stackName}`, () =>
      this.cfn.send(new CancelUpdateStackCommand({ StackName: stackName })),
    );
  }

  async deleteStack(stackName: string): Promise<void> {
    await call(`deleting stack ${stackName}`, () => this.cfn.send(new DeleteStackCommand({ StackName: stackName })));
  }
}
