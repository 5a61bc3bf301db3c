// Every manifest of the corpus (real Copilot manifests) passes the whole pipeline — as written and for
// every environment its `environments:` block names — with the variables the corpus README lists.
import { readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { checkManifests } from '../../../src/manifest/check';
import { CORPUS, CORPUS_VARS } from '../../helpers/cli';

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return yamlFiles(full);
    return /\.ya?ml$/.test(name) ? [full] : [];
  });
}

const files = yamlFiles(CORPUS).sort();

describe('the Copilot corpus', () => {
  it('has the 55 manifests the README lists', () => {
    expect(files).toHaveLength(55);
  });

  it.each(files.map((f) => [path.relative(CORPUS, f), f]))('%s validates', async (_rel, file) => {
    const [report] = await checkManifests([file], { app: 'my-app', vars: { ...CORPUS_VARS } });
    expect(report.type).toBeDefined();
    expect(report.errors).toEqual([]);
  });

  it('warns about the keys Copilot ignored, with positions', async () => {
    const reports = await checkManifests(files, { app: 'my-app', vars: { ...CORPUS_VARS } });
    const warnings = reports.flatMap((r) =>
      r.warnings.map((w) => `${path.relative(CORPUS, r.file)}:${w.line}:${w.column} ${w.path}`),
    );
    // Each is a real slip in a Copilot test manifest (App Runner has no http.path; security_group belongs
    // under network.vpc); listing them keeps an accidental schema gap visible.
    expect(warnings).toEqual([
      'e2e/apprunner/copilot/front-end/manifest.yml:21:3 http.path',
      'extracted/env-integration/template-with-imported-certs-sslpolicy-custom-empty-security-group.manifest.yml:12:1 security_group',
    ]);
  });
});
