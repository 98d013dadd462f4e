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

const ports = {
  postgres: Number(process.env.POSTGRES_PORT || 5433),
  kafka: Number(process.env.KAFKA_PORT || 9092),
  kafkaController: Number(process.env.KAFKA_CONTROLLER_PORT || 9093),
  ferretdb: Number(process.env.FERRETDB_PORT || 27017),
  smtp: Number(process.env.SMTP_PORT || 1025),
  maildevWeb: Number(process.env.MAILDEV_WEB_PORT || 1080),
};

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
  while (Date.now() < deadline) {
    if (await check()) return;
    const pid = readPid(name);
    if (pid && !alive(pid)) throw new Error(`${name} exited during start-up; see .run/${name}.log`);
    await sleep(250);
  }
  throw new Error(`${name} not ready after ${timeoutMs} ms; see .run/${name}.log`);
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

/** Stops what startDetached started (its whole process group): SIGTERM, SIGKILL after 30 s. */
async function stopDetached(name) {
  const pid = readPid(name);
  if (!pid || !alive(pid)) {
    fs.rmSync(pidFile(name), { force: true });
    return;
  }
  process.kill(-pid, 'SIGTERM');
  const deadline = Date.now() + 30_000;
  while (alive(pid) && Date.now() < deadline) await sleep(200);
  if (alive(pid)) process.kill(-pid, 'SIGKILL');
  fs.rmSync(pidFile(name), { force: true });
  log(`${name} stopped`);
}

module.exports = {
  ROOT,
  CACHE,
  DATA,
  RUN,
  ports,
  log,
  sleep,
  run,
  portOpen,
  freePort,
  tail,
  logFile,
  readPid,
  alive,
  waitFor,
  startDetached,
  stopDetached,
};
