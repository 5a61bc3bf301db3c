// Secrets of the containers: where ECS reads each one from, and what the execution role must be allowed
// to read. Plain names are SSM parameters or Secrets Manager secrets of the workload's own account and region;
// like Copilot, reading them is allowed only for parameters and secrets tagged with the application and
// environment (what `secret init` creates). A full ARN in the manifest is allowed exactly.
import { ImportValue, Sub } from '../template';
import type { Value } from '../template';
import { localArn, subLiteral } from './parts';

export type SecretSource = string | { secretsmanager: string } | { from_cfn: string };

/** What the secrets of a task need the execution role to read. */
export class SecretAccess {
  ssmByName = false;
  secretsManagerByName = false;
  /** Exact ARNs (or imported values holding ARNs) named by the manifest. */
  readonly arns: Value[] = [];
  private readonly seen = new Set<string>();

  addArn(arn: Value): void {
    const key = JSON.stringify(arn);
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.arns.push(arn);
  }

  get any(): boolean {
    return this.ssmByName || this.secretsManagerByName || this.arns.length > 0;
  }
}

/** The secret's ARN without the `:json-key:version-stage:version-id` suffix ECS accepts after it. */
function secretArnOnly(arn: string): string {
  const parts = arn.split(':');
  return parts[2] === 'secretsmanager' ? parts.slice(0, 7).join(':') : arn;
}

/** The `ValueFrom` of one secret, recording what reading it needs. */
export function secretValueFrom(source: SecretSource, access: SecretAccess): Value {
  if (typeof source === 'string') {
    if (source.startsWith('arn:')) {
      access.addArn(secretArnOnly(source));
      return source;
    }
    access.ssmByName = true;
    return Sub(localArn('ssm', `parameter/${subLiteral(source.replace(/^\/+/, ''))}`));
  }
  if ('secretsmanager' in source) {
    const value = source.secretsmanager;
    if (value.startsWith('arn:')) {
      access.addArn(secretArnOnly(value));
      return value;
    }
    // `name` or `name:json-key:version-stage:version-id`: ECS resolves a partial ARN to the secret.
    access.secretsManagerByName = true;
    return Sub(localArn('secretsmanager', `secret:${subLiteral(value)}`));
  }
  const imported = ImportValue(source.from_cfn);
  access.addArn(imported);
  return imported;
}

/** ECS `Secrets` (or `SecretOptions`) of a container, sorted by name; undefined when there are none. */
export function secretList(
  secrets: Record<string, SecretSource> | undefined,
  access: SecretAccess,
): { Name: string; ValueFrom: Value }[] | undefined {
  const names = Object.keys(secrets ?? {}).sort();
  if (names.length === 0) return undefined;
  return names.map((Name) => ({ Name, ValueFrom: secretValueFrom(secrets![Name], access) }));
}

/** Execution role statements that let ECS read the secrets. */
export function secretStatements(access: SecretAccess): Value[] {
  const tagged = (prefix: string) => ({
    StringEquals: {
      [`${prefix}:ResourceTag/copilot-application`]: Sub('${AppName}'),
      [`${prefix}:ResourceTag/copilot-environment`]: Sub('${EnvName}'),
    },
  });
  const statements: Value[] = [];
  if (access.ssmByName) {
    statements.push({
      Sid: 'TaggedParameters',
      Effect: 'Allow',
      Action: ['ssm:GetParameters'],
      Resource: [Sub(localArn('ssm', 'parameter/*'))],
      Condition: tagged('ssm'),
    });
  }
  if (access.secretsManagerByName) {
    statements.push({
      Sid: 'TaggedSecrets',
      Effect: 'Allow',
      Action: ['secretsmanager:GetSecretValue'],
      Resource: [Sub(localArn('secretsmanager', 'secret:*'))],
      Condition: tagged('secretsmanager'),
    });
  }
  if (access.arns.length > 0) {
    statements.push({
      Sid: 'NamedSecrets',
      Effect: 'Allow',
      Action: ['ssm:GetParameters', 'secretsmanager:GetSecretValue'],
      Resource: access.arns,
    });
  }
  if (access.any) {
    // Customer managed keys of the application's SecureString parameters and secrets, as Copilot allowed.
    statements.push({
      Sid: 'DecryptTaggedKMSKey',
      Effect: 'Allow',
      Action: ['kms:Decrypt'],
      Resource: [Sub(localArn('kms', 'key/*'))],
      Condition: tagged('aws'),
    });
  }
  return statements;
}
