// `env_file`: the deploy uploads the file to the application's artifact bucket and passes its S3 object ARN as a
// parameter (EnvFileARN for the main container, EnvFileARNFor<Sidecar>, LoggingEnvFileARN for the log router).
// The parameter is empty until the deploy fills it, so the file and the execution role's permission to read it
// are both conditional on it being set.
import { Equals, If, Join, NoValue, Not, Partition, Ref, Select, Split } from '../template';
import type { Value } from '../template';
import type { Workload } from './workload';

/** `EnvironmentFiles` of a container whose manifest names an env file; adds the parameter and the permission. */
export function environmentFiles(w: Workload, param: string, container: string): Value[] {
  const parts = w.parts;
  parts.param(
    param,
    {
      Type: 'String',
      Default: '',
      Description: `S3 object ARN of the env file of the ${container} container, uploaded by the deploy.`,
    },
    '',
  );
  const has = parts.condition(`Has${param}`, Not(Equals(Ref(param), '')));
  // arn:aws:s3:::bucket/key → the bucket's ARN, for GetBucketLocation.
  const bucketArn = Join('', ['arn:', Partition, ':s3:::', Select(0, Split('/', Select(5, Split(':', Ref(param)))))]);
  parts.executionPolicies.push(
    If(
      has,
      {
        PolicyName: `Read${param}`,
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Action: ['s3:GetObject'], Resource: [Ref(param)] },
            { Effect: 'Allow', Action: ['s3:GetBucketLocation'], Resource: [bucketArn] },
            {
              // The artifact bucket may encrypt objects with a KMS key: allow decrypting through S3 only.
              Effect: 'Allow',
              Action: ['kms:Decrypt'],
              Resource: '*',
              Condition: { StringLike: { 'kms:ViaService': 's3.*.amazonaws.com' } },
            },
          ],
        },
      },
      NoValue,
    ),
  );
  return [If(has, { Type: 's3', Value: Ref(param) }, NoValue)];
}
