import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { parse as parseYamlText } from 'yaml';
import { z } from 'zod';
import { environmentSchema } from '../../../src/manifest/schemas/environment';
import { pipelineSchema } from '../../../src/manifest/schemas/pipeline';
import { parseYaml } from '../../../src/manifest/parse';
import { normalize, UnknownKey } from '../../../src/manifest/normalize';
import { validate } from '../../../src/manifest/validate';
import { formatPath } from '../../../src/manifest/node';

const CORPUS = path.resolve(__dirname, '../../../../shared/corpus/copilot');

/** Values for the variables the corpus README lists. */
const VARS: Record<string, string> = {
  DOMAINNAME: 'example.com',
  SSM_NAME: 'e2e-ssm-param',
  SECRETS_MANAGER_NAME: 'e2e-secret',
  BUCKETNAME: 'e2e-bucket',
  TIMENOW: '1700000000',
  IMPORTED_CERT_ARN: 'arn:aws:acm:us-west-2:123456789123:certificate/13245665-cv8f-adf3-j7gd-adf876af95',
};

function substitute(text: string): string {
  return text.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (whole, name: string) => VARS[name] ?? whole);
}

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    return statSync(full).isDirectory() ? listFiles(full) : [full];
  });
}

const rel = (file: string) => path.relative(CORPUS, file);

const environmentFiles = [
  ...listFiles(path.join(CORPUS, 'extracted')).filter((f) => /[/\\]env-[^/\\]+[/\\]/.test(f)),
  ...listFiles(path.join(CORPUS, 'internal/pkg/manifest/testdata')).filter((f) =>
    /[/\\]environment-[^/\\]*\.yml$/.test(f),
  ),
  ...readdirSync(path.join(CORPUS, 'e2e')).flatMap((app) => {
    const dir = path.join(CORPUS, 'e2e', app, 'copilot', 'environments');
    try {
      return listFiles(dir);
    } catch {
      return [];
    }
  }),
].sort();

const pipelineFiles = [
  ...listFiles(path.join(CORPUS, 'internal/pkg/manifest/testdata')).filter((f) =>
    /[/\\]pipeline-[^/\\]*\.yml$/.test(f),
  ),
  path.join(CORPUS, 'internal/pkg/deploy/cloudformation/stack/testdata/pipeline/dd_manifest.yaml'),
].sort();

/** Keys the corpus manifests hold that Copilot ignored (and mycopilot reports as warnings). */
const EXPECTED_UNKNOWN: Record<string, string[]> = {
  // `security_group` belongs under network.vpc; at the top level Copilot ignored it.
  'extracted/env-integration/template-with-imported-certs-sslpolicy-custom-empty-security-group.manifest.yml': [
    'security_group',
  ],
};

function through(schema: z.ZodType, file: string) {
  const parsed = parseYaml(file, substitute(readFileSync(file, 'utf8')));
  expect(parsed.diagnostics).toEqual([]);
  const unknown: UnknownKey[] = [];
  const normalized = normalize(schema, parsed.root!, [], unknown);
  return { unknown: unknown.map((u) => formatPath(u.path)), ...validate(schema, normalized) };
}

