// Starts a moto server (a local AWS endpoint, scripts/moto-server.py) on a free loopback port: once per test run
// (test/global-setup.js) and once per benchmark (bench/deploy.js, bench/logs.js). The caller stops it.
const { spawn, spawnSync } = require('node:child_process');
const net = require('node:net');

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitUntilUp(url, ms) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    try {
      const r = await fetch(`${url}/moto-api/`);
      if (r.ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}

function motoAvailable() {
  return spawnSync('python3', ['-c', 'import moto.server'], { stdio: 'ignore' }).status === 0;
}

/** Starts moto with `env` added to this process's environment; undefined when moto is not installed. */
async function startMoto(env = {}) {
  if (!motoAvailable()) return undefined;
  const port = await freePort();
  const child = spawn(
    'python3',
    [require('node:path').join(__dirname, 'moto-server.py'), '127.0.0.1', String(port)],
    { stdio: 'ignore', env: { ...process.env, ...env } },
  );
  const url = `http://127.0.0.1:${port}`;
  if (!(await waitUntilUp(url, 20000))) {
    child.kill();
    throw new Error('moto server did not start within 20 s');
  }
  return { url, pid: child.pid, child };
}

module.exports = { startMoto, freePort };
