// The status model as text: sections, aligned columns, colour only when asked (never with NO_COLOR).
import type { AppRunnerStatus, EcsServiceStatus, JobStatus, TaskSummary } from '../../../src/status/model';
import { renderStatus } from '../../../src/status/render';
import { table } from '../../../src/status/table';
import { ago, NOW } from './fixtures';

const ref = {
  app: 'shop',
  env: 'test',
  name: 'api',
  type: 'Load Balanced Web Service',
  stack: { name: 'shop-test-api', status: 'UPDATE_COMPLETE', updatedAt: ago(600).toISOString() },
};

const task = (id: string, extra: Partial<TaskSummary> = {}): TaskSummary => ({
  id,
  arn: `arn:aws:ecs:us-west-2:1:task/c/${id}`,
  revision: 8,
  lastStatus: 'RUNNING',
  desiredStatus: 'RUNNING',
  health: 'HEALTHY',
  startedAt: ago(720).toISOString(),
  launchType: 'FARGATE',
  capacityProvider: 'FARGATE',
  availabilityZone: 'us-west-2a',
  privateIp: '10.0.1.12',
  ports: [],
  targets: [{ targetGroup: 'tg', state: 'healthy' }],
  ...extra,
});

const ecsStatus = (extra: Partial<EcsServiceStatus> = {}): EcsServiceStatus => ({
  kind: 'ecs',
  ...ref,
  cluster: 'c',
  serviceName: 'shop-test-api-Service-1',
  serviceArn: 'arn',
  status: 'ACTIVE',
  desired: 2,
  running: 2,
  pending: 0,
  launchType: 'FARGATE',
  capacityProviders: [],
  taskDefinition: 'shop-test-api:8',
  rollout: { state: 'COMPLETED', revision: 8, text: 'revision 8 is deployed: 2/2 running' },
  deployments: [
    {
      id: 'ecs-svc/8',
      status: 'PRIMARY',
      taskDefinition: 'shop-test-api:8',
      revision: 8,
      desired: 2,
      running: 2,
      pending: 0,
      failed: 0,
      rolloutState: 'COMPLETED',
      updatedAt: ago(300).toISOString(),
    },
  ],
  tasks: [task('0123456789abcdef0123456789abcdef'), task('fedcba98765432100123456789abcdef', { health: 'UNHEALTHY' })],
  stoppedTasks: [],
  targets: [],
  alarms: [],
  events: [{ at: ago(60).toISOString(), message: '(service shop-test-api-Service-1) has reached a steady state.' }],
  ...extra,
});

const plain = { now: NOW, color: false };

