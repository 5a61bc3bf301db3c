// Logs the container engine in to the account's ECR registry: GetAuthorizationToken gives base64("AWS:<password>")
// and the registry's endpoint. MYCOPILOT_REGISTRY replaces that registry host with another (a plain registry on
// 127.0.0.1:PORT behind a local AWS emulator). The password goes to the engine's stdin and nowhere else.
import type { ECRClient } from '@aws-sdk/client-ecr';
import { call } from '../aws/errors';
import { MycopilotError } from '../errors';
import type { ContainerEngine, RunOptions } from './engine';

export const REGISTRY_ENV = 'MYCOPILOT_REGISTRY';

export interface RegistryCredentials {
  /** Registry host (and port), e.g. 123456789012.dkr.ecr.us-west-2.amazonaws.com. */
  registry: string;
  username: string;
  /** Not enumerable, so that logging or serialising the object does not print it. */
  readonly password: string;
}

function credentials(registry: string, username: string, password: string): RegistryCredentials {
  const c = { registry, username } as RegistryCredentials;
  Object.defineProperty(c, 'password', { value: password, enumerable: false });
  return c;
}

/** Splits an ECR authorization token (base64 of `user:password`); the error never quotes the token. */
export function decodeAuthorizationToken(token: string): { username: string; password: string } {
  const text = Buffer.from(token, 'base64').toString('utf8');
  const colon = text.indexOf(':');
  if (colon <= 0 || colon === text.length - 1) {
    throw new MycopilotError('IMAGE', 'ECR returned an authorization token that is not base64 of "user:password".', {
      hint: 'Check AWS_ENDPOINT_URL_ECR / AWS_ENDPOINT_URL if you use an emulator.',
    });
  }
  return { username: text.slice(0, colon), password: text.slice(colon + 1) };
}

/** The host[:port] of a registry endpoint, with or without scheme (`https://1234….amazonaws.com` → host). */
export function registryHost(endpoint: string): string {
  const trimmed = endpoint.trim();
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed)) return trimmed.replace(/\/+$/, '');
  return new URL(trimmed).host;
}

/** The registry and its credentials; MYCOPILOT_REGISTRY (from `env`) overrides the registry host. */
export async function ecrCredentials(
  ecr: ECRClient,
  env: NodeJS.ProcessEnv = process.env,
): Promise<RegistryCredentials> {
  const { GetAuthorizationTokenCommand } = await import('@aws-sdk/client-ecr');
  const out = await call('Getting an ECR login token (ecr:GetAuthorizationToken)', () =>
    ecr.send(new GetAuthorizationTokenCommand({})),
  );
  const data = out.authorizationData?.[0];
  if (!data?.authorizationToken || (!data.proxyEndpoint && !env[REGISTRY_ENV])) {
    throw new MycopilotError('IMAGE', 'ECR returned no authorization data for the registry.', {
      hint: 'Check the Region (--region / AWS_REGION) and that your identity may call ecr:GetAuthorizationToken.',
    });
  }
  const { username, password } = decodeAuthorizationToken(data.authorizationToken);
  const override = env[REGISTRY_ENV]?.trim();
  const registry = registryHost(override ? override : data.proxyEndpoint!);
  return credentials(registry, username, password);
}

/** Logs `engine` in to the ECR registry (or MYCOPILOT_REGISTRY) and returns the registry host to push to. */
export async function ecrLogin(
  ecr: ECRClient,
  engine: ContainerEngine,
  options: RunOptions & { env?: NodeJS.ProcessEnv } = {},
): Promise<string> {
  const creds = await ecrCredentials(ecr, options.env);
  await engine.login(creds.registry, creds.username, creds.password, options);
  return creds.registry;
}
