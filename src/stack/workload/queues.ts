// Worker Service queues: `EventsQueue` (the shared queue, URL in COPILOT_QUEUE_URI), a queue of its own for each
// subscribed topic that asks for one (URLs in COPILOT_TOPIC_QUEUE_URIS), dead-letter queues, the SNS
// subscriptions to the publishing services' topics (named `<app>-<env>-<svc>-<topic>` as Copilot named them),
// and the queue policies that let exactly those topics send. Queues are encrypted with SQS-managed keys, which
// SNS can deliver to without a key policy naming the task role.
import type { PathSegment } from '../../manifest/node';
import { durationToMs } from '../../manifest/values';
import type { WorkerService } from '../../manifest/schemas';
import { RenderError } from '../inputs';
import { GetAtt, Ref, Sub, compact, resource } from '../template';
import type { Value } from '../template';
import { logicalIdSafe, seconds, subLiteral } from './parts';
import { topicName } from './topics';
import type { Workload } from './workload';

type Subscribe = NonNullable<WorkerService['subscribe']>;
type QueueConfig = NonNullable<Subscribe['queue']>;
type Topic = NonNullable<Subscribe['topics']>[number];

export const EVENTS_QUEUE = 'EventsQueue';

export interface WorkerQueues {
  variables: Record<string, Value>;
  /** Queues whose backlog scales the service: the shared one and every topic queue. */
  queues: string[];
}

function isFifo(config: QueueConfig | undefined): boolean {
  return config?.fifo !== undefined && config.fifo !== false;
}

function queueProperties(config: QueueConfig, deadLetter: string | undefined): Record<string, Value> {
  const s = (d: string | undefined) => (d === undefined ? undefined : seconds(durationToMs(d)));
  const fifo = typeof config.fifo === 'object' ? config.fifo : undefined;
  return compact({
    SqsManagedSseEnabled: true,
    MessageRetentionPeriod: s(config.retention),
    DelaySeconds: s(config.delay),
    VisibilityTimeout: s(config.timeout),
    RedrivePolicy: deadLetter
      ? { deadLetterTargetArn: GetAtt(deadLetter, 'Arn'), maxReceiveCount: config.dead_letter!.tries }
      : undefined,
    FifoQueue: isFifo(config) ? true : undefined,
    ContentBasedDeduplication: fifo?.content_based_deduplication,
    DeduplicationScope: fifo?.high_throughput ? 'messageGroup' : fifo?.deduplication_scope,
    FifoThroughputLimit: fifo?.high_throughput ? 'perMessageGroupId' : fifo?.throughput_limit,
  });
}

/** A queue and, when it has `dead_letter.tries`, its dead-letter queue; returns their logical IDs. */
function addQueue(w: Workload, prefix: string, config: QueueConfig, what: string): string[] {
  const fifo = isFifo(config) ? 'FIFO ' : '';
  const ids: string[] = [];
  let deadLetter: string | undefined;
  if (config.dead_letter?.tries !== undefined) {
    deadLetter = `${prefix}DeadLetterQueue`;
    w.parts.add(
      deadLetter,
      resource('AWS::SQS::Queue', `A dead-letter SQS ${fifo}queue for messages ${what} failed to process`, {
        SqsManagedSseEnabled: true,
        MessageRetentionPeriod: 1209600, // 14 days, the most SQS keeps a message
        ...(fifo ? { FifoQueue: true } : {}),
      }),
    );
  }
  const queue = `${prefix}EventsQueue`;
  w.parts.add(
    queue,
    resource('AWS::SQS::Queue', `An SQS ${fifo}queue that buffers ${what}`, queueProperties(config, deadLetter)),
  );
  ids.push(queue);
  if (deadLetter) ids.push(deadLetter);
  return ids;
}

/** `arn:...:sns:<region>:<account>:<app>-<env>-<service>-<topic>`: a topic another service of the environment publishes. */
function topicArn(topic: Topic, name: string): Value {
  return Sub(
    `arn:\${AWS::Partition}:sns:\${AWS::Region}:\${AWS::AccountId}:\${AppName}-\${EnvName}-${subLiteral(topic.service)}-${subLiteral(name)}`,
  );
}

