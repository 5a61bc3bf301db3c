// Static Site stacks (private bucket, origin access control, distribution) and the files a deploy uploads,
// from manifests loaded through the real pipeline; every corpus Static Site renders and passes cfn-lint.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { loadManifest } from '../../../src/manifest/load';
import type { EnvironmentManifest, StaticSite } from '../../../src/manifest/schemas';
import { StaticSiteInput } from '../../../src/stack/inputs';
import { DirectoryReader, buildStaticSiteStack, contentType, listSiteFiles } from '../../../src/stack/static-site';
import type { RenderedStack } from '../../../src/stack/template';
import { cfnLint } from '../../helpers/cfn-lint';
import { CORPUS, CORPUS_VARS } from '../../helpers/cli';
import { renderError } from '../../helpers/render-error';

const US_EAST_1_CERT = 'arn:aws:acm:us-east-1:123456789123:certificate/11111111-2222-3333-4444-555555555555';
const PLAIN_ENV = { name: 'test', type: 'Environment' } as EnvironmentManifest;
/** An environment that gives its domain's CloudFront certificate. */
const CDN_ENV = { name: 'test', type: 'Environment', cdn: { certificate: US_EAST_1_CERT } } as EnvironmentManifest;

function load(text: string, env?: string, file = 'copilot/site/manifest.yml'): StaticSite {
  const r = loadManifest({ file, text, env, app: 'my-app', vars: { ...CORPUS_VARS } });
  if (!r.manifest) throw new Error(`${file} does not load: ${JSON.stringify(r.errors)}`);
  return r.manifest as StaticSite;
}

function input(manifest: StaticSite, environment = PLAIN_ENV, env = 'test'): StaticSiteInput {
  return { app: 'my-app', env, name: manifest.name, manifest, environment, images: {}, rulePriorities: [] };
}

const BASE = 'name: site\ntype: Static Site\n';
const build = (text: string, environment = PLAIN_ENV) => buildStaticSiteStack(input(load(text), environment));

const props = (stack: RenderedStack, id: string): any => stack.template.Resources[id]?.Properties;

