// The status model as text: a header, the rollout in one line, then one section per thing worth a look
// (deployments, tasks, stopped tasks, targets, alarms, events). Sections with nothing to say are left out.
import type {
  AppRunnerStatus,
  EcsServiceStatus,
  JobStatus,
  StackOnlyStatus,
  TaskSummary,
  WorkloadRef,
  WorkloadStatus,
} from './model';
import { fields, heading, stateWord, table } from './table';
import { relative, shortDuration, utcMinute } from './time';

export interface RenderOptions {
  now: Date;
  color: boolean;
}

const short = (id: string) => id.slice(0, 8);

/** The title line and the aligned `label  value` lines under it, which start with the stack. */
function header(s: WorkloadRef, o: RenderOptions, entries: [string, string][]): string[] {
  const updated = s.stack.updatedAt ? ` (updated ${relative(s.stack.updatedAt, o.now)})` : '';
  const reason = s.stack.statusReason && /FAILED|ROLLBACK/.test(s.stack.status) ? `: ${s.stack.statusReason}` : '';
  return [
    heading(`${s.name} (${s.type}) in environment ${s.env} of application ${s.app}`, o.color),
    ...fields([['Stack', `${s.stack.name}  ${stateWord(s.stack.status, o.color)}${updated}${reason}`], ...entries]),
  ];
}

/** Where a task runs: its IP (awsvpc), or its instance's host ports (bridge/host). */
function address(t: TaskSummary): string {
  if (t.privateIp) return t.privateIp;
  const ports = t.ports.filter((p) => p.hostPort !== undefined).map((p) => `:${p.hostPort}`);
  return ports.length ? ports.join(',') : '-';
}

function taskRows(s: EcsServiceStatus, o: RenderOptions): string[] {
  const ec2 = s.tasks.some((t) => t.containerInstance);
  const headers = [
    'ID',
    'REV',
    'STATUS',
    'HEALTH',
    'STARTED',
    'CAPACITY',
    'AZ',
    ...(ec2 ? ['INSTANCE'] : []),
    'ADDRESS',
    'TARGETS',
  ];
  const rows = s.tasks.map((t) => [
    short(t.id),
    t.revision !== undefined ? String(t.revision) : '-',
    stateWord(t.lastStatus, o.color),
    stateWord(t.health, o.color),
    relative(t.startedAt, o.now),
    t.capacityProvider ?? t.launchType ?? '-',
    t.availabilityZone ?? '-',
    ...(ec2 ? [t.ec2InstanceId ?? t.containerInstance ?? '-'] : []),
    address(t),
    t.targets.length ? t.targets.map((x) => stateWord(x.state, o.color)).join(',') : '-',
  ]);
  return table(headers, rows, '  ');
}

