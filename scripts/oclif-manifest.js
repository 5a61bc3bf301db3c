#!/usr/bin/env node
// Writes oclif.manifest.json after a build: with it, oclif finds a command's flags without loading every
// command module, so `--version`, `--help` and each command start fast.
const fs = require('node:fs');
const path = require('node:path');
const { Plugin } = require('@oclif/core');

(async () => {
  const root = path.resolve(__dirname, '..');
  const plugin = new Plugin({ root, type: 'core', isRoot: true, ignoreManifest: true, errorOnManifestCreate: true });
  await plugin.load();
  fs.writeFileSync(path.join(root, 'oclif.manifest.json'), JSON.stringify(plugin.manifest));
})().catch((err) => {
  process.stderr.write(`oclif manifest: ${err.message}\n`);
  process.exit(1);
});
