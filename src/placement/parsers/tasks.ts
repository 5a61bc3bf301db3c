// `aws ecs describe-tasks` output → RunningTask[]: which group runs where (spread counts, distinctInstance,
// task:group), and which tasks hold an ENI (awsvpc). Tasks without a container instance (Fargate) are skipped.
import { RunningTask } from '../model';
import { JsonCursor } from './json-cursor';

const HINT =
  'Produce it with: aws ecs describe-tasks --cluster <name> --tasks $(aws ecs list-tasks --cluster <name> --query taskArns --output text) --output json';

export function parseTasks(json: unknown, file: string): RunningTask[] {
  const root = new JsonCursor(json, file, '$', HINT);
  const list = Array.isArray(json)
    ? root.array()
    : root.get('tasks').array('an array of tasks (the tasks of describe-tasks)');
  const out: RunningTask[] = [];
  for (const t of list) {
    t.object('a task object');
    const containerInstanceArn = t.get('containerInstanceArn').optionalString('a container instance ARN');
    if (containerInstanceArn === undefined) continue;
    const attachments = t.get('attachments').optionalArray('an array of attachments');
    // DescribeTasks has no networkMode; an awsvpc task is the one with an ElasticNetworkInterface attachment.
    const usesEni = attachments.some((a) => a.get('type').optionalString() === 'ElasticNetworkInterface');
    const cpu = t.get('cpu');
    const memory = t.get('memory');
    out.push({
      taskArn: t.get('taskArn').optionalString('the task ARN') ?? `${t.path}`,
      containerInstanceArn,
      group: t.get('group').optionalString('a task group'),
      taskDefinitionArn: t.get('taskDefinitionArn').optionalString('a task definition ARN'),
      usesEni,
      cpu: cpu.present ? cpu.numberish('CPU units (a number or a string such as "256")') : undefined,
      memory: memory.present ? memory.numberish('MiB (a number or a string such as "512")') : undefined,
      lastStatus: t.get('lastStatus').optionalString(),
      desiredStatus: t.get('desiredStatus').optionalString(),
    });
  }
  return out;
}
