#!/usr/bin/env node
// Time to package the whole corpus offline: every manifest of ../shared/corpus/copilot, as written and for every
// environment its `environments:` block names (else `test`), through the manifest pipeline and its stack builder,
// to YAML. SHOW_REFUSED=1 lists what a builder refused (test/unit/deploy/corpus-package.test.ts checks through the
// commands' own path that nothing is).
// Reproduce with:  npm run build && node bench/package.js        (RUNS=5 by default)
const fs = require('node:fs');
const path = require('node:path');
const { median } = require('./common');

const ROOT = path.resolve(__dirname, '..');
const CORPUS = path.resolve(ROOT, '..', 'shared', 'corpus', 'copilot');
const RUNS = Number(process.env.RUNS ?? 5);
const VARS = {
  DOMAINNAME: 'example.com',
  SSM_NAME: 'my-ssm-param',
  SECRETS_MANAGER_NAME: 'my-secret',
  BUCKETNAME: 'my-bucket',
  TIMENOW: '1700000000',
  IMPORTED_CERT_ARN: 'arn:aws:acm:us-west-2:123456789123:certificate/abcd-1234',
  TAG: 'cicdtest',
};

const { loadManifest } = require(path.join(ROOT, 'dist', 'manifest', 'load'));
const { templateToYaml } = require(path.join(ROOT, 'dist', 'stack', 'template'));
const workload = require(path.join(ROOT, 'dist', 'stack', 'workload'));
const { buildRequestDrivenWebServiceStack } = require(path.join(ROOT, 'dist', 'stack', 'apprunner'));
const { buildStaticSiteStack } = require(path.join(ROOT, 'dist', 'stack', 'static-site'));
const { buildEnvironmentStack } = require(path.join(ROOT, 'dist', 'stack', 'environment'));
const { buildPipelineStack } = (() => {
  try {
    return require(path.join(ROOT, 'dist', 'stack', 'pipeline'));
  } catch {
    return {};
  }
})();

const BUILDERS = {
  'Load Balanced Web Service': workload.buildLoadBalancedWebServiceStack,
  'Backend Service': workload.buildBackendServiceStack,
  'Worker Service': workload.buildWorkerServiceStack,
  'Scheduled Job': workload.buildScheduledJobStack,
  'Request-Driven Web Service': buildRequestDrivenWebServiceStack,
  'Static Site': buildStaticSiteStack,
};
// An environment that provides what corpus workloads ask for (certificates, EC2 capacity, Container Insights).
const ENVIRONMENT = {
  name: 'test',
  type: 'Environment',
  http: {
    public: { certificates: ['arn:aws:acm:us-west-2:123456789123:certificate/abcd-1234'] },
    private: { certificates: ['arn:aws:acm:us-west-2:123456789123:certificate/efgh-5678'] },
  },
  cdn: { certificate: 'arn:aws:acm:us-east-1:123456789123:certificate/abcd-1234' },
  observability: { container_insights: true },
  capacity: { ec2: { instance_types: ['m5.large'], min: 0, max: 2 } },
};
// An environment manifest is packaged on its own, as `env package` does in a workspace without workloads.
const NO_NEEDS = { albWorkloads: [], internalAlbWorkloads: [], efsWorkloads: [], natWorkloads: [] };

/** As `env package` decides offline: a static-assets alias without `cdn.certificate` assumes an application domain. */
function appDomainOf(manifest) {
  const cdn = manifest.cdn;
  return cdn && typeof cdn === 'object' && !cdn.certificate && cdn.static_assets?.alias ? {} : undefined;
}

function files(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? files(full) : /\.ya?ml$/.test(e.name) ? [full] : [];
  });
}

function packageAll(texts) {
  let stacks = 0;
  let refused = 0;
  for (const [file, text] of texts) {
    // For every environment the manifest names, else for `test`, as `package` does (a load lists the names).
    const first = loadManifest({ file, text, env: 'test', app: 'my-app', vars: VARS });
    for (const env of first.environments.length > 0 ? first.environments : ['test']) {
      const loaded = env === 'test' ? first : loadManifest({ file, text, env, app: 'my-app', vars: VARS });
      if (!loaded.manifest) continue;
      try {
        let stack;
        if (loaded.type === 'Environment') {
          const appDomain = appDomainOf(loaded.manifest);
          stack = buildEnvironmentStack({ app: 'my-app', env, manifest: loaded.manifest, needs: NO_NEEDS, ...(appDomain ? { appDomain } : {}) });
        }
        else if (loaded.type === 'Pipeline') continue; // pipelines need a workspace around them; see test/unit/stack/pipeline-lint.test.ts
        else {
          const build = BUILDERS[loaded.type];
          stack = build({ app: 'my-app', env, name: loaded.manifest.name, manifest: loaded.manifest, environment: ENVIRONMENT, images: { [loaded.manifest.name]: { tag: 'cicdtest' } }, rulePriorities: [1, 2, 3, 4, 5, 6] });
        }
        templateToYaml(stack.template);
        stacks += 1;
      } catch (err) {
        if (err.code !== 'RENDER') throw err;
        if (process.env.SHOW_REFUSED) console.error(`${file}@${env}: ${err.message}`);
        refused += 1; // a placeholder the builder refuses (see the issue notes); counted, not timed differently
      }
    }
  }
  return { stacks, refused };
}

const texts = files(CORPUS).map((f) => [f, fs.readFileSync(f, 'utf8')]);
const times = [];
let counts;
for (let i = 0; i < RUNS; i++) {
  const started = process.hrtime.bigint();
  counts = packageAll(texts);
  times.push(Number(process.hrtime.bigint() - started) / 1e6);
}
console.log(`Packaged ${texts.length} corpus manifests into ${counts.stacks} stacks (${counts.refused} refused with a RenderError) per run.`);
console.log(`median ${Math.round(median(times))} ms of ${RUNS} runs (${times.map((t) => Math.round(t)).join(', ')} ms); first run includes warm-up.`);
