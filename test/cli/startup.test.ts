// `--help` and `--version` must not load the AWS SDK: no command module may import it when loaded, only when run.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { CLI, REPO_ROOT, tempDir } from '../helpers/cli';

describe('start-up', () => {
  it('loads no @aws-sdk module when every command module is loaded', () => {
    const script = `
      const fs = require('fs'), path = require('path');
      const files = [];
      const walk = (d) => fs.readdirSync(d, { withFileTypes: true }).forEach((e) => e.isDirectory() ? walk(path.join(d, e.name)) : e.name.endsWith('.js') && files.push(path.join(d, e.name)));
      walk(${JSON.stringify(path.join(REPO_ROOT, 'dist', 'commands'))});
      for (const f of files) require(f);
      const sdk = Object.keys(require.cache).filter((k) => k.includes('/node_modules/@aws-sdk/'));
      process.stdout.write(JSON.stringify({ commands: files.length, sdk: sdk.length }));
    `;
    const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout);
    expect(out.commands).toBeGreaterThan(30);
    expect(out.sdk).toBe(0);
  });

  it('answers --version from the oclif manifest without loading command modules', () => {
    const hook = path.join(tempDir(), 'trace.js');
    writeFileSync(
      hook,
      "const M = require('module'); const load = M._load; M._load = function (id, ...rest) { if (/dist[\\\\/]commands|@aws-sdk/.test(id)) process.stderr.write('loaded ' + id + '\\n'); return load.call(this, id, ...rest); };\n",
    );
    const r = spawnSync(process.execPath, ['-r', hook, CLI, '--version'], { encoding: 'utf8' });
    expect(r.stdout).toMatch(/^mycopilot\/\d+\.\d+\.\d+/);
    expect(r.stderr).not.toMatch(/loaded/);
  });
});
