#!/usr/bin/env node
// Local infrastructure without Docker: Apache Kafka (one KRaft broker), FerretDB (PostgreSQL backend,
// SQLite where no PostgreSQL is installed, behind the write-serialising front of tools/infra/ferretdb)
// and maildev (SMTP sink with a web UI). Each is installed on first use into .cache/, keeps its data
// in .data/ (PostgreSQL: /var/tmp/appliance-care-<hash>/ when the postgres user cannot enter .data/),
// and runs detached with its pid and log in .run/. Every command is idempotent.
// Environment: *_PORT (see `ports`), INFRA_DATA_DIR, FERRETDB_BACKEND=postgresql|sqlite,
// FERRETDB_SERIALIZE=documents|all|none (default documents on PostgreSQL, all on SQLite),
// FERRETDB_MAX_IN_FLIGHT (requests inside FerretDB at once, default 64; 0: no cap).
//
//   node tools/infra.js up [kafka|ferretdb|maildev ...]   install, start, wait until ready
//   node tools/infra.js down [names]                       stop what this project started
//   node tools/infra.js status                             what runs, where
//   node tools/infra.js logs <name>                        print a component's log
'use strict';

const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');
const crypto = require('node:crypto');

const ROOT = path.resolve(__dirname, '..');
const CACHE = path.join(ROOT, '.cache');
const DATA = path.join(ROOT, process.env.INFRA_DATA_DIR || '.data');
const RUN = path.join(ROOT, '.run');

const KAFKA_VERSION = '3.9.2';
const FERRETDB_VERSION = 'v1.24.2';

const ports = {
  postgres: Number(process.env.POSTGRES_PORT || 5433),
  kafka: Number(process.env.KAFKA_PORT || 9092),
  kafkaController: Number(process.env.KAFKA_CONTROLLER_PORT || 9093),
  ferretdb: Number(process.env.FERRETDB_PORT || 27017),
  smtp: Number(process.env.SMTP_PORT || 1025),
  maildevWeb: Number(process.env.MAILDEV_WEB_PORT || 1080),
};

const log = (...args) => console.log('[infra]', ...args);

/**
 * A random Kafka cluster id (16 bytes, base64url). Re-rolled while it starts with '-': the storage
 * tool's argument parser would read such an id as an option (1 run in 64 failed that way).
 */
