// Every ECS workload manifest of the corpus (for each environment its `environments:` block names, and with no
// overrides) and of examples/hello renders to a template cfn-lint finds no error in. Each is rendered against a
// bare environment and against one that provides everything (certificates, EC2 capacity, Container Insights):
// what cannot render against the bare one must say so with a RenderError, and must render against the full one.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { stringify } from 'yaml';
import { loadManifest } from '../../../src/manifest/load';
import { RenderError } from '../../../src/stack/inputs';
import type { RenderedStack } from '../../../src/stack/template';
import * as builders from '../../../src/stack/workload';
import { cfnLint } from '../../helpers/cfn-lint';
import { CORPUS, CORPUS_VARS, REPO_ROOT } from '../../helpers/cli';
import { APP, CERTIFICATES, EC2_CAPACITY, environment, inputOf } from './workload-fixtures';

type Build = (input: any) => RenderedStack;
const BUILDERS: Record<string, Build | undefined> = {
  'Backend Service': (builders as Record<string, unknown>).buildBackendServiceStack as Build,
  'Load Balanced Web Service': (builders as Record<string, unknown>).buildLoadBalancedWebServiceStack as Build,
  'Worker Service': (builders as Record<string, unknown>).buildWorkerServiceStack as Build,
  'Scheduled Job': (builders as Record<string, unknown>).buildScheduledJobStack as Build,
};

/** Combinations that cannot render in any environment, and why. */
const UNRENDERABLE: { file: RegExp; env: string | undefined; path: string }[] = [
  // Only its `test` environment names an image.
  { file: /workloads\/worker-manifest\.yml$/, env: undefined, path: 'image' },
];

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    return statSync(full).isDirectory() ? walk(full) : /\.ya?ml$/.test(entry) ? [full] : [];
  });
}

interface Case {
  label: string;
  file: string;
  env: string | undefined;
  type: string;
  manifest: any;
}

function cases(): Case[] {
  const files = [
    ...walk(CORPUS),
    ...['web', 'api', 'report'].map((n) => path.join(REPO_ROOT, 'examples/hello/copilot', n, 'manifest.yml')),
  ];
  const out: Case[] = [];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    // Without overrides the manifest is still deployed somewhere: ${COPILOT_ENVIRONMENT_NAME} is "base".
    const vars = { ...CORPUS_VARS, COPILOT_ENVIRONMENT_NAME: 'base' };
    const first = loadManifest({ file, text, app: APP, vars });
    if (!first.type || !(first.type in BUILDERS)) continue;
    for (const env of [undefined, ...first.environments]) {
      const loaded = env === undefined ? first : loadManifest({ file, text, env, app: APP, vars: CORPUS_VARS });
      if (!loaded.manifest) throw new Error(`${file} (${env}) does not validate: ${loaded.errors[0]?.message}`);
      const rel = path.relative(path.dirname(CORPUS), file);
      out.push({ label: `${rel}@${env ?? 'base'}`, file, env, type: first.type, manifest: loaded.manifest });
    }
  }
  return out;
}

