// `pipeline ls`: the pipelines of the workspace and those deployed for the application, side by side. Deployed
// ones are found by name prefix (`pipeline-<app>-`, which every Copilot and mycopilot pipeline has) and
// confirmed by their copilot-application tag, so a pipeline whose manifest is gone is listed too.
import type { PipelineApi } from '../aws/codepipeline';
import { TAG_APP } from '../stack/naming';
import { TAG_PIPELINE } from '../stack/pipeline/names';
import type { Workspace } from '../workspace/workspace';

export interface PipelineListing {
  name: string;
  /** The manifest in the workspace, if any. */
  manifest?: string;
  /** The CodePipeline pipeline, if deployed. */
  deployed?: string;
}

export function localPipelines(workspace: Workspace): PipelineListing[] {
  return workspace.pipelines().map((p) => ({ name: p.name, manifest: p.manifestPath }));
}

export async function listPipelines(
  workspace: Workspace,
  app: string,
  pipelines: PipelineApi | undefined,
): Promise<PipelineListing[]> {
  const byName = new Map(localPipelines(workspace).map((p) => [p.name, p]));
  if (pipelines) {
    for (const physical of await pipelines.namesStartingWith(`pipeline-${app}-`)) {
      const tags = await pipelines.tags(physical);
      if (tags[TAG_APP] !== app) continue; // another application whose name starts like this one's
      // Legacy pipelines carry no pipeline tag: their CodePipeline name is their name.
      const name = tags[TAG_PIPELINE] ?? physical;
      byName.set(name, { ...(byName.get(name) ?? { name }), deployed: physical });
    }
  }
  return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
}
