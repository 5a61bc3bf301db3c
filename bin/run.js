#!/usr/bin/env node
// Entry point of the installed CLI: runs the compiled commands in dist/.
const { execute } = require('@oclif/core');
execute({ dir: __dirname }).catch(require('../dist/errors/handle').handleFatal);