function newKafkaClusterId() {
  for (;;) {
    const id = crypto.randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

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

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

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

function startDetached(name, cmd, args, opts = {}) {
  fs.mkdirSync(RUN, { recursive: true });
  const out = fs.openSync(logFile(name), 'a');
  const child = spawn(cmd, args, { detached: true, stdio: ['ignore', out, out], cwd: ROOT, ...opts });
  child.unref();
  fs.writeFileSync(pidFile(name), String(child.pid));
  log(`${name} started (pid ${child.pid}), log: .run/${name}.log`);
}

// ---------- Kafka ----------
const kafkaHome = path.join(CACHE, 'kafka', KAFKA_VERSION);
const kafkaLibs = path.join(kafkaHome, 'libs');
const kafkaData = path.join(DATA, 'kafka');

function installKafka() {
  if (fs.existsSync(path.join(kafkaLibs, `kafka_2.13-${KAFKA_VERSION}.jar`))) return;
  log(`fetching Apache Kafka ${KAFKA_VERSION} jars from Maven Central (mvn)`);
  fs.mkdirSync(kafkaLibs, { recursive: true });
  run('mvn', [
    '-q',
    '-B',
    '-f',
    path.join(__dirname, 'infra', 'kafka', 'pom.xml'),
    'dependency:copy-dependencies',
    `-Dkafka.version=${KAFKA_VERSION}`,
    '-DincludeScope=runtime',
    `-DoutputDirectory=${kafkaLibs}`,
  ]);
}

function kafkaProperties() {
  return [
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.voters=1@127.0.0.1:${ports.kafkaController}`,
    `listeners=PLAINTEXT://127.0.0.1:${ports.kafka},CONTROLLER://127.0.0.1:${ports.kafkaController}`,
    `advertised.listeners=PLAINTEXT://127.0.0.1:${ports.kafka}`,
    'controller.listener.names=CONTROLLER',
    'inter.broker.listener.name=PLAINTEXT',
    'listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
    `log.dirs=${path.join(kafkaData, 'logs')}`,
    // lifecycle topics are created by the services with 6 partitions; auto-created ones match
    'num.partitions=6',
    'auto.create.topics.enable=true',
    // one broker: the internal topics cannot have more replicas than brokers
    'offsets.topic.replication.factor=1',
    'offsets.topic.num.partitions=12',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'default.replication.factor=1',
    'min.insync.replicas=1',
    'group.initial.rebalance.delay.ms=0',
    'log.retention.hours=168',
    'log.segment.bytes=67108864',
    'message.max.bytes=2097152',
    '',
  ].join('\n');
}

function javaArgs(mainClass, extra) {
  return [
    `-Xms256m`,
    `-Xmx${process.env.KAFKA_HEAP || '768m'}`,
    '-XX:+UseG1GC',
    `-Dlog4j.configuration=file:${path.join(__dirname, 'infra', 'kafka', 'log4j.properties')}`,
    '-cp',
    `${kafkaLibs}/*`,
    mainClass,
    ...extra,
  ];
}

async function startKafka() {
  if (await portOpen(ports.kafka)) {
    log(`kafka already listening on ${ports.kafka}`);
    return;
  }
  installKafka();
  fs.mkdirSync(kafkaData, { recursive: true });
  const props = path.join(kafkaData, 'server.properties');
  fs.writeFileSync(props, kafkaProperties());
  if (!fs.existsSync(path.join(kafkaData, 'logs', 'meta.properties'))) {
    const clusterId = newKafkaClusterId();
    log(`formatting Kafka storage (cluster ${clusterId})`);
    run('java', javaArgs('kafka.tools.StorageTool', ['format', '-t', clusterId, '-c', props]), { stdio: 'ignore' });
  }
  startDetached('kafka', 'java', javaArgs('kafka.Kafka', [props]));
  await waitFor('kafka', () => kafkaReady(), 90_000);
  log(`kafka ready on 127.0.0.1:${ports.kafka}`);
}

async function kafkaReady() {
  if (!(await portOpen(ports.kafka))) return false;
  // the port opens before the broker has joined its own quorum; ask for metadata to be sure
  try {
    const { Kafka, logLevel } = require('kafkajs');
    const admin = new Kafka({
      brokers: [`127.0.0.1:${ports.kafka}`],
      logLevel: logLevel.NOTHING,
      retry: { retries: 0 },
    }).admin();
    await admin.connect();
    await admin.describeCluster();
    await admin.disconnect();
    return true;
  } catch {
    return false;
  }
}

// ---------- a throw-away secured Kafka (SASL/SCRAM, optionally TLS) ----------
// A second single-node KRaft broker from the same jars, in a temp dir, on free ports, whose client
// listener requires SCRAM (over TLS with a self-signed certificate when `tls`). Users and their
// passwords (generated per call unless given) are written into the storage at format time, so the
// broker never runs unauthenticated. Used by apps/security-tests to prove the services authenticate.

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

/** A self-signed certificate for 127.0.0.1/localhost (openssl): key + chain for the broker, the certificate as the clients' CA. */
function selfSignedCertificate(dir) {
  const key = path.join(dir, 'broker.key.pem');
  const cert = path.join(dir, 'broker.cert.pem');
  run(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '2',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=IP:127.0.0.1,DNS:localhost',
      '-keyout',
      key,
      '-out',
      cert,
    ],
    { stdio: 'ignore' },
  );
  const keystore = path.join(dir, 'broker.keystore.pem');
  fs.writeFileSync(keystore, fs.readFileSync(key, 'utf8') + fs.readFileSync(cert, 'utf8'), { mode: 0o600 });
  fs.rmSync(key);
  return { keystore, caFile: cert };
}

function securedKafkaProperties({ dir, port, controllerPort, mechanism, admin, tls, keystore, caFile }) {
  const protocol = tls ? 'SASL_SSL' : 'SASL_PLAINTEXT';
  const lower = mechanism.toLowerCase();
  return [
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.voters=1@127.0.0.1:${controllerPort}`,
    `listeners=CLIENTS://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
    `advertised.listeners=CLIENTS://127.0.0.1:${port}`,
    'controller.listener.names=CONTROLLER',
    // the broker talks to itself over the secured listener too, as the admin user
    'inter.broker.listener.name=CLIENTS',
    `listener.security.protocol.map=CONTROLLER:PLAINTEXT,CLIENTS:${protocol}`,
    `sasl.enabled.mechanisms=${mechanism}`,
    `sasl.mechanism.inter.broker.protocol=${mechanism}`,
    `listener.name.clients.${lower}.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="${admin.name}" password="${admin.password}";`,
    ...(tls
      ? [
          'ssl.keystore.type=PEM',
          `ssl.keystore.location=${keystore}`,
          // the broker is its own inter-broker client: it trusts its own certificate
          'ssl.truststore.type=PEM',
          `ssl.truststore.location=${caFile}`,
          'ssl.client.auth=none',
          'ssl.endpoint.identification.algorithm=',
        ]
      : []),
    `log.dirs=${path.join(dir, 'logs')}`,
    'num.partitions=6',
    'auto.create.topics.enable=true',
    'offsets.topic.replication.factor=1',
    'offsets.topic.num.partitions=6',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'default.replication.factor=1',
    'min.insync.replicas=1',
    'group.initial.rebalance.delay.ms=0',
    'message.max.bytes=2097152',
    '',
  ].join('\n');
}

/**
 * Starts the secured broker and resolves once an authenticated client gets metadata. `users` maps
 * names to passwords (a missing password is generated); an `admin` user (inter-broker) is always
 * added. Resolves to { brokers, mechanism, users, tls, caFile, dir, stop }; stop() kills the broker
 * and removes its directory, and is safe to call twice. The broker is also killed when this
 * process exits.
 */
async function startSecuredKafka(options = {}) {
  const mechanism = options.mechanism || 'SCRAM-SHA-512';
  if (!/^SCRAM-SHA-(256|512)$/.test(mechanism)) throw new Error(`unsupported mechanism ${mechanism}`);
  const tls = options.tls !== false;
  installKafka();
  const dir = fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'appliance-care-kafka-sasl-'));
  const users = { admin: undefined, ...(options.users || {}) };
  for (const name of Object.keys(users)) {
    if (!/^[A-Za-z0-9._-]+$/.test(name)) throw new Error(`user name ${name}: letters, digits, . _ - only`);
    users[name] = users[name] || crypto.randomBytes(18).toString('hex');
  }
  const [port, controllerPort] = [await freePort(), await freePort()];
  const { keystore, caFile } = tls ? selfSignedCertificate(dir) : {};
  const props = path.join(dir, 'server.properties');
  fs.writeFileSync(
    props,
    securedKafkaProperties({
      dir,
      port,
      controllerPort,
      mechanism,
      admin: { name: 'admin', password: users.admin },
      tls,
      keystore,
      caFile,
    }),
    { mode: 0o600 },
  );
  const heap = options.heap || '320m';
  const java = (mainClass, extra) => [
    `-Xms64m`,
    `-Xmx${heap}`,
    '-XX:+UseSerialGC',
    '-XX:TieredStopAtLevel=1',
    `-Dlog4j.configuration=file:${path.join(__dirname, 'infra', 'kafka', 'log4j.properties')}`,
    '-cp',
    `${kafkaLibs}/*`,
    mainClass,
    ...extra,
  ];
  const clusterId = newKafkaClusterId();
  const scram = Object.entries(users).flatMap(([name, password]) => [
    '--add-scram',
    `${mechanism}=[name=${name},password=${password}]`,
  ]);
  const format = spawnSync(
    'java',
    java('kafka.tools.StorageTool', ['format', '-t', clusterId, '-c', props, ...scram]),
    { encoding: 'utf8' },
  );
  if (format.status !== 0)
    throw new Error(`formatting the secured broker's storage failed: ${format.stderr || format.stdout}`);

  const logPath = path.join(dir, 'kafka.log');
  const out = fs.openSync(logPath, 'a');
  const child = spawn('java', java('kafka.Kafka', [props]), { stdio: ['ignore', out, out] });
  fs.closeSync(out);
  let exited = false;
  const exit = new Promise((resolve) =>
    child.once('exit', () => {
      exited = true;
      resolve();
    }),
  );
  const orphanGuard = () => {
    try {
      child.kill('SIGKILL');
    } catch {
      /* gone */
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', orphanGuard);
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    process.off('exit', orphanGuard);
    if (!exited) child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exit;
    clearTimeout(timer);
    fs.rmSync(dir, { recursive: true, force: true });
  };
  const brokers = `127.0.0.1:${port}`;
  const clientConfig = (user = 'admin') => ({
    brokers: [brokers],
    ssl: tls ? { ca: [fs.readFileSync(caFile, 'utf8')], rejectUnauthorized: true } : undefined,
    sasl: { mechanism: mechanism.toLowerCase(), username: user, password: users[user] },
  });
  try {
    const deadline = Date.now() + (options.timeoutMs || 90_000);
    for (;;) {
      if (exited) throw new Error(`the secured broker exited while starting:\n${tail(logPath)}`);
      if (await securedKafkaReady(clientConfig())) break;
      if (Date.now() > deadline) throw new Error(`the secured broker is not ready:\n${tail(logPath)}`);
      await sleep(250);
    }
  } catch (err) {
    await stop();
    throw err;
  }
  return { brokers, port, mechanism, tls, users, caFile, dir, clientConfig, log: () => tail(logPath), stop };
}

