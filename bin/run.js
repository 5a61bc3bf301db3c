#!/usr/bin/env node
// Entry point of the installed CLI: runs the compiled commands in dist/.
// The SDK warns on every run under Node 20 that later SDK releases will need Node 22; the locked SDK
// version works on 20, so the note belongs in the README, not in every command's output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
// Node 22+ caches compiled modules between runs (a no-op on Node 20): startup is most of a no-op deploy.
require('node:module').enableCompileCache?.();
const { execute } = require('@oclif/core');
execute({ dir: __dirname }).catch(require('../dist/errors/handle').handleFatal);
