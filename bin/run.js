#!/usr/bin/env node
// Entry point of the installed CLI: runs the compiled commands in dist/.
// The SDK warns on every run under Node 20 that later SDK releases will need Node 22; the locked SDK
// version works on 20, so the note belongs in the README, not in every command's output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
// Start-up is most of a no-op deploy: keep compiled code and loaded manifests between runs, in
// MYCOPILOT_CACHE_DIR (default ~/.cache/mycopilot); MYCOPILOT_NO_CACHE=1 turns both off.
const path = require('node:path');
if (!process.env.MYCOPILOT_NO_CACHE) {
  const os = require('node:os');
  const cache =
    process.env.MYCOPILOT_CACHE_DIR ||
    path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'mycopilot');
  const nodeModule = require('node:module');
  if (nodeModule.enableCompileCache) nodeModule.enableCompileCache(path.join(cache, 'compile'));
  else require('../dist/startup/compile-cache').enableCompileCache(path.resolve(__dirname, '..'), path.join(cache, 'compile'));
  const manifests = require('../dist/manifest/cached-load');
  manifests.useManifestCache(manifests.manifestCacheIn(path.join(cache, 'manifests')));
}
const { execute } = require('@oclif/core');
execute({ dir: __dirname }).catch(require('../dist/errors/handle').handleFatal);