/**
 * A throw-away plaintext single-node KRaft broker from the same jars, in a temp dir on free ports,
 * that can be killed and started again on the same ports and data: fault tests restart it mid-run
 * without touching the shared broker. Resolves to { brokers, port, dir, kill, restart, stop, log }
 * once it answers metadata. kill() SIGKILLs it; restart(signal = 'SIGKILL') stops it (if running)
 * and starts it again, resolving when ready; stop() kills it and removes its directory, and is safe
 * to call twice. The broker is also killed when this process exits.
 */
async function startScratchKafka(options = {}) {
  installKafka();
  const dir = fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'appliance-care-kafka-scratch-'));
  const [port, controllerPort] = [await freePort(), await freePort()];
  const brokers = `127.0.0.1:${port}`;
  const props = path.join(dir, 'server.properties');
  fs.writeFileSync(
    props,
    [
      'process.roles=broker,controller',
      'node.id=1',
      `controller.quorum.voters=1@127.0.0.1:${controllerPort}`,
      `listeners=PLAINTEXT://${brokers},CONTROLLER://127.0.0.1:${controllerPort}`,
      `advertised.listeners=PLAINTEXT://${brokers}`,
      'controller.listener.names=CONTROLLER',
      'inter.broker.listener.name=PLAINTEXT',
      'listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
      `log.dirs=${path.join(dir, 'logs')}`,
      'num.partitions=6',
      'auto.create.topics.enable=true',
      'offsets.topic.replication.factor=1',
      'offsets.topic.num.partitions=6',
      'transaction.state.log.replication.factor=1',
      'transaction.state.log.min.isr=1',
      'default.replication.factor=1',
      'min.insync.replicas=1',
      'group.initial.rebalance.delay.ms=0',
      'message.max.bytes=2097152',
      // after a SIGKILL the controller waits out the dead broker's session before it admits the new one
      'broker.heartbeat.interval.ms=500',
      'broker.session.timeout.ms=2500',
      '',
    ].join('\n'),
  );
  const java = (mainClass, extra) => [
    `-Xms64m`,
    `-Xmx${options.heap || '384m'}`,
    '-XX:+UseSerialGC',
    '-XX:TieredStopAtLevel=1',
    `-Dlog4j.configuration=file:${path.join(__dirname, 'infra', 'kafka', 'log4j.properties')}`,
    '-cp',
    `${kafkaLibs}/*`,
    mainClass,
    ...extra,
  ];
  const clusterId = newKafkaClusterId();
  const format = spawnSync('java', java('kafka.tools.StorageTool', ['format', '-t', clusterId, '-c', props]), {
    encoding: 'utf8',
  });
  if (format.status !== 0)
    throw new Error(`formatting the scratch broker's storage failed: ${format.stderr || format.stdout}`);
  const logPath = path.join(dir, 'kafka.log');
  let child;
  let exit;
  const running = () => child && child.exitCode === null && child.signalCode === null;
  const kill = async (signal = 'SIGKILL') => {
    if (!running()) return;
    child.kill(signal);
    const timer = setTimeout(() => running() && child.kill('SIGKILL'), 15_000);
    await exit;
    clearTimeout(timer);
  };
  const launch = async () => {
    const out = fs.openSync(logPath, 'a');
    child = spawn('java', java('kafka.Kafka', [props]), { stdio: ['ignore', out, out] });
    fs.closeSync(out);
    exit = new Promise((resolve) => child.once('exit', resolve));
    const deadline = Date.now() + (options.timeoutMs || 90_000);
    while (!(await securedKafkaReady({ brokers: [brokers] }))) {
      if (!running()) throw new Error(`the scratch broker exited while starting:\n${tail(logPath)}`);
      if (Date.now() > deadline) throw new Error(`the scratch broker is not ready:\n${tail(logPath)}`);
      await sleep(250);
    }
  };
  const orphanGuard = () => {
    try {
      if (running()) child.kill('SIGKILL');
    } catch {
      /* gone */
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', orphanGuard);
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    process.off('exit', orphanGuard);
    await kill();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  const restart = async (signal = 'SIGKILL') => {
    await kill(signal);
    await launch();
  };
  try {
    await launch();
  } catch (err) {
    await stop();
    throw err;
  }
  return { brokers, port, dir, kill, restart, stop, log: () => tail(logPath) };
}

function tail(file, lines = 40) {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

async function securedKafkaReady(config) {
  try {
    const { Kafka, logLevel } = require('kafkajs');
    const admin = new Kafka({
      ...config,
      logLevel: logLevel.NOTHING,
      retry: { retries: 0 },
      connectionTimeout: 2000,
    }).admin();
    await admin.connect();
    try {
      await admin.describeCluster();
    } finally {
      await admin.disconnect();
    }
    return true;
  } catch {
    return false;
  }
}

// ---------- FerretDB ----------
// tools/infra/ferretdb wraps FerretDB in a write-serialising front (single-document atomicity, as
// MongoDB guarantees) that also caps the requests inside FerretDB (--max-in-flight). It is built
// against a copy of the FerretDB module with tools/infra/ferretdb/patches/*.patch applied (a module
// replace through a generated go.mod; the module cache is never edited). The binary's cache key
// includes a hash of the wrapper's sources and of the patches, so an edited wrapper or patch is
// rebuilt, never served stale.
const ferretSrc = path.join(__dirname, 'infra', 'ferretdb');
const ferretPatchDir = path.join(ferretSrc, 'patches');
const FERRETDB_MODULE = 'github.com/FerretDB/FerretDB';

function ferretPatches() {
  if (!fs.existsSync(ferretPatchDir)) return [];
  return fs
    .readdirSync(ferretPatchDir)
    .filter((f) => f.endsWith('.patch'))
    .sort();
}

function ferretPatchHash() {
  const hash = crypto.createHash('sha256');
  for (const f of ferretPatches())
    hash
      .update(`${f}\0`)
      .update(fs.readFileSync(path.join(ferretPatchDir, f)))
      .update('\0');
  return hash.digest('hex').slice(0, 12);
}

function ferretSourceHash() {
  const hash = crypto.createHash('sha256');
  const files = fs
    .readdirSync(ferretSrc)
    .filter((f) => (f.endsWith('.go') && !f.endsWith('_test.go')) || f === 'go.mod' || f === 'go.sum')
    .sort();
  for (const f of files)
    hash
      .update(`${f}\0`)
      .update(fs.readFileSync(path.join(ferretSrc, f)))
      .update('\0');
  hash.update(`patches\0${ferretPatchHash()}\0`);
  return hash.digest('hex').slice(0, 12);
}

const ferretBin = path.join(CACHE, 'ferretdb', `${FERRETDB_VERSION}-${ferretSourceHash()}`, 'ferretdb');

/**
 * The FerretDB module source with the patches applied: .cache/ferretdb/src/FerretDB@<version>-<patches hash>,
 * copied from the module cache (`go mod download`, so the Go module proxy on a fresh clone) and patched
 * in a temporary folder renamed into place, so a half-patched copy is never used.
 */
function patchedFerretDbSource() {
  const dir = path.join(CACHE, 'ferretdb', 'src', `FerretDB@${FERRETDB_VERSION}-${ferretPatchHash()}`);
  if (fs.existsSync(path.join(dir, 'go.mod'))) return dir;
  const dl = spawnSync('go', ['mod', 'download', '-json', `${FERRETDB_MODULE}@${FERRETDB_VERSION}`], {
    cwd: ferretSrc,
    encoding: 'utf8',
  });
  let info = {};
  try {
    info = JSON.parse(dl.stdout);
  } catch {
    /* reported below */
  }
  if (dl.status !== 0 || !info.Dir) {
    throw new Error(
      `go mod download ${FERRETDB_MODULE}@${FERRETDB_VERSION} failed: ${info.Error || dl.stderr || dl.stdout}`,
    );
  }
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  const partial = `${dir}.partial-${process.pid}`;
  fs.rmSync(partial, { recursive: true, force: true });
  fs.cpSync(info.Dir, partial, { recursive: true });
  run('chmod', ['-R', 'u+w', partial]); // the module cache is read-only, and so is its copy
  for (const p of ferretPatches()) {
    log(`patching FerretDB ${FERRETDB_VERSION}: ${p}`);
    // git apply outside any repository (the ceiling stops it finding this clone's): paths are
    // relative to the module root, and a patch that does not apply exactly fails the build
    run('git', ['apply', '-p1', '--whitespace=nowarn', path.join(ferretPatchDir, p)], {
      cwd: partial,
      env: { ...process.env, GIT_CEILING_DIRECTORIES: path.dirname(partial) },
    });
  }
  if (fs.existsSync(path.join(dir, 'go.mod'))) {
    fs.rmSync(partial, { recursive: true, force: true }); // another build got there first
  } else {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.renameSync(partial, dir);
  }
  return dir;
}

function installFerretDb() {
  if (fs.existsSync(ferretBin)) return;
  log(
    `building FerretDB ${FERRETDB_VERSION} (wrapper ${path.basename(path.dirname(ferretBin))}, ` +
      `${ferretPatches().length} patch(es)) with Go from the module proxy`,
  );
  const source = patchedFerretDbSource();
  const buildDir = path.dirname(ferretBin);
  fs.mkdirSync(buildDir, { recursive: true });
  // the wrapper's go.mod and go.sum plus a replace by the patched copy, used through -modfile
  const modfile = path.join(buildDir, 'go.mod');
  fs.writeFileSync(
    modfile,
    `${fs.readFileSync(path.join(ferretSrc, 'go.mod'), 'utf8').trimEnd()}\n\n` +
      `// generated by tools/infra.js: FerretDB with tools/infra/ferretdb/patches applied\n` +
      `replace ${FERRETDB_MODULE} ${FERRETDB_VERSION} => ${source}\n`,
  );
  fs.copyFileSync(path.join(ferretSrc, 'go.sum'), path.join(buildDir, 'go.sum'));
  const partial = `${ferretBin}.partial-${process.pid}`;
  run('go', ['build', `-modfile=${modfile}`, '-o', partial, '.'], { cwd: ferretSrc });
  fs.renameSync(partial, ferretBin);
}

// FerretDB's PostgreSQL backend (Debian's postgresql) measured faster here than its SQLite backend
// (README, performance); SQLite is the fallback where no PostgreSQL server binaries are installed.
function pgBinDir() {
  for (const dir of [
    '/usr/lib/postgresql/17/bin',
    '/usr/lib/postgresql/16/bin',
    '/usr/lib/postgresql/15/bin',
    '/usr/local/bin',
    '/usr/bin',
  ]) {
    if (fs.existsSync(path.join(dir, 'initdb')) && fs.existsSync(path.join(dir, 'pg_ctl'))) return dir;
  }
  return null;
}

function pgBin(name) {
  const dir = pgBinDir();
  if (dir && fs.existsSync(path.join(dir, name))) return path.join(dir, name);
  return null;
}

/** { backend, why }: PostgreSQL wherever its binaries exist, unless FERRETDB_BACKEND says otherwise. */
function ferretBackend() {
  const wanted = process.env.FERRETDB_BACKEND;
  if (wanted === 'sqlite' || wanted === 'postgresql') return { backend: wanted, why: `FERRETDB_BACKEND=${wanted}` };
  if (wanted) throw new Error(`FERRETDB_BACKEND=${wanted}: want postgresql or sqlite`);
  const dir = pgBinDir();
  return dir
    ? { backend: 'postgresql', why: `PostgreSQL server binaries in ${dir}` }
    : { backend: 'sqlite', why: 'no PostgreSQL server binaries (initdb, pg_ctl) installed' };
}

const asRoot = () => Boolean(process.getuid && process.getuid() === 0);

// PostgreSQL refuses to run as root: as root, its files belong to and it runs as the postgres user.
function asPostgres(cmd, args, opts = {}) {
  if (asRoot()) {
    return spawnSync('runuser', ['-u', 'postgres', '--', cmd, ...args], { encoding: 'utf8', ...opts });
  }
  return spawnSync(cmd, args, { encoding: 'utf8', ...opts });
}

const postgresCanEnter = (dir) => asPostgres('test', ['-x', dir, '-a', '-r', dir]).status === 0;

/**
 * Where PostgreSQL keeps its cluster, socket and log: the clone's .data/ and .run/ when the postgres
 * user can enter them; otherwise (running as root from a mktemp -d folder or a mode-700 home) a
 * folder of this clone under /var/tmp owned by postgres. Same answer on every call for one clone.
 */
function pgLocation() {
  fs.mkdirSync(DATA, { recursive: true });
  fs.mkdirSync(RUN, { recursive: true });
  if (postgresCanEnter(DATA) && postgresCanEnter(RUN)) {
    return {
      data: path.join(DATA, 'postgres'),
      socketDir: RUN,
      log: logFile('postgres'),
      why: `data in ${path.join(DATA, 'postgres')}`,
    };
  }
  const base = path.join(
    '/var/tmp',
    `appliance-care-${crypto.createHash('sha256').update(DATA).digest('hex').slice(0, 10)}`,
  );
  return {
    data: path.join(base, 'postgres'),
    socketDir: path.join(base, 'run'),
    log: path.join(base, 'postgres.log'),
    base,
    why: `data in ${path.join(base, 'postgres')}: the postgres user cannot enter ${DATA}`,
  };
}

/** Creates a folder that PostgreSQL (the postgres user, when run as root) owns. */
function postgresDir(dir) {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (asRoot()) spawnSync('chown', ['postgres', dir]);
}

async function startPostgres(where) {
  if (await portOpen(ports.postgres)) return;
  if (where.base) postgresDir(where.base);
  postgresDir(where.socketDir);
  if (!fs.existsSync(path.join(where.data, 'PG_VERSION'))) {
    log(`initialising PostgreSQL cluster for FerretDB in ${where.data}`);
    postgresDir(where.data);
    if (asRoot()) spawnSync('chown', ['-R', 'postgres', where.data]);
    const res = asPostgres(pgBin('initdb'), [
      '-D',
      where.data,
      '-U',
      'postgres',
      '--auth=trust',
      '--encoding=UTF8',
      '--locale=C',
    ]);
    if (res.status !== 0) throw new Error(`initdb failed: ${res.stderr}`);
  }
  if (where.log === logFile('postgres') && asRoot()) {
    fs.closeSync(fs.openSync(where.log, 'a'));
    spawnSync('chown', ['postgres', where.log]);
  }
  const res = asPostgres(pgBin('pg_ctl'), [
    '-D',
    where.data,
    '-l',
    where.log,
    '-w',
    '-t',
    '60',
    '-o',
    `-p ${ports.postgres} -k ${where.socketDir} -c listen_addresses=127.0.0.1 -c max_connections=400 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`,
    'start',
  ]);
  if (res.status !== 0) throw new Error(`PostgreSQL did not start: ${res.stderr || res.stdout}; see ${where.log}`);
  const created = asPostgres(pgBin('psql') ?? 'psql', [
    '-h',
    '127.0.0.1',
    '-p',
    String(ports.postgres),
    '-U',
    'postgres',
    '-tAc',
    "SELECT 1 FROM pg_database WHERE datname='ferretdb'",
  ]);
  if (!String(created.stdout).includes('1')) {
    asPostgres(pgBin('createdb') ?? 'createdb', [
      '-h',
      '127.0.0.1',
      '-p',
      String(ports.postgres),
      '-U',
      'postgres',
      'ferretdb',
    ]);
  }
  log(`postgresql ready on 127.0.0.1:${ports.postgres} (${where.data})`);
}

function stopPostgres() {
  if (!pgBin('pg_ctl')) return;
  const where = pgLocation();
  if (!fs.existsSync(path.join(where.data, 'postmaster.pid'))) return;
  asPostgres(pgBin('pg_ctl'), ['-D', where.data, '-m', 'fast', '-w', 'stop']);
  log(`postgresql stopped (${where.data})`);
}

function ferretMaxInFlight() {
  const value = process.env.FERRETDB_MAX_IN_FLIGHT || '64';
  if (!/^\d+$/.test(value)) throw new Error(`FERRETDB_MAX_IN_FLIGHT=${value}: want a whole number (0: no cap)`);
  return value;
}

async function startFerretDb() {
  if (await portOpen(ports.ferretdb)) {
    const pid = readPid('ferretdb');
    let exe = '';
    try {
      exe = fs.readlinkSync(`/proc/${pid}/exe`);
    } catch {
      /* not ours, or not Linux */
    }
    if (pid && alive(pid) && exe && exe !== ferretBin) {
      log(
        `ferretdb already listening on ${ports.ferretdb}, but from another build (${exe}); ` +
          `restart it for this wrapper: node tools/infra.js down ferretdb && node tools/infra.js up ferretdb`,
      );
    } else {
      log(`ferretdb already listening on ${ports.ferretdb}`);
    }
    return;
  }
  const { backend, why } = ferretBackend();
  installFerretDb();
  let args;
  let where = '';
  if (backend === 'postgresql') {
    const location = pgLocation();
    log(`ferretdb backend: postgresql (${why}; ${location.why})`);
    try {
      await startPostgres(location);
    } catch (err) {
      throw new Error(`${err.message}\n(set FERRETDB_BACKEND=sqlite to use FerretDB's slower SQLite backend instead)`);
    }
    // FerretDB's own pool default (50) was seen to starve under six services plus benchmarks (pings hung, "Acquire: context canceled").
    // A statement can hold one pool connection while it waits for another: the front lets at most
    // --max-in-flight requests (default 64, well under half the pool) into FerretDB at once.
    args = [
      '--handler=postgresql',
      `--postgresql-url=postgres://postgres@127.0.0.1:${ports.postgres}/ferretdb?pool_max_conns=200`,
      `--serialize=${process.env.FERRETDB_SERIALIZE || 'documents'}`,
      `--max-in-flight=${ferretMaxInFlight()}`,
    ];
    where = location.data;
  } else {
    log(`ferretdb backend: sqlite (${why})`);
    const dir = path.join(DATA, 'ferretdb');
    fs.mkdirSync(dir, { recursive: true });
    // SQLite has one writer: every write command through one mutex, or concurrent ones fail with SQLITE_BUSY
    args = [
      '--handler=sqlite',
      `--sqlite-url=file:${dir}/`,
      `--serialize=${process.env.FERRETDB_SERIALIZE || 'all'}`,
      `--max-in-flight=${ferretMaxInFlight()}`,
    ];
    where = dir;
  }
  startDetached('ferretdb', ferretBin, [`--listen-addr=127.0.0.1:${ports.ferretdb}`, ...args]);
  await waitFor('ferretdb', () => portOpen(ports.ferretdb), 60_000);
  log(`ferretdb ready on 127.0.0.1:${ports.ferretdb} (${backend} backend, data in ${where})`);
}

// ---------- maildev ----------
async function startMaildev() {
  if (await portOpen(ports.smtp)) {
    log(`SMTP sink already listening on ${ports.smtp}`);
    return;
  }
  const bin = path.join(ROOT, 'node_modules', 'maildev', 'bin', 'maildev');
  startDetached('maildev', process.execPath, [
    bin,
    '--smtp',
    String(ports.smtp),
    '--web',
    String(ports.maildevWeb),
    '--ip',
    '127.0.0.1',
    '--silent',
  ]);
  await waitFor('maildev', () => portOpen(ports.smtp), 30_000);
  log(`maildev ready: SMTP 127.0.0.1:${ports.smtp}, web UI http://127.0.0.1:${ports.maildevWeb}`);
}

const components = { kafka: startKafka, ferretdb: startFerretDb, maildev: startMaildev };

async function up(names) {
  await Promise.all(names.map((n) => components[n]()));
}

async function stopOne(name) {
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

async function down(names) {
  await Promise.all(names.map(stopOne));
  if (names.includes('ferretdb')) stopPostgres();
}

async function status() {
  const rows = [
    ['kafka', ports.kafka],
    ['ferretdb', ports.ferretdb],
    ['maildev', ports.smtp],
  ];
  for (const [name, port] of rows) {
    const pid = readPid(name);
    const mine = pid && alive(pid);
    const open = await portOpen(port);
    console.log(
      `${name.padEnd(9)} port ${String(port).padEnd(6)} ${open ? 'listening' : 'down'}${mine ? ` (pid ${pid}, started here)` : ''}`,
    );
  }
}

module.exports = {
  up,
  down,
  status,
  ports,
  portOpen,
  components: Object.keys(components),
  startSecuredKafka,
  startScratchKafka,
};

if (require.main === module) {
  const [cmd = 'status', ...rest] = process.argv.slice(2);
  const names = rest.length ? rest : Object.keys(components);
  const unknown = names.filter((n) => !components[n]);
  const actions = {
    up: () => up(names),
    down: () => down(names),
    status,
    logs: () => process.stdout.write(fs.readFileSync(logFile(rest[0] || 'kafka'), 'utf8')),
  };
  if (!actions[cmd] || (cmd !== 'logs' && unknown.length)) {
    console.error('usage: node tools/infra.js up|down|status|logs [kafka|ferretdb|maildev]');
    process.exit(2);
  }
  actions[cmd]().catch((err) => {
    console.error('[infra]', err.message);
    process.exit(1);
  });
}
