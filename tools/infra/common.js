// What every component of the local infrastructure shares: where things live (.cache/, .data/, .run/),
// the ports, and detached processes with a pid file and a log in .run/.
'use strict';
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const CACHE = path.join(ROOT, '.cache');
const DATA = path.join(ROOT, process.env.INFRA_DATA_DIR || '.data');
const RUN = path.join(ROOT, '.run');

/** The variable that moves a port: `portVariable('JAEGER', 'otlpHttp')` is JAEGER_OTLP_HTTP_PORT. */
const portVariable = (prefix, name) =>
  [prefix, name.replace(/[A-Z]/g, (letter) => `_${letter}`), 'PORT'].filter(Boolean).join('_').toUpperCase();

/** Each port from its variable (portVariable), else the default given. */
const portsFromEnv = (defaults, prefix = '') =>
  Object.fromEntries(
    Object.entries(defaults).map(([name, port]) => [name, Number(process.env[portVariable(prefix, name)] || port)]),
  );

/** The variables that hand the ports to a child process (the reverse of portsFromEnv). */
const portsEnv = (ports, prefix = '') =>
  Object.fromEntries(Object.entries(ports).map(([name, port]) => [portVariable(prefix, name), String(port)]));

// POSTGRES_PORT, KAFKA_PORT, KAFKA_CONTROLLER_PORT, FERRETDB_PORT, SMTP_PORT, MAILDEV_WEB_PORT
const ports = portsFromEnv({
  postgres: 5433,
  kafka: 9092,
  kafkaController: 9093,
  ferretdb: 27017,
  smtp: 1025,
  maildevWeb: 1080,
});

const log = (...args) => console.log('[infra]', ...args);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function run(cmd, args, opts = {}) {
  const res = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  if (res.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${res.status}`);
}

function portOpen(port, host = '127.0.0.1') {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.setTimeout(1000, () => {
      socket.destroy();
      resolve(false);
    });
  });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** The last lines of a log, for an error message. */
function tail(file, lines = 40) {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

const pidFile = (name) => path.join(RUN, `${name}.pid`);
const logFile = (name) => path.join(RUN, `${name}.log`);

function readPid(name) {
  try {
    return Number(fs.readFileSync(pidFile(name), 'utf8'));
  } catch {
    return 0;
  }
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Polls `check` until it answers true; fails early when the component's process has exited. */
async function waitFor(name, check, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    const pid = readPid(name);
    if (pid && !alive(pid)) throw new Error(`${name} exited during start-up; see .run/${name}.log`);
    // checked after the deadline too: a synchronous step elsewhere in this process (FerretDB's cold
    // `go build` while Kafka starts) can hold the event loop past it, and CI failed on that
    if (Date.now() >= deadline) throw new Error(`${name} not ready after ${timeoutMs} ms; see .run/${name}.log`);
    await sleep(250);
  }
}

/** Starts a component in its own process group, outliving this process; its pid and log go to .run/. */
function startDetached(name, cmd, args, opts = {}) {
  fs.mkdirSync(RUN, { recursive: true });
  const out = fs.openSync(logFile(name), 'a');
  const child = spawn(cmd, args, { detached: true, stdio: ['ignore', out, out], cwd: ROOT, ...opts });
  child.unref();
  fs.writeFileSync(pidFile(name), String(child.pid));
  log(`${name} started (pid ${child.pid}), log: .run/${name}.log`);
}

/**
 * Stops what startDetached started (its whole process group) with `signal`: SIGTERM lets it shut down
 * cleanly (SIGKILL after 30 s), SIGKILL is a crash. Resolves once it has exited.
 */
async function stopDetached(name, signal = 'SIGTERM') {
  const pid = readPid(name);
  if (!pid || !alive(pid)) {
    fs.rmSync(pidFile(name), { force: true });
    return;
  }
  process.kill(-pid, signal);
  const deadline = Date.now() + 30_000;
  while (alive(pid) && Date.now() < deadline) await sleep(100);
  if (alive(pid)) process.kill(-pid, 'SIGKILL');
  while (alive(pid) && Date.now() < deadline + 10_000) await sleep(50);
  fs.rmSync(pidFile(name), { force: true });
  log(`${name} stopped${signal === 'SIGTERM' ? '' : ` (${signal})`}`);
}

module.exports = {
  ROOT,
  CACHE,
  DATA,
  RUN,
  ports,
  portsFromEnv,
  portsEnv,
  log,
  sleep,
  run,
  portOpen,
  freePort,
  tail,
  pidFile,
  logFile,
  readPid,
  alive,
  waitFor,
  startDetached,
  stopDetached,
};
