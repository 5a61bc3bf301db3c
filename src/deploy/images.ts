// Connects the deploy to the container engine: one ECR login per deploy, then the workload's builds and
// pushes, their output streamed as progress lines.
import { buildAndPushWorkloadImages } from '../image/build-push';
import { ecrLogin } from '../image/ecr-login';
import { ContainerEngine } from '../image/engine';
import { repositoryUri } from '../image/plan';
import { createEngine } from '../image/select';
import { colors } from '../ui/output';
import { Workspace } from '../workspace/workspace';
import { DeploySession } from './session';
import { ImagePublisher } from './workload';

export function imagePublisher(
  session: DeploySession,
  workspace: Workspace,
  options: { engine?: string },
): ImagePublisher {
  let ready: Promise<{ engine: ContainerEngine; registry: string }> | undefined;
  // Checked and logged in once, and only when a workload has something to build.
  const login = () =>
    (ready ??= (async () => {
      const engine = createEngine({ flag: options.engine });
      await engine.check();
      const registry = await ecrLogin(await session.clients.ecr(), engine);
      return { engine, registry };
    })());
  return {
    async publish({ app, name, manifest, tag }) {
      const { engine, registry } = await login();
      session.out.info(`Building and pushing the images of ${name} (tag ${tag})…`);
      return buildAndPushWorkloadImages(
        engine,
        {
          workspaceRoot: workspace.root,
          workload: name,
          manifest,
          repository: repositoryUri(registry, app, name),
          tag,
        },
        { onProgress: (p) => session.out.info(colors.dim(`  [${p.container}] ${p.line}`, false)) },
      );
    },
  };
}
