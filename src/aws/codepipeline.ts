// Thin CodePipeline and CodeStar Connections wrappers: the calls `pipeline status`, `ls` and `deploy` make,
// with plain inputs and outputs so the pipeline services never see SDK shapes.
import {
  CodePipelineClient,
  GetPipelineCommand,
  GetPipelineStateCommand,
  ListPipelineExecutionsCommand,
  ListPipelinesCommand,
  ListTagsForResourceCommand,
  StartPipelineExecutionCommand,
} from '@aws-sdk/client-codepipeline';
import {
  CodeStarConnectionsClient,
  GetConnectionCommand,
  ListConnectionsCommand,
} from '@aws-sdk/client-codestar-connections';
import { awsError, call, isNotFound } from './errors';

export interface ActionStateView {
  name: string;
  /** InProgress, Succeeded, Failed, Abandoned; undefined when the action has never run. */
  status?: string;
  summary?: string;
  lastChange?: Date;
  /** What went wrong, as the action reported it. */
  error?: string;
  /** Where to look: the build's logs, the stack's console page. */
  url?: string;
  /** An approval waiting for an answer carries a token. */
  waitingForApproval: boolean;
}

export interface StageStateView {
  name: string;
  status?: string;
  executionId?: string;
  /** False when someone disabled the transition into this stage. */
  transitionEnabled: boolean;
  transitionDisabledReason?: string;
  actions: ActionStateView[];
}

export interface ExecutionView {
  id: string;
  status: string;
  statusSummary?: string;
  started?: Date;
  updated?: Date;
  trigger?: string;
  revisions: { action: string; id?: string; summary?: string; url?: string }[];
}

export interface ConnectionView {
  arn: string;
  name: string;
  /** PENDING, AVAILABLE or ERROR. */
  status: string;
  provider?: string;
}

export class PipelineApi {
  constructor(private readonly cp: CodePipelineClient) {}

  /** The state of every stage and action, or undefined when no pipeline has that name. */
  async state(name: string): Promise<StageStateView[] | undefined> {
    let out;
    try {
      out = await this.cp.send(new GetPipelineStateCommand({ name }));
    } catch (err) {
      if (isNotFound(err, 'PipelineNotFoundException')) return undefined;
      throw awsError(`reading the state of pipeline ${name}`, err);
    }
    return (out.stageStates ?? []).map((s) => ({
      name: s.stageName ?? '',
      status: s.latestExecution?.status,
      executionId: s.latestExecution?.pipelineExecutionId,
      transitionEnabled: s.inboundTransitionState?.enabled ?? true,
      transitionDisabledReason: s.inboundTransitionState?.disabledReason,
      actions: (s.actionStates ?? []).map((a) => {
        const e = a.latestExecution;
        return {
          name: a.actionName ?? '',
          status: e?.status,
          summary: e?.summary,
          lastChange: e?.lastStatusChange,
          error: e?.errorDetails?.message,
          url: e?.externalExecutionUrl ?? a.entityUrl,
          waitingForApproval: Boolean(e?.token) && e?.status === 'InProgress',
        };
      }),
    }));
  }

  /** The latest executions, newest first. */
  async executions(name: string, max = 5): Promise<ExecutionView[]> {
    const out = await call(`listing the executions of pipeline ${name}`, () =>
      this.cp.send(new ListPipelineExecutionsCommand({ pipelineName: name, maxResults: max })),
    );
    return (out.pipelineExecutionSummaries ?? []).map((e) => ({
      id: e.pipelineExecutionId ?? '',
      status: e.status ?? 'Unknown',
      statusSummary: e.statusSummary,
      started: e.startTime,
      updated: e.lastUpdateTime,
      trigger: e.trigger?.triggerType,
      revisions: (e.sourceRevisions ?? []).map((r) => ({
        action: r.actionName ?? '',
        id: r.revisionId,
        summary: r.revisionSummary,
        url: r.revisionUrl,
      })),
    }));
  }

  async start(name: string): Promise<string> {
    const out = await call(`starting pipeline ${name}`, () =>
      this.cp.send(new StartPipelineExecutionCommand({ name })),
    );
    return out.pipelineExecutionId ?? '';
  }

  /** Names of the account's pipelines that start with `prefix`. */
  async namesStartingWith(prefix: string): Promise<string[]> {
    const names: string[] = [];
    let nextToken: string | undefined;
    do {
      const out = await call('listing pipelines', () => this.cp.send(new ListPipelinesCommand({ nextToken })));
      for (const p of out.pipelines ?? []) if (p.name?.startsWith(prefix)) names.push(p.name);
      nextToken = out.nextToken;
    } while (nextToken);
    return names.sort();
  }

  /** The pipeline's tags (its stack's: copilot-application, copilot-pipeline). */
  async tags(name: string): Promise<Record<string, string>> {
    const pipeline = await call(`reading pipeline ${name}`, () => this.cp.send(new GetPipelineCommand({ name })));
    const arn = pipeline.metadata?.pipelineArn;
    if (!arn) return {};
    const out = await call(`reading the tags of pipeline ${name}`, () =>
      this.cp.send(new ListTagsForResourceCommand({ resourceArn: arn })),
    );
    return Object.fromEntries((out.tags ?? []).map((t) => [t.key ?? '', t.value ?? '']));
  }
}

export class ConnectionApi {
  constructor(private readonly client: CodeStarConnectionsClient) {}

  async get(arn: string): Promise<ConnectionView> {
    const out = await call(`reading connection ${arn}`, () =>
      this.client.send(new GetConnectionCommand({ ConnectionArn: arn })),
    );
    const c = out.Connection ?? {};
    return { arn, name: c.ConnectionName ?? arn, status: c.ConnectionStatus ?? 'UNKNOWN', provider: c.ProviderType };
  }

  /** The connection named `name` in this account and Region, if there is one. */
  async findByName(name: string): Promise<ConnectionView | undefined> {
    let NextToken: string | undefined;
    do {
      const out = await call('listing CodeStar connections', () =>
        this.client.send(new ListConnectionsCommand({ NextToken })),
      );
      const found = (out.Connections ?? []).find((c) => c.ConnectionName === name);
      if (found) {
        return {
          arn: found.ConnectionArn ?? '',
          name,
          status: found.ConnectionStatus ?? 'UNKNOWN',
          provider: found.ProviderType,
        };
      }
      NextToken = out.NextToken;
    } while (NextToken);
    return undefined;
  }
}
