// `svc logs` benchmark, on a local endpoint (moto) started here:
//
//   npm run build && node bench/logs.js
//
// Options (environment): RUNS=5 (measured runs of each side, after one warm-up), EVENTS=100000, STREAMS=20,
// FOLLOW_SAMPLES=10, SCALE=3 (peak memory is also measured on EVENTS×SCALE events; 0 skips that).
//
// 1. `mycopilot svc logs --since 24h --json` over EVENTS events in STREAMS task streams, against the baseline
//    bench/logs-baseline.py: boto3 paging through FilterLogEvents and printing each event as a JSON line, which
//    is what `aws logs filter-log-events` does (the AWS CLI is not installed here; it is built on botocore).
//    Both send the same requests to the same server in the same run, alternately; medians are reported.
//    Measured: wall time, time to the first line on stdout, peak RSS (/usr/bin/time -v, else /proc polling).
// 2. Streaming, in process: when the first events reach stdout's writer versus when the last page is requested.
// 3. --follow: an event is written with PutLogEvents; how long until it is on the command's stdout.
'use strict';
const { spawn, spawnSync } = require('node:child_process');
const { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { startMoto } = require('../scripts/moto');
const { median, rng } = require('./common');

const ROOT = path.resolve(__dirname, '..');
const RUNS = Number(process.env.RUNS ?? 5);
const EVENTS = Number(process.env.EVENTS ?? 100_000);
const STREAMS = Number(process.env.STREAMS ?? 20);
const FOLLOW_SAMPLES = Number(process.env.FOLLOW_SAMPLES ?? 10);
const SCALE = Number(process.env.SCALE ?? 3);
const APP = 'bench';
const ENV = 'test';
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

const logsSdk = require(path.join(ROOT, 'node_modules', '@aws-sdk', 'client-cloudwatch-logs'));
const ssmSdk = require(path.join(ROOT, 'node_modules', '@aws-sdk', 'client-ssm'));

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));



/** `events` access-log lines in `streams` task streams, interleaved over the last 20 hours. */
async function load(logs, group, events, streams, seed) {
  const random = rng(seed);
  const hex = () => Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16)).join('');
  const names = Array.from({ length: streams }, () => `copilot/api/${hex()}`);
  await logs.send(new logsSdk.CreateLogGroupCommand({ logGroupName: group }));
  const span = 20 * 3600_000;
  const start = Date.now() - span - 60_000;
  const step = span / events;
  const perStream = names.map(() => []);
  for (let i = 0; i < events; i++) {
    const status = random() < 0.02 ? 500 : 200;
    perStream[i % streams].push({
      timestamp: Math.floor(start + i * step),
      message:
        `10.0.${Math.floor(random() * 255)}.${Math.floor(random() * 255)} - - "GET /api/items/${Math.floor(random() * 1e5)} HTTP/1.1" ` +
        `${status} ${Math.floor(random() * 4096)} "-" "Mozilla/5.0" rt=0.0${Math.floor(random() * 99)}` +
        (status === 500 ? ' ERROR upstream timed out' : ''),
    });
  }
  for (const [s, name] of names.entries()) {
    await logs.send(new logsSdk.CreateLogStreamCommand({ logGroupName: group, logStreamName: name }));
    // PutLogEvents takes at most 10,000 events and 1 MB per call.
    for (let i = 0; i < perStream[s].length; i += 5000)
      await logs.send(
        new logsSdk.PutLogEventsCommand({ logGroupName: group, logStreamName: name, logEvents: perStream[s].slice(i, i + 5000) }),
      );
  }
  return names;
}

async function records(ssm, workloads) {
  const put = (Name, value) =>
    ssm.send(new ssmSdk.PutParameterCommand({ Name, Value: JSON.stringify(value), Type: 'String', Overwrite: true }));
  await put(`/copilot/applications/${APP}`, { name: APP, account: '123456789012', domain: '', domainHostedZoneID: '', version: '1.0' });
  await put(`/copilot/applications/${APP}/environments/${ENV}`, {
    app: APP,
    name: ENV,
    region: 'us-west-2',
    accountID: '123456789012',
    registryURL: '',
    executionRoleARN: '',
    managerRoleARN: '',
  });
  for (const name of workloads)
    await put(`/copilot/applications/${APP}/components/${name}`, { app: APP, name, type: 'Backend Service' });
}

