// Stops the moto server that global-setup started and removes the run's CLI cache folder. Waits for moto to exit
// (SIGKILL after 5 s): a child still running is a handle that keeps Jest from exiting.
const fs = require('node:fs');

module.exports = async () => {
  const child = globalThis.__MOTO__;
  if (child && child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }
  if (globalThis.__TEST_CACHE__) fs.rmSync(globalThis.__TEST_CACHE__, { recursive: true, force: true });
};
