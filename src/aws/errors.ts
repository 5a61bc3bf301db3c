// Turns SDK errors into one-line MycopilotErrors with a hint the user can act on.
import { MycopilotError } from '../errors';

interface SdkError {
  name?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
}

const HINTS: [RegExp, string][] = [
  [
    /CredentialsProviderError|Could not load credentials/i,
    'No AWS credentials found: set AWS_PROFILE (or --profile), or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.',
  ],
  [/Region is missing/i, 'No AWS Region set: pass --region or set AWS_REGION.'],
  [/ExpiredToken|RequestExpired/i, 'Your AWS session has expired: refresh your credentials (e.g. aws sso login).'],
  [
    /AccessDenied|UnauthorizedOperation|not authorized/i,
    'Your AWS identity lacks a permission this command needs; the message names it.',
  ],
  [/ECONNREFUSED|ENOTFOUND|EAI_AGAIN/i, 'The AWS endpoint cannot be reached: check AWS_ENDPOINT_URL and your network.'],
];

/** Wraps an SDK error, naming what was being done. MycopilotErrors pass through unchanged. */
export function awsError(action: string, err: unknown): MycopilotError {
  if (err instanceof MycopilotError) return err;
  const e = err as SdkError;
  const text = `${e?.name ?? 'Error'}: ${e?.message ?? String(err)}`;
  const hint = HINTS.find(([pattern]) => pattern.test(text))?.[1];
  return new MycopilotError('AWS', `${action} failed: ${text}`, { hint, cause: err });
}

/** Runs an AWS call, wrapping its failure with `action`. */
export async function call<T>(action: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw awsError(action, err);
  }
}

export function isNotFound(err: unknown, ...names: string[]): boolean {
  const e = err as SdkError;
  return names.includes(e?.name ?? '') || e?.$metadata?.httpStatusCode === 404;
}
