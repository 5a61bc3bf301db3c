// Stops the moto server that global-setup started and removes the run's CLI cache folder.
const fs = require('node:fs');

module.exports = async () => {
  const child = globalThis.__MOTO__;
  if (child && !child.killed) child.kill('SIGTERM');
  if (globalThis.__TEST_CACHE__) fs.rmSync(globalThis.__TEST_CACHE__, { recursive: true, force: true });
};