describe('buildStaticSiteStack', () => {
  const stack = build(BASE);

  it('is the stack <app>-<env>-<name> with Copilot tags', () => {
    expect(stack.stackName).toBe('my-app-test-site');
    expect(stack.tags).toEqual({
      'copilot-application': 'my-app',
      'copilot-environment': 'test',
      'copilot-service': 'site',
    });
    expect(Object.keys(stack.template.Resources)).toEqual([
      'Bucket',
      'BucketPolicyForCloudFront',
      'CloudFrontOriginAccessControl',
      'CloudFrontViewerRequestRewriteFunction',
      'CloudFrontDistribution',
    ]);
  });

  it('keeps the bucket private and encrypted, with no website endpoint', () => {
    const bucket = props(stack, 'Bucket');
    expect(bucket.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(bucket.BucketEncryption.ServerSideEncryptionConfiguration).toEqual([
      { ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } },
    ]);
    expect(bucket.OwnershipControls).toEqual({ Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] });
    expect(bucket.WebsiteConfiguration).toBeUndefined();
    expect(bucket.AccessControl).toBeUndefined();
  });

  it('lets only the distribution read the bucket, over TLS', () => {
    const statements = props(stack, 'BucketPolicyForCloudFront').PolicyDocument.Statement;
    const allows = statements.filter((s: { Effect: string }) => s.Effect === 'Allow');
    expect(allows).toEqual([
      {
        Sid: 'AllowCloudFrontServicePrincipalReadOnly',
        Effect: 'Allow',
        Principal: { Service: 'cloudfront.amazonaws.com' },
        Action: 's3:GetObject',
        Resource: { 'Fn::Sub': '${Bucket.Arn}/*' },
        Condition: {
          StringEquals: {
            'AWS:SourceArn': {
              'Fn::Sub': 'arn:${AWS::Partition}:cloudfront::${AWS::AccountId}:distribution/${CloudFrontDistribution}',
            },
          },
        },
      },
    ]);
    const deny = statements.find((s: { Effect: string }) => s.Effect === 'Deny');
    expect(deny).toMatchObject({
      Principal: '*',
      Action: 's3:*',
      Condition: { Bool: { 'aws:SecureTransport': false } },
    });
  });

  it('reaches the bucket through an origin access control that signs every request', () => {
    expect(props(stack, 'CloudFrontOriginAccessControl').OriginAccessControlConfig).toMatchObject({
      Name: 'my-app-test-site',
      OriginAccessControlOriginType: 's3',
      SigningBehavior: 'always',
      SigningProtocol: 'sigv4',
    });
    const config = props(stack, 'CloudFrontDistribution').DistributionConfig;
    expect(config.Origins).toEqual([
      {
        Id: { 'Fn::Sub': 'copilot-${AppName}-${EnvName}-${WorkloadName}' },
        DomainName: { 'Fn::GetAtt': ['Bucket', 'RegionalDomainName'] },
        OriginAccessControlId: { 'Fn::GetAtt': ['CloudFrontOriginAccessControl', 'Id'] },
        S3OriginConfig: { OriginAccessIdentity: '' },
      },
    ]);
    expect(config.DefaultRootObject).toBe('index.html');
    expect(config.DefaultCacheBehavior).toMatchObject({
      ViewerProtocolPolicy: 'redirect-to-https',
      AllowedMethods: ['GET', 'HEAD'],
      FunctionAssociations: [{ EventType: 'viewer-request' }],
    });
    expect(config.ViewerCertificate).toEqual({ CloudFrontDefaultCertificate: true });
    expect(config.Aliases).toBeUndefined();
  });

  it('serves the alias with its us-east-1 certificate', () => {
    const s = build(`${BASE}http:\n  alias: www.example.com\n  certificate: ${US_EAST_1_CERT}\n`);
    const config = props(s, 'CloudFrontDistribution').DistributionConfig;
    expect(config.Aliases).toEqual(['www.example.com']);
    expect(config.ViewerCertificate).toEqual({
      AcmCertificateArn: { Ref: 'ImportedCertificateArn' },
      SslSupportMethod: 'sni-only',
      MinimumProtocolVersion: 'TLSv1.2_2021',
    });
    // An existing certificate: a parameter whose value is the manifest's ARN.
    expect(s.template.Parameters?.ImportedCertificateArn.Type).toBe('String');
    expect(s.parameters.ImportedCertificateArn).toBe(US_EAST_1_CERT);
    expect(build(BASE).template.Parameters?.ImportedCertificateArn).toBeUndefined();
    expect(s.template.Outputs?.CloudFrontDistributionAlternativeDomainName?.Value).toBe('www.example.com');
    expect(s.warnings).toBeUndefined();
  });

  it('uses a certificate ARN that does not look like one as written, with a warning at its path', () => {
    const odd = 'arn:aws:acm:us-east-1:1234567890:certificate/abc';
    const s = build(`${BASE}http:\n  alias: www.example.com\n  certificate: ${odd}\n`);
    expect(s.parameters.ImportedCertificateArn).toBe(odd);
    expect(JSON.stringify(s.template)).not.toContain(odd);
    expect(s.warnings?.map((w) => [w.path, w.value])).toEqual([[['http', 'certificate'], odd]]);
    expect(s.warnings?.[0].hint).toMatch(/12-digit account/);
  });

  it("takes the environment's CloudFront certificate for an alias without one, and refuses an alias without any", () => {
    const s = build(`${BASE}http:\n  alias: www.example.com\n`, CDN_ENV);
    expect(props(s, 'CloudFrontDistribution').DistributionConfig.ViewerCertificate.AcmCertificateArn).toEqual({
      Ref: 'ImportedCertificateArn',
    });
    expect(s.parameters.ImportedCertificateArn).toBe(US_EAST_1_CERT);
    // The same template as with the certificate in the site's manifest.
    expect(s.template).toEqual(
      build(`${BASE}http:\n  alias: www.example.com\n  certificate: ${US_EAST_1_CERT}\n`).template,
    );
    const err = renderError(() => build(`${BASE}http:\n  alias: www.example.com\n`));
    expect(err.path).toEqual(['http', 'alias']);
    expect(err.hint).toMatch(/http\.certificate.*cdn\.certificate/s);
  });

  it('keeps account-unique names within 64 characters', () => {
    const long = buildStaticSiteStack(input(load(BASE.replace('site', 'x'.repeat(50))), PLAIN_ENV, 'staging'));
    const name = props(long, 'CloudFrontOriginAccessControl').OriginAccessControlConfig.Name;
    expect(name.length).toBeLessThanOrEqual(64);
    expect(props(long, 'CloudFrontViewerRequestRewriteFunction').Name).toBe(name);
  });

  it('outputs what the deploy needs: bucket, distribution ID, domain name (exported as Copilot did)', () => {
    expect(Object.keys(stack.template.Outputs ?? {})).toEqual([
      'CloudFrontDistributionDomainName',
      'CloudFrontDistributionID',
      'BucketName',
    ]);
    expect(stack.template.Outputs?.CloudFrontDistributionDomainName.Export).toEqual({
      Name: { 'Fn::Sub': '${AWS::StackName}-CloudFrontDistributionDomainName' },
    });
  });
});

