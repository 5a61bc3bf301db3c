// Worker Service stacks: queues, dead-letter queues, FIFO variants, subscriptions to other services' topics with
// their queue policies, the task role's access to its queues, and scaling on the backlog per task.
import type { WorkerService } from '../../../src/manifest/schemas';
import { RenderError } from '../../../src/stack/inputs';
import { buildWorkerServiceStack } from '../../../src/stack/workload';
import { container, environment, inputOf, load, ofType, props } from './workload-fixtures';

const worker = (extra: object, env = environment({ observability: { container_insights: true } })) =>
  buildWorkerServiceStack(
    inputOf(
      load<WorkerService>({ name: 'dogworker', type: 'Worker Service', image: { location: 'busybox' }, ...extra }),
      env,
    ),
  );

const topicArn = (svc: string, topic: string) => ({
  'Fn::Sub': `arn:\${AWS::Partition}:sns:\${AWS::Region}:\${AWS::AccountId}:\${AppName}-\${EnvName}-${svc}-${topic}`,
});

describe('Worker Service stack', () => {
  it('has an events queue and a dead-letter queue, readable by the task role', () => {
    const s = worker({
      subscribe: { queue: { retention: '96h', delay: '5s', timeout: '2m', dead_letter: { tries: 5 } } },
    });
    expect(props(s, 'EventsQueue')).toEqual({
      SqsManagedSseEnabled: true,
      MessageRetentionPeriod: 345600,
      DelaySeconds: 5,
      VisibilityTimeout: 120,
      RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': ['DeadLetterQueue', 'Arn'] }, maxReceiveCount: 5 },
    });
    expect(props(s, 'DeadLetterQueue').MessageRetentionPeriod).toBe(1209600);
    const consume = props(s, 'TaskRole').Policies.find((p: any) => p.PolicyName === 'ConsumeQueues');
    expect(consume.PolicyDocument.Statement[0].Action).toContain('sqs:ReceiveMessage');
    expect(consume.PolicyDocument.Statement[0].Resource).toEqual([
      { 'Fn::GetAtt': ['EventsQueue', 'Arn'] },
      { 'Fn::GetAtt': ['DeadLetterQueue', 'Arn'] },
    ]);
    expect(container(s, 'dogworker').Environment).toContainEqual({
      Name: 'COPILOT_QUEUE_URI',
      Value: { Ref: 'EventsQueue' },
    });
    expect(ofType(s, 'AWS::IAM::Role').sort()).toEqual(['ExecutionRole', 'TaskRole']);
    // No port: nothing to discover or to route to.
    expect(s.template.Resources.DiscoveryService).toBeUndefined();
    expect(props(s, 'Service').LoadBalancers).toBeUndefined();
  });

  it('subscribes to topics of other services, through the shared queue or a queue of their own', () => {
    const s = worker({
      subscribe: {
        topics: [
          { name: 'orders', service: 'shop', filter_policy: { store: ['example_corp'] } },
          { name: 'refunds', service: 'shop' },
          { name: 'events', service: 'audit', queue: { timeout: '1s' } },
        ],
      },
    });
    expect(props(s, 'shopordersSNSTopicSubscription')).toEqual({
      TopicArn: topicArn('shop', 'orders'),
      Protocol: 'sqs',
      Endpoint: { 'Fn::GetAtt': ['EventsQueue', 'Arn'] },
      FilterPolicy: { store: ['example_corp'] },
    });
    expect(s.template.Resources.shopordersSNSTopicSubscription.DependsOn).toBe('QueuePolicy');
    expect(props(s, 'QueuePolicy').PolicyDocument.Statement).toEqual([
      {
        Effect: 'Allow',
        Principal: { Service: 'sns.amazonaws.com' },
        Action: ['sqs:SendMessage'],
        Resource: { 'Fn::GetAtt': ['EventsQueue', 'Arn'] },
        Condition: { ArnEquals: { 'aws:SourceArn': [topicArn('shop', 'orders'), topicArn('shop', 'refunds')] } },
      },
    ]);
    expect(props(s, 'auditeventsEventsQueue').VisibilityTimeout).toBe(1);
    expect(props(s, 'auditeventsSNSTopicSubscription').Endpoint).toEqual({
      'Fn::GetAtt': ['auditeventsEventsQueue', 'Arn'],
    });
    expect(props(s, 'auditeventsQueuePolicy').PolicyDocument.Statement[0].Condition).toEqual({
      ArnEquals: { 'aws:SourceArn': [topicArn('audit', 'events')] },
    });
    expect(container(s, 'dogworker').Environment).toContainEqual({
      Name: 'COPILOT_TOPIC_QUEUE_URIS',
      Value: { 'Fn::Sub': '{"auditEventsEventsQueue":"${auditeventsEventsQueue}"}' },
    });
  });

  it('makes FIFO queues subscribe to FIFO topics', () => {
    const s = worker({
      subscribe: {
        queue: { fifo: { content_based_deduplication: true } },
        topics: [
          { name: 'orders', service: 'shop' },
          { name: 'stock', service: 'shop', queue: { fifo: { high_throughput: true } } },
          { name: 'plain', service: 'shop', queue: { fifo: false } },
        ],
      },
    });
    expect(props(s, 'EventsQueue')).toMatchObject({ FifoQueue: true, ContentBasedDeduplication: true });
    expect(props(s, 'shopordersfifoSNSTopicSubscription').TopicArn).toEqual(topicArn('shop', 'orders.fifo'));
    expect(props(s, 'shopstockfifoEventsQueue')).toMatchObject({
      FifoQueue: true,
      DeduplicationScope: 'messageGroup',
      FifoThroughputLimit: 'perMessageGroupId',
    });
    expect(props(s, 'shopstockfifoSNSTopicSubscription').TopicArn).toEqual(topicArn('shop', 'stock.fifo'));
    expect(props(s, 'shopplainEventsQueue').FifoQueue).toBeUndefined();
    expect(props(s, 'shopplainSNSTopicSubscription').TopicArn).toEqual(topicArn('shop', 'plain'));
  });

  it('publishes its own topics, FIFO ones with .fifo names', () => {
    const s = worker({ publish: { topics: [{ name: 'done' }, { name: 'ordered', fifo: true }] } });
    expect(props(s, 'doneSNSTopic').TopicName).toEqual({ 'Fn::Sub': '${AWS::StackName}-done' });
    expect(props(s, 'orderedfifoSNSTopic')).toMatchObject({
      TopicName: { 'Fn::Sub': '${AWS::StackName}-ordered.fifo' },
      FifoTopic: true,
    });
    expect(container(s, 'dogworker').Environment).toContainEqual({
      Name: 'COPILOT_SNS_TOPIC_ARNS',
      Value: { 'Fn::Sub': '{"done":"${doneSNSTopic}","ordered.fifo":"${orderedfifoSNSTopic}"}' },
    });
  });

  it('scales on the backlog per task of every queue', () => {
    const s = worker({
      subscribe: { topics: [{ name: 'events', service: 'audit', queue: true }] },
      count: { range: '1-10', queue_delay: { acceptable_latency: '10m', msg_processing_time: '250ms' } },
    });
    const policies = ofType(s, 'AWS::ApplicationAutoScaling::ScalingPolicy');
    expect(policies).toEqual(['AutoScalingPolicyEventsQueue', 'AutoScalingPolicyauditeventsEventsQueue']);
    const config = props(s, 'AutoScalingPolicyEventsQueue').TargetTrackingScalingPolicyConfiguration;
    expect(config.TargetValue).toBe(2400);
    const metrics = config.CustomizedMetricSpecification.Metrics;
    expect(metrics.map((m: any) => m.Id)).toEqual(['messages', 'tasks', 'backlog']);
    expect(metrics[0].MetricStat.Metric.Dimensions).toEqual([
      { Name: 'QueueName', Value: { 'Fn::GetAtt': ['EventsQueue', 'QueueName'] } },
    ]);
    expect(metrics[1].MetricStat.Metric).toMatchObject({
      Namespace: 'ECS/ContainerInsights',
      MetricName: 'RunningTaskCount',
    });
    expect(metrics[2].ReturnData).toBe(true);
    // No Lambda to compute the backlog.
    expect(ofType(s, 'AWS::Lambda::Function')).toEqual([]);
  });

  it('needs Container Insights in the environment to scale on the queue', () => {
    const render = () =>
      worker(
        { count: { range: '1-10', queue_delay: { acceptable_latency: '10m', msg_processing_time: '1s' } } },
        environment(),
      );
    expect(render).toThrow(RenderError);
    try {
      render();
    } catch (err) {
      expect((err as RenderError).path).toEqual(['count', 'queue_delay']);
      expect((err as RenderError).hint).toContain('container_insights');
    }
  });

  it('rolls back when too many messages are delayed', () => {
    const s = worker({ deployment: { rollback_alarms: { messages_delayed: 5 } } });
    expect(props(s, 'MessagesDelayedRollbackAlarm')).toMatchObject({
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesDelayed',
      Threshold: 5,
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': ['EventsQueue', 'QueueName'] } }],
    });
    expect(props(s, 'Service').DeploymentConfiguration.Alarms.AlarmNames).toEqual([
      'my-app-test-dogworker-CopilotRollbackMsgsDelayedAlarm',
    ]);
  });

  it('is a Service Connect client only', () => {
    const s = worker({ network: { connect: true } });
    const sc = props(s, 'Service').ServiceConnectConfiguration;
    expect(sc).toMatchObject({ Enabled: true, Namespace: 'test.my-app.local' });
    expect(sc.Services).toBeUndefined();
  });
});