describe('renderStatus (ECS)', () => {
  it('leads with the stack, the rollout and the service, then aligned task rows', () => {
    const text = renderStatus(ecsStatus(), plain).join('\n');
    expect(text).toBe(
      [
        'api (Load Balanced Web Service) in environment test of application shop',
        'Stack    shop-test-api  UPDATE_COMPLETE (updated 10m ago)',
        'Rollout  ✔ COMPLETED  revision 8 is deployed: 2/2 running',
        'Service  ACTIVE  desired 2, running 2, pending 0  FARGATE  task definition shop-test-api:8',
        '',
        'Deployments',
        '  STATUS   REVISION  DESIRED  RUNNING  PENDING  FAILED  ROLLOUT    UPDATED',
        '  PRIMARY  8         2        2        0        0       COMPLETED  5m ago',
        '',
        'Tasks (2)',
        '  ID        REV  STATUS   HEALTH     STARTED  CAPACITY  AZ          ADDRESS    TARGETS',
        '  01234567  8    RUNNING  HEALTHY    12m ago  FARGATE   us-west-2a  10.0.1.12  healthy',
        '  fedcba98  8    RUNNING  UNHEALTHY  12m ago  FARGATE   us-west-2a  10.0.1.12  healthy',
        '',
        'Recent events',
        '  1m ago  (service shop-test-api-Service-1) has reached a steady state.',
      ].join('\n'),
    );
    expect(text).not.toContain('\u001b[');
  });

  it('EC2 tasks get an instance column and show their host ports', () => {
    const text = renderStatus(
      ecsStatus({
        tasks: [
          task('b1000000', {
            launchType: 'EC2',
            capacityProvider: 'shop-test-EC2CapacityProvider',
            privateIp: undefined,
            containerInstance: '9f8e',
            ec2InstanceId: 'i-0aaa',
            ports: [{ container: 'api', containerPort: 80, hostPort: 32768 }],
          }),
        ],
      }),
      plain,
    ).join('\n');
    expect(text).toMatch(/^ {2}ID +REV +STATUS +HEALTH +STARTED +CAPACITY +AZ +INSTANCE +ADDRESS +TARGETS$/m);
    expect(text).toMatch(
      /^ {2}b1000000 +8 +RUNNING +HEALTHY +12m ago +shop-test-EC2CapacityProvider +us-west-2a +i-0aaa +:32768 +healthy$/m,
    );
  });

  it('stopped tasks by reason, targets, alarms and a failed rollout', () => {
    const text = renderStatus(
      ecsStatus({
        rollout: { state: 'FAILED', revision: 9, text: 'revision 9 failed: circuit breaker' },
        deployments: [
          {
            id: 'ecs-svc/9',
            status: 'PRIMARY',
            taskDefinition: 'shop-test-api:9',
            revision: 9,
            desired: 2,
            running: 0,
            pending: 0,
            failed: 4,
            rolloutState: 'FAILED',
            rolloutStateReason: 'ECS deployment circuit breaker: tasks failed to start.',
          },
        ],
        tasks: [],
        stoppedTasks: [
          {
            reason: 'Essential container in task exited',
            count: 4,
            stopCodes: ['EssentialContainerExited'],
            containerExits: ['api: exit 1'],
            sampleTaskIds: ['aaaaaaaa1111', 'bbbbbbbb2222', 'cccccccc3333'],
            lastStoppedAt: ago(30).toISOString(),
          },
        ],
        targets: [
          {
            targetGroup: 'shop-te-Targe-XYZ',
            targetGroupArn: 'arn',
            target: '10.0.3.3',
            port: 80,
            state: 'draining',
            reason: 'Target.DeregistrationInProgress',
          },
        ],
        alarms: [
          {
            name: 'shop-test-api-CopilotRollbackCPUAlarm',
            state: 'ALARM',
            reason: 'CPU >= 80',
            updatedAt: ago(120).toISOString(),
            source: 'stack',
          },
          { name: 'team-latency', state: 'OK', updatedAt: ago(7200).toISOString(), source: 'rollback' },
        ],
        events: [],
      }),
      plain,
    );
    expect(lines(text, 'Rollout')).toEqual(['Rollout  ✘ FAILED  revision 9 failed: circuit breaker']);
    expect(text).toContain('  ✘ ECS deployment circuit breaker: tasks failed to start.');
    expect(text).toContain('  No task is running.');
    const stopped = text.indexOf('Stopped tasks (4, most recent hour)');
    expect(text.slice(stopped + 1, stopped + 3)).toEqual([
      '  4× Essential container in task exited  (last 30s ago)',
      '     tasks aaaaaaaa, bbbbbbbb, cccccccc, …; api: exit 1; EssentialContainerExited',
    ]);
    expect(text).toContain('  shop-te-Targe-XYZ  10.0.3.3  80    -     draining  Target.DeregistrationInProgress');
    expect(text).toContain('Alarms (1 of 2 in ALARM)');
    expect(text).toContain('  shop-test-api-CopilotRollbackCPUAlarm  ALARM  2m ago  CPU >= 80');
    expect(text).toContain('  team-latency                           OK     2h ago');
    expect(text.join('\n')).not.toContain('Recent events');
  });

  it('colours state words only when colour is on', () => {
    const coloured = renderStatus(ecsStatus({ alarms: [{ name: 'a', state: 'ALARM', source: 'stack' }] }), {
      now: NOW,
      color: true,
    }).join('\n');
    expect(coloured).toContain('\u001b[31mALARM\u001b[0m');
    expect(coloured).toContain('\u001b[32mHEALTHY\u001b[0m');
    // Columns stay aligned: colour codes do not count as width.
    const rows = coloured.split('\n').filter((l) => l.includes('RUNNING') && l.includes('us-west-2a'));
    const uncoloured = renderStatus(ecsStatus({ alarms: [{ name: 'a', state: 'ALARM', source: 'stack' }] }), plain);
    // eslint-disable-next-line no-control-regex
    expect(rows.map((r) => r.replace(/\x1b\[[0-9;]*m/g, ''))).toEqual(
      uncoloured.filter((l) => l.includes('RUNNING') && l.includes('us-west-2a')),
    );
  });
});

function lines(text: string[], prefix: string): string[] {
  return text.filter((l) => l.startsWith(prefix));
}

describe('renderStatus (App Runner, jobs)', () => {
  it('App Runner: status, URL, latest operation', () => {
    const s: AppRunnerStatus = {
      kind: 'apprunner',
      ...ref,
      name: 'front',
      type: 'Request-Driven Web Service',
      serviceArn: 'arn',
      status: 'RUNNING',
      url: 'https://abc.us-west-2.awsapprunner.com',
      updatedAt: ago(3600).toISOString(),
      latestOperation: {
        type: 'UPDATE_SERVICE',
        status: 'SUCCEEDED',
        startedAt: ago(3700).toISOString(),
        endedAt: ago(3600).toISOString(),
      },
    };
    expect(renderStatus(s, plain).slice(1)).toEqual([
      'Stack           shop-test-api  UPDATE_COMPLETE (updated 10m ago)',
      'Status          RUNNING (updated 1h ago)',
      'URL             https://abc.us-west-2.awsapprunner.com',
      'Last operation  UPDATE_SERVICE SUCCEEDED, started 1h 1m ago, ended 1h ago',
    ]);
  });

  it('jobs: schedule, next run, last outcome and executions', () => {
    const s: JobStatus = {
      kind: 'job',
      ...ref,
      name: 'report',
      type: 'Scheduled Job',
      stateMachineArn: 'arn',
      schedule: { expression: 'cron(0 9 ? * 2 *)', enabled: true, nextRun: '2026-11-30T09:00:00.000Z' },
      lastOutcome: 'FAILED',
      executions: [
        {
          name: 'run-2',
          status: 'FAILED',
          startedAt: ago(86_400).toISOString(),
          stoppedAt: ago(86_305).toISOString(),
          durationSeconds: 95,
        },
      ],
    };
    expect(renderStatus(s, plain).slice(1)).toEqual([
      'Stack         shop-test-api  UPDATE_COMPLETE (updated 10m ago)',
      'Schedule      cron(0 9 ? * 2 *)',
      'Next run      2026-11-30 09:00 UTC (in 1d 21h)',
      'Last outcome  FAILED',
      '',
      'Executions (1 most recent)',
      '  STARTED  STATUS  DURATION  NAME',
      '  1d ago   FAILED  1m 35s    run-2',
    ]);
  });
});

describe('table', () => {
  it('pads every column but the last, trims trailing blanks', () => {
    expect(
      table(
        ['A', 'LONGER', 'C'],
        [
          ['xyz', '', ''],
          ['1', '2', '3'],
        ],
      ),
    ).toEqual(['A    LONGER  C', 'xyz', '1    2       3']);
  });
});