describe('corpus', () => {
  it('finds the manifests the corpus README lists', () => {
    expect(environmentFiles.length).toBeGreaterThanOrEqual(15);
    expect(pipelineFiles.length).toBe(3);
  });

  describe.each(environmentFiles.map((f) => [rel(f), f]))('environment %s', (name, file) => {
    it('validates through parse, normalize and validate', () => {
      const { problems, unknown } = through(environmentSchema, file);
      expect(problems).toEqual([]);
      expect(unknown).toEqual(EXPECTED_UNKNOWN[name] ?? []);
    });
    it('validates with safeParse of the YAML 1.1 reading', () => {
      const value = parseYamlText(substitute(readFileSync(file, 'utf8')), { version: '1.1' });
      const result = environmentSchema.safeParse(value);
      expect(result.error?.issues ?? []).toEqual([]);
    });
  });

  describe.each(pipelineFiles.map((f) => [rel(f), f]))('pipeline %s', (name, file) => {
    it('validates through parse, normalize and validate', () => {
      const { problems, unknown } = through(pipelineSchema, file);
      expect(problems).toEqual([]);
      expect(unknown).toEqual(EXPECTED_UNKNOWN[name] ?? []);
    });
    it('validates with safeParse', () => {
      const result = pipelineSchema.safeParse(parseYamlText(readFileSync(file, 'utf8')));
      expect(result.error?.issues ?? []).toEqual([]);
    });
  });

  it('reads the old and the new ingress fields of the regression pair', () => {
    const read = (f: string) =>
      environmentSchema.parse(parseYamlText(readFileSync(path.join(CORPUS, 'extracted/env-regression', f), 'utf8')));
    const old = read('deprecated-ingress-fields.manifest.yml');
    const neu = read('new-ingress-fields.manifest.yml');
    expect(old.http?.public?.security_groups?.ingress?.restrict_to?.cdn).toBe(true);
    expect(old.http?.private?.security_groups?.ingress?.from_vpc).toBe(true);
    expect(neu.http?.public?.ingress?.cdn).toBe(true);
    expect(neu.http?.private?.ingress?.vpc).toBe(true);
  });

  it('turns YAML 1.1 `on` into true for flow_logs', () => {
    const file = path.join(CORPUS, 'extracted/env-integration/template-with-importedvpc-flowlogs.manifest.yml');
    const { value } = through(environmentSchema, file);
    expect((value as z.infer<typeof environmentSchema>).network?.vpc?.flow_logs).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------------------------

type Issue = { path: (string | number)[]; message: string };

function issuesOf(schema: z.ZodType, value: unknown): Issue[] {
  const result = schema.safeParse(value);
  if (result.success) return [];
  return result.error.issues.map((i) => ({ path: i.path as (string | number)[], message: i.message }));
}

function expectIssue(schema: z.ZodType, value: unknown, path: (string | number)[], message: string | RegExp): void {
  const issues = issuesOf(schema, value);
  const match = issues.find(
    (i) =>
      JSON.stringify(i.path) === JSON.stringify(path) &&
      (typeof message === 'string' ? i.message === message : message.test(i.message)),
  );
  if (!match)
    throw new Error(`no issue at ${JSON.stringify(path)} matching ${String(message)}; got ${JSON.stringify(issues)}`);
}

function expectValid(schema: z.ZodType, value: unknown): void {
  expect(issuesOf(schema, value)).toEqual([]);
}

const env = (extra: Record<string, unknown>) => ({ name: 'test', type: 'Environment', ...extra });
const importedVPC = {
  id: 'vpc-1',
  subnets: { public: [{ id: 'subnet-1' }, { id: 'subnet-2' }], private: [{ id: 'subnet-3' }, { id: 'subnet-4' }] },
};

describe('environment capacity (mycopilot)', () => {
  const ec2 = (fields: Record<string, unknown>) =>
    env({ capacity: { ec2: { instance_types: ['m5.large'], max: 4, ...fields } } });

  it('accepts a full EC2 capacity', () => {
    expectValid(
      environmentSchema,
      ec2({
        instance_types: ['m5.large', 'm5a.large', 'm6i.large', 'c6gn.16xlarge', 'u-6tb1.metal', 'm7i-flex.large'],
        min: 0,
        max: 4,
        desired: 2,
        spot: { on_demand_base: 0, on_demand_percentage: 100 },
        ami: '/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id',
        root_volume_size: 30,
        key_pair: 'ops',
        placement: 'private',
        managed_scaling: { target_capacity: 100, min_step: 1, max_step: 10 },
        managed_termination_protection: true,
      }),
    );
    expectValid(environmentSchema, ec2({ ami: 'ami-0123456789abcdef0' }));
    expectValid(environmentSchema, ec2({ ami: 'ami-01234567' }));
    expectValid(environmentSchema, ec2({ min: 4, max: 4, desired: 4 }));
  });

  it('requires max and instance_types', () => {
    expectIssue(
      environmentSchema,
      env({ capacity: { ec2: { instance_types: ['m5.large'] } } }),
      ['capacity', 'ec2', 'max'],
      /number/,
    );
    expectIssue(
      environmentSchema,
      env({ capacity: { ec2: { max: 1 } } }),
      ['capacity', 'ec2', 'instance_types'],
      /array/,
    );
    expectIssue(environmentSchema, env({ capacity: {} }), ['capacity', 'ec2'], /object/);
  });

  it('rejects min greater than max', () => {
    expectIssue(
      environmentSchema,
      ec2({ min: 5, max: 4 }),
      ['capacity', 'ec2', 'min'],
      'must not be greater than max (4), got 5',
    );
  });

  it('rejects desired outside min..max', () => {
    expectIssue(
      environmentSchema,
      ec2({ min: 2, max: 4, desired: 1 }),
      ['capacity', 'ec2', 'desired'],
      'must be at least min (2), got 1',
    );
    expectIssue(
      environmentSchema,
      ec2({ max: 4, desired: 5 }),
      ['capacity', 'ec2', 'desired'],
      'must be at most max (4), got 5',
    );
  });

  it('rejects bad instance_types', () => {
    const at = ['capacity', 'ec2', 'instance_types'];
    expectIssue(environmentSchema, ec2({ instance_types: [] }), at, /at least 1|>=1/);
    const many = Array.from({ length: 21 }, (_, i) => `m5.${i}xlarge`);
    expectIssue(environmentSchema, ec2({ instance_types: many }), at, /at most 20|<=20/);
    expectIssue(
      environmentSchema,
      ec2({ instance_types: ['m5large'] }),
      [...at, 0],
      'expected an EC2 instance type such as "m5.large"',
    );
    expectIssue(
      environmentSchema,
      ec2({ instance_types: ['M5.Large'] }),
      [...at, 0],
      'expected an EC2 instance type such as "m5.large"',
    );
    expectIssue(
      environmentSchema,
      ec2({ instance_types: ['m5.large', 'c5.large', 'm5.large'] }),
      [...at, 2],
      'instance type "m5.large" is listed more than once',
    );
  });

  it('rejects out-of-range numbers and bad enums', () => {
    expectIssue(environmentSchema, ec2({ min: -1 }), ['capacity', 'ec2', 'min'], />=0|at least/);
    expectIssue(environmentSchema, ec2({ max: 2.5 }), ['capacity', 'ec2', 'max'], /integer|int/);
    expectIssue(
      environmentSchema,
      ec2({ spot: { on_demand_percentage: 101 } }),
      ['capacity', 'ec2', 'spot', 'on_demand_percentage'],
      /<=100|at most/,
    );
    expectIssue(
      environmentSchema,
      ec2({ spot: { on_demand_base: -1 } }),
      ['capacity', 'ec2', 'spot', 'on_demand_base'],
      />=0|at least/,
    );
    expectIssue(
      environmentSchema,
      ec2({ managed_scaling: { target_capacity: 0 } }),
      ['capacity', 'ec2', 'managed_scaling', 'target_capacity'],
      />=1|at least/,
    );
    expectIssue(
      environmentSchema,
      ec2({ managed_scaling: { target_capacity: 101 } }),
      ['capacity', 'ec2', 'managed_scaling', 'target_capacity'],
      /<=100|at most/,
    );
    expectIssue(
      environmentSchema,
      ec2({ managed_scaling: { min_step: 5, max_step: 2 } }),
      ['capacity', 'ec2', 'managed_scaling', 'min_step'],
      'must not be greater than max_step (2), got 5',
    );
    expectIssue(environmentSchema, ec2({ placement: 'dmz' }), ['capacity', 'ec2', 'placement'], /public|private/);
    expectIssue(environmentSchema, ec2({ ami: 'ubuntu' }), ['capacity', 'ec2', 'ami'], /expected an AMI ID/);
    expectIssue(
      environmentSchema,
      ec2({ root_volume_size: 0 }),
      ['capacity', 'ec2', 'root_volume_size'],
      />=1|at least/,
    );
  });

  it('needs subnets of the placement kind in an imported VPC', () => {
    const publicOnly = { id: 'vpc-1', subnets: { public: [{ id: 'subnet-1' }, { id: 'subnet-2' }] } };
    expectIssue(
      environmentSchema,
      { ...ec2({}), network: { vpc: publicOnly } },
      ['capacity', 'ec2', 'placement'],
      /placed in private subnets, but the imported VPC lists none under "network.vpc.subnets.private"/,
    );
    expectValid(environmentSchema, { ...ec2({ placement: 'public' }), network: { vpc: publicOnly } });
    expectValid(environmentSchema, { ...ec2({}), network: { vpc: importedVPC } });
  });

  it('turns into a JSON Schema with descriptions', () => {
    const json = z.toJSONSchema(environmentSchema, { unrepresentable: 'any' }) as {
      properties: Record<string, { description?: string; properties?: Record<string, unknown> }>;
    };
    expect(json.properties.capacity.description).toMatch(/mycopilot/);
    expect(JSON.stringify(json)).toContain('instance_types');
    expect(() => z.toJSONSchema(pipelineSchema, { unrepresentable: 'any' })).not.toThrow();
  });
});

describe('environment rules carried over from Copilot', () => {
  it('accepts each documented form', () => {
    expectValid(environmentSchema, env({ observability: { container_insights: true } }));
    expectValid(environmentSchema, env({ observability: { container_insights: 'enhanced' } }));
    expectValid(environmentSchema, env({ network: { vpc: importedVPC } }));
    expectValid(environmentSchema, env({ cdn: true, http: { public: { ingress: { cdn: true } } } }));
    expectValid(environmentSchema, env({ http: { public: { access_logs: { prefix: 'logs' } } } }));
    expectValid(
      environmentSchema,
      env({ http: { public: { ingress: { source_ips: ['192.0.2.0/24', '198.51.100.10/32'] } } } }),
    );
    expectValid(environmentSchema, env({ network: { vpc: { flow_logs: { retention: 30 } } } }));
    expectValid(environmentSchema, env({ http: { public: null, private: null }, network: { vpc: null } }));
    expectValid(
      environmentSchema,
      env({
        network: {
          vpc: {
            cidr: '10.0.0.0/16',
            subnets: {
              public: [
                { cidr: '10.0.0.0/24', az: 'us-east-2a' },
                { cidr: '10.0.1.0/24', az: 'us-east-2b' },
              ],
              private: [
                { cidr: '10.0.3.0/24', az: 'us-east-2a' },
                { cidr: '10.0.4.0/24', az: 'us-east-2b' },
              ],
            },
          },
        },
      }),
    );
  });

  it('rejects a wrong type', () => {
    expectIssue(environmentSchema, { name: 'test', type: 'Backend Service' }, ['type'], /Environment/);
  });

  it('rejects importing and customizing a VPC at once', () => {
    expectIssue(
      environmentSchema,
      env({ network: { vpc: { id: 'vpc-1', cidr: '10.0.0.0/16' } } }),
      ['network', 'vpc', 'cidr'],
      /cannot import a VPC/,
    );
  });

  it('rejects subnet id with cidr or az', () => {
    const vpc = { subnets: { public: [{ id: 'subnet-1', cidr: '10.0.0.0/24', az: 'us-east-1a' }] } };
    expectIssue(
      environmentSchema,
      env({ network: { vpc } }),
      ['network', 'vpc', 'subnets', 'public', 0, 'cidr'],
      'must specify one, not both, of "id" and "cidr"',
    );
    expectIssue(
      environmentSchema,
      env({ network: { vpc } }),
      ['network', 'vpc', 'subnets', 'public', 0, 'az'],
      'must specify one, not both, of "id" and "az"',
    );
  });

  it('checks imported subnets', () => {
    const at = ['network', 'vpc', 'subnets'];
    expectIssue(environmentSchema, env({ network: { vpc: { id: 'vpc-1' } } }), at, /needs subnets/);
    expectIssue(
      environmentSchema,
      env({ network: { vpc: { id: 'vpc-1', subnets: { public: [{ id: 'subnet-1' }] } } } }),
      [...at, 'public'],
      'at least two public subnets must be imported to enable load balancing',
    );
    expectIssue(
      environmentSchema,
      env({ network: { vpc: { id: 'vpc-1', subnets: { private: [{ id: 'subnet-1' }] } } } }),
      [...at, 'private'],
      'at least two private subnets must be imported',
    );
    expectIssue(
      environmentSchema,
      env({ network: { vpc: { id: 'vpc-1', subnets: { private: [{ id: 'subnet-1' }, { az: 'us-east-1a' }] } } } }),
      [...at, 'private', 1, 'id'],
      '"id" must be specified for an imported VPC',
    );
  });

  it('checks the subnets of a customized VPC', () => {
    const at = ['network', 'vpc', 'subnets'];
    const vpc = (pub: unknown[], priv: unknown[]) =>
      env({ network: { vpc: { cidr: '10.0.0.0/16', subnets: { public: pub, private: priv } } } });
    expectIssue(environmentSchema, vpc([{ az: 'a' }], []), [...at, 'public', 0, 'cidr'], /"cidr" must be specified/);
    expectIssue(
      environmentSchema,
      vpc(
        [
          { cidr: '10.0.0.0/24', az: 'a' },
          { cidr: '10.0.1.0/24', az: 'b' },
        ],
        [
          { cidr: '10.0.2.0/24', az: 'a' },
          { cidr: '10.0.3.0/24', az: 'c' },
        ],
      ),
      at,
      'public subnets and private subnets do not span the same availability zones',
    );
    expectIssue(
      environmentSchema,
      vpc([{ cidr: '10.0.0.0/24', az: 'a' }], [{ cidr: '10.0.2.0/24', az: 'a' }]),
      at,
      'require at least 2 availability zones',
    );
    expectIssue(
      environmentSchema,
      vpc(
        [
          { cidr: '10.0.0.0/24', az: 'a' },
          { cidr: '10.0.1.0/24', az: 'b' },
          { cidr: '10.0.5.0/24', az: 'b' },
        ],
        [
          { cidr: '10.0.2.0/24', az: 'a' },
          { cidr: '10.0.3.0/24', az: 'b' },
        ],
      ),
      [...at, 'public'],
      'number of public subnet CIDRs (3) does not match number of AZs (2)',
    );
  });

  it('checks security group rules', () => {
    const rule = (r: Record<string, unknown>) =>
      env({ network: { vpc: { security_group: { ingress: [{ ip_protocol: 'tcp', cidr: '0.0.0.0/0', ...r }] } } } });
    const at = ['network', 'vpc', 'security_group', 'ingress', 0];
    expectValid(environmentSchema, rule({ ports: 80 }));
    expectValid(environmentSchema, rule({ ports: '0-65535' }));
    expectIssue(environmentSchema, rule({}), [...at, 'ports'], /./);
    expectIssue(environmentSchema, rule({ ports: '80-' }), [...at, 'ports'], /"\$\{from_port\}-\$\{to_port\}"/);
    expectIssue(
      environmentSchema,
      rule({ ports: '90-80' }),
      [...at, 'ports'],
      'the first port of range "90-80" must not be greater than the second',
    );
    expectIssue(
      environmentSchema,
      env({ network: { vpc: { security_group: { egress: [{ ip_protocol: 'tcp', ports: 80 }] } } } }),
      ['network', 'vpc', 'security_group', 'egress', 0, 'cidr'],
      /string/,
    );
  });

  it('rejects old and new ingress fields together', () => {
    expectIssue(
      environmentSchema,
      env({
        cdn: true,
        http: { public: { ingress: { cdn: true }, security_groups: { ingress: { restrict_to: { cdn: true } } } } },
      }),
      ['http', 'public', 'ingress'],
      'must specify one, not both, of "http.public.security_groups.ingress" and "http.public.ingress"',
    );
    expectIssue(
      environmentSchema,
      env({ http: { private: { ingress: { vpc: true }, security_groups: { ingress: { from_vpc: true } } } } }),
      ['http', 'private', 'ingress'],
      'must specify one, not both, of "http.private.security_groups.ingress" and "http.private.ingress"',
    );
  });

  it('rejects ingress fields on the wrong load balancer', () => {
    expectIssue(
      environmentSchema,
      env({ http: { public: { security_groups: { ingress: { from_vpc: true } } } } }),
      ['http', 'public', 'security_groups', 'ingress', 'from_vpc'],
      'a public load balancer already allows vpc ingress',
    );
    expectIssue(
      environmentSchema,
      env({ http: { private: { security_groups: { ingress: { restrict_to: { cdn: true } } } } } }),
      ['http', 'private', 'security_groups', 'ingress', 'restrict_to'],
      'an internal load balancer cannot have restrictive ingress fields',
    );
  });

  it('rejects source IPs that are not addresses', () => {
    expectIssue(
      environmentSchema,
      env({ http: { public: { ingress: { source_ips: ['office'] } } } }),
      ['http', 'public', 'ingress', 'source_ips', 0],
      'expected an IP address range in CIDR form, e.g. 192.0.2.0/24',
    );
  });

  it('needs a CDN to restrict ingress to it', () => {
    expectIssue(
      environmentSchema,
      env({ http: { public: { ingress: { cdn: true } } } }),
      ['http', 'public', 'ingress', 'cdn'],
      /CDN must be enabled/,
    );
    expectIssue(
      environmentSchema,
      env({ cdn: false, http: { public: { security_groups: { ingress: { restrict_to: { cdn: true } } } } } }),
      ['http', 'public', 'security_groups', 'ingress', 'restrict_to', 'cdn'],
      /CDN must be enabled/,
    );
  });

  it('checks the CDN certificate', () => {
    expectIssue(
      environmentSchema,
      env({ cdn: { certificate: 'arn:aws:acm:us-east-1:123456789123:certificate/abc' } }),
      ['cdn', 'certificate'],
      '"cdn.terminate_tls" must be true if "cdn.certificate" is set without "http.public.certificates"',
    );
    expectValid(
      environmentSchema,
      env({ cdn: { certificate: 'arn:aws:acm:us-east-1:123456789123:certificate/abc', terminate_tls: true } }),
    );
    expectIssue(
      environmentSchema,
      env({ cdn: true, http: { public: { certificates: ['arn:aws:acm:us-west-2:123456789123:certificate/abc'] } } }),
      ['cdn'],
      '"cdn.certificate" must be specified when both "http.public.certificates" and "cdn" are specified',
    );
    expectIssue(
      environmentSchema,
      env({ cdn: { certificate: 'arn:aws:acm:us-west-2:123456789123:certificate/abc', terminate_tls: true } }),
      ['cdn', 'certificate'],
      'CloudFront requires the certificate to be in the us-east-1 region',
    );
  });

  it('needs all of static_assets once one is set', () => {
    expectIssue(
      environmentSchema,
      env({ cdn: { static_assets: { location: 'b.s3.us-west-2.amazonaws.com' } } }),
      ['cdn', 'static_assets', 'alias'],
      '"alias" must be specified',
    );
    expectIssue(
      environmentSchema,
      env({ cdn: { static_assets: { location: 'b.s3.us-west-2.amazonaws.com' } } }),
      ['cdn', 'static_assets', 'path'],
      '"path" must be specified',
    );
  });

  it('places the internal load balancer only in imported subnets', () => {
    expectIssue(
      environmentSchema,
      env({ http: { private: { subnets: ['subnet-1'] } } }),
      ['http', 'private', 'subnets'],
      /subnets must be imported/,
    );
    expectValid(
      environmentSchema,
      env({ network: { vpc: importedVPC }, http: { private: { subnets: ['subnet-3', 'subnet-4'] } } }),
    );
  });

  it('rejects a bad container_insights value', () => {
    expectIssue(
      environmentSchema,
      env({ observability: { container_insights: 'full' } }),
      ['observability', 'container_insights'],
      /./,
    );
  });
});

describe('pipeline', () => {
  const base = {
    name: 'p',
    version: 1,
    source: { provider: 'GitHub', properties: { branch: 'main', repository: 'https://github.com/user/repo' } },
  };
  const withStages = (...stages: unknown[]) => ({ ...base, stages });

  it('accepts the documented samples and the legacy copilot/pipeline.yml', () => {
    expectValid(pipelineSchema, {
      name: 'app-pipeline',
      source: { provider: 'GitHub', properties: { branch: 'main', repository: 'https://github.com/user/repo' } },
      build: { image: 'aws/codebuild/amazonlinux2-x86_64-standard:5.0' },
      stages: [
        {
          name: 'test',
          pre_deployments: { db_migration: { buildspec: './buildspec.yml' } },
          test_commands: ['make integ-test'],
        },
        { name: 'prod', requires_approval: true },
      ],
    });
    expectValid(pipelineSchema, {
      name: 'app-pipeline',
      source: { provider: 'Bitbucket', properties: { branch: 'main', repository: 'https://bitbucket.org/user/repo' } },
      stages: [
        {
          name: 'test',
          deployments: { orders: null, warehouse: null, frontend: { depends_on: ['orders', 'warehouse'] } },
        },
      ],
    });
    expectValid(pipelineSchema, {
      name: 'env-pipeline',
      source: {
        provider: 'CodeCommit',
        properties: {
          branch: 'main',
          repository: 'https://git-codecommit.us-east-2.amazonaws.com/v1/repos/MyDemoRepo',
          output_artifact_format: 'CODEBUILD_CLONE_REF',
        },
      },
      build: { additional_policy: { PolicyDocument: '{"Version":"2012-10-17","Statement":[]}' } },
      stages: [
        {
          name: 'test',
          deployments: { 'deploy-env': { template_path: 'a.yml', template_config: 'a.json', stack_name: 'app-test' } },
        },
      ],
    });
    // Legacy copilot/pipeline.yml: a GitHub source with a personal access token.
    expectValid(pipelineSchema, {
      name: 'pipeline-app-repo',
      version: 1,
      source: {
        provider: 'GitHub',
        properties: {
          access_token_secret: 'github-token-app-repo',
          branch: 'main',
          repository: 'https://github.com/user/repo',
        },
      },
      stages: [
        { name: 'test', test_commands: ["echo 'running tests'", 'make test'] },
        { name: 'prod', requires_approval: true },
      ],
    });
    expectValid(pipelineSchema, {
      name: 'p',
      source: { provider: 'GitHubV1', properties: { access_token_secret: 's', repository: 'user/repo' } },
    });
  });

  it('requires a stage name', () => {
    expectIssue(pipelineSchema, withStages({ requires_approval: true }), ['stages', 0, 'name'], /string/);
  });

  it('requires name, source and repository', () => {
    expectIssue(pipelineSchema, { ...base, name: undefined }, ['name'], /string/);
    expectIssue(pipelineSchema, { ...base, source: undefined }, ['source'], /object/);
    expectIssue(
      pipelineSchema,
      { ...base, source: { provider: 'GitHub', properties: { branch: 'main' } } },
      ['source', 'properties', 'repository'],
      /string/,
    );
  });

  it('rejects a name longer than 100 characters', () => {
    expectValid(pipelineSchema, { ...base, name: 'p'.repeat(100) });
    expectIssue(pipelineSchema, { ...base, name: 'p'.repeat(101) }, ['name'], /100/);
  });

  it('rejects a version other than 1', () => {
    expectIssue(pipelineSchema, { ...base, version: 2 }, ['version'], /1/);
  });

  it('rejects unknown providers and output formats', () => {
    expectIssue(
      pipelineSchema,
      { ...base, source: { ...base.source, provider: 'GitLab' } },
      ['source', 'provider'],
      /GitHub/,
    );
    expectIssue(
      pipelineSchema,
      {
        ...base,
        source: { provider: 'GitHub', properties: { ...base.source.properties, output_artifact_format: 'TAR' } },
      },
      ['source', 'properties', 'output_artifact_format'],
      /CODE_ZIP/,
    );
  });

  it('requires access_token_secret for GitHubV1', () => {
    expectIssue(
      pipelineSchema,
      { ...base, source: { provider: 'GitHubV1', properties: { repository: 'user/repo' } } },
      ['source', 'properties', 'access_token_secret'],
      'is required for a GitHubV1 source',
    );
  });

  it('rejects test_commands with post_deployments', () => {
    expectIssue(
      pipelineSchema,
      withStages({
        name: 'test',
        test_commands: ['make test'],
        post_deployments: { smoke: { buildspec: 'smoke.yml' } },
      }),
      ['stages', 0, 'post_deployments'],
      'must specify one, not both, of "post_deployments" and "test_commands"',
    );
  });

  it('requires a buildspec for pre- and post-deployments', () => {
    expectIssue(
      pipelineSchema,
      withStages({ name: 'test', pre_deployments: { migrate: { depends_on: [] } } }),
      ['stages', 0, 'pre_deployments', 'migrate', 'buildspec'],
      /string/,
    );
    expectIssue(
      pipelineSchema,
      withStages({ name: 'test', post_deployments: { smoke: null } }),
      ['stages', 0, 'post_deployments', 'smoke'],
      /object/,
    );
  });

  it('rejects unknown and circular dependencies', () => {
    expectIssue(
      pipelineSchema,
      withStages({ name: 'test', deployments: { api: null, frontend: { depends_on: ['api', 'db'] } } }),
      ['stages', 0, 'deployments', 'frontend', 'depends_on', 1],
      'dependency deployment named "db" does not exist',
    );
    expectIssue(
      pipelineSchema,
      withStages({ name: 'test', deployments: { a: { depends_on: ['b'] }, b: { depends_on: ['a'] } } }),
      ['stages', 0, 'deployments', 'a', 'depends_on'],
      'circular dependency: a -> b -> a',
    );
    expectIssue(
      pipelineSchema,
      withStages({ name: 'test', pre_deployments: { m: { buildspec: 'm.yml', depends_on: ['m'] } } }),
      ['stages', 0, 'pre_deployments', 'm', 'depends_on'],
      'circular dependency: m -> m',
    );
  });
});
