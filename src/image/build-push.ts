// Builds and pushes a workload's images: every planned container at once (main and sidecars in parallel, each
// pushing right after its own build), returning the digest per container for the template to reference.
import { MycopilotError } from '../errors';
import type { ContainerEngine } from './engine';
import { planWorkloadImages } from './plan';
import type { PlannedImage, WorkloadImagesInput } from './plan';

export interface ImageProgress {
  container: string;
  phase: 'build' | 'push';
  line: string;
}

export interface ImageRunOptions {
  /** Every output line of every build and push, labelled with its container, as it is printed. */
  onProgress?: (event: ImageProgress) => void;
  signal?: AbortSignal;
}

async function buildAndPush(engine: ContainerEngine, image: PlannedImage, options: ImageRunOptions): Promise<string> {
  const { container } = image;
  const sink = (phase: ImageProgress['phase']) => (line: string) => options.onProgress?.({ container, phase, line });
  try {
    await engine.build(image.build, { onLine: sink('build'), signal: options.signal });
    let digest: string | undefined;
    for (const ref of image.push) {
      const pushed = await engine.push(ref, { onLine: sink('push'), signal: options.signal });
      digest ??= pushed;
    }
    if (!digest) throw new MycopilotError('IMAGE', `no reference to push for ${container}`);
    return digest;
  } catch (err) {
    if (!(err instanceof MycopilotError) || err.code === 'INTERRUPTED') throw err;
    throw new MycopilotError(err.code, `Image of container ${container}: ${err.message}`, {
      hint: err.hint,
      exitCode: err.exitCode,
      cause: err,
    });
  }
}

/**
 * Runs a plan; resolves to `{container: digest}`. Waits for every container even when one fails (no engine
 * process is left running behind the error), then reports every failure.
 */
export async function runImagePlan(
  engine: ContainerEngine,
  plan: readonly PlannedImage[],
  options: ImageRunOptions = {},
): Promise<Record<string, string>> {
  const results = await Promise.allSettled(plan.map((image) => buildAndPush(engine, image, options)));
  const failures = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
  if (failures.length === 1) throw failures[0];
  if (failures.length > 1) {
    const first = failures.find((f): f is MycopilotError => f instanceof MycopilotError);
    const text = failures.map((f) => (f instanceof Error ? f.message : String(f))).join('\n');
    throw new MycopilotError(first?.code ?? 'IMAGE', `${failures.length} images failed:\n${text}`, {
      hint: first?.hint,
      cause: failures[0],
    });
  }
  const digests: Record<string, string> = {};
  plan.forEach((image, i) => (digests[image.container] = (results[i] as PromiseFulfilledResult<string>).value));
  return digests;
}

/** Plans and runs the builds of one workload; the engine must already be logged in to the registry (ecrLogin). */
export function buildAndPushWorkloadImages(
  engine: ContainerEngine,
  input: WorkloadImagesInput,
  options: ImageRunOptions = {},
): Promise<Record<string, string>> {
  return runImagePlan(engine, planWorkloadImages(input), options);
}