function renderEcs(s: EcsServiceStatus, o: RenderOptions): string[] {
  const mark = { COMPLETED: '✔', IN_PROGRESS: '…', FAILED: '✘' }[s.rollout.state];
  const where = [s.launchType, ...s.capacityProviders].filter(Boolean).join(', ');
  const lines = header(s, o, [
    ['Rollout', `${mark} ${stateWord(s.rollout.state, o.color)}  ${s.rollout.text}`],
    [
      'Service',
      [
        stateWord(s.status, o.color),
        `desired ${s.desired}, running ${s.running}, pending ${s.pending}`,
        where,
        s.taskDefinition ? `task definition ${s.taskDefinition}` : '',
      ]
        .filter(Boolean)
        .join('  '),
    ],
  ]);
  if (s.deployments.length > 0) {
    lines.push('', heading('Deployments', o.color));
    lines.push(
      ...table(
        ['STATUS', 'REVISION', 'DESIRED', 'RUNNING', 'PENDING', 'FAILED', 'ROLLOUT', 'UPDATED'],
        s.deployments.map((d) => [
          d.status,
          d.revision !== undefined ? String(d.revision) : d.taskDefinition,
          String(d.desired),
          String(d.running),
          String(d.pending),
          String(d.failed),
          stateWord(d.rolloutState ?? '-', o.color),
          relative(d.updatedAt, o.now),
        ]),
        '  ',
      ),
    );
    for (const d of s.deployments) {
      if (d.rolloutState === 'FAILED' && d.rolloutStateReason) lines.push(`  ✘ ${d.rolloutStateReason}`);
    }
  }
  lines.push('', heading(`Tasks (${s.tasks.length})`, o.color));
  lines.push(...(s.tasks.length ? taskRows(s, o) : ['  No task is running.']));
  if (s.stoppedTasks.length > 0) {
    const total = s.stoppedTasks.reduce((n, g) => n + g.count, 0);
    lines.push('', heading(`Stopped tasks (${total}, most recent hour)`, o.color));
    for (const g of s.stoppedTasks) {
      lines.push(`  ${g.count}× ${g.reason}  (last ${relative(g.lastStoppedAt, o.now)})`);
      const more = g.count > g.sampleTaskIds.length ? ', …' : '';
      const details = [
        `tasks ${g.sampleTaskIds.map(short).join(', ')}${more}`,
        ...g.containerExits,
        ...(g.stopCodes.length ? [g.stopCodes.join(', ')] : []),
      ];
      lines.push(`     ${details.join('; ')}`);
    }
  }
  if (s.targets.length > 0) {
    lines.push('', heading('Load balancer targets', o.color));
    lines.push(
      ...table(
        ['TARGET GROUP', 'TARGET', 'PORT', 'TASK', 'STATE', 'REASON'],
        s.targets.map((t) => [
          t.targetGroup,
          t.target,
          t.port !== undefined ? String(t.port) : '-',
          t.taskId ? short(t.taskId) : '-',
          stateWord(t.state, o.color),
          [t.reason, t.description].filter(Boolean).join(': ') || '-',
        ]),
        '  ',
      ),
    );
  }
  if (s.alarms.length > 0) {
    const firing = s.alarms.filter((a) => a.state === 'ALARM').length;
    lines.push('', heading(`Alarms (${firing} of ${s.alarms.length} in ALARM)`, o.color));
    lines.push(
      ...table(
        ['NAME', 'STATE', 'SINCE', 'REASON'],
        s.alarms.map((a) => [
          a.name,
          stateWord(a.state, o.color),
          relative(a.updatedAt, o.now),
          a.state === 'ALARM' ? (a.reason ?? '') : '',
        ]),
        '  ',
      ),
    );
  }
  if (s.events.length > 0) {
    lines.push('', heading('Recent events', o.color));
    lines.push(
      ...table(
        ['WHEN', 'EVENT'],
        s.events.map((e) => [relative(e.at, o.now), e.message]),
        '  ',
      ).slice(1),
    );
  }
  return lines;
}

function renderAppRunner(s: AppRunnerStatus, o: RenderOptions): string[] {
  const op = s.latestOperation;
  const opText = op
    ? `${op.type} ${stateWord(op.status, o.color)}, started ${relative(op.startedAt, o.now)}` +
      (op.endedAt ? `, ended ${relative(op.endedAt, o.now)}` : '')
    : '-';
  return header(s, o, [
    ['Status', `${stateWord(s.status, o.color)}${s.updatedAt ? ` (updated ${relative(s.updatedAt, o.now)})` : ''}`],
    ['URL', s.url ?? '-'],
    ['Last operation', opText],
  ]);
}

function renderJob(s: JobStatus, o: RenderOptions): string[] {
  const sched = s.schedule;
  const next = sched.nextRun ? `${utcMinute(sched.nextRun)} (${relative(sched.nextRun, o.now)})` : '-';
  const lines = [
    ...header(s, o, [
      [
        'Schedule',
        `${sched.expression ?? 'unknown'}${sched.enabled ? '' : ' (disabled: runs only when started by hand)'}`,
      ],
      ['Next run', sched.enabled ? next : '-'],
      ['Last outcome', s.lastOutcome ? stateWord(s.lastOutcome, o.color) : 'no run has ended yet'],
    ]),
    '',
    heading(`Executions (${s.executions.length} most recent)`, o.color),
  ];
  if (s.executions.length === 0) return [...lines, '  The job has not run yet.'];
  return [
    ...lines,
    ...table(
      ['STARTED', 'STATUS', 'DURATION', 'NAME'],
      s.executions.map((e) => [
        relative(e.startedAt, o.now),
        stateWord(e.status, o.color),
        e.durationSeconds !== undefined ? shortDuration(e.durationSeconds * 1000) : '-',
        e.name,
      ]),
      '  ',
    ),
  ];
}

function renderStackOnly(s: StackOnlyStatus, o: RenderOptions): string[] {
  return header(s, o, [['URL', s.url ?? '-']]);
}

export function renderStatus(status: WorkloadStatus, options: RenderOptions): string[] {
  switch (status.kind) {
    case 'ecs':
      return renderEcs(status, options);
    case 'apprunner':
      return renderAppRunner(status, options);
    case 'job':
      return renderJob(status, options);
    case 'stack':
      return renderStackOnly(status, options);
  }
}
