// Worker Service: an ECS service that processes the messages of its SQS queues, fed by the SNS topics it
// subscribes to; it can scale on the backlog per task.
import type { WorkerServiceInput } from '../inputs';
import type { RenderedStack } from '../template';
import { renderEcsService } from './ecs-service';
import { declaredPorts } from './ports';
import { EVENTS_QUEUE, addQueues } from './queues';
import { finishStack } from './stack';
import { addTopics } from './topics';
import { workloadOf } from './workload';

export function buildWorkerServiceStack(input: WorkerServiceInput): RenderedStack {
  const w = workloadOf(input);
  const ports = declaredPorts(w);
  const variables = addTopics(w);
  const queues = addQueues(w);
  renderEcsService(w, {
    ports,
    variables: { ...variables, ...queues.variables },
    // A worker serves no port: Service Connect makes it a client only, and nothing is registered for discovery.
    target: undefined,
    scaling: { queues: queues.queues },
    queue: EVENTS_QUEUE,
  });
  return finishStack(w);
}
