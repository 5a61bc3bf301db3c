// Engine failures as one clear MycopilotError: which engine, what it was doing, why (when the output says), what
// to do about it, and the last lines it printed. Secrets were already redacted from those lines by the runner.
import { MycopilotError } from '../errors';
import type { EngineName } from './engine';

/** Lines of engine output quoted in an error. */
export const QUOTED_LINES = 15;

const PICK_ANOTHER = 'or pick another engine with --engine docker|podman|finch (or MYCOPILOT_CONTAINER_ENGINE).';

const INSTALL: Record<EngineName, string> = {
  docker: 'Install Docker (https://docs.docker.com/engine/install/), ',
  podman: 'Install Podman (https://podman.io/docs/installation), ',
  finch: 'Install Finch (https://runfinch.com), ',
};

const START: Record<EngineName, string> = {
  docker: 'Start it (Docker Desktop, or `sudo systemctl start docker`), ',
  podman: 'Start it (`podman machine start` on macOS and Windows), ',
  finch: 'Start its VM with `finch vm start` (`finch vm init` the first time), ',
};

/** What has to run for the engine to work. */
const RUNS_IN: Record<EngineName, string> = { docker: 'daemon', podman: 'service', finch: 'VM' };

/** Output lines that mean the engine's daemon or VM cannot be reached. */
const NOT_RUNNING: Record<EngineName, RegExp> = {
  docker: /Cannot connect to the Docker daemon|Is the docker daemon running|error during connect/i,
  podman: /Cannot connect to Podman|unable to connect to Podman|podman machine (start|init)/i,
  finch: /finch vm (start|init)|instance "finch" (is stopped|does not exist)|VM is not running/i,
};

const SOCKET_DENIED = /permission denied while trying to connect to the (Docker )?daemon socket/i;
const AUTH =
  /unauthorized|\b401\b|authentication required|no basic auth credentials|incorrect username or password|authorization (failed|token has expired)|denied:/i;
const NO_REPOSITORY = /name unknown|repository with name .* does not exist|repository .* not found/i;

export function engineNotInstalled(engine: EngineName): MycopilotError {
  return new MycopilotError(
    'IMAGE',
    `The container engine ${engine} is not installed: there is no \`${engine}\` command on PATH.`,
    {
      hint: INSTALL[engine] + PICK_ANOTHER,
    },
  );
}

function quote(tail: readonly string[]): string {
  const lines = tail.slice(-QUOTED_LINES);
  return lines.length ? `\n  ${lines.join('\n  ')}` : '';
}

/**
 * The error for a failed engine command. `action` says what was being done ("docker push 1234….amazonaws.com/a/b:t");
 * `kind` lets a login failure and a push failure read differently.
 */
export function engineFailure(
  engine: EngineName,
  kind: 'check' | 'build' | 'tag' | 'login' | 'push',
  action: string,
  exitCode: number | null,
  tail: readonly string[],
): MycopilotError {
  const text = tail.join('\n');
  if (NOT_RUNNING[engine].test(text)) {
    const what = `${engine} is installed but its ${RUNS_IN[engine]} is not running`;
    return new MycopilotError('IMAGE', `${action} failed: ${what}.${quote(tail.slice(-3))}`, {
      hint: START[engine] + PICK_ANOTHER,
    });
  }
  if (SOCKET_DENIED.test(text)) {
    return new MycopilotError('IMAGE', `${action} failed: permission denied on the ${engine} daemon's socket.`, {
      hint: 'Add your user to the docker group (then log in again), run with sufficient rights, ' + PICK_ANOTHER,
    });
  }
  if ((kind === 'login' || kind === 'push') && AUTH.test(text)) {
    const why =
      kind === 'login'
        ? 'the registry rejected the credentials'
        : 'the registry refused the push (not logged in, or not allowed)';
    return new MycopilotError('IMAGE', `${action} failed: ${why}.${quote(tail.slice(-3))}`, {
      hint:
        'ECR login tokens last 12 hours and are fetched again on every deploy; check that your AWS identity may call ' +
        'ecr:GetAuthorizationToken and push to the repository. With MYCOPILOT_REGISTRY (a local registry), check its user and password.',
    });
  }
  if (kind === 'push' && NO_REPOSITORY.test(text)) {
    return new MycopilotError(
      'IMAGE',
      `${action} failed: the repository does not exist in the registry.${quote(tail.slice(-3))}`,
      {
        hint: 'The workload stack creates its ECR repository: deploy the workload once, or check the repository name.',
      },
    );
  }
  const how = exitCode === null ? 'was stopped' : `exited with code ${exitCode}`;
  return new MycopilotError('IMAGE', `${action} failed: ${engine} ${how}.${quote(tail)}`, {
    hint:
      kind === 'build'
        ? 'The lines above are the end of the build output; fix the Dockerfile or the build context.'
        : undefined,
  });
}
