// VPC flow logs (`network.vpc.flow_logs`): a log group with the manifest's retention, a role the flow-logs
// service assumes to write to it, and the flow log on the (created or imported) VPC.
import { RenderError } from '../inputs';
import { AccountId, GetAtt, Join, Ref, resource, Sub } from '../template';
import { EnvContext } from './parts';

/** The retention periods CloudWatch Logs accepts, in days. */
const RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];
const DEFAULT_RETENTION = 14;

export function addFlowLogs(ctx: EnvContext): void {
  const setting = ctx.manifest.network?.vpc?.flow_logs;
  if (setting === undefined || setting === false) return;
  const retention = setting === true ? DEFAULT_RETENTION : (setting.retention ?? DEFAULT_RETENTION);
  if (!RETENTION_DAYS.includes(retention)) {
    throw new RenderError(
      ['network', 'vpc', 'flow_logs', 'retention'],
      `CloudWatch Logs cannot keep events for ${retention} days`,
      `use one of ${RETENTION_DAYS.join(', ')}`,
    );
  }
  const { parts } = ctx;
  parts.add(
    'VpcFlowLogGroup',
    resource(
      'AWS::Logs::LogGroup',
      `A log group keeping VPC flow logs for ${retention} days`,
      {
        LogGroupName: Join('-', [Ref('AppName'), Ref('EnvironmentName'), 'FlowLogs']),
        RetentionInDays: retention,
      },
      { DeletionPolicy: 'Delete', UpdateReplacePolicy: 'Delete' },
    ), // named: a kept group would block a new environment of the same name
  );
  parts.add(
    'FlowLogRole',
    resource('AWS::IAM::Role', 'A role for the flow-logs service to publish to the log group', {
      AssumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: 'vpc-flow-logs.amazonaws.com' },
            Action: 'sts:AssumeRole',
            // Only flow logs of this account may use the role (confused-deputy protection).
            Condition: {
              StringEquals: { 'aws:SourceAccount': AccountId },
              ArnLike: {
                'aws:SourceArn': Sub('arn:${AWS::Partition}:ec2:${AWS::Region}:${AWS::AccountId}:vpc-flow-log/*'),
              },
            },
          },
        ],
      },
      Policies: [
        {
          PolicyName: 'PublishFlowLogs',
          PolicyDocument: {
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Action: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
                Resource: [GetAtt('VpcFlowLogGroup', 'Arn')],
              },
              // Listing log groups is an account-level action: it takes no log-group resource.
              { Effect: 'Allow', Action: 'logs:DescribeLogGroups', Resource: '*' },
            ],
          },
        },
      ],
    }),
  );
  parts.add(
    'FlowLog',
    resource('AWS::EC2::FlowLog', 'A flow log capturing the IP traffic of the VPC', {
      DeliverLogsPermissionArn: GetAtt('FlowLogRole', 'Arn'),
      LogDestinationType: 'cloud-watch-logs',
      LogGroupName: Ref('VpcFlowLogGroup'),
      MaxAggregationInterval: 60,
      ResourceId: ctx.network.vpcId,
      ResourceType: 'VPC',
      TrafficType: 'ALL',
    }),
  );
}
