// `publish.topics`: SNS topics the workload publishes to, named `<app>-<env>-<workload>-<topic>` (with `.fifo`
// for FIFO topics) as Copilot named them, so workers subscribe by name. Any account principal may subscribe SQS
// queues; the task role may publish; COPILOT_SNS_TOPIC_ARNS tells the code their ARNs.
import { Ref, Sub, compact, resource } from '../template';
import type { Value } from '../template';
import { logicalIdSafe } from './parts';
import type { Workload } from './workload';

/** The topic's name as SNS knows it, without the stack-name prefix. */
export function topicName(name: string, fifo: unknown): string {
  return fifo === undefined || fifo === false ? name : `${name}.fifo`;
}

/** Adds the topics; returns the COPILOT_SNS_TOPIC_ARNS variable, if any. */
export function addTopics(w: Workload): Record<string, Value> {
  const topics = w.manifest.publish?.topics ?? [];
  if (topics.length === 0) return {};
  const refs: Record<string, string> = {};
  const ids: string[] = [];
  for (const topic of topics) {
    const name = topicName(topic.name, topic.fifo);
    const id = `${logicalIdSafe(name)}SNSTopic`;
    if (w.parts.has(id)) continue;
    const fifo = topic.fifo !== undefined && topic.fifo !== false;
    const dedup = typeof topic.fifo === 'object' ? topic.fifo.content_based_deduplication : undefined;
    w.parts.add(
      id,
      resource('AWS::SNS::Topic', `An SNS ${fifo ? 'FIFO ' : ''}topic for ${name} events of ${w.name}`, {
        TopicName: Sub(`\${AWS::StackName}-${name}`),
        ...compact({ FifoTopic: fifo ? true : undefined, ContentBasedDeduplication: dedup }),
        KmsMasterKeyId: 'alias/aws/sns',
      }),
    );
    w.parts.add(
      `${id}Policy`,
      resource('AWS::SNS::TopicPolicy', `Who may subscribe to the ${name} topic`, {
        Topics: [Ref(id)],
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: Sub('arn:${AWS::Partition}:iam::${AWS::AccountId}:root') },
              Action: ['sns:Subscribe'],
              Resource: Ref(id),
              Condition: { StringEquals: { 'sns:Protocol': 'sqs' } },
            },
          ],
        },
      }),
    );
    refs[name] = id;
    ids.push(id);
  }
  w.parts.taskPolicies.push({
    PolicyName: 'Publish2SNS',
    PolicyDocument: {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'sns:Publish', Resource: ids.map((id) => Ref(id)) }],
    },
  });
  const json = `{${Object.entries(refs)
    .map(([name, id]) => `"${name}":"\${${id}}"`)
    .join(',')}}`;
  return { COPILOT_SNS_TOPIC_ARNS: Sub(json) };
}
