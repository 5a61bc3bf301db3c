// IAM of the pipeline stack, least privilege, one role per job:
//  - PipelineRole (CodePipeline): read/write the pipeline's artifacts, start its own CodeBuild projects, use the
//    source connection or repository, and create/update exactly the stacks the stages name, passing them only
//    the CloudFormation role.
//  - BuildProjectRole (the build): artifacts, logs of its own projects, push to the repositories of the
//    workloads it builds. `mycopilot * package` is offline, so the build needs no CloudFormation or SSM access.
//  - ActionRole (test commands, pre/post deployments): artifacts and logs only; users grant more with
//    `build.additional_policy`, which applies to every CodeBuild project of the pipeline.
//  - CloudFormationRole (the deploy actions' service role, standing in for the per-environment execution roles
//    Copilot's environments had): what the resources of mycopilot's workload and environment stacks need.
//    Services whose resources have generated names (IAM roles, queues, topics, buckets, log groups) are
//    limited to names that start with the application's name or a deployed stack's name; ECS, ELB, EC2,
//    Cloud Map, App Runner, CloudFront, EFS and the like cannot be scoped by name and are granted per service.
//    Nothing here can touch other applications' roles, the pipeline itself or the account's IAM users.
import { Sub, Value } from '../template';
import type { DeploymentKind } from './inputs';

export interface Statement {
  Sid?: string;
  Effect: 'Allow';
  Action: string[];
  Resource: Value;
  Condition?: Record<string, unknown>;
}

export function policyDocument(statements: Statement[]): Record<string, unknown> {
  return { Version: '2012-10-17', Statement: statements };
}

/** Trust policy of a role that `service` assumes. */
export function assumedBy(service: string): Record<string, unknown> {
  return {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Service: [service] }, Action: ['sts:AssumeRole'] }],
  };
}

/** ARN of something in this account and Region, `${...}` substituted by CloudFormation. */
export function localArn(service: string, resource: string): Value {
  return Sub(`arn:\${AWS::Partition}:${service}:\${AWS::Region}:\${AWS::AccountId}:${resource}`);
}

export const ARTIFACT_BUCKET_PARAM = 'ArtifactBucket';
export const bucketArn = Sub(`arn:\${AWS::Partition}:s3:::\${${ARTIFACT_BUCKET_PARAM}}`);
export const bucketObjectsArn = Sub(`arn:\${AWS::Partition}:s3:::\${${ARTIFACT_BUCKET_PARAM}}/*`);

/** Reading and writing the pipeline's artifacts: the bucket's objects and the KMS key that encrypts them. */
export function artifactStatements(keyArn: Value, write: boolean): Statement[] {
  return [
    {
      Effect: 'Allow',
      Action: ['s3:GetObject', 's3:GetObjectVersion', ...(write ? ['s3:PutObject'] : [])],
      Resource: [bucketObjectsArn],
    },
    { Effect: 'Allow', Action: ['s3:GetBucketLocation', 's3:GetBucketVersioning'], Resource: [bucketArn] },
    {
      Effect: 'Allow',
      Action: ['kms:Decrypt', 'kms:DescribeKey', ...(write ? ['kms:Encrypt', 'kms:GenerateDataKey*'] : [])],
      Resource: [keyArn],
    },
  ];
}

/** Logs and test reports of the stack's CodeBuild projects, which are all named `<stack>-...`. */
export function codeBuildLogStatements(): Statement[] {
  return [
    {
      Effect: 'Allow',
      Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'],
      Resource: [
        localArn('logs', 'log-group:/aws/codebuild/${AWS::StackName}-*'),
        localArn('logs', 'log-group:/aws/codebuild/${AWS::StackName}-*:*'),
      ],
    },
    {
      Effect: 'Allow',
      Action: [
        'codebuild:CreateReportGroup',
        'codebuild:CreateReport',
        'codebuild:UpdateReport',
        'codebuild:BatchPutTestCases',
        'codebuild:BatchPutCodeCoverages',
      ],
      Resource: [localArn('codebuild', 'report-group/${AWS::StackName}-*')],
    },
  ];
}

/** Pushing to the workloads' repositories; the login token is account-wide by design. */
export function ecrPushStatements(repositories: string[]): Statement[] {
  if (repositories.length === 0) return [];
  return [
    { Effect: 'Allow', Action: ['ecr:GetAuthorizationToken'], Resource: '*' },
    {
      Effect: 'Allow',
      Action: [
        'ecr:BatchCheckLayerAvailability',
        'ecr:BatchGetImage',
        'ecr:CompleteLayerUpload',
        'ecr:DescribeImages',
        'ecr:GetDownloadUrlForLayer',
        'ecr:InitiateLayerUpload',
        'ecr:PutImage',
        'ecr:UploadLayerPart',
      ],
      Resource: [...repositories].sort().map((r) => localArn('ecr', `repository/${r}`)),
    },
  ];
}

