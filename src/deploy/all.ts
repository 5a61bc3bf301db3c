// `mycopilot deploy`: the application, the environment if it is missing or out of date, then workloads —
// independent ones in parallel. Workers that subscribe to other services' topics go after the publishers.
import { initApplication } from './application';
import { deployEnvironment } from './environment';
import { builtWorkloads, loadForEnv, RenderContext } from './render';
import { DeploySession } from './session';
import { deployWorkload, ImagePublisher, WorkloadDeployResult } from './workload';

export interface DeployAllOptions {
  /** Workloads to deploy; every workload of the workspace when undefined. */
  names?: string[];
  tag: string;
  images: ImagePublisher;
  /** Stacks deployed at once. */
  concurrency?: number;
  force?: boolean;
}

export interface DeployAllResult {
  environment: 'deployed' | 'unchanged' | 'detached' | 'declined';
  workloads: { name: string; result?: WorkloadDeployResult; error?: Error }[];
}

export async function deployAll(
  session: DeploySession,
  ctx: RenderContext,
  options: DeployAllOptions,
): Promise<DeployAllResult> {
  await initApplication(session, { app: ctx.app, workloads: await builtWorkloads(ctx) });
  const env = await deployEnvironment(session, ctx);
  const names = options.names ?? ctx.workspace.workloads().map((w) => w.name);
  const subscribers = new Set<string>();
  for (const name of names) {
    const loaded = await loadForEnv(ctx, ctx.workspace.workloadManifestPath(name));
    if ((loaded.manifest as { subscribe?: { topics?: unknown[] } }).subscribe?.topics?.length) subscribers.add(name);
  }
  const waves = [names.filter((n) => !subscribers.has(n)), names.filter((n) => subscribers.has(n))];
  const results: DeployAllResult['workloads'] = [];
  for (const wave of waves) {
    results.push(
      ...(await inParallel(wave, options.concurrency ?? 4, async (name) => {
        try {
          return {
            name,
            result: await deployWorkload(session, ctx, {
              name,
              tag: options.tag,
              images: options.images,
              force: options.force,
            }),
          };
        } catch (error) {
          return { name, error: error as Error };
        }
      })),
    );
  }
  return { environment: env.result, workloads: results };
}

/** Runs `work` over `items`, at most `limit` at a time, keeping the input order in the result. */
export async function inParallel<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const runners = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]);
    }
  });
  await Promise.all(runners);
  return results;
}
