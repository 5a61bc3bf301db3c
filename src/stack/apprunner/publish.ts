// SNS topics a Request-Driven Web Service publishes to (`publish.topics`), with Copilot's logical IDs, names and
// subscription policy, so that Worker Services deployed by either tool subscribe to them the same way.
import type { RequestDrivenWebService } from '../../manifest/schemas';
import { Ref, Resource, Sub, Value, compact, resource } from '../template';
import { policyDocument } from './iam';
import { logicalIdSafe } from './names';
import type { NameValue } from './common';

export interface Topics {
  resources: Record<string, Resource>;
  /** `Ref`s of the topics, for the publish permission. */
  arns: Value[];
  /** COPILOT_SNS_TOPIC_ARNS: a JSON map from topic name to ARN; undefined without topics. */
  variable?: NameValue;
}

export function publishedTopics(manifest: RequestDrivenWebService): Topics {
  const topics = manifest.publish?.topics ?? [];
  const resources: Record<string, Resource> = {};
  const arns: Value[] = [];
  const json: string[] = [];
  for (const topic of topics) {
    const fifo = topic.fifo !== undefined && topic.fifo !== false;
    const name = fifo ? `${topic.name}.fifo` : topic.name;
    const id = `${logicalIdSafe(name)}SNSTopic`;
    const dedupe = typeof topic.fifo === 'object' ? topic.fifo.content_based_deduplication : undefined;
    resources[id] = resource(
      'AWS::SNS::Topic',
      `SNS ${fifo ? 'FIFO ' : ''}topic ${name}`,
      compact({
        TopicName: Sub(`\${AWS::StackName}-${name}`),
        FifoTopic: fifo ? true : undefined,
        ContentBasedDeduplication: dedupe,
        KmsMasterKeyId: 'alias/aws/sns',
      }),
    );
    // Subscriptions come from queues of the same account (Worker Services), never from elsewhere.
    resources[`${id}Policy`] = resource('AWS::SNS::TopicPolicy', `Subscription policy of topic ${name}`, {
      Topics: [Ref(id)],
      PolicyDocument: policyDocument([
        {
          Effect: 'Allow',
          Principal: { AWS: Sub('arn:${AWS::Partition}:iam::${AWS::AccountId}:root') },
          Action: 'sns:Subscribe',
          Resource: Ref(id),
          Condition: { StringEquals: { 'sns:Protocol': 'sqs' } },
        },
      ]),
    });
    arns.push(Ref(id));
    json.push(`${JSON.stringify(name)}:"\${${id}}"`);
  }
  if (topics.length === 0) return { resources, arns };
  return { resources, arns, variable: { Name: 'COPILOT_SNS_TOPIC_ARNS', Value: Sub(`{${json.join(',')}}`) } };
}
