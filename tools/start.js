#!/usr/bin/env node
// `npm start`: Kafka, FerretDB, the SMTP sink and every service in the foreground, with one prefixed,
// readable log stream. Prints where to look once everything is ready; Ctrl-C stops all of it. Jaeger
// runs too and receives every service's traces (JAEGER=0, or an OTEL_EXPORTER_OTLP_ENDPOINT of your
// own, turns it off).
// `npm start -- --instances 2` (or INSTANCES=2) runs two instances of every service, each on its own
// port (tools/start/instances.js), all of a service's instances in its one consumer group. A service
// instance that dies (crash, SIGKILL) is restarted (tools/start/supervisor.js); the instances running
// are listed in .run/services.json (tools/start/services-file.js). `--brokers 3` (or KAFKA_NODES=3) runs
// Kafka as a three-node KRaft cluster (tools/infra/kafka-cluster.js).
// Not `concurrently` (a dependency): it prefixes lines but cannot pretty-print each service's pino JSON
// line without a shell pipe through pino-pretty, which hides the service's exit status (/bin/sh has no
// pipefail), and the rest (start only the infrastructure not yet running, wait for /health/ready,
// print the URLs, stop what it started) would stay here anyway.
'use strict';
const path = require('node:path');
const { ensureConsoleBuilt } = require('./console-build.js');
const infra = require('./infra.js');
const { jaegerOtlpEndpoint, jaegerPorts } = require('./infra/jaeger.js');
const { brokerCount, instanceCount } = require('./start/count-flags.js');
const { portOffset, serviceInstances } = require('./start/instances.js');
const { COLORS } = require('./start/log-lines.js');
const { removeServicesFile } = require('./start/services-file.js');
const { Supervisor } = require('./start/supervisor.js');

const ROOT = path.resolve(__dirname, '..');
const SERVICES_FILE = path.join(ROOT, '.run', 'services.json');
const INSTANCES = instanceCount();
// read by the infrastructure when it starts Kafka: one broker, or a cluster of KRaft nodes
process.env.KAFKA_NODES = String(brokerCount());
const PORT_OFFSET = portOffset();
const INSTANCE_LIST = serviceInstances(ROOT, INSTANCES, PORT_OFFSET);
const SERVICE_NAMES = [...new Set(INSTANCE_LIST.map((i) => i.service))];

/** The web console (apps/console): its own server in front of the services' APIs (their first instances). */
const CONSOLE_PORT = Number(process.env.CONSOLE_PORT || 8080 + PORT_OFFSET);
const pad = Math.max(...INSTANCE_LIST.map((i) => i.label.length), 8);

let stopping = false;
/** infrastructure this run started; what was already running (e.g. `npm run infra:up`) is left running */
const startedInfra = [];
const infraPort = {
  kafka: infra.ports.kafka,
  ferretdb: infra.ports.ferretdb,
  maildev: infra.ports.smtp,
  jaeger: jaegerPorts.ui,
};
/** Jaeger receives every service's traces, unless JAEGER=0 or another OTLP endpoint is given */
const tracing = process.env.JAEGER !== '0' && !process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
const infraComponents = infra.components.filter((name) => name !== 'jaeger' || tracing);

const supervisor = new Supervisor({
  cwd: ROOT,
  servicesFile: SERVICES_FILE,
  labelWidth: pad,
  onGiveUp: () => stopAll(1),
});

async function waitReady(port, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/health/ready`);
      if (res.status === 200) return true;
    } catch {
      // not listening yet
    }
    if (stopping) return false;
    await new Promise((r) => setTimeout(r, 500));
  }
  return false;
}

async function stopAll(code = 0) {
  if (stopping) return;
  stopping = true;
  console.log('\n[start] stopping services…');
  await supervisor.stop();
  removeServicesFile(SERVICES_FILE);
  if (startedInfra.length) {
    console.log(`[start] stopping ${startedInfra.join(', ')}…`);
    await infra.down(startedInfra);
  }
  console.log('[start] all stopped; data kept in .data/');
  process.exit(code);
}

/**
 * One TypeScript program in its own supervised process, its output prefixed with its label.
 * SERVICE_NODE_ARGS adds node flags that NODE_OPTIONS refuses, e.g. "--cpu-prof --cpu-prof-dir=.profiles".
 */
function startProcess(spec, main) {
  const nodeArgs = (process.env.SERVICE_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
  supervisor.add({ ...spec, command: process.execPath, args: [...nodeArgs, '-r', '@swc-node/register', main] });
}

/**
 * Every instance of every service in its own process, then the console in front of them. The
 * console proxies to each service's first instance (its own port): the other instances share the
 * Kafka work through their consumer group, and are reached over HTTP on their own ports.
 */
function startServices(env) {
  for (const inst of INSTANCE_LIST) {
    const color = COLORS[SERVICE_NAMES.indexOf(inst.service) % COLORS.length];
    const instanceEnv = {
      PORT: String(inst.port),
      OTEL_SERVICE_NAME: inst.service,
      SERVICE_INSTANCE: String(inst.instance),
    };
    startProcess({ ...inst, env: { ...env, ...instanceEnv }, color }, inst.main);
  }
  const urls = Object.fromEntries(
    INSTANCE_LIST.filter((i) => i.instance === 1).map((i) => [
      `${i.service.replace(/-/g, '_').toUpperCase()}_URL`,
      `http://127.0.0.1:${i.port}`,
    ]),
  );
  const consoleEnv = { ...env, ...urls, CONSOLE_PORT: String(CONSOLE_PORT) };
  startProcess(
    { label: 'console', env: consoleEnv, color: COLORS[6] },
    path.join('apps', 'console', 'server', 'main.ts'),
  );
}

