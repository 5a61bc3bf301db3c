// Stops the moto server that global-setup started.
module.exports = async () => {
  const child = globalThis.__MOTO__;
  if (child && !child.killed) child.kill('SIGTERM');
};
