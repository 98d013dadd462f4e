#!/usr/bin/env node
// `npm test`: type-check, lint, format-check, layer-check and size-check the workspace, then run every
// jest project against the real Kafka and MongoDB-compatible store. Local infrastructure started here
// is stopped at the end.
'use strict';
const { spawn, spawnSync } = require('node:child_process');
const path = require('node:path');
const infra = require('./infra.js');
const { jaegerPorts } = require('./infra/jaeger.js');

const ROOT = path.resolve(__dirname, '..');
const bin = (name) => path.join(ROOT, 'node_modules', '.bin', name);

/**
 * [title, command, arguments]: each must pass before the tests run; the first failure stops the run.
 * They run CHECK_LANES at a time, in this order: the two longest (type-check, format) first, side by side.
 */
const CHECKS = [
  ['type-check', bin('tsc'), ['-p', 'tsconfig.json']],
  ['format (npm run format fixes it)', bin('prettier'), ['--check', '--log-level=warn', '.']],
  // the console's browser app (DOM, JSX) and its Vite config have their own compiler settings
  ['type-check (console app)', bin('tsc'), ['-p', 'apps/console/tsconfig.json']],
  ['type-check (console build config)', bin('tsc'), ['-p', 'apps/console/tsconfig.vite.json']],
  ['lint (module boundaries)', bin('eslint'), ['--max-warnings=0', '--no-warn-ignored', '.']],
  [
    'layers (dependency-cruiser; the rules and why: .dependency-cruiser.cjs)',
    bin('depcruise'),
    [
      ...['--config', '.dependency-cruiser.cjs', '--output-type', 'err-long'],
      ...['--cache', 'node_modules/.cache/dependency-cruiser', '--cache-strategy', 'content'],
      ...['apps', 'libs', 'tools'],
    ],
  ],
  [
    'size limits (files ≤ 250 lines, functions ≤ 40)',
    process.execPath,
    [path.join(__dirname, 'checks', 'size-limits.js')],
  ],
];

/** Each check is one process busy on one core: two at once keep this 2-core machine's cores full. */
const CHECK_LANES = 2;

function step(title, cmd, args, env = process.env) {
  console.log(`\n=== ${title} ===`);
  const res = spawnSync(cmd, args, { stdio: 'inherit', cwd: ROOT, env });
  return res.status ?? 1;
}

/** Runs a check with its output held back, so that checks running side by side print one after another. */
function check([title, cmd, args], children) {
  return new Promise((resolve) => {
    const began = Date.now();
    const child = spawn(cmd, args, { cwd: ROOT, env: process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    children.add(child);
    const output = [];
    child.stdout.on('data', (chunk) => output.push(chunk));
    child.stderr.on('data', (chunk) => output.push(chunk));
    const done = (status, error = '') => {
      children.delete(child);
      const seconds = ((Date.now() - began) / 1000).toFixed(1);
      resolve({ title, status, seconds, output: Buffer.concat(output).toString('utf8') + error });
    };
    child.on('error', (err) => done(1, String(err)));
    child.on('close', (code) => done(code ?? 1));
  });
}

/** Every check, CHECK_LANES at once, reported in CHECKS order: the status of the first that failed, else 0. */
async function runChecks() {
  const children = new Set();
  const results = CHECKS.map(() => {
    let settle;
    const promise = new Promise((resolve) => (settle = resolve));
    return { promise, settle };
  });
  let next = 0;
  const lane = async () => {
    while (next < CHECKS.length) {
      const i = next++;
      results[i].settle(await check(CHECKS[i], children));
    }
  };
  for (let n = 0; n < CHECK_LANES; n++) lane();
  for (const { promise } of results) {
    const { title, status, seconds, output } = await promise;
    console.log(`\n=== ${title} (${seconds} s) ===`);
    if (output) process.stdout.write(output);
    if (status !== 0) {
      for (const child of children) child.kill('SIGTERM');
      return status;
    }
  }
  return 0;
}

/** The environment the tests need; starts Kafka and FerretDB unless given. Returns what it started. */
async function testInfrastructure(env) {
  const started = [];
  if ((env.KAFKA_BROKERS && env.MONGODB_URI) || env.TEST_INFRA === 'docker') return started;
  for (const name of ['kafka', 'ferretdb']) if (!(await infra.portOpen(infra.ports[name]))) started.push(name);
  await infra.up(['kafka', 'ferretdb']);
  env.KAFKA_BROKERS ??= infra.bootstrapServers(); // every node of a KAFKA_NODES cluster
  env.MONGODB_URI ??= `mongodb://127.0.0.1:${infra.ports.ferretdb}`;
  return started;
}

async function main() {
  // caches the project graph the lint rule reads
  spawnSync(bin('nx'), ['show', 'projects'], {
    cwd: ROOT,
    stdio: 'ignore',
    env: { ...process.env, NX_DAEMON: 'false' },
  });
  // the broker and the store start while the checks run: most of their start is waiting
  const env = { ...process.env };
  const infrastructure = testInfrastructure(env);
  infrastructure.catch(() => undefined); // reported below, after the checks
  const checkStatus = await runChecks();
  if (checkStatus !== 0) {
    const started = await infrastructure.catch(() => []);
    if (started.length && !process.env.KEEP_INFRA) await infra.down(started);
    process.exit(checkStatus);
  }
  const started = await infrastructure;
  env.SWC_NODE_PROJECT ??= path.join(ROOT, 'tsconfig.json');
  env.LOG_LEVEL ??= 'warn';
  // the tracing test starts Jaeger itself (built once, cached): stop it too if it was not running before
  const jaegerWasRunning = await infra.portOpen(jaegerPorts.ui);
  const status = step('jest', bin('jest'), ['--ci', '--forceExit', ...process.argv.slice(2)], env);
  if (!jaegerWasRunning && (await infra.portOpen(jaegerPorts.ui))) started.push('jaeger');
  if (started.length && !process.env.KEEP_INFRA) await infra.down(started);
  process.exit(status);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
