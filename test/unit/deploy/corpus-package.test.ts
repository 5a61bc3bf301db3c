// Every manifest of ../shared/corpus/copilot and examples/ packages offline, for every environment it names, through
// the path `svc package`, `job package`, `env package` and `pipeline package` take (src/deploy/render.ts,
// src/deploy/pipeline-render.ts), and cfn-lint (one run over every template) finds no error in the result.
//
// Each manifest is packaged in a workspace, as the commands need one:
//  - a manifest of a `copilot/` directory (the e2e and regression apps, examples/hello) in a copy of that directory,
//    next to its own workloads and environment manifests;
//  - any other workload as the only workload of a new workspace;
//  - any other environment manifest as `copilot/environments/test/manifest.yml` of a new workspace (no workloads);
//  - a pipeline manifest in the workspace of the pipeline tests (test/unit/pipeline/fixtures.ts).
// A workload is packaged for each environment its `environments:` block names and each environment of its workspace
// (none at all: `test`). Where the workspace has no manifest for that environment, it gets one that provides what
// the corpus's workloads ask of an environment (PROVIDED_ENVIRONMENT): Copilot's tests rendered them against an
// application with a domain, whose certificates Copilot issued; mycopilot takes certificates from the manifests.
//
// IDs and ARNs of existing resources (VPC, subnets, certificates, buckets, a VPC endpoint), and the CIDR blocks and AZs
// of the VPC mycopilot creates, are stack parameters whose values are the manifest's; those that do not look
// well-formed (`vpc-12345`, `cert-1`, an ARN with a 10-digit account, `mock-cidr-0`) are passed as written with a warning at file:line:column (WARNED below), and the template is the same as
// with real IDs. What cannot be expressed at all is a RenderError, which render.ts reports as a ManifestError at the
// position of the field (CANNOT_PACKAGE below).
import { cpSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { formatRenderWarning, printRenderWarnings } from '../../../src/deploy/package';
import { formatPath } from '../../../src/manifest/node';
import type { RenderWarning } from '../../../src/stack/inputs';
import { findPipeline, renderPipeline } from '../../../src/deploy/pipeline-render';
import { renderCdnCertificate, renderEnvironment, renderWorkload } from '../../../src/deploy/render';
import { ManifestError } from '../../../src/errors';
import { loadManifest } from '../../../src/manifest/load';
import { RenderedStack, templateToYaml } from '../../../src/stack/template';
import { MemoryOutput } from '../../../src/ui/output';
import { Workspace } from '../../../src/workspace/workspace';
import { cfnLint, LintFinding } from '../../helpers/cfn-lint';
import { CORPUS, CORPUS_VARS, REPO_ROOT, tempDir, writeFiles } from '../../helpers/cli';
import { APP as PIPELINE_APP, pipelineWorkspace } from '../pipeline/fixtures';

const APP = 'my-app';
const EXAMPLES = path.join(REPO_ROOT, 'examples');

/** The environment of a workload whose workspace has none of that name: what the corpus's workloads ask for. */
const PROVIDED_ENVIRONMENT = (name: string) =>
  [
    `name: ${name}`,
    'type: Environment',
    'http:',
    '  public:',
    '    certificates: [arn:aws:acm:us-west-2:123456789123:certificate/abcd-1234]', // aliases, gRPC, TLS on the NLB
    '  private:',
    '    certificates: [arn:aws:acm:us-west-2:123456789123:certificate/efgh-5678]', // aliases of Backend Services
    'cdn:',
    '  certificate: arn:aws:acm:us-east-1:123456789123:certificate/ijkl-9012', // Static Site aliases
    'observability:',
    '  container_insights: true', // scaling on queue_delay
    'capacity:',
    '  ec2: {instance_types: [m5.large], max: 4}', // launch_type EC2, placement
    '',
  ].join('\n');

/**
 * What cannot package, and why: each must fail with a RenderError at this field (render.ts turns it into a
 * ManifestError with the field's position). Labels are `<file>@<environment>`. None: the placeholders of Copilot's
 * test manifests (`mock-cidr-0`, `[mock-subnet-id-3 mock-subnet-id-4]`) are warnings like placeholder IDs, and the
 * e2e cloudfront environment's static-assets alias gets the certificate mycopilot issues in us-east-1.
 */
const CANNOT_PACKAGE: { label: string; field: string; message: RegExp; reason: string }[] = [];

/** Environments whose static-assets alias gets a certificate stack in us-east-1 (packaged and linted too). */
const CDN_CERTIFICATES = ['e2e/cloudfront/copilot/environments/test/manifest.yml@test'];

/** Values passed as written with a warning (Copilot's placeholders where a user writes real IDs), by field. */
const WARNED: Record<string, string[]> = {
  'extracted/env-integration/template-with-cloudfront-observability.manifest.yml@test': [
    'cdn.certificate',
    'http.public.certificates[0]',
    'http.public.certificates[1]',
  ],
  'extracted/env-integration/template-with-custom-security-group.manifest.yml@test': [
    'http.public.certificates[0]',
    'http.public.certificates[1]',
  ],
  'extracted/env-integration/template-with-imported-certs-sslpolicy-custom-empty-security-group.manifest.yml@test': [
    'http.public.certificates[0]',
    'http.public.certificates[1]',
  ],
  'extracted/env-integration/template-with-importedvpc-flowlogs.manifest.yml@test': [
    'network.vpc.id',
    'network.vpc.subnets.public[0].id',
    'network.vpc.subnets.public[1].id',
    'network.vpc.subnets.private[0].id',
    'network.vpc.subnets.private[1].id',
  ],
  'extracted/env-regression/deprecated-ingress-fields.manifest.yml@test': [
    'cdn.certificate',
    'http.public.certificates[0]',
    'http.public.certificates[1]',
  ],
  'extracted/env-regression/new-ingress-fields.manifest.yml@test': [
    'cdn.certificate',
    'http.public.certificates[0]',
    'http.public.certificates[1]',
  ],
  'internal/pkg/deploy/cloudformation/stack/testdata/workloads/rdws-manifest.yml@prod': [
    'network.vpc.placement.subnets[0]',
    'network.vpc.placement.subnets[1]',
  ],
  // An ACM ARN with a 10-digit account.
  'internal/pkg/deploy/cloudformation/stack/testdata/workloads/static-site-manifest.yml@test': ['http.certificate'],
  // `subnets: [mock-subnet-id-3 mock-subnet-id-4]` is a list of one item with a space in it: not a subnet ID, so the
  // list cannot be counted (an internal load balancer needs two subnets); CloudFormation checks it at deploy.
  'internal/pkg/manifest/testdata/environment-adjust-vpc-private-subnets.yml@test': [
    'network.vpc.id',
    'network.vpc.subnets.private[0].id',
    'network.vpc.subnets.private[1].id',
    'http.private.subnets[0]',
    'http.private.certificates[0]',
    'http.private.certificates[1]',
  ],
  // Placeholder CIDR blocks and AZs of the VPC mycopilot creates: the values of VPCCIDR, PublicSubnetCIDRs,
  // PublicSubnetAZs, PrivateSubnetCIDRs and PrivateSubnetAZs.
  'internal/pkg/manifest/testdata/environment-adjust-vpc.yml@test': [
    'network.vpc.cidr',
    'network.vpc.subnets.public[0].cidr',
    'network.vpc.subnets.public[0].az',
    'network.vpc.subnets.public[1].cidr',
    'network.vpc.subnets.public[1].az',
    'network.vpc.subnets.private[0].cidr',
    'network.vpc.subnets.private[0].az',
    'network.vpc.subnets.private[1].cidr',
    'network.vpc.subnets.private[1].az',
    'http.public.certificates[0]',
    'http.public.certificates[1]',
  ],
  'internal/pkg/manifest/testdata/environment-import-vpc.yml@test': [
    'network.vpc.id',
    'network.vpc.subnets.public[0].id',
    'network.vpc.subnets.public[1].id',
    'network.vpc.subnets.private[0].id',
    'network.vpc.subnets.private[1].id',
    'http.public.certificates[0]',
    'http.public.certificates[1]',
  ],
};

interface Case {
  label: string;
  kind: 'workload' | 'environment';
  workspace: Workspace;
  app: string;
  name: string;
  env: string;
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    return statSync(full).isDirectory() ? walk(full) : /\.ya?ml$/.test(entry) ? [full] : [];
  });
}

