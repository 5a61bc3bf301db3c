// Once per test run: build the CLI (command tests run it as a user would) and start a moto server for the
// integration tests. Both are shared by every test file.
const { execSync } = require('node:child_process');
const path = require('node:path');
const { startMoto } = require('./helpers/moto');

module.exports = async () => {
  if (!process.env.MYCOPILOT_SKIP_BUILD) {
    execSync('npm run --silent build', { cwd: path.join(__dirname, '..'), stdio: 'inherit' });
  }
  if (process.env.MYCOPILOT_NO_MOTO) return;
  const moto = await startMoto();
  if (moto) {
    process.env.MYCOPILOT_TEST_MOTO_URL = moto.url;
    globalThis.__MOTO__ = moto.child;
  } else {
    process.stderr.write('\nmoto is not installed: integration tests will be skipped (pip install "moto[server]").\n');
  }
};
