// The S3 bucket for the public ALB's access logs (`http.public.access_logs: true`, or a map without
// `bucket_name`), and the bucket policy that lets Elastic Load Balancing write into it.
import type { Value } from '../template';
import { Equals, If, Or, privateBucketProperties, Ref, Region, resource, Sub } from '../template';
import type { PublicHttp } from './http-plan';
import { EnvContext } from './parts';

export const ACCESS_LOGS_BUCKET = 'ELBAccessLogsBucket';
export const ACCESS_LOGS_POLICY = 'ELBAccessLogsBucketPolicy';
const MAPPING = 'RegionalConfigs';
const LEGACY_REGION = 'ElbAccountRegion';

/**
 * In the regions opened before August 2022, ELB writes access logs as an AWS account of its own in each region;
 * newer regions use the logdelivery.elasticloadbalancing.amazonaws.com service principal instead.
 */
const ELB_ACCOUNTS: Record<string, string> = {
  'us-east-1': '127311923021',
  'us-east-2': '033677994240',
  'us-west-1': '027434742980',
  'us-west-2': '797873946194',
  'af-south-1': '098369216593',
  'ca-central-1': '985666609251',
  'eu-central-1': '054676820928',
  'eu-west-1': '156460612806',
  'eu-west-2': '652711504416',
  'eu-south-1': '635631232127',
  'eu-west-3': '009996457667',
  'eu-north-1': '897822967062',
  'ap-east-1': '754344448648',
  'ap-northeast-1': '582318560864',
  'ap-northeast-2': '600734575887',
  'ap-northeast-3': '383597477331',
  'ap-southeast-1': '114774131450',
  'ap-southeast-2': '783225319266',
  'ap-southeast-3': '589379963580',
  'ap-south-1': '718504428378',
  'me-south-1': '076674570225',
  'sa-east-1': '507241528517',
  'us-gov-west-1': '048591011584',
  'us-gov-east-1': '190560391635',
  'cn-north-1': '638102146993',
  'cn-northwest-1': '037604701340',
};

/** `Fn::Or` takes 2 to 10 conditions: nest groups of ten. */
function anyOf(conditions: Value[]): Value {
  if (conditions.length <= 10) return Or(...conditions);
  const groups: Value[] = [];
  for (let i = 0; i < conditions.length; i += 10) groups.push(Or(...conditions.slice(i, i + 10)));
  return anyOf(groups);
}

export function addAccessLogsBucket(ctx: EnvContext, http: PublicHttp, condition: string): void {
  if (!http.accessLogs || http.accessLogs.bucket !== undefined) return;
  const { parts } = ctx;
  parts.mappings[MAPPING] = Object.fromEntries(
    Object.entries(ELB_ACCOUNTS).map(([region, account]) => [region, { ElbAccountId: account }]),
  );
  parts.condition(LEGACY_REGION, anyOf(Object.keys(ELB_ACCOUNTS).map((r) => Equals(Region, r))));
  parts.add(
    ACCESS_LOGS_BUCKET,
    resource(
      'AWS::S3::Bucket',
      'An S3 bucket for the access logs of the public load balancer',
      {
        // SSE-S3 (AES256) is the only encryption ELB can write with.
        ...privateBucketProperties(),
      },
      // Logs outlive the environment; a bucket with objects in it could not be deleted anyway.
      { Condition: condition, DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' },
    ),
  );
  // The prefix is the user's text inside a Fn::Sub: a literal "${" is written "${!" there.
  const prefix = http.accessLogs.prefix ? `${http.accessLogs.prefix.replaceAll('${', '${!')}/` : '';
  const writer = If(
    LEGACY_REGION,
    {
      AWS: Sub('arn:${AWS::Partition}:iam::${ElbAccount}:root', {
        ElbAccount: { 'Fn::FindInMap': [MAPPING, Region, 'ElbAccountId'] },
      }),
    },
    { Service: 'logdelivery.elasticloadbalancing.amazonaws.com' },
  );
  parts.add(
    ACCESS_LOGS_POLICY,
    resource(
      'AWS::S3::BucketPolicy',
      'A bucket policy letting Elastic Load Balancing write the access logs',
      {
        Bucket: Ref(ACCESS_LOGS_BUCKET),
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: writer,
              Action: 's3:PutObject',
              Resource: Sub(
                `arn:\${AWS::Partition}:s3:::\${${ACCESS_LOGS_BUCKET}}/${prefix}AWSLogs/\${AWS::AccountId}/*`,
              ),
            },
          ],
        },
      },
      { Condition: condition },
    ),
  );
}