/** Features the corpus does not exercise (mycopilot's EC2 additions above all), rendered the same way. */
const FEATURES: { name: string; manifest: object }[] = [
  {
    name: 'ec2-bridge-web',
    manifest: {
      name: 'bridged',
      type: 'Load Balanced Web Service',
      image: { build: 'Dockerfile', port: 8080, healthcheck: { command: ['CMD', 'true'] } },
      launch_type: 'EC2',
      network: { mode: 'bridge' },
      http: { path: '/', healthcheck: { path: '/health', grace_period: '30s' } },
      nlb: { port: '80/tcp', target_port: 8080, additional_listeners: [{ port: '53/udp', target_container: 'dns' }] },
      sidecars: { dns: { image: 'coredns/coredns', port: '53/udp' }, proxy: { image: { build: 'proxy/Dockerfile' } } },
      placement: {
        strategies: [
          { type: 'spread', field: 'attribute:ecs.availability-zone' },
          { type: 'binpack', field: 'cpu' },
        ],
        constraints: [
          { type: 'distinctInstance' },
          { type: 'memberOf', expression: 'attribute:ecs.instance-type =~ m5.*' },
        ],
      },
      count: { range: '1-4', cpu_percentage: 60, requests: 500, response_time: '1s' },
      deployment: { rolling: 'recreate', rollback_alarms: ['existing-alarm'] },
      exec: true,
    },
  },
  {
    name: 'ec2-awsvpc-backend',
    manifest: {
      name: 'internal',
      type: 'Backend Service',
      image: { location: 'nginx', port: 80 },
      capacity_providers: [{ provider: 'EC2', weight: 1, base: 1 }],
      http: { path: '/api', alias: 'api.internal.example.com' },
      network: { connect: { alias: 'api' }, vpc: { placement: 'private' } },
      storage: {
        volumes: {
          data: { path: '/data', efs: { uid: 1000, gid: 1000 }, read_only: false },
          shared: { path: '/shared', efs: { id: { from_cfn: 'shared-fs' }, root_dir: '/exports' } },
        },
      },
      secrets: {
        DB: { secretsmanager: 'db/creds:password::' },
        TOKEN: 'token',
        ARN: 'arn:aws:ssm:us-west-2:123456789012:parameter/x',
      },
      env_file: 'api.env',
      taskdef_overrides: [
        { path: 'ContainerDefinitions[0].Ulimits[-]', value: { Name: 'nofile', SoftLimit: 1024, HardLimit: 4096 } },
      ],
    },
  },
  {
    name: 'fargate-web-logging',
    manifest: {
      name: 'logged',
      type: 'Load Balanced Web Service',
      image: { location: 'nginx', port: 80 },
      platform: 'linux/arm64',
      http: {
        path: '/',
        alias: [{ name: 'www.example.com', hosted_zone: 'Z0123' }],
        version: 'grpc',
        healthcheck: { success_codes: '0-99' },
      },
      logging: {
        destination: { Name: 'firehose', region: 'us-west-2', delivery_stream: 'logs' },
        env_file: 'log.env',
        secretOptions: { KEY: 'k' },
      },
      observability: { tracing: 'awsxray' },
      storage: { ephemeral: 100, readonly_fs: true },
      count: 2,
    },
  },
  {
    name: 'windows-web',
    manifest: {
      name: 'win',
      type: 'Load Balanced Web Service',
      image: { location: 'mcr.microsoft.com/windows/servercore/iis', port: 80 },
      platform: { osfamily: 'windows_server_2022_core', architecture: 'x86_64' },
      cpu: 1024,
      memory: 2048,
      http: { path: '/' },
    },
  },
  {
    name: 'fifo-worker',
    manifest: {
      name: 'consumer',
      type: 'Worker Service',
      image: { build: 'Dockerfile' },
      launch_type: 'EC2',
      subscribe: {
        queue: { fifo: { high_throughput: true }, dead_letter: { tries: 3 } },
        topics: [
          { name: 'orders', service: 'shop', filter_policy: { kind: ['new'] } },
          { name: 'audit', service: 'shop', queue: { retention: '1h', dead_letter: { tries: 2 } } },
        ],
      },
      count: { range: { min: 0, max: 5 }, queue_delay: { acceptable_latency: '1m', msg_processing_time: '2s' } },
      deployment: { rollback_alarms: { cpu_utilization: 90, memory_utilization: 90, messages_delayed: 100 } },
      publish: { topics: [{ name: 'processed', fifo: { content_based_deduplication: true } }] },
    },
  },
  {
    name: 'ec2-job',
    manifest: {
      name: 'nightly',
      type: 'Scheduled Job',
      image: { location: 'busybox' },
      command: 'sh -c "echo done"',
      on: { schedule: '30 1 * * 1-5' },
      retries: 2,
      timeout: '45m',
      launch_type: 'EC2',
      network: { mode: 'host' },
      placement: { strategies: [{ type: 'random' }] },
    },
  },
  {
    name: 'disabled-job',
    manifest: {
      name: 'manual',
      type: 'Scheduled Job',
      image: { location: 'busybox' },
      on: { schedule: 'none' },
      network: {
        vpc: {
          placement: { subnets: ['subnet-1', 'subnet-2'] },
          security_groups: { deny_default: true, groups: ['sg-1'] },
        },
      },
    },
  },
];

function featureCases(): Case[] {
  return FEATURES.map(({ name, manifest }) => {
    const loaded = loadManifest({
      file: `${name}.yml`,
      text: stringify(manifest),
      env: 'test',
      app: APP,
      vars: CORPUS_VARS,
    });
    if (!loaded.manifest)
      throw new Error(`${name} does not validate: ${loaded.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
    return { label: `features/${name}`, file: name, env: 'test', type: loaded.type!, manifest: loaded.manifest };
  });
}

const all = [...cases(), ...featureCases()];
const bare = (name: string) => environment({}, name);
const full = (name: string) =>
  environment({ ...CERTIFICATES, ...EC2_CAPACITY, observability: { container_insights: true } }, name);

function render(c: Case, withEverything: boolean): RenderedStack {
  const envName = c.env ?? 'base';
  const build = BUILDERS[c.type]!;
  return build(inputOf(c.manifest, withEverything ? full(envName) : bare(envName), { envName }));
}

describe('workload templates pass cfn-lint', () => {
  const implemented = all.filter((c) => BUILDERS[c.type]);

  it('finds the corpus manifests', () => {
    expect(all.filter((c) => c.type === 'Backend Service').length).toBeGreaterThan(8);
  });

  it('renders every manifest, or says why not', () => {
    const stacks: { label: string; stack: RenderedStack }[] = [];
    const unexpected: string[] = [];
    for (const c of implemented) {
      const known = UNRENDERABLE.find((u) => u.file.test(c.file) && u.env === c.env);
      for (const everything of [false, true]) {
        try {
          stacks.push({ label: `${everything ? 'full' : 'bare'}/${c.label}`, stack: render(c, everything) });
          if (known) unexpected.push(`${c.label}: renders, but is listed as unrenderable`);
        } catch (err) {
          if (!(err instanceof RenderError)) throw new Error(`${c.label}: ${(err as Error).stack}`);
          const where = err.path.join('.');
          if (known && known.path === where) continue;
          if (!everything) continue; // the full environment must render it
          unexpected.push(`${c.label}: ${where}: ${err.message}`);
        }
      }
    }
    expect(unexpected).toEqual([]);
    expect(stacks.length).toBeGreaterThan(implemented.length);
    const findings = cfnLint(stacks, { all: true });
    if (process.env.MYCOPILOT_LINT_WARNINGS) {
      const counts = new Map<string, number>();
      for (const f of findings) counts.set(`${f.rule} ${f.message}`, (counts.get(`${f.rule} ${f.message}`) ?? 0) + 1);
      const lines = [...counts].map(([k, n]) => `${n} x ${k}`);
      console.log([`${stacks.length} templates linted`, ...lines].join('\n'));
    }
    const errors = findings.filter((f) => f.level === 'Error');
    expect(errors.map((e) => `${e.file}:${e.line} ${e.rule} ${e.message}`)).toEqual([]);
  }, 180_000);
});