function printWhereToLook() {
  console.log(`\n[start] appliance-care is up (${INSTANCES} instance${INSTANCES > 1 ? 's' : ''} of each service):`);
  for (const i of INSTANCE_LIST) {
    console.log(`  ${i.label.padEnd(pad)}  http://127.0.0.1:${i.port}/docs   (ready: /health/ready)`);
  }
  const { maildevWeb, smtp, ferretdb } = infra.ports;
  const behind = INSTANCES > 1 ? ', in front of each service\u2019s #1' : '';
  console.log(
    `  ${'console'.padEnd(pad)}  http://127.0.0.1:${CONSOLE_PORT}   (sign in as dispatcher, technician, customer, librarian or library technician${behind})`,
  );
  console.log(`  ${'maildev'.padEnd(pad)}  http://127.0.0.1:${maildevWeb}   (SMTP 127.0.0.1:${smtp})`);
  if (tracing) console.log(`  ${'jaeger'.padEnd(pad)}  http://127.0.0.1:${jaegerPorts.ui}   (traces of every service)`);
  console.log(`  ${'kafka'.padEnd(pad)}  ${infra.bootstrapServers()}     ferretdb  mongodb://127.0.0.1:${ferretdb}`);
  console.log(`  instances running: ${path.relative(ROOT, SERVICES_FILE)}; one that dies is restarted`);
  console.log('  tokens: npm run token -- --role dispatcher   ·   Ctrl-C stops everything\n');
}

async function main() {
  process.on('SIGINT', () => stopAll(0));
  process.on('SIGTERM', () => stopAll(0));
  ensureConsoleBuilt();
  console.log(`[start] starting ${infraComponents.join(', ')}…`);
  for (const name of infraComponents) if (!(await infra.portOpen(infraPort[name]))) startedInfra.push(name);
  await infra.up(infraComponents);
  startServices({
    ...process.env,
    SWC_NODE_PROJECT: path.join(ROOT, 'tsconfig.json'),
    KAFKA_BROKERS: process.env.KAFKA_BROKERS ?? infra.bootstrapServers(),
    MONGODB_URI: process.env.MONGODB_URI ?? `mongodb://127.0.0.1:${infra.ports.ferretdb}`,
    SMTP_URL: process.env.SMTP_URL ?? `smtp://127.0.0.1:${infra.ports.smtp}`,
    DISPATCH_SEED_FILE:
      process.env.DISPATCH_SEED_FILE ?? path.join(ROOT, 'libs/dispatch/src/data/technicians.seed.json'),
    DISPATCH_LIBRARY_SEED_FILE:
      process.env.DISPATCH_LIBRARY_SEED_FILE ?? path.join(ROOT, 'libs/dispatch/src/data/library-technicians.seed.json'),
    PARTS_SEED_FILE: process.env.PARTS_SEED_FILE ?? path.join(ROOT, 'libs/parts/src/data/stock.seed.json'),
    ...(tracing ? { OTEL_EXPORTER_OTLP_ENDPOINT: jaegerOtlpEndpoint() } : {}),
  });
  const ready = await Promise.all(INSTANCE_LIST.map((i) => waitReady(i.port)));
  if (stopping) return;
  const notReady = INSTANCE_LIST.filter((_, i) => !ready[i]).map((i) => i.label);
  if (!(await waitReady(CONSOLE_PORT))) notReady.push('console');
  if (notReady.length) {
    console.error(`[start] not ready: ${notReady.join(', ')}`);
    return stopAll(1);
  }
  printWhereToLook();
}

main().catch((err) => {
  console.error('[start]', err);
  stopAll(1);
});