// ---- listSiteFiles ----

/** A directory tree in memory: `files` are paths under `root`. */
function memoryTree(root: string, files: string[]): DirectoryReader {
  const dirs = new Map<string, Set<string>>([[root, new Set()]]);
  const leaves = new Set<string>();
  for (const f of files) {
    let child = path.join(root, f);
    leaves.add(child);
    while (child !== root) {
      const parent = path.dirname(child);
      if (!dirs.has(parent)) dirs.set(parent, new Set());
      dirs.get(parent)!.add(path.basename(child));
      child = parent;
    }
  }
  return {
    kind: (p) => (leaves.has(p) ? 'file' : dirs.has(p) ? 'directory' : undefined),
    list: (p) => [...(dirs.get(p) ?? [])],
  };
}

const WS = path.join(path.sep, 'ws');
const files = (manifestFiles: string, tree: string[]) =>
  listSiteFiles(load(`${BASE}files:\n${manifestFiles}`), WS, memoryTree(WS, tree)).map((f) => f.key);

describe('listSiteFiles', () => {
  const site = ['dist/index.html', 'dist/css/site.css', 'dist/img/logo.png', 'dist/.well-known/security.txt'];

  it('uploads a directory recursively by default, under the destination (leading slash dropped)', () => {
    expect(files('  - source: dist\n', site)).toEqual([
      '.well-known/security.txt',
      'css/site.css',
      'img/logo.png',
      'index.html',
    ]);
    expect(files('  - source: ./dist/\n    destination: /static\n', site)).toEqual([
      'static/.well-known/security.txt',
      'static/css/site.css',
      'static/img/logo.png',
      'static/index.html',
    ]);
    expect(files('  - source: dist\n    recursive: false\n', site)).toEqual(['index.html']);
  });

  it('gives each file its local path and content type', () => {
    const listed = listSiteFiles(load(`${BASE}files:\n  - source: dist\n`), WS, memoryTree(WS, site));
    expect(listed.find((f) => f.key === 'css/site.css')).toEqual({
      source: path.join(WS, 'dist', 'css', 'site.css'),
      key: 'css/site.css',
      contentType: 'text/css; charset=utf-8',
    });
  });

  it('excludes, then reincludes, with * matching across directories', () => {
    const tree = ['foo/a.jpg', 'foo/deep/b.jpg', 'foo/c.png', 'foo/d.txt'];
    // The corpus manifest's second entry.
    expect(
      files('  - source: ./foo\n    destination: /code\n    exclude: "*"\n    reinclude: "*.jpg"\n', tree),
    ).toEqual(['code/a.jpg', 'code/deep/b.jpg']);
    expect(files('  - source: foo\n    exclude: ["*.jp?", "[cd].*"]\n', tree)).toEqual([]);
    expect(files('  - source: foo\n    exclude: "[!c]*"\n', tree)).toEqual(['c.png']);
  });

  it('reads `dir/` as everything under dir, and matches workspace paths as Copilot did', () => {
    const tree = ['main.go', 'index.html', 'copilot/.workspace', 'copilot/svc/manifest.yml', 'public/app.js'];
    // The e2e manifest: the whole workspace without copilot/ and Go sources.
    expect(files('  - source: ./\n    exclude: [copilot/, "*.go"]\n', tree)).toEqual(['index.html', 'public/app.js']);
    // A pattern written from the workspace root still matches inside `source`.
    expect(files('  - source: public\n    exclude: public/*.js\n', tree)).toEqual([]);
  });

  it('uploads a single file to its destination, or to its name', () => {
    const tree = ['docs/robots.txt'];
    expect(files('  - source: docs/robots.txt\n', tree)).toEqual(['robots.txt']);
    expect(files('  - source: docs/robots.txt\n    destination: /meta/robots.txt\n', tree)).toEqual([
      'meta/robots.txt',
    ]);
    expect(files('  - source: docs/robots.txt\n    exclude: "*.txt"\n', tree)).toEqual([]);
  });

  it('lets a later entry replace the file of an earlier one at the same key', () => {
    const listed = listSiteFiles(
      load(`${BASE}files:\n  - source: a\n  - source: b\n`),
      WS,
      memoryTree(WS, ['a/index.html', 'b/index.html']),
    );
    expect(listed).toEqual([
      { source: path.join(WS, 'b', 'index.html'), key: 'index.html', contentType: 'text/html; charset=utf-8' },
    ]);
  });

  it('reports a missing source at its path', () => {
    const err = renderError(() => files('  - source: dist\n  - source: missing\n', site));
    expect(err.path).toEqual(['files', 1, 'source']);
  });

  it('lists the corpus manifest’s files', () => {
    const file = path.join(
      CORPUS,
      'internal/pkg/deploy/cloudformation/stack/testdata/workloads/static-site-manifest.yml',
    );
    const manifest = load(readFileSync(file, 'utf8'), undefined, file);
    const tree = ['frontend/dist/index.html', 'frontend/dist/main.js', 'foo/pic.jpg', 'foo/notes.md'];
    expect(listSiteFiles(manifest, WS, memoryTree(WS, tree)).map((f) => `${f.key} ${f.contentType}`)).toEqual([
      'code/pic.jpg image/jpeg',
      'dist/index.html text/html; charset=utf-8',
      'dist/main.js text/javascript; charset=utf-8',
    ]);
  });

  it('knows the content types of the web', () => {
    expect(contentType('a.SVG')).toBe('image/svg+xml');
    expect(contentType('font.woff2')).toBe('font/woff2');
    expect(contentType('LICENSE')).toBe('application/octet-stream');
    expect(contentType('.htaccess')).toBe('application/octet-stream');
  });
});

