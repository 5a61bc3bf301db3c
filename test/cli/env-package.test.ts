// `env package` as a user runs it, offline: the template on stdout (notes on stderr), --output-dir with the
// CloudFront certificate's own stack when mycopilot issues it, and a manifest that cannot render reported at
// file:line:column with nothing written.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { runCli, writeFiles } from '../helpers/cli';

function project(environment: string): string {
  return writeFiles({
    'copilot/.workspace': 'application: shop\n',
    'copilot/environments/test/manifest.yml': `name: test\ntype: Environment\n${environment}`,
  });
}

const STATIC_ALIAS = `cdn:
  static_assets:
    location: my-bucket.s3.us-west-2.amazonaws.com
    alias: assets.example.com
    path: static/*
`;

describe('env package', () => {
  it('prints the template, and says where the static-assets certificate comes from', () => {
    const r = runCli(['env', 'package', '--name', 'test'], { cwd: project(STATIC_ALIAS) });
    expect(r.status).toBe(0);
    const template = parse(r.stdout);
    expect(template.Parameters.CDNCertificateArn.Default).toBe('');
    expect(r.stderr).toMatch(/certificate is the stack shop-test-CDNCertificate in us-east-1/);
  });

  it('writes the certificate stack next to the environment with --output-dir', () => {
    const cwd = project(STATIC_ALIAS);
    const r = runCli(['env', 'package', '--name', 'test', '--output-dir', 'out'], { cwd });
    expect(r.status).toBe(0);
    expect(readdirSync(path.join(cwd, 'out')).sort()).toEqual([
      'test.cdn-certificate.params.json',
      'test.cdn-certificate.stack.yml',
      'test.env.params.json',
      'test.env.stack.yml',
    ]);
    const certificate = parse(readFileSync(path.join(cwd, 'out', 'test.cdn-certificate.stack.yml'), 'utf8'));
    expect(certificate.Resources.Certificate.Properties.DomainName).toBe('assets.example.com');
    expect(r.stdout).toMatch(/test\.cdn-certificate\.stack\.yml \(deployed in us-east-1\)/);
    // What env deploy fills in, for each file.
    expect(r.stderr).toMatch(
      /left empty in out\/test\.env\.params\.json: .*; CDNCertificateArn \(the CloudFront certificate/,
    );
    expect(r.stderr).toMatch(/left empty in out\/test\.cdn-certificate\.params\.json: HostedZoneID/);
  });

  it('writes no certificate stack for an environment that imports its certificate', () => {
    const cwd = project(
      STATIC_ALIAS.replace(
        'cdn:\n',
        'cdn:\n  certificate: arn:aws:acm:us-east-1:123456789012:certificate/c\n  terminate_tls: true\n',
      ),
    );
    const r = runCli(['env', 'package', '--name', 'test', '--output-dir', 'out'], { cwd });
    expect(r.status).toBe(0);
    expect(readdirSync(path.join(cwd, 'out')).sort()).toEqual(['test.env.params.json', 'test.env.stack.yml']);
  });

  it('reports what cannot render at file:line:column and writes nothing', () => {
    const cwd = project('network:\n  vpc:\n    cidr: 10.0.0.1/16\n');
    const r = runCli(['env', 'package', '--name', 'test', '--output-dir', 'out'], { cwd });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(
      /copilot\/environments\/test\/manifest\.yml:5:11: network\.vpc\.cidr: .*"10\.0\.0\.1\/16" has host bits set/,
    );
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(existsSync(path.join(cwd, 'out'))).toBe(false);
  });
});
