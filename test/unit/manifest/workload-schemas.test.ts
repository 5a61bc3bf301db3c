// The workload schemas accept every workload manifest of the Copilot corpus (as written and with each
// `environments.<env>` block merged over it), and report each cross-field rule at the offending field.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import { parseYaml } from '../../../src/manifest/parse';
import { normalize, UnknownKey } from '../../../src/manifest/normalize';
import { formatPath, toPlain, YMap } from '../../../src/manifest/node';
import { applyOverrides } from '../../../src/manifest/override';
import {
  backendServiceSchema,
  loadBalancedWebServiceSchema,
  workerServiceSchema,
} from '../../../src/manifest/schemas/services';
import { requestDrivenWebServiceSchema } from '../../../src/manifest/schemas/request-driven';
import { staticSiteSchema } from '../../../src/manifest/schemas/static-site';
import { scheduledJobSchema } from '../../../src/manifest/schemas/scheduled-job';

const CORPUS = path.resolve(__dirname, '../../../../shared/corpus/copilot');

/** Values for the variables the corpus README lists. */
const VARS: Record<string, string> = {
  DOMAINNAME: 'example.com',
  SSM_NAME: 'e2e-ssm-param',
  SECRETS_MANAGER_NAME: 'e2e-secret',
  BUCKETNAME: 'e2e-bucket',
  TIMENOW: '1700000000',
  IMPORTED_CERT_ARN: 'arn:aws:acm:us-west-2:123456789123:certificate/13245665-cv8f-adf3-j7gd-adf876af95',
  TAG: 'cicdtest',
};

const SCHEMAS: Record<string, z.ZodType> = {
  'Load Balanced Web Service': loadBalancedWebServiceSchema,
  'Backend Service': backendServiceSchema,
  'Worker Service': workerServiceSchema,
  'Request-Driven Web Service': requestDrivenWebServiceSchema,
  'Static Site': staticSiteSchema,
  'Scheduled Job': scheduledJobSchema,
};

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    return statSync(full).isDirectory() ? listFiles(full) : /\.ya?ml$/.test(entry) ? [full] : [];
  });
}

function load(file: string): YMap {
  const text = readFileSync(file, 'utf8').replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (w, n: string) => VARS[n] ?? w);
  const parsed = parseYaml(file, text);
  expect(parsed.diagnostics).toEqual([]);
  return parsed.root as YMap;
}

const typeOf = (root: YMap) => {
  const node = root.entries.get('type')?.node;
  return node?.kind === 'scalar' ? String(node.value) : '';
};

const workloadFiles = listFiles(CORPUS)
  .filter((f) => SCHEMAS[typeOf(load(f))] !== undefined)
  .sort();

function environmentsOf(root: YMap): string[] {
  const block = root.entries.get('environments')?.node;
  return block?.kind === 'map' ? [...block.entries.keys()] : [];
}

/** Issues of a safeParse, with nested union branches flattened, as `path: message` lines. */
function issuesOf(schema: z.ZodType, value: unknown): string[] {
  const result = schema.safeParse(value);
  const out: string[] = [];
  const walk = (issues: z.core.$ZodIssue[], prefix: PropertyKey[]) => {
    for (const i of issues) {
      const p = [...prefix, ...i.path];
      if (i.code === 'invalid_union') for (const branch of i.errors) walk(branch, p);
      else out.push(`${formatPath(p as (string | number)[])}: ${i.message}`);
    }
  };
  if (!result.success) walk(result.error.issues, []);
  return out;
}

