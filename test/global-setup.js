// Once per test run: build the CLI (command tests run it as a user would) and start a moto server for the
// integration tests. Both are shared by every test file.
const { execSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { startMoto } = require('../scripts/moto');

module.exports = async () => {
  // The CLI's start-up caches (compiled code, loaded manifests) are shared by the run's command tests, and by
  // nothing else: a run starts cold and leaves the user's ~/.cache alone.
  if (!process.env.MYCOPILOT_CACHE_DIR) {
    process.env.MYCOPILOT_CACHE_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'mycopilot-test-cache-'));
    globalThis.__TEST_CACHE__ = process.env.MYCOPILOT_CACHE_DIR;
  }
  if (!process.env.MYCOPILOT_SKIP_BUILD) {
    execSync('npm run --silent build', { cwd: path.join(__dirname, '..'), stdio: 'inherit' });
  }
  if (process.env.MYCOPILOT_NO_MOTO) return;
  // moto's ECS then counts a service's desired tasks as running (it launches none).
  const moto = await startMoto({ MOTO_ECS_SERVICE_RUNNING: '1' });
  if (moto) {
    process.env.MYCOPILOT_TEST_MOTO_URL = moto.url;
    globalThis.__MOTO__ = moto.child;
  } else {
    process.stderr.write('\nmoto is not installed: integration tests will be skipped (pip install "moto[server]").\n');
  }
};
