// Scheduled Job: an ECS task started on a schedule; see state-machine.ts for how it is run.
import type { ScheduledJobInput } from '../inputs';
import type { RenderedStack } from '../template';
import { declaredPorts } from './ports';
import { finishStack } from './stack';
import { addSchedule } from './state-machine';
import { addTaskDefinition } from './task-definition';
import { addTopics } from './topics';
import { workloadOf } from './workload';

export function buildScheduledJobStack(input: ScheduledJobInput): RenderedStack {
  const w = workloadOf(input);
  const variables = addTopics(w);
  addTaskDefinition(w, { ports: declaredPorts(w), variables });
  addSchedule(w);
  return finishStack(w);
}