/** Runs a command; wall time, time to its first stdout line, lines printed, peak RSS. */
function measure(command, args, env) {
  return new Promise((resolve, reject) => {
    const argv = TIME ? [TIME, ['-v', command, ...args]] : [command, args];
    const started = process.hrtime.bigint();
    const ms = () => Number(process.hrtime.bigint() - started) / 1e6;
    const child = spawn(argv[0], argv[1], { env, cwd: os.tmpdir(), stdio: ['ignore', 'pipe', 'pipe'] });
    let firstLine;
    let lines = 0;
    let stderr = '';
    let peakKb = 0;
    child.stdout.on('data', (chunk) => {
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) {
        if (firstLine === undefined) firstLine = ms();
        lines += 1;
      }
    });
    child.stderr.on('data', (d) => (stderr += d));
    // Without /usr/bin/time: poll the process's own high-water mark.
    const poll = TIME
      ? undefined
      : setInterval(() => {
          try {
            const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
            if (m) peakKb = Math.max(peakKb, Number(m[1]));
          } catch {
            // exited
          }
        }, 20);
    child.on('error', reject);
    child.on('close', (code) => {
      if (poll) clearInterval(poll);
      const total = ms();
      const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
      if (m) peakKb = Number(m[1]);
      if (code !== 0) return reject(new Error(`${command} ${args.join(' ')} exited ${code}: ${stderr.slice(0, 2000)}`));
      resolve({ total, firstLine, lines, rssMb: peakKb / 1024 });
    });
  });
}

/** In process: when the first events reach the writer, and when each FilterLogEvents request is sent. */
async function streamingTrace(group, since) {
  const { CloudWatchLogSource } = require(path.join(ROOT, 'dist', 'logs', 'cloudwatch-source.js'));
  const { readWindow } = require(path.join(ROOT, 'dist', 'logs', 'read.js'));
  const { eventFormatter } = require(path.join(ROOT, 'dist', 'logs', 'format.js'));
  const client = new logsSdk.CloudWatchLogsClient({ region: 'us-west-2' });
  const started = process.hrtime.bigint();
  const ms = () => Number(process.hrtime.bigint() - started) / 1e6;
  const requests = [];
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === 'FilterLogEventsCommand') requests.push(ms());
      return next(args);
    },
    { step: 'initialize', name: 'benchTrace' },
  );
  const format = eventFormatter({ json: true, color: false });
  let firstWrite;
  let events = 0;
  await readWindow(new CloudWatchLogSource(client), { group, selection: { prefix: 'copilot/' }, start: since }, {
    write(batch) {
      if (firstWrite === undefined) firstWrite = ms();
      for (const e of batch) format(e);
      events += batch.length;
    },
  });
  return { firstWrite, lastRequest: requests.at(-1), requests: requests.length, events, total: ms() };
}