describe('workload manifests of the corpus', () => {
  it('finds every workload manifest type', () => {
    expect(new Set(workloadFiles.map((f) => typeOf(load(f))))).toEqual(new Set(Object.keys(SCHEMAS)));
    expect(workloadFiles.length).toBeGreaterThanOrEqual(30);
  });

  const cases = workloadFiles.flatMap((file) => {
    const root = load(file);
    return [undefined, ...environmentsOf(root)].map((env) => [path.relative(CORPUS, file), env ?? '(base)', file, env]);
  });

  it.each(cases)('%s %s validates', (_rel, _label, file, env) => {
    const root = load(file as string);
    const schema = SCHEMAS[typeOf(root)];
    const unknown: UnknownKey[] = [];
    const normalized = normalize(schema, applyOverrides(root, env as string | undefined), [], unknown);
    expect(issuesOf(schema, toPlain(normalized))).toEqual([]);
  });

  it('leaves only the keys Copilot ignored unknown', () => {
    const unknown = workloadFiles.flatMap((file) => {
      const root = load(file);
      const found: UnknownKey[] = [];
      for (const env of [undefined, ...environmentsOf(root)]) {
        normalize(SCHEMAS[typeOf(root)], applyOverrides(root, env), [], found);
      }
      return [...new Set(found.map((u) => `${path.relative(CORPUS, file)}: ${formatPath(u.path)}`))];
    });
    expect(unknown.sort()).toEqual([
      // The App Runner e2e manifest sets `http.path`, which a Request-Driven Web Service never had.
      'e2e/apprunner/copilot/front-end/manifest.yml: http.path',
    ]);
  });
});

const web = {
  name: 'web',
  type: 'Load Balanced Web Service',
  image: { build: 'Dockerfile', port: 80 },
  http: { path: '/' },
};
const onEc2 = { ...web, launch_type: 'EC2' };
const job = { name: 'job', type: 'Scheduled Job', image: { location: 'alpine' }, on: { schedule: '@daily' } };