// ---- every corpus Static Site renders and passes cfn-lint ----

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return yamlFiles(full);
    return /\.ya?ml$/.test(name) ? [full] : [];
  });
}

describe('corpus Static Sites', () => {
  const cases: { label: string; manifest: StaticSite; env: string }[] = [];
  for (const file of yamlFiles(CORPUS).sort()) {
    const text = readFileSync(file, 'utf8');
    const first = loadManifest({ file, text, app: 'my-app', vars: { ...CORPUS_VARS } });
    if (first.type !== 'Static Site') continue;
    const rel = path.relative(CORPUS, file);
    for (const env of [undefined, ...first.environments]) {
      cases.push({ label: env ? `${rel}@${env}` : rel, manifest: load(text, env, file), env: env ?? 'demo' });
    }
  }

  it('covers the corpus', () => {
    expect(cases.map((c) => c.label)).toEqual([
      'e2e/static-site/copilot/foo/manifest.yml',
      'e2e/static-site/copilot/svc/manifest.yml',
      'internal/pkg/deploy/cloudformation/stack/testdata/workloads/static-site-manifest.yml',
      'internal/pkg/deploy/cloudformation/stack/testdata/workloads/static-site-manifest.yml@test',
    ]);
  });

  /**
   * Renderings with a warning, at the path given: the corpus's certificate ARN has a 10-digit account. It is the value
   * of a parameter, so the template lints clean all the same.
   */
  const EXPECTED_WARNINGS: Record<string, string> = {
    'internal/pkg/deploy/cloudformation/stack/testdata/workloads/static-site-manifest.yml@test': 'http.certificate',
  };

  it('renders every case and cfn-lint finds no error and no warning', () => {
    // Aliases without their own certificate (Copilot's app domain gave them one) take the environment's.
    const stacks: { label: string; stack: RenderedStack }[] = [];
    const warned: Record<string, string> = {};
    for (const c of cases) {
      const stack = buildStaticSiteStack(input(c.manifest, { ...CDN_ENV, name: c.env }, c.env));
      if (stack.warnings) warned[c.label] = stack.warnings.map((w) => w.path.join('.')).join(', ');
      stacks.push({ label: c.label, stack });
    }
    expect(warned).toEqual(EXPECTED_WARNINGS);
    expect(cfnLint(stacks, { all: true })).toEqual([]);
  });
});
