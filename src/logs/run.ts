// `svc logs` / `job logs` once the flags are parsed: opens the AWS clients, finds the log group, reads (and
// follows) it to stdout. Loaded lazily by the commands, so `--help` loads no SDK module. Ctrl-C ends a
// read or a follow cleanly (exit 0); a second Ctrl-C leaves at once.
import { AwsClients, AwsConfig } from '../aws/clients';
import type { StackApi } from '../aws/cloudformation';
import { Store } from '../store/store';
import { colors, useColor } from '../ui/output';
import { CloudWatchLogSource } from './cloudwatch-source';
import { readAndFollow } from './follow';
import { eventFormatter } from './format';
import { LocateRequest, locateWorkload } from './locate';
import { readWindow } from './read';
import { planRead } from './select';
import { StreamSink } from './sink';
import { AwsTaskLookup } from './tasks';

export async function runLogs(config: AwsConfig, request: LocateRequest): Promise<void> {
  const clients = new AwsClients(config);
  const [ssm, logs] = await Promise.all([clients.ssm(), clients.logs()]);
  const source = new CloudWatchLogSource(logs);
  let stacks: StackApi | undefined;
  const note = (text: string) => process.stderr.write(colors.dim(text, useColor(process.stderr)) + '\n');
  const ctx = {
    store: new Store(ssm),
    // CloudFormation loads only when a read needs a stack: most find their log group without one.
    stacks: async () =>
      (stacks ??= new (await import('../aws/cloudformation.js')).StackApi(await clients.cloudFormation())),
    source,
    tasks: new AwsTaskLookup(
      () => clients.ecs(),
      () => clients.stepFunctions(),
    ),
    note,
  };

  const stop = new AbortController();
  let presses = 0;
  const onInterrupt = () => {
    presses += 1;
    if (presses > 1) process.exit(130);
    stop.abort();
  };
  process.on('SIGINT', onInterrupt);
  try {
    const workload = await locateWorkload(ctx, request);
    const plan = await planRead(ctx, workload, request.query);
    const format = eventFormatter({ json: request.query.json, color: !request.query.json && useColor(process.stdout) });
    const sink = new StreamSink(process.stdout, format, () => stop.abort());
    if (request.query.follow) {
      const pollMs = Number(process.env.MYCOPILOT_LOGS_POLL_MS) || undefined;
      await readAndFollow(source, plan, sink, stop.signal, { groupArn: workload.group.arn, pollMs, note });
    } else {
      const result = await readWindow(source, plan, sink, stop.signal);
      if (result.printed === 0 && !stop.signal.aborted && !request.query.json)
        note(
          `No log events in ${plan.group}${plan.start !== undefined ? ` since ${new Date(plan.start).toISOString()}` : ''}${plan.pattern ? ` matching ${plan.pattern}` : ''}.`,
        );
    }
  } catch (err) {
    if (!stop.signal.aborted) throw err;
  } finally {
    process.off('SIGINT', onInterrupt);
  }
}
