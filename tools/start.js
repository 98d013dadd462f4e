#!/usr/bin/env node
// `npm start`: Kafka, FerretDB, the SMTP sink and every service in the foreground, with one prefixed,
// readable log stream. Prints where to look once everything is ready; Ctrl-C stops all of it. Jaeger
// runs too and receives every service's traces (JAEGER=0, or an OTEL_EXPORTER_OTLP_ENDPOINT of your
// own, turns it off).
// Not `concurrently` (a dependency): it prefixes lines but cannot pretty-print each service's pino JSON
// line without a shell pipe through pino-pretty, which hides the service's exit status (/bin/sh has no
// pipefail), and the rest (start only the infrastructure not yet running, wait for /health/ready,
// print the URLs, stop what it started) would stay here anyway.
'use strict';
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const readline = require('node:readline');
const { ensureConsoleBuilt } = require('./console-build.js');
const infra = require('./infra.js');
const { jaegerOtlpEndpoint, jaegerPorts } = require('./infra/jaeger.js');

const ROOT = path.resolve(__dirname, '..');
const SERVICES = [
  { name: 'sales-installation', port: 3001 },
  { name: 'diagnostics', port: 3002 },
  { name: 'repairs', port: 3003 },
  { name: 'dispatch', port: 3004 },
  { name: 'notifications', port: 3005 },
  { name: 'portal', port: 3000 },
  { name: 'parts', port: 3007 },
].filter((s) => fs.existsSync(path.join(ROOT, 'apps', s.name, 'src', 'main.ts')));

/** The web console (apps/console): its own server in front of the services' APIs. */
const CONSOLE_PORT = Number(process.env.CONSOLE_PORT || 8080);
const COLORS = [36, 33, 35, 32, 34, 91, 96];
const pad = Math.max(...SERVICES.map((s) => s.name.length), 8);
let prettify = (obj) => JSON.stringify(obj);
try {
  const { prettyFactory } = require('pino-pretty');
  prettify = prettyFactory({
    colorize: process.stdout.isTTY,
    translateTime: 'HH:MM:ss.l',
    ignore: 'pid,hostname,service',
    singleLine: true,
  });
} catch {
  // plain JSON lines when pino-pretty is absent
}

function prefixed(name, color, stream) {
  const label = `\x1b[${color}m${name.padEnd(pad)}\x1b[0m |`;
  readline.createInterface({ input: stream }).on('line', (line) => {
    let text = line;
    if (line.startsWith('{')) {
      try {
        text = prettify(JSON.parse(line)).trimEnd();
      } catch {
        text = line;
      }
    }
    process.stdout.write(`${label} ${text}\n`);
  });
}

const children = [];
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
  await Promise.all(
    children.map(
      (child) =>
        new Promise((resolve) => {
          if (child.exitCode !== null) return resolve();
          child.once('exit', resolve);
          child.kill('SIGTERM');
          setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
        }),
    ),
  );
  if (startedInfra.length) {
    console.log(`[start] stopping ${startedInfra.join(', ')}…`);
    await infra.down(startedInfra);
  }
  console.log('[start] all stopped; data kept in .data/');
  process.exit(code);
}

/** One TypeScript program in its own process, its output prefixed; one that exits stops everything. */
function startProcess(name, main, env, color) {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', main], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  prefixed(name, color, child.stdout);
  prefixed(name, color, child.stderr);
  child.on('exit', (code, signal) => {
    if (stopping) return;
    console.error(`[start] ${name} exited (${signal ?? code}); stopping everything`);
    stopAll(1);
  });
  children.push(child);
}

/** Every service in its own process, then the console in front of them (on their ports). */
function startServices(env) {
  SERVICES.forEach((svc, i) => {
    const main = path.join('apps', svc.name, 'src', 'main.ts');
    const serviceEnv = { ...env, PORT: String(svc.port), OTEL_SERVICE_NAME: svc.name };
    startProcess(svc.name, main, serviceEnv, COLORS[i % COLORS.length]);
  });
  const urls = Object.fromEntries(
    SERVICES.map((s) => [`${s.name.replace(/-/g, '_').toUpperCase()}_URL`, `http://127.0.0.1:${s.port}`]),
  );
  const consoleEnv = { ...env, ...urls, CONSOLE_PORT: String(CONSOLE_PORT) };
  startProcess('console', path.join('apps', 'console', 'server', 'main.ts'), consoleEnv, COLORS[6]);
}

function printWhereToLook() {
  console.log('\n[start] appliance-care is up:');
  for (const s of SERVICES) {
    console.log(`  ${s.name.padEnd(pad)}  http://127.0.0.1:${s.port}/docs   (ready: /health/ready)`);
  }
  const { maildevWeb, smtp, kafka, ferretdb } = infra.ports;
  console.log(
    `  ${'console'.padEnd(pad)}  http://127.0.0.1:${CONSOLE_PORT}   (sign in as dispatcher, technician or customer)`,
  );
  console.log(`  ${'maildev'.padEnd(pad)}  http://127.0.0.1:${maildevWeb}   (SMTP 127.0.0.1:${smtp})`);
  if (tracing) console.log(`  ${'jaeger'.padEnd(pad)}  http://127.0.0.1:${jaegerPorts.ui}   (traces of every service)`);
  console.log(`  ${'kafka'.padEnd(pad)}  127.0.0.1:${kafka}     ferretdb  mongodb://127.0.0.1:${ferretdb}`);
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
    KAFKA_BROKERS: process.env.KAFKA_BROKERS ?? `127.0.0.1:${infra.ports.kafka}`,
    MONGODB_URI: process.env.MONGODB_URI ?? `mongodb://127.0.0.1:${infra.ports.ferretdb}`,
    SMTP_URL: process.env.SMTP_URL ?? `smtp://127.0.0.1:${infra.ports.smtp}`,
    DISPATCH_SEED_FILE:
      process.env.DISPATCH_SEED_FILE ?? path.join(ROOT, 'libs/dispatch/src/data/technicians.seed.json'),
    PARTS_SEED_FILE: process.env.PARTS_SEED_FILE ?? path.join(ROOT, 'libs/parts/src/data/stock.seed.json'),
    ...(tracing ? { OTEL_EXPORTER_OTLP_ENDPOINT: jaegerOtlpEndpoint() } : {}),
  });
  const ready = await Promise.all(SERVICES.map((s) => waitReady(s.port)));
  if (stopping) return;
  const notReady = SERVICES.filter((_, i) => !ready[i]).map((s) => s.name);
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