/** Services whose resources every mycopilot stack kind creates, granted per service (no name to scope by). */
const WORKLOAD_SERVICES = [
  'ecs:*',
  'elasticloadbalancing:*',
  'application-autoscaling:*',
  'servicediscovery:*',
  'route53:*',
  'events:*',
  'states:*',
  'apprunner:*',
  'cloudfront:*',
  'elasticfilesystem:*',
];
/** Environments also own the network and the EC2 capacity (the Auto Scaling group launches instances). */
const ENVIRONMENT_SERVICES = ['ec2:*', 'autoscaling:*'];
/** What workload stacks do in EC2: their security groups and rules. */
const WORKLOAD_EC2 = [
  'ec2:Describe*',
  'ec2:CreateSecurityGroup',
  'ec2:DeleteSecurityGroup',
  'ec2:AuthorizeSecurityGroupIngress',
  'ec2:AuthorizeSecurityGroupEgress',
  'ec2:RevokeSecurityGroupIngress',
  'ec2:RevokeSecurityGroupEgress',
  'ec2:CreateTags',
  'ec2:DeleteTags',
];
/** Service-linked roles the services above create on first use. */
const LINKED_SERVICES = [
  'ecs.amazonaws.com',
  'elasticloadbalancing.amazonaws.com',
  'ecs.application-autoscaling.amazonaws.com',
  'autoscaling.amazonaws.com',
  'apprunner.amazonaws.com',
  'elasticfilesystem.amazonaws.com',
];

/**
 * The deploy actions' CloudFormation role. `prefixes` are the name prefixes of what the deployed stacks create
 * with generated names: the application's name and any deployed stack name outside it.
 */
export function cloudFormationStatements(kinds: Set<DeploymentKind>, prefixes: string[]): Statement[] {
  const environments = kinds.has('environment') || kinds.has('custom');
  const named = (service: string, pattern: (p: string) => string, global = false) =>
    prefixes.map((p) =>
      global
        ? Sub(`arn:\${AWS::Partition}:${service}::\${AWS::AccountId}:${pattern(p)}`)
        : localArn(service, pattern(p)),
    );
  const statements: Statement[] = [
    {
      Sid: 'Services',
      Effect: 'Allow',
      Action: [...WORKLOAD_SERVICES, ...(environments ? ENVIRONMENT_SERVICES : WORKLOAD_EC2)],
      Resource: '*',
    },
    {
      Sid: 'Alarms',
      Effect: 'Allow',
      Action: [
        'cloudwatch:PutMetricAlarm',
        'cloudwatch:DeleteAlarms',
        'cloudwatch:DescribeAlarms',
        'cloudwatch:TagResource',
        'cloudwatch:UntagResource',
        'cloudwatch:ListTagsForResource',
      ],
      Resource: '*',
    },
    {
      Sid: 'ReadOnly',
      Effect: 'Allow',
      Action: [
        'ssm:GetParameters', // SSM-typed template parameters (the ECS-optimized AMI)
        'acm:DescribeCertificate',
        'logs:DescribeLogGroups',
        'iam:GetRole',
        'iam:ListRoles',
      ],
      Resource: '*',
    },
    {
      Sid: 'Roles',
      Effect: 'Allow',
      Action: [
        'iam:CreateRole',
        'iam:DeleteRole',
        'iam:UpdateRole',
        'iam:UpdateAssumeRolePolicy',
        'iam:TagRole',
        'iam:UntagRole',
        'iam:PutRolePolicy',
        'iam:DeleteRolePolicy',
        'iam:GetRolePolicy',
        'iam:AttachRolePolicy',
        'iam:DetachRolePolicy',
        'iam:ListRolePolicies',
        'iam:ListAttachedRolePolicies',
        'iam:PassRole',
        'iam:CreateInstanceProfile',
        'iam:DeleteInstanceProfile',
        'iam:GetInstanceProfile',
        'iam:AddRoleToInstanceProfile',
        'iam:RemoveRoleFromInstanceProfile',
        'iam:TagInstanceProfile',
      ],
      Resource: [...named('iam', (p) => `role/${p}-*`, true), ...named('iam', (p) => `instance-profile/${p}-*`, true)],
    },
    {
      Sid: 'LinkedRoles',
      Effect: 'Allow',
      Action: ['iam:CreateServiceLinkedRole'],
      Resource: '*',
      Condition: { StringEquals: { 'iam:AWSServiceName': LINKED_SERVICES } },
    },
    {
      Sid: 'Named',
      Effect: 'Allow',
      Action: ['sqs:*', 'sns:*', 'logs:*'],
      Resource: [
        ...named('sqs', (p) => `${p}-*`),
        ...named('sns', (p) => `${p}-*`),
        ...named('logs', (p) => `log-group:${p}-*`),
        ...named('logs', (p) => `log-group:/copilot/${p}-*`),
      ],
    },
    {
      Sid: 'Buckets',
      Effect: 'Allow',
      Action: ['s3:*'],
      Resource: prefixes.flatMap((p) => [
        Sub(`arn:\${AWS::Partition}:s3:::${p.toLowerCase()}-*`),
        Sub(`arn:\${AWS::Partition}:s3:::${p.toLowerCase()}-*/*`),
      ]),
    },
  ];
  return statements;
}
