// Commands are tested through the compiled CLI as a user runs it: build once per test run.
const { execSync } = require('node:child_process');
const path = require('node:path');
module.exports = async () => {
  if (process.env.MYCOPILOT_SKIP_BUILD) return;
  execSync('npx tsc -p tsconfig.build.json', { cwd: path.join(__dirname, '..'), stdio: 'inherit' });
};
