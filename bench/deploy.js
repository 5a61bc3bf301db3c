#!/usr/bin/env node
// Deploy benchmarks on a local endpoint (moto on loopback). Reproduce with:
//   npm run build && node bench/deploy.js            (RUNS=7 by default)
// 1. An unchanged `svc deploy` of a workload with image.location: AWS calls on the critical path (from
//    MYCOPILOT_TRACE_AWS) and wall time, against `aws cloudformation deploy --no-fail-on-empty-changeset` of the
//    same template (the AWS CLI; bench/cfn-deploy-baseline.py with boto3 where it is missing) measured in the same
//    run, alternating. Medians and the ratio. mycopilot runs with its start-up caches warm, as they are after its
//    first run on any machine, and with them turned off (MYCOPILOT_NO_CACHE=1).
// 2. `mycopilot deploy --all` with 4 independent services against each of them deployed alone.
const { spawnSync, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { startMoto } = require('../scripts/moto');
const { median } = require('./common');

const ROOT = path.resolve(__dirname, '..');
const CLI = path.join(ROOT, 'bin', 'run.js');
const RUNS = Number(process.env.RUNS ?? 7);

const ms = (n) => `${Math.round(n)} ms`;

/** CPU time (user + system) a process has used so far, from /proc (Linux). */
function cpuMs(pid) {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in clock ticks of 1/100 s
  } catch {
    return NaN;
  }
}


function project(app, services) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mycopilot-bench-'));
  const write = (rel, text) => {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  };
  write('copilot/.workspace', `application: ${app}\n`);
  write('copilot/environments/test/manifest.yml', 'name: test\ntype: Environment\n');
  for (const name of services) {
    write(
      `copilot/${name}/manifest.yml`,
      `name: ${name}\ntype: Backend Service\nimage:\n  location: public.ecr.aws/nginx/nginx:1.27\n  port: 80\ncpu: 256\nmemory: 512\n`,
    );
  }
  return dir;
}

const AWS_CLI = spawnSync('aws', ['--version'], { encoding: 'utf8' }).status === 0;

// The baseline the issue names: the AWS CLI's `cloudformation deploy` of the deployed template and parameters.
// Where the AWS CLI is missing, bench/cfn-deploy-baseline.py makes the same calls with boto3.
function baselineDeploy(template, parameters, env) {
  if (!AWS_CLI) {
    return spawnSync('python3', [path.join(__dirname, 'cfn-deploy-baseline.py'), 'bench-test-api', template, JSON.stringify(parameters)], { env, encoding: 'utf8' });
  }
  const overrides = Object.entries(parameters).map(([k, v]) => `${k}=${v}`);
  return spawnSync(
    'aws',
    ['cloudformation', 'deploy', '--stack-name', 'bench-test-api', '--template-file', template, '--parameter-overrides', ...overrides,
      '--capabilities', 'CAPABILITY_IAM', 'CAPABILITY_NAMED_IAM', '--no-fail-on-empty-changeset'],
    { env, encoding: 'utf8' },
  );
}

function cli(args, cwd, env) {
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, env, encoding: 'utf8' });
  const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
  if (r.status !== 0) throw new Error(`mycopilot ${args.join(' ')} failed:\n${r.stderr}`);
  return { elapsed, stderr: r.stderr };
}