const labelOf = (file: string) =>
  file.startsWith(CORPUS) ? path.relative(CORPUS, file) : path.relative(REPO_ROOT, file);

/** `<dir>/copilot/<workload>/manifest.yml` or `<dir>/copilot/environments/<env>/manifest.yml`. */
const IN_WORKSPACE = /^(.*\/copilot)\/(environments\/)?([^/]+)\/manifest\.yml$/;

/** A copy of a `copilot/` directory, plus a provided manifest for each of `envs` it has none of. */
const copies = new Map<string, Workspace>();
function copyOf(copilotDir: string, envs: string[]): Workspace {
  let ws = copies.get(copilotDir);
  if (!ws) {
    const dir = tempDir('mycopilot-corpus-');
    cpSync(copilotDir, path.join(dir, 'copilot'), { recursive: true });
    ws = new Workspace(path.join(dir, 'copilot'));
    copies.set(copilotDir, ws);
  }
  const have = new Set(ws.environments().map((e) => e.name));
  for (const env of envs.filter((e) => !have.has(e))) {
    const file = ws.environmentManifestPath(env);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, PROVIDED_ENVIRONMENT(env));
  }
  return ws;
}

function cases(): { packaged: Case[]; pipelines: string[] } {
  const files = [...walk(CORPUS), ...walk(EXAMPLES)].sort();
  const packaged: Case[] = [];
  const pipelines: string[] = [];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const loaded = loadManifest({ file, text, app: APP, vars: CORPUS_VARS });
    if (!loaded.type) throw new Error(`${file}: ${loaded.errors[0]?.message}`);
    const label = labelOf(file);
    if (loaded.type === 'Pipeline') {
      pipelines.push(file);
      continue;
    }
    const inWorkspace = IN_WORKSPACE.exec(file);
    if (inWorkspace) {
      const [, copilotDir, envDir, name] = inWorkspace;
      const source = new Workspace(copilotDir);
      const app = source.applicationName() ?? APP;
      if (envDir) {
        const workspace = copyOf(copilotDir, []);
        packaged.push({ label: `${label}@${name}`, kind: 'environment', workspace, app, name, env: name });
        continue;
      }
      const envs = [...new Set([...loaded.environments, ...source.environments().map((e) => e.name)])];
      if (envs.length === 0) envs.push('test');
      const workspace = copyOf(copilotDir, envs);
      for (const env of envs) packaged.push({ label: `${label}@${env}`, kind: 'workload', workspace, app, name, env });
      continue;
    }
    if (loaded.type === 'Environment') {
      const dir = writeFiles({ 'copilot/environments/test/manifest.yml': text });
      const workspace = new Workspace(path.join(dir, 'copilot'));
      packaged.push({ label: `${label}@test`, kind: 'environment', workspace, app: APP, name: 'test', env: 'test' });
      continue;
    }
    const name = (loaded.manifest as { name: string }).name;
    const envs = loaded.environments.length > 0 ? loaded.environments : ['test'];
    const dir = writeFiles({
      [`copilot/${name}/manifest.yml`]: text,
      ...Object.fromEntries(envs.map((e) => [`copilot/environments/${e}/manifest.yml`, PROVIDED_ENVIRONMENT(e)])),
    });
    const workspace = new Workspace(path.join(dir, 'copilot'));
    for (const env of envs)
      packaged.push({ label: `${label}@${env}`, kind: 'workload', workspace, app: APP, name, env });
  }
  return { packaged, pipelines };
}

