// The real process runner on small node scripts: line streaming, stdin, redaction, a missing command.
import { CommandNotFoundError, LineSplitter, redact, spawnRunner, TAIL_LINES } from '../../../src/image/process';

const node = process.execPath;

describe('LineSplitter', () => {
  it('joins chunks into lines, splits on \\r for progress redraws, drops colours and blank lines', () => {
    const lines: string[] = [];
    const s = new LineSplitter((l) => lines.push(l));
    s.push('Step 1/2 : FR');
    s.push('OM scratch\n\u001b[32mok\u001b[0m\r\n50%\r100%\n\n  \ntail');
    s.end();
    expect(lines).toEqual(['Step 1/2 : FROM scratch', 'ok', '50%', '100%', 'tail']);
  });
});

it('redact hides every occurrence', () => expect(redact('a pw b pw', ['pw'])).toBe('a *** b ***'));

describe('spawnRunner', () => {
  it('streams stdout and stderr lines as they come and keeps the last ones', async () => {
    const seen: string[] = [];
    const script = `for (let i = 0; i < ${TAIL_LINES + 5}; i++) console.log('out ' + i); console.error('err last'); process.exit(3)`;
    const r = await spawnRunner.run({ command: node, args: ['-e', script], onLine: (l) => seen.push(l) });
    expect(r.exitCode).toBe(3);
    expect(seen).toHaveLength(TAIL_LINES + 6);
    expect(r.tail).toHaveLength(TAIL_LINES);
    expect(r.tail[r.tail.length - 1]).toBe('err last');
  });

  it('writes stdin, passes the environment and redacts secrets from the output', async () => {
    const script = `let s='';process.stdin.on('data',d=>s+=d).on('end',()=>console.log('got '+s+' '+process.env.EXTRA))`;
    const r = await spawnRunner.run({
      command: node,
      args: ['-e', script],
      stdin: 'hunter2',
      env: { EXTRA: 'x' },
      secrets: ['hunter2'],
    });
    expect(r.exitCode).toBe(0);
    expect(r.tail).toEqual(['got *** x']);
  });

  it('rejects with CommandNotFoundError for a missing command', async () => {
    await expect(spawnRunner.run({ command: 'mycopilot-no-such-engine', args: [] })).rejects.toBeInstanceOf(
      CommandNotFoundError,
    );
  });

  it('stops the process when the signal aborts', async () => {
    const controller = new AbortController();
    const p = spawnRunner.run({
      command: node,
      args: ['-e', 'setTimeout(() => {}, 10000)'],
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 100);
    const r = await p;
    expect(r.exitCode).toBeNull();
  });
});
