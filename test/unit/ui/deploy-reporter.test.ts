// Deploy progress on a terminal (a live tree redrawn in place) and elsewhere (plain lines, unchanged).
import { StackEventRecord } from '../../../src/aws/cloudformation';
import { AwsClients } from '../../../src/aws/clients';
import { rolloutWatcher } from '../../../src/deploy/rollout';
import { DeploySession } from '../../../src/deploy/session';
import { LineReporter } from '../../../src/ui/deploy-reporter';
import { LiveRegion } from '../../../src/ui/live-region';
import { DescribeServicesCommand, ECSClient } from '@aws-sdk/client-ecs';
import { mockClient } from 'aws-sdk-client-mock';

// eslint-disable-next-line no-control-regex
const UP = /\r\u001b\[(\d+)A\u001b\[J/g;
const SERVICE_ARN = 'arn:aws:ecs:us-east-1:1:service/shop-test-Cluster/shop-test-api-Service';

let n = 0;
const ev = (logicalId: string, status: string, type = 'AWS::IAM::Role', reason?: string): StackEventRecord => ({
  id: String(n++),
  timestamp: new Date(1_700_000_000_000 + n * 1000),
  logicalId,
  type,
  status,
  reason,
  physicalId: type === 'AWS::ECS::Service' ? SERVICE_ARN : undefined,
});

/** A fake terminal: what was written, and the screen it leaves (cursor-up + clear applied). */
function terminal(columns = 100, rows = 30) {
  const writes: string[] = [];
  return {
    writes,
    stream: { write: (t: string) => void writes.push(t), isTTY: true, columns, rows },
    screen(): string[] {
      const lines: string[] = [];
      for (const w of writes) {
        let rest = w;
        for (;;) {
          UP.lastIndex = 0;
          const m = UP.exec(rest);
          const before = m ? rest.slice(0, m.index) : rest;
          lines.push(...before.split('\n').slice(0, -1));
          if (!m) break;
          lines.splice(lines.length - Number(m[1]), Number(m[1]));
          rest = rest.slice(m.index + m[0].length);
        }
      }
      return lines;
    },
  };
}

describe('LineReporter on a terminal', () => {
  const saved = process.env.NO_COLOR;
  beforeAll(() => {
    process.env.NO_COLOR = '1';
  });
  afterAll(() => {
    if (saved === undefined) delete process.env.NO_COLOR;
    else process.env.NO_COLOR = saved;
  });

  it('redraws the tree in place, with steps above it, and leaves the final tree in the scrollback', () => {
    const t = terminal();
    const r = new LineReporter({ prefix: 'shop-test-api', streams: t.stream });
    r.info('Creating a change set for shop-test-api…');
    r.changes('shop-test-api', [{ action: 'Modify', logicalId: 'TaskRole', type: 'AWS::IAM::Role' }]);
    r.event(ev('shop-test-api', 'UPDATE_IN_PROGRESS', 'AWS::CloudFormation::Stack'));
    r.event(ev('TaskRole', 'UPDATE_IN_PROGRESS'), 'An IAM role for the task');
    expect(t.screen().slice(-2)).toEqual([
      '… shop-test-api  UPDATE_IN_PROGRESS  0/1 · 1s',
      '└─ … An IAM role for the task (TaskRole)  UPDATE_IN_PROGRESS',
    ]);
    r.info('a step while the tree is shown');
    r.event(ev('TaskRole', 'UPDATE_COMPLETE'), 'An IAM role for the task');
    r.event(ev('shop-test-api', 'UPDATE_COMPLETE', 'AWS::CloudFormation::Stack'));
    r.finish();
    expect(t.screen()).toEqual([
      '[shop-test-api] Creating a change set for shop-test-api…',
      '[shop-test-api] Changes to shop-test-api:',
      '[shop-test-api]   ~ TaskRole AWS::IAM::Role',
      '[shop-test-api] a step while the tree is shown',
      '✔ shop-test-api  UPDATE_COMPLETE  1/1 · 3s',
      '└─ ✔ An IAM role for the task (TaskRole)  UPDATE_COMPLETE',
    ]);
    // Every redraw is one write, erasing exactly what the previous one drew.
    expect(t.writes.filter((w) => UP.test(w)).length).toBeGreaterThan(2);
  });

  it('keeps the live tree within the terminal, and within its width', () => {
    const t = terminal(40, 6);
    const r = new LineReporter({ streams: t.stream });
    r.event(ev('shop-test-api', 'CREATE_IN_PROGRESS', 'AWS::CloudFormation::Stack'));
    for (let i = 0; i < 12; i++)
      r.event(ev(`Resource${i}`, 'CREATE_COMPLETE'), `A resource with a long description ${i}`);
    const screen = t.screen();
    expect(screen.length).toBeLessThanOrEqual(5);
    expect(screen.every((l) => [...l].length <= 39)).toBe(true);
    expect(screen.at(-1)).toMatch(/^└─ … \d+ more: \d+ done$/);
    r.finish();
    expect(t.screen()).toHaveLength(13); // the final tree, whole
  });

  it('shows the rollout under the ECS service', async () => {
    const ecs = mockClient(ECSClient);
    ecs.on(DescribeServicesCommand).resolves({
      services: [
        {
          deployments: [
            {
              status: 'PRIMARY',
              desiredCount: 2,
              runningCount: 1,
              pendingCount: 1,
              failedTasks: 0,
              rolloutState: 'IN_PROGRESS',
            },
          ],
        },
      ],
    });
    const t = terminal();
    const r = new LineReporter({ streams: t.stream });
    const events = [
      ev('shop-test-api', 'UPDATE_IN_PROGRESS', 'AWS::CloudFormation::Stack'),
      ev('Service', 'UPDATE_IN_PROGRESS', 'AWS::ECS::Service'),
    ];
    for (const e of events) r.event(e, e.logicalId === 'Service' ? 'An ECS service' : undefined);
    await rolloutWatcher({ clients: new AwsClients({ region: 'us-east-1' }) } as unknown as DeploySession)(events, r);
    expect(t.screen().slice(-2)).toEqual([
      '└─ … An ECS service (Service)  UPDATE_IN_PROGRESS',
      '   └─ rollout: 1/2 running, 1 pending, 0 failed — IN_PROGRESS',
    ]);
    r.finish();
    ecs.restore();
  });

  it('prints nothing for a stack that had no events', () => {
    const t = terminal();
    const r = new LineReporter({ streams: t.stream });
    r.info('No changes to shop-test-api.');
    r.finish();
    expect(t.writes).toEqual(['No changes to shop-test-api.\n']);
  });

  it('stacks the trees of stacks deployed at once and lets other writes through above them', () => {
    const t = terminal();
    const other = { write: jest.fn(() => true), isTTY: true } as unknown as NodeJS.WriteStream;
    const region = new LiveRegion(t.stream, [other]);
    region.set({}, () => ['tree A']);
    const b = {};
    region.set(b, () => ['tree B']);
    expect(t.screen()).toEqual(['tree A', 'tree B']);
    other.write('from elsewhere\n');
    // The blocks were erased before the write went through, and drawn again after it.
    expect(t.writes.at(-2)).toBe('\r\u001b[2A\u001b[J');
    expect(t.writes.at(-1)).toBe('tree A\ntree B\n');
    region.remove(b, ['B done']);
    expect(t.screen()).toEqual(['B done', 'tree A']);
  });
});

describe('LineReporter elsewhere', () => {
  const saved = process.env.NO_COLOR;
  beforeAll(() => {
    process.env.NO_COLOR = '1';
  });
  afterAll(() => {
    if (saved === undefined) delete process.env.NO_COLOR;
    else process.env.NO_COLOR = saved;
  });

  it('writes plain lines, rollouts included, and never moves the cursor', () => {
    const writes: string[] = [];
    const r = new LineReporter({ prefix: 'p', streams: { write: (t) => void writes.push(t), isTTY: false } });
    r.event(ev('TaskRole', 'CREATE_FAILED', 'AWS::IAM::Role', 'denied'), 'A role');
    r.rollout('Service', { desiredCount: 1, runningCount: 0, pendingCount: 1, failedTasks: 0 });
    r.finish();
    expect(writes.join('')).toBe(
      `[p]   ${'CREATE_FAILED'.padEnd(28)} A role (TaskRole) — denied\n` +
        '[p]   ECS rollout: 0/1 running, 1 pending, 0 failed\n',
    );
  });
});