/** The case's stack, and for an environment the certificate stack of its static-assets alias, if any. */
async function packageCase(c: Case): Promise<{ stack: RenderedStack; certificate?: RenderedStack }> {
  const ctx = { workspace: c.workspace, app: c.app, env: c.env, vars: CORPUS_VARS };
  if (c.kind === 'environment')
    return { stack: await renderEnvironment(ctx), certificate: await renderCdnCertificate(ctx) };
  return { stack: (await renderWorkload(ctx, { name: c.name, tag: 'latest' })).stack };
}

describe('every manifest of the corpus and the examples packages offline', () => {
  const { packaged, pipelines } = cases();
  const stacks: { label: string; stack: RenderedStack }[] = [];
  const failures: Record<string, { field: string; message: string }> = {};
  const warnings: Record<string, RenderWarning[]> = {};
  const certificates: { label: string; stack: RenderedStack }[] = [];

  beforeAll(async () => {
    for (const c of packaged) {
      try {
        const { stack, certificate } = await packageCase(c);
        stacks.push({ label: c.label, stack });
        if (certificate) certificates.push({ label: `${c.label}-cdn-certificate`, stack: certificate });
        if (stack.warnings) warnings[c.label] = stack.warnings;
      } catch (err) {
        if (!(err instanceof ManifestError)) throw new Error(`${c.label}: ${(err as Error).stack}`);
        const [d] = err.diagnostics;
        failures[c.label] = { field: d.path, message: d.message };
      }
    }
    for (const file of pipelines) {
      const text = readFileSync(file, 'utf8');
      const name = path.basename(file).replace(/\.ya?ml$/, '');
      const workspace = pipelineWorkspace({ [`copilot/pipelines/${name}/manifest.yml`]: text });
      const { stack } = await renderPipeline(
        { workspace, app: PIPELINE_APP, vars: CORPUS_VARS },
        findPipeline(workspace, name),
      );
      stacks.push({ label: labelOf(file), stack });
    }
  }, 60_000);

  it('finds every manifest', () => {
    expect(packaged.filter((c) => c.kind === 'environment')).toHaveLength(17);
    expect(packaged.length).toBe(65);
    expect(pipelines).toHaveLength(3);
  });

  it('packages each for every environment it names, but the listed ones, which fail at the listed field', () => {
    expect(Object.keys(failures).sort()).toEqual(CANNOT_PACKAGE.map((c) => c.label).sort());
    for (const c of CANNOT_PACKAGE) {
      expect({ label: c.label, field: failures[c.label].field }).toEqual({ label: c.label, field: c.field });
      expect(failures[c.label].message).toMatch(c.message);
      // The manifest validates: what fails is the rendering (a RenderError, placed at its field by render.ts).
      const [file, env] = c.label.split('@');
      const loaded = loadManifest({
        file,
        text: readFileSync(path.join(CORPUS, file), 'utf8'),
        env,
        vars: CORPUS_VARS,
      });
      expect(loaded.errors).toEqual([]);
    }
  });

  it('warns at file:line:column of the field about values that do not look like AWS IDs, and passes them', () => {
    const fields = Object.fromEntries(
      Object.entries(warnings).map(([label, list]) => [label, list.map((w) => formatPath(w.path))]),
    );
    expect(fields).toEqual(WARNED);
    for (const [label, list] of Object.entries(warnings)) {
      const { stack } = stacks.find((s) => s.label === label)!;
      const yaml = templateToYaml(stack.template);
      const values = Object.values(stack.parameters).flatMap((v) => v.split(','));
      for (const w of list) {
        expect(formatRenderWarning(w)).toMatch(/^\S+manifest\.yml:\d+:\d+: \S+: "[^"]+" does not look like .*\(.+\)$/);
        // The value of a parameter (in params.json), not template text: CloudFormation checks it at deploy.
        expect(values).toContain(w.value);
        expect(yaml).not.toContain(w.value);
      }
    }
  });

  it('has `package` print each warning on stderr, one line each', () => {
    const label = 'extracted/env-integration/template-with-importedvpc-flowlogs.manifest.yml@test';
    const out = new MemoryOutput();
    printRenderWarnings(out, stacks.find((s) => s.label === label)!.stack);
    expect(out.lines).toEqual([]);
    expect(out.warnings).toHaveLength(5);
    expect(out.warnings[0]).toMatch(
      /copilot\/environments\/test\/manifest\.yml:5:9: network\.vpc\.id: "vpc-12345" does not look like a VPC ID; it is used as written \(VPC IDs look like vpc-0123456789abcdef0\)$/,
    );
  });

  it('packages the CloudFront certificate stack of each static-assets alias that has no `cdn.certificate`', () => {
    expect(certificates.map((c) => c.label)).toEqual(CDN_CERTIFICATES.map((l) => `${l}-cdn-certificate`));
    const [{ stack }] = certificates;
    expect(stack.stackName).toBe(`${APP}-test-CDNCertificate`);
    expect(stack.template.Resources.Certificate.Properties).toMatchObject({
      DomainName: 'frontend-1700000000.example.com',
    });
  });

  it('passes cfn-lint with no error and no warning', () => {
    const findings = cfnLint([...stacks, ...certificates], { all: true });
    expect(findings.map((f: LintFinding) => `${f.file}:${f.line} ${f.level} ${f.rule} ${f.message}`)).toEqual([]);
  }, 300_000);
});