describe('cross-field rules', () => {
  const lbws = (extra: object) => issuesOf(loadBalancedWebServiceSchema, { ...web, ...extra });
  const ec2 = (extra: object) => issuesOf(loadBalancedWebServiceSchema, { ...onEc2, ...extra });

  it('accepts placement, bridge networking and any task size on EC2', () => {
    const placement = {
      strategies: [
        { type: 'spread', field: 'attribute:ecs.availability-zone' },
        { type: 'binpack', field: 'memory' },
      ],
      constraints: [
        { type: 'distinctInstance' },
        { type: 'memberOf', expression: 'attribute:ecs.instance-type =~ t3.*' },
      ],
    };
    expect(ec2({ placement, network: { mode: 'bridge' }, cpu: 300, memory: 700 })).toEqual([]);
    expect(
      lbws({ capacity_providers: [{ provider: 'EC2', weight: 1, base: 2 }], placement, network: { mode: 'host' } }),
    ).toEqual([]);
  });

  it('refuses placement on Fargate', () => {
    expect(lbws({ placement: { strategies: [{ type: 'random' }] } })).toEqual([
      'placement: placement strategies and constraints need EC2 capacity (`launch_type: EC2` or an EC2 entry in ' +
        '`capacity_providers`); Fargate places tasks itself',
    ]);
    expect(lbws({ capacity_providers: [{ provider: 'FARGATE_SPOT', weight: 1 }], placement: {} })).toHaveLength(1);
  });

  it('refuses bridge and host network modes on Fargate', () => {
    expect(lbws({ network: { mode: 'bridge' } })).toEqual([
      'network.mode: network mode "bridge" needs EC2 capacity (`launch_type: EC2` or an EC2 entry in ' +
        '`capacity_providers`); Fargate supports awsvpc only',
    ]);
    expect(ec2({ network: { mode: 'bridge', vpc: { security_groups: ['sg-1'] } } })).toEqual([
      'network.vpc.security_groups: security groups attach to task network interfaces, which only awsvpc mode ' +
        'has; with "bridge" the instance\'s security groups apply',
    ]);
  });

  it('refuses launch_type with capacity_providers, and invalid strategies', () => {
    expect(ec2({ capacity_providers: [{ provider: 'EC2', weight: 1 }] })).toEqual([
      'capacity_providers: `launch_type` and `capacity_providers` exclude each other: keep one',
    ]);
    expect(
      lbws({
        capacity_providers: [
          { provider: 'FARGATE', weight: 1 },
          { provider: 'EC2', weight: 1 },
        ],
      }),
    ).toEqual(['capacity_providers[1].provider: a strategy cannot mix Fargate providers with EC2 capacity']);
    expect(
      lbws({
        capacity_providers: [
          { provider: 'FARGATE', base: 1 },
          { provider: 'FARGATE_SPOT', base: 2 },
        ],
      }),
    ).toEqual([
      'capacity_providers[1].base: only one provider may set `base`; entry 0 does',
      'capacity_providers[0].weight: with several providers, at least one needs a `weight` greater than 0',
    ]);
  });

  it('limits strategies to 5 and constraints to 10', () => {
    const strategies = Array.from({ length: 6 }, () => ({ type: 'random' }));
    expect(ec2({ placement: { strategies } })).toEqual([
      'placement.strategies: ECS applies at most 5 placement strategies, got 6',
    ]);
    const constraints = Array.from({ length: 11 }, () => ({ type: 'distinctInstance' }));
    expect(ec2({ placement: { constraints } })).toEqual([
      'placement.constraints: ECS allows at most 10 placement constraints, got 11',
    ]);
  });

  it('checks the field of each strategy and the expression of each constraint', () => {
    const strategy = (s: object) => ec2({ placement: { strategies: [s] } });
    expect(strategy({ type: 'binpack', field: 'instanceId' })).toEqual([
      'placement.strategies[0].field: binpack packs by cpu or memory, got "instanceId"',
    ]);
    expect(strategy({ type: 'binpack' })).toEqual([
      'placement.strategies[0].field: binpack needs `field: cpu` or `field: memory`',
    ]);
    expect(strategy({ type: 'spread' })).toEqual([
      'placement.strategies[0].field: spread needs `field`: instanceId, host or attribute:<name> (e.g. ' +
        'attribute:ecs.availability-zone)',
    ]);
    expect(strategy({ type: 'random', field: 'cpu' })).toEqual([
      'placement.strategies[0].field: random takes no `field`',
    ]);
    const constraint = (c: object) => ec2({ placement: { constraints: [c] } });
    expect(constraint({ type: 'memberOf' })).toEqual([
      'placement.constraints[0].expression: memberOf needs an `expression`, e.g. "attribute:ecs.instance-type =~ t3.*"',
    ]);
    expect(constraint({ type: 'memberOf', expression: 'x'.repeat(2001) })).toEqual([
      'placement.constraints[0].expression: the expression is 2001 characters long; ECS allows 2000',
    ]);
    expect(constraint({ type: 'distinctInstance', expression: 'x' })).toEqual([
      'placement.constraints[0].expression: distinctInstance takes no `expression`',
    ]);
  });

  it('refuses image.build together with image.location, and an image without either', () => {
    expect(lbws({ image: { build: 'Dockerfile', location: 'nginx', port: 80 } })).toEqual([
      'image.location: `build` and `location` exclude each other: build the image or run an existing one',
    ]);
    expect(lbws({ image: { port: 80 } })).toEqual([
      'image.build: `image` needs `build` (a Dockerfile to build) or `location` (an existing image)',
    ]);
  });

  it('refuses a count range whose minimum exceeds its maximum', () => {
    expect(lbws({ count: { range: '10-2', cpu_percentage: 70 } })).toEqual([
      'count.range: the minimum (10) is greater than the maximum (2)',
    ]);
    expect(
      issuesOf(workerServiceSchema, {
        ...job,
        type: 'Worker Service',
        on: undefined,
        count: { range: { min: 5, max: 1 }, queue_delay: { acceptable_latency: '1m', msg_processing_time: '1s' } },
      }),
    ).toEqual(['count.range.min: the minimum (5) is greater than the maximum (1)']);
    expect(lbws({ count: { spot: 2, range: '1-3', cpu_percentage: 50 } })).toEqual([
      'count.spot: `spot` runs a fixed number of Fargate Spot tasks and excludes autoscaling (`range`, ' +
        'cpu_percentage, memory_percentage, requests, response_time)',
    ]);
  });

  it('checks Fargate task sizes, but not on EC2', () => {
    expect(lbws({ cpu: 1024, memory: 1024 })).toEqual([
      'memory: with cpu 1024, Fargate takes memory 2048-8192 MiB in steps of 1024 (got 1024) (or run on EC2 capacity)',
    ]);
    expect(lbws({ cpu: 300, memory: 1024 })).toEqual([
      'cpu: Fargate takes cpu 256, 512, 1024, 2048, 4096, 8192 or 16384 (got 300) (or run on EC2 capacity)',
    ]);
    expect(lbws({ cpu: 8192, memory: 18432 })).toEqual([
      'memory: with cpu 8192, Fargate takes memory 16384-61440 MiB in steps of 4096 (got 18432) (or run on EC2 capacity)',
    ]);
    expect(lbws({ cpu: 512, memory: 1024, platform: 'windows/x86_64' })).toEqual([
      'cpu: Windows tasks on Fargate take cpu 1024, 2048 or 4096 (got 512) (or run on EC2 capacity)',
    ]);
    expect(lbws({ cpu: 16384, memory: 122880 })).toEqual([]);
    expect(ec2({ cpu: 1024, memory: 1024 })).toEqual([]);
  });

  it('keeps ephemeral storage within 20-200 GiB, on Fargate', () => {
    expect(lbws({ storage: { ephemeral: 10 } })).toEqual([
      'storage.ephemeral: ephemeral storage must be between 20 and 200 GiB, got 10',
    ]);
    expect(lbws({ storage: { ephemeral: 201 } })).toEqual([
      'storage.ephemeral: ephemeral storage must be between 20 and 200 GiB, got 201',
    ]);
    expect(ec2({ storage: { ephemeral: 50 } })).toEqual([
      "storage.ephemeral: ephemeral storage size is a Fargate setting; on EC2 tasks use the instance's disk",
    ]);
  });

  it('refuses Fargate Spot on EC2 and on ARM', () => {
    expect(ec2({ count: { spot: 2 } })).toEqual(['count.spot: Fargate Spot does not apply with `launch_type: EC2`']);
    expect(
      lbws({ platform: 'linux/arm64', count: { range: { min: 1, max: 4, spot_from: 2 }, cpu_percentage: 50 } }),
    ).toEqual(['count.range.spot_from: Fargate Spot is not available for ARM (arm64) tasks']);
  });

  it('checks container dependencies and load balancer targets', () => {
    const sidecars = { proxy: { image: 'envoy', port: '8080' } };
    expect(lbws({ sidecars, image: { build: 'Dockerfile', port: 80, depends_on: { nope: 'start' } } })).toEqual([
      'image.depends_on.nope: there is no container "nope" (containers: web, proxy)',
    ]);
    expect(lbws({ sidecars, image: { build: 'Dockerfile', port: 80, depends_on: { proxy: 'complete' } } })).toEqual([
      'image.depends_on.proxy: "proxy" is essential: a container can only wait for it to start or be healthy',
    ]);
    expect(lbws({ sidecars, http: { path: '/', target_container: 'nginx' } })).toEqual([
      'http.target_container: there is no container "nginx": name the main container or a sidecar',
    ]);
  });

  it('requires http on a Load Balanced Web Service, and nlb when http is false', () => {
    expect(issuesOf(loadBalancedWebServiceSchema, { ...web, http: undefined })).toEqual([
      'http: a Load Balanced Web Service needs `http` (listener rules), or `http: false` with `nlb`',
    ]);
    expect(lbws({ http: false })).toEqual([
      'http: `http: false` turns the Application Load Balancer off: then `nlb` is required',
    ]);
    expect(lbws({ http: false, nlb: { port: '443/tls' } })).toEqual([]);
  });

  it('reports bad durations', () => {
    expect(lbws({ http: { path: '/', deregistration_delay: '30 seconds' } })).toEqual([
      'http.deregistration_delay: expected a duration such as "100ms", "30s", "2m" or "1h30m"',
    ]);
    expect(issuesOf(scheduledJobSchema, { ...job, timeout: '90 minutes' })).toEqual([
      'timeout: expected a duration such as "100ms", "30s", "2m" or "1h30m"',
    ]);
  });
});