function sendFromTopics(queue: string, topics: Value[]): Value {
  return {
    Effect: 'Allow',
    Principal: { Service: 'sns.amazonaws.com' },
    Action: ['sqs:SendMessage'],
    Resource: GetAtt(queue, 'Arn'),
    Condition: { ArnEquals: { 'aws:SourceArn': topics } },
  };
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export function addQueues(w: Workload<WorkerService>): WorkerQueues {
  const sub = w.manifest.subscribe ?? {};
  const shared = sub.queue ?? {};
  const all = addQueue(w, '', shared, `messages for ${w.name}`);
  const scaled = [EVENTS_QUEUE];
  const sharedTopics: Value[] = [];
  const topicQueueUris: Record<string, string> = {};
  const seen = new Map<string, number>();

  (sub.topics ?? []).forEach((topic, i) => {
    const path: PathSegment[] = ['subscribe', 'topics', i];
    const own =
      topic.queue === undefined || topic.queue === false ? undefined : topic.queue === true ? {} : topic.queue;
    const fifo = own ? isFifo(own) : isFifo(shared);
    const name = topicName(topic.name, fifo || undefined);
    const prefix = `${logicalIdSafe(topic.service)}${logicalIdSafe(name)}`;
    if (seen.has(prefix)) {
      throw new RenderError(
        path,
        `topic ${name} of ${topic.service} is subscribed to twice (also entry ${seen.get(prefix)})`,
      );
    }
    seen.set(prefix, i);
    const arn = topicArn(topic, name);
    let endpoint = EVENTS_QUEUE;
    let policy = 'QueuePolicy';
    if (own) {
      const ids = addQueue(w, prefix, own, `messages of topic ${name} from ${topic.service}`);
      all.push(...ids);
      endpoint = ids[0];
      scaled.push(endpoint);
      policy = `${prefix}QueuePolicy`;
      w.parts.add(
        policy,
        resource('AWS::SQS::QueuePolicy', `Lets topic ${name} of ${topic.service} send to its queue`, {
          Queues: [Ref(endpoint)],
          PolicyDocument: { Version: '2012-10-17', Statement: [sendFromTopics(endpoint, [arn])] },
        }),
      );
      topicQueueUris[`${logicalIdSafe(topic.service)}${capitalize(logicalIdSafe(name))}EventsQueue`] = endpoint;
    } else {
      sharedTopics.push(arn);
    }
    w.parts.add(
      `${prefix}SNSTopicSubscription`,
      resource(
        'AWS::SNS::Subscription',
        `A subscription to topic ${name} of ${topic.service}`,
        compact({
          TopicArn: arn,
          Protocol: 'sqs',
          Endpoint: GetAtt(endpoint, 'Arn'),
          FilterPolicy: topic.filter_policy,
        }),
        // Messages published before the queue lets the topic send would be lost.
        { DependsOn: policy },
      ),
    );
  });

  if (sharedTopics.length > 0) {
    w.parts.add(
      'QueuePolicy',
      resource('AWS::SQS::QueuePolicy', `Lets the subscribed topics send to the queue of ${w.name}`, {
        Queues: [Ref(EVENTS_QUEUE)],
        PolicyDocument: { Version: '2012-10-17', Statement: [sendFromTopics(EVENTS_QUEUE, sharedTopics)] },
      }),
    );
  }

  w.parts.taskPolicies.push({
    PolicyName: 'ConsumeQueues',
    PolicyDocument: {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: [
            'sqs:ReceiveMessage',
            'sqs:DeleteMessage',
            'sqs:ChangeMessageVisibility',
            'sqs:GetQueueAttributes',
            'sqs:GetQueueUrl',
          ],
          Resource: all.map((id) => GetAtt(id, 'Arn')),
        },
      ],
    },
  });

  const variables: Record<string, Value> = { COPILOT_QUEUE_URI: Ref(EVENTS_QUEUE) };
  const keys = Object.keys(topicQueueUris);
  if (keys.length > 0) {
    const json = `{${keys.map((k) => `"${k}":"\${${topicQueueUris[k]}}"`).join(',')}}`;
    variables.COPILOT_TOPIC_QUEUE_URIS = Sub(json);
  }
  return { variables, queues: scaled };
}
