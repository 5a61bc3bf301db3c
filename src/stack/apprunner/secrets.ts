// Secrets of a Request-Driven Web Service: the reference each target injects, and the IAM statements that let the
// role reading them (App Runner's instance role, ECS's execution role) read exactly those and nothing else.
import type { RequestDrivenWebService } from '../../manifest/schemas';
import { ImportValue, Sub, Value } from '../template';
import type { Statement } from './iam';

type SecretSource = NonNullable<RequestDrivenWebService['secrets']>[string];

export interface SecretReference {
  /** Name of the environment variable. */
  name: string;
  /** The full ARN both App Runner and ECS accept. */
  valueFrom: Value;
  /** What IAM must allow: an SSM parameter, a Secrets Manager secret, or an imported ARN of either. */
  kind: 'ssm' | 'secretsmanager' | 'imported';
  /** The resource of the IAM statement (the secret's ARN without JSON key or version). */
  resource: Value;
}

const SSM_PARAMETER_ARN = (name: string) =>
  Sub(`arn:\${AWS::Partition}:ssm:\${AWS::Region}:\${AWS::AccountId}:parameter/${name.replace(/^\/+/, '')}`);
const SECRET_ARN = (rest: string) =>
  Sub(`arn:\${AWS::Partition}:secretsmanager:\${AWS::Region}:\${AWS::AccountId}:secret:${rest}`);

/**
 * Secrets Manager appends `-` and six characters to a secret's name in its ARN; a reference by name must allow
 * them (`??????`, as IAM's documentation recommends) rather than every secret starting with the name.
 */
const SECRET_SUFFIX = /-[A-Za-z0-9]{6}$/;

function secretArnResource(arn: string): string {
  // arn:partition:secretsmanager:region:account:secret:name[:json-key:stage:id]
  const base = arn.split(':').slice(0, 7).join(':');
  return SECRET_SUFFIX.test(base) ? base : `${base}-??????`;
}

function reference(name: string, source: SecretSource): SecretReference {
  if (typeof source === 'string') {
    if (source.startsWith('arn:')) {
      if (source.split(':')[2] === 'secretsmanager') {
        return { name, valueFrom: source, kind: 'secretsmanager', resource: secretArnResource(source) };
      }
      return { name, valueFrom: source, kind: 'ssm', resource: source };
    }
    const arn = SSM_PARAMETER_ARN(source);
    return { name, valueFrom: arn, kind: 'ssm', resource: arn };
  }
  if ('secretsmanager' in source) {
    const secretName = source.secretsmanager.split(':')[0];
    return {
      name,
      valueFrom: SECRET_ARN(source.secretsmanager),
      kind: 'secretsmanager',
      resource: SECRET_ARN(SECRET_SUFFIX.test(secretName) ? secretName : `${secretName}-??????`),
    };
  }
  const imported = ImportValue(source.from_cfn);
  return { name, valueFrom: imported, kind: 'imported', resource: imported };
}

/** The manifest's secrets in name order. */
export function secretReferences(manifest: RequestDrivenWebService): SecretReference[] {
  const secrets = manifest.secrets ?? {};
  return Object.keys(secrets)
    .sort()
    .map((name) => reference(name, secrets[name]));
}

/** Read access to exactly the referenced secrets; empty when there are none. */
export function secretReadStatements(refs: SecretReference[]): Statement[] {
  if (refs.length === 0) return [];
  const of = (kinds: SecretReference['kind'][]) => refs.filter((r) => kinds.includes(r.kind)).map((r) => r.resource);
  const statements: Statement[] = [];
  const parameters = of(['ssm', 'imported']);
  if (parameters.length > 0) {
    statements.push({ Sid: 'ReadParameters', Effect: 'Allow', Action: 'ssm:GetParameters', Resource: parameters });
  }
  const secrets = of(['secretsmanager', 'imported']);
  if (secrets.length > 0) {
    statements.push({
      Sid: 'ReadSecrets',
      Effect: 'Allow',
      Action: 'secretsmanager:GetSecretValue',
      Resource: secrets,
    });
  }
  // Secrets encrypted with a customer managed key also need the key, but only when read through SSM or
  // Secrets Manager, so the grant does not open the keys to anything else.
  statements.push({
    Sid: 'DecryptSecrets',
    Effect: 'Allow',
    Action: 'kms:Decrypt',
    Resource: Sub('arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:key/*'),
    Condition: {
      StringEquals: {
        'kms:ViaService': [Sub('ssm.${AWS::Region}.amazonaws.com'), Sub('secretsmanager.${AWS::Region}.amazonaws.com')],
      },
    },
  });
  return statements;
}