describe('scheduled job', () => {
  const schedule = (s: string) => issuesOf(scheduledJobSchema, { ...job, on: { schedule: s } });

  it.each([
    '@hourly',
    '@daily',
    '@midnight',
    '@weekly',
    '@monthly',
    '@yearly',
    '@annually',
    '@every 5h',
    '@every 1h30m',
    'rate(1 minute)',
    'rate(5 minutes)',
    'cron(0 12 ? * MON-FRI *)',
    '0 12 * * MON',
    '0 */2 * * *',
    '*/15 9-17 1,15 * ?',
    'none',
  ])('accepts %s', (s) => {
    expect(schedule(s)).toEqual([]);
  });

  it.each([
    ['@often', 'on.schedule: unknown preset "@often": expected @hourly, @daily'],
    ['@every 30s', 'on.schedule: @every needs at least 1m'],
    ['@every 90s', 'on.schedule: @every takes whole minutes (EventBridge rates count minutes)'],
    ['@every soon', 'on.schedule: "soon" is not a duration such as 30m or 1h30m'],
    ['rate(1 minutes)', 'on.schedule: write rate(1 minute)'],
    ['rate(5 minute)', 'on.schedule: write rate(5 minutes)'],
    ['cron(0 12 * * MON *)', 'on.schedule: in cron(...), day-of-month or day-of-week must be "?"'],
    ['0 12 * *', 'on.schedule: expected @hourly, @daily'],
    ['0 24 * * *', 'on.schedule: "24" is not a valid hour field'],
    ['0 0 1 * MON', 'on.schedule: a cron expression cannot set both the day of month and the day of week'],
  ])('refuses %s', (s, message) => {
    const issues = schedule(s);
    expect(issues).toHaveLength(1);
    expect(issues[0].startsWith(message)).toBe(true);
  });

  it('requires a schedule and a timeout of whole seconds', () => {
    expect(issuesOf(scheduledJobSchema, { ...job, on: {} })[0]).toMatch(/^on\.schedule: /);
    expect(issuesOf(scheduledJobSchema, { ...job, timeout: '1500ms' })).toEqual([
      'timeout: the timeout takes whole seconds',
    ]);
  });

  it('takes placement on EC2', () => {
    const placement = { strategies: [{ type: 'binpack', field: 'cpu' }] };
    expect(issuesOf(scheduledJobSchema, { ...job, launch_type: 'EC2', placement })).toEqual([]);
    expect(issuesOf(scheduledJobSchema, { ...job, placement })).toHaveLength(1);
  });
});