async function main() {
  const moto = await startMoto();
  if (!moto) throw new Error('moto is not installed: pip install "moto[server]"');
  const env = {
    ...process.env,
    AWS_ENDPOINT_URL: moto.url,
    AWS_REGION: 'us-west-2',
    AWS_DEFAULT_REGION: 'us-west-2',
    AWS_ACCESS_KEY_ID: 'bench',
    AWS_SECRET_ACCESS_KEY: 'bench',
    MYCOPILOT_POLL_MS: '200',
    NO_COLOR: '1',
    // The CLI's start-up caches live here for the run; the set-up deploys below fill them.
    MYCOPILOT_CACHE_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'mycopilot-bench-cache-')),
  };
  try {
    // ---- 1. unchanged deploy vs aws cloudformation deploy ----
    const dir = project('bench', ['api']);
    cli(['env', 'deploy', '--name', 'test'], dir, env);
    cli(['svc', 'deploy', '--name', 'api', '--env', 'test', '--tag', 'v1'], dir, env);
    const traced = cli(['svc', 'deploy', '--name', 'api', '--env', 'test', '--tag', 'v1'], dir, { ...env, MYCOPILOT_TRACE_AWS: '1' });
    const calls = traced.stderr.split('\n').filter((l) => l.startsWith('aws '));
    const template = path.join(dir, 'deployed.yml');
    const stack = JSON.parse(
      execFileSync('python3', ['-c', 'import boto3,json;c=boto3.client("cloudformation");s=c.describe_stacks(StackName="bench-test-api")["Stacks"][0];print(json.dumps({p.get("ParameterKey"):p.get("ParameterValue") for p in s.get("Parameters",[])}))'], { env }).toString(),
    );
    execFileSync('python3', ['-c', `import boto3;open(${JSON.stringify(template)},"w").write(boto3.client("cloudformation").get_template(StackName="bench-test-api")["TemplateBody"])`], { env });
    const ours = [];
    const cold = [];
    const base = [];
    const deployArgs = ['svc', 'deploy', '--name', 'api', '--env', 'test', '--tag', 'v1'];
    for (let i = 0; i < RUNS; i++) {
      ours.push(cli(deployArgs, dir, env).elapsed);
      cold.push(cli(deployArgs, dir, { ...env, MYCOPILOT_NO_CACHE: '1' }).elapsed);
      const started = process.hrtime.bigint();
      const r = baselineDeploy(template, stack, env);
      if (r.status !== 0) throw new Error(`baseline failed: ${r.stderr}`);
      base.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    console.log('Unchanged svc deploy (image.location), local endpoint');
    console.log(`  AWS calls on the critical path: ${calls.length} (${calls.map((c) => c.split(' ').slice(1, 3).join('.')).join(', ')})`);
    console.log(`  mycopilot svc deploy:                 median ${ms(median(ours))} of ${RUNS} (${ours.map(ms).join(', ')})`);
    console.log(`  … with MYCOPILOT_NO_CACHE=1:          median ${ms(median(cold))} of ${RUNS} (${cold.map(ms).join(', ')})`);
    console.log(`  aws cloudformation deploy${AWS_CLI ? ' (AWS CLI)' : ' (boto3)  '}:  median ${ms(median(base))} of ${RUNS} (${base.map(ms).join(', ')})`);
    console.log(`  ratio mycopilot / baseline: ${(median(ours) / median(base)).toFixed(2)} (no cache: ${(median(cold) / median(base)).toFixed(2)})`);

    // ---- 2. deploy --all vs one by one ----
    const names = ['one', 'two', 'three', 'four'];
    const alone = [];
    const all = [];
    const motoCpu = { alone: [], all: [] };
    for (let i = 0; i < Math.max(3, Math.floor(RUNS / 2)); i++) {
      const single = project(`solo${i}`, names);
      cli(['env', 'deploy', '--name', 'test'], single, env);
      const times = names.map((n) => {
        const before = cpuMs(moto.child.pid);
        const r = cli(['svc', 'deploy', '--name', n, '--env', 'test', '--tag', 'v1'], single, env).elapsed;
        motoCpu.alone.push(cpuMs(moto.child.pid) - before);
        return r;
      });
      alone.push(times);
      const together = project(`all${i}`, names);
      cli(['env', 'deploy', '--name', 'test'], together, env);
      const before = cpuMs(moto.child.pid);
      all.push(cli(['deploy', '--env', 'test', '--all', '--tag', 'v1'], together, env).elapsed);
      motoCpu.all.push(cpuMs(moto.child.pid) - before);
    }
    const slowest = median(alone.map((t) => Math.max(...t)));
    const sum = median(alone.map((t) => t.reduce((a, b) => a + b, 0)));
    console.log('\ndeploy --all with 4 independent services (first deploy of each), local endpoint');
    console.log(`  slowest single svc deploy: median ${ms(slowest)}; sum of the four: median ${ms(sum)}`);
    console.log(`  deploy --all:              median ${ms(median(all))} (${all.map(ms).join(', ')})`);
    console.log(`  ratio deploy --all / slowest single: ${(median(all) / slowest).toFixed(2)}; / sum: ${(median(all) / sum).toFixed(2)}`);
    // moto answers on one Python thread: the four stacks' requests queue there, which AWS would serve side by side.
    console.log(`  moto CPU time: median ${ms(median(motoCpu.alone))} per single deploy, ${ms(median(motoCpu.all))} during deploy --all`);
  } finally {
    moto.child.kill();
  }
}

main().catch((err) => {
  console.error(err.message);
  process.exit(1);
});