/** --follow: time from a PutLogEvents call returning until its event is on the command's stdout. */
async function followLatency(logs, group, stream, env) {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'run.js'), 'svc', 'logs', '--app', APP, '--env', ENV, '--name', 'api', '--follow', '--limit', '1'], {
    env,
    cwd: os.tmpdir(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const seen = new Map();
  child.stdout.on('data', (d) => {
    stdout += d;
    for (const m of String(d).matchAll(/follow-probe-(\d+)/g)) if (!seen.has(Number(m[1]))) seen.set(Number(m[1]), process.hrtime.bigint());
  });
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  const until = async (check, ms) => {
    const deadline = Date.now() + ms;
    while (!check() && Date.now() < deadline) await sleep(20);
    return check();
  };
  if (!(await until(() => stdout.includes('\n'), 60_000))) throw new Error(`--follow printed nothing: ${stderr}`);
  // Steady state: Live Tail has been tried (moto has none) and polling runs.
  await until(() => stderr.includes('polling'), 30_000);
  const latencies = [];
  const random = rng(7);
  for (let k = 0; k < FOLLOW_SAMPLES; k++) {
    await sleep(Math.floor(random() * 1000));
    await logs.send(
      new logsSdk.PutLogEventsCommand({
        logGroupName: group,
        logStreamName: stream,
        logEvents: [{ timestamp: Date.now(), message: `follow-probe-${k}` }],
      }),
    );
    const written = process.hrtime.bigint();
    if (!(await until(() => seen.has(k), 10_000))) throw new Error(`follow-probe-${k} not printed within 10 s`);
    latencies.push(Number(seen.get(k) - written) / 1e6);
  }
  child.kill('SIGINT');
  const code = await exited;
  const printedOnce = [...Array(FOLLOW_SAMPLES).keys()].every((k) => stdout.split(`follow-probe-${k}\n`).length === 2);
  return { latencies, code, printedOnce, note: stderr.trim().split('\n')[0] };
}

const fmt = (x) => (x === undefined ? '-' : x >= 100 ? x.toFixed(0) : x.toFixed(1));

async function main() {
  if (!existsSync(path.join(ROOT, 'dist', 'logs', 'run.js'))) throw new Error('build first: npm run build');
  const moto = await startMoto();
  if (!moto) throw new Error('moto is not installed: pip install "moto[server]"');
  const env = {
    ...process.env,
    AWS_ENDPOINT_URL: moto.url,
    AWS_REGION: 'us-west-2',
    AWS_ACCESS_KEY_ID: 'testing',
    AWS_SECRET_ACCESS_KEY: 'testing',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    NO_COLOR: '1',
  };
  Object.assign(process.env, env);
  try {
    const logs = new logsSdk.CloudWatchLogsClient({ region: 'us-west-2' });
    const group = `/copilot/${APP}-${ENV}-api`;
    let t = Date.now();
    const streams = await load(logs, group, EVENTS, STREAMS, 1);
    await records(new ssmSdk.SSMClient({ region: 'us-west-2' }), ['api', 'big']);
    console.log(`Loaded ${EVENTS.toLocaleString('en-US')} events in ${STREAMS} streams into ${group} in ${((Date.now() - t) / 1000).toFixed(1)} s (moto ${moto.url}).`);

    const cli = (since) => [path.join(ROOT, 'bin', 'run.js'), 'svc', 'logs', '--app', APP, '--env', ENV, '--name', 'api', '--since', since, '--json'];
    const baseline = () => [path.join(__dirname, 'logs-baseline.py'), moto.url, group, String(Date.now() - 24 * 3600_000)];
    const rows = { mycopilot: [], baseline: [] };
    for (let run = 0; run <= RUNS; run++) {
      const ours = await measure(process.execPath, cli('24h'), env);
      const theirs = await measure('python3', baseline(), env);
      for (const r of [ours, theirs]) if (r.lines !== EVENTS) throw new Error(`expected ${EVENTS} lines, got ${r.lines}`);
      const label = run === 0 ? 'warm-up' : `run ${run}`;
      console.log(
        `${label.padEnd(8)} mycopilot ${fmt(ours.total)} ms (first line ${fmt(ours.firstLine)} ms, ${fmt(ours.rssMb)} MB)   ` +
          `baseline ${fmt(theirs.total)} ms (first line ${fmt(theirs.firstLine)} ms, ${fmt(theirs.rssMb)} MB)`,
      );
      if (run === 0) continue;
      rows.mycopilot.push(ours);
      rows.baseline.push(theirs);
    }
    const summary = (rs) => ({
      total: median(rs.map((r) => r.total)),
      firstLine: median(rs.map((r) => r.firstLine)),
      rssMb: median(rs.map((r) => r.rssMb)),
      peakRssMb: Math.max(...rs.map((r) => r.rssMb)),
    });
    const ours = summary(rows.mycopilot);
    const theirs = summary(rows.baseline);
    const ratio = ours.total / theirs.total;

    const trace = await streamingTrace(group, Date.now() - 24 * 3600_000);

    let scaled;
    if (SCALE > 0) {
      const bigGroup = `/copilot/${APP}-${ENV}-big`;
      t = Date.now();
      await load(logs, bigGroup, EVENTS * SCALE, STREAMS, 2);
      const loadS = (Date.now() - t) / 1000;
      const big = await measure(process.execPath, [...cli('24h').slice(0, 8), 'big', '--since', '24h', '--json'], env);
      if (big.lines !== EVENTS * SCALE) throw new Error(`expected ${EVENTS * SCALE} lines, got ${big.lines}`);
      scaled = { events: EVENTS * SCALE, loadS, ...big };
    }

    // Probes go into an existing task stream (the fourth, or the last of fewer).
    const follow = await followLatency(logs, group, streams[Math.min(3, streams.length - 1)], env);

    console.log('');
    console.log(`svc logs --since 24h --json, ${EVENTS.toLocaleString('en-US')} events, ${STREAMS} streams, medians of ${RUNS} runs:`);
    console.log(`  mycopilot  ${fmt(ours.total)} ms total, first line at ${fmt(ours.firstLine)} ms, peak RSS ${fmt(ours.rssMb)} MB (max ${fmt(ours.peakRssMb)})`);
    console.log(`  baseline   ${fmt(theirs.total)} ms total, first line at ${fmt(theirs.firstLine)} ms, peak RSS ${fmt(theirs.rssMb)} MB (boto3 FilterLogEvents paginator, JSON per event)`);
    console.log(`  ratio      ${ratio.toFixed(2)} (mycopilot / baseline; <= 1.0 is the goal)`);
    console.log(
      `Streaming (in process): first events to stdout's writer at ${fmt(trace.firstWrite)} ms; last of ${trace.requests} FilterLogEvents requests sent at ${fmt(trace.lastRequest)} ms; done at ${fmt(trace.total)} ms.`,
    );
    if (scaled)
      console.log(
        `Memory at ${scaled.events.toLocaleString('en-US')} events: peak RSS ${fmt(scaled.rssMb)} MB (${fmt(scaled.total)} ms, first line ${fmt(scaled.firstLine)} ms).`,
      );
    console.log(
      `--follow (polling; ${follow.note}): event on stdout ${fmt(median(follow.latencies))} ms (median), ${fmt(Math.max(...follow.latencies))} ms (max) after PutLogEvents returned, ${FOLLOW_SAMPLES} samples; each printed once: ${follow.printedOnce}; exit after Ctrl-C: ${follow.code}.`,
    );

    const results = path.join(ROOT, 'bench', 'results');
    mkdirSync(results, { recursive: true });
    const file = path.join(results, `logs-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    writeFileSync(
      file,
      JSON.stringify({ node: process.version, cpus: os.cpus().length, EVENTS, STREAMS, RUNS, rows, ours, theirs, ratio, trace, scaled, follow }, null, 2),
    );
    console.log(`Results: ${path.relative(ROOT, file)}`);
  } finally {
    moto.child.kill('SIGTERM');
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