describe('request-driven web service', () => {
  const rdws = { name: 'api', type: 'Request-Driven Web Service', image: { build: 'Dockerfile', port: 80 } };
  it('deploys to App Runner by default, or to ECS Express Mode with a Fargate size', () => {
    expect(issuesOf(requestDrivenWebServiceSchema, { ...rdws, cpu: 1024, memory: 3072 })).toEqual([]);
    expect(
      issuesOf(requestDrivenWebServiceSchema, { ...rdws, deploy_to: 'ecs-express', cpu: 1024, memory: 1024 }),
    ).toEqual([
      'memory: with cpu 1024, Fargate takes memory 2048-8192 MiB in steps of 1024 (got 1024) (ECS Express Mode runs on Fargate)',
    ]);
    expect(issuesOf(requestDrivenWebServiceSchema, { ...rdws, deploy_to: 'lambda' })).toHaveLength(1);
    expect(issuesOf(requestDrivenWebServiceSchema, { ...rdws, network: { vpc: { placement: 'public' } } })).toEqual([
      'network.vpc.placement: placement "public" is not supported here: use private or subnets',
    ]);
  });
});

describe('static site', () => {
  it('needs an alias and a us-east-1 certificate', () => {
    const site = { name: 'site', type: 'Static Site', files: [{ source: 'dist' }] };
    const cert = 'arn:aws:acm:eu-west-1:123456789012:certificate/abc';
    expect(issuesOf(staticSiteSchema, { ...site, http: { certificate: cert } })).toEqual([
      'http.alias: `http.certificate` needs `alias`, the domain name it certifies',
      'http.certificate: CloudFront takes certificates from us-east-1 only, this one is in eu-west-1',
    ]);
  });
});
