// `pipeline status`: what the pipeline is doing, read back from AWS. The stack says which CodePipeline pipeline
// it is (its generated name is not guessable); CodePipeline gives the state of every stage and action and the
// latest executions. The rendering is plain text, one line per action, failures under the action that failed.
import type { ExecutionView, PipelineApi, StageStateView } from '../aws/codepipeline';
import type { StackApi } from '../aws/cloudformation';
import { MycopilotError } from '../errors';
import type { PipelineIdentity } from './pipeline-render';

export interface PipelineStatusReport {
  pipeline: string;
  stackName: string;
  /** The CodePipeline pipeline's name. */
  pipelineName: string;
  stackStatus: string;
  latest?: ExecutionView;
  /** Executions before the latest one, newest first. */
  previous: ExecutionView[];
  stages: StageStateView[];
}

export async function pipelineStatus(
  api: { stacks: StackApi; pipelines: PipelineApi },
  id: PipelineIdentity,
): Promise<PipelineStatusReport> {
  const stack = await api.stacks.describeStack(id.stackName);
  if (!stack) {
    throw new MycopilotError('NOT_FOUND', `pipeline ${id.name} is not deployed (no stack ${id.stackName})`, {
      hint: `Deploy it: mycopilot pipeline deploy --name ${id.name}`,
    });
  }
  const pipelineName = stack.outputs.PipelineName ?? (await api.stacks.physicalId(id.stackName, 'Pipeline'));
  if (!pipelineName) {
    throw new MycopilotError('NOT_FOUND', `stack ${id.stackName} (${stack.status}) has no pipeline yet`, {
      hint: 'It is still being created, or its creation failed: see `mycopilot pipeline deploy` again.',
    });
  }
  const [stages, executions] = await Promise.all([
    api.pipelines.state(pipelineName),
    api.pipelines.executions(pipelineName, 5),
  ]);
  if (!stages) {
    throw new MycopilotError('NOT_FOUND', `the pipeline ${pipelineName} of stack ${id.stackName} does not exist`, {
      hint: `It was deleted outside CloudFormation; deploy it again: mycopilot pipeline deploy --name ${id.name} --force`,
    });
  }
  return {
    pipeline: id.name,
    stackName: id.stackName,
    pipelineName,
    stackStatus: stack.status,
    latest: executions[0],
    previous: executions.slice(1),
    stages,
  };
}

function time(d: Date | undefined): string {
  return d
    ? d
        .toISOString()
        .replace(/\.\d{3}Z$/, 'Z')
        .replace('T', ' ')
    : '';
}

function shortId(id: string): string {
  return id.slice(0, 8);
}

function revisionText(e: ExecutionView): string {
  const r = e.revisions[0];
  if (!r) return '';
  const summary = (r.summary ?? '').split('\n')[0];
  // Connections give the summary as JSON ({"ProviderType":...,"CommitMessage":...}).
  let message = summary;
  try {
    const parsed = JSON.parse(summary) as { CommitMessage?: string };
    if (parsed.CommitMessage) message = parsed.CommitMessage.split('\n')[0];
  } catch {
    // plain text
  }
  return `${r.id ? r.id.slice(0, 7) : ''}${message ? ` "${message.slice(0, 60)}"` : ''}`.trim();
}

/** What a user needs to read: the latest run, then every stage and action, with the failures spelled out. */
export function formatPipelineStatus(r: PipelineStatusReport): string[] {
  const lines: string[] = [`Pipeline ${r.pipeline} (${r.pipelineName}, stack ${r.stackName} ${r.stackStatus})`];
  if (r.latest) {
    const e = r.latest;
    const rev = revisionText(e);
    lines.push(
      `Latest run ${shortId(e.id)}: ${e.status}, started ${time(e.started)}${e.trigger ? ` by ${e.trigger}` : ''}${rev ? `, ${rev}` : ''}`,
    );
    if (e.statusSummary) lines.push(`  ${e.statusSummary}`);
  } else {
    lines.push('Latest run: none yet');
  }
  lines.push('');
  const rows: [string, string, string, string][] = [['STAGE', 'ACTION', 'STATUS', 'UPDATED']];
  const notes = new Map<number, string[]>();
  for (const stage of r.stages) {
    if (!stage.transitionEnabled) {
      notes.set(rows.length - 1, [
        `  ⏸ transition into ${stage.name} is disabled${stage.transitionDisabledReason ? `: ${stage.transitionDisabledReason}` : ''}`,
      ]);
    }
    stage.actions.forEach((a, i) => {
      rows.push([
        i === 0 ? stage.name : '',
        a.name,
        a.waitingForApproval ? 'Waiting for approval' : (a.status ?? '-'),
        time(a.lastChange),
      ]);
      const extra: string[] = [];
      if (a.status === 'Failed') {
        extra.push(`  ✘ ${a.error ?? a.summary ?? 'failed'}`);
        if (a.url) extra.push(`    ${a.url}`);
      }
      if (a.waitingForApproval) {
        extra.push(
          `    Approve or reject it in the CodePipeline console, or with \`aws codepipeline put-approval-result --pipeline-name ${r.pipelineName} --stage-name ${stage.name} --action-name ${a.name} ...\``,
        );
      }
      if (extra.length) notes.set(rows.length - 1, [...(notes.get(rows.length - 1) ?? []), ...extra]);
    });
  }
  const widths = [0, 1, 2].map((c) => Math.max(...rows.map((row) => row[c].length)));
  rows.forEach((row, i) => {
    lines.push(
      row
        .map((cell, c) => (c < 3 ? cell.padEnd(widths[c]) : cell))
        .join('  ')
        .trimEnd(),
    );
    for (const note of notes.get(i) ?? []) lines.push(note);
  });
  if (r.previous.length > 0) {
    lines.push('', 'Earlier runs:');
    for (const e of r.previous) {
      const rev = revisionText(e);
      lines.push(`  ${shortId(e.id)}  ${e.status.padEnd(10)}  ${time(e.started)}${rev ? `  ${rev}` : ''}`);
    }
  }
  return lines;
}

/** The report as `--json` prints it: dates as ISO text. */
export function statusJson(r: PipelineStatusReport): unknown {
  return JSON.parse(JSON.stringify(r));
}
