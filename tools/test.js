#!/usr/bin/env node
// `npm test`: type-check, lint, format-check, layer-check and size-check the workspace, then run every
// jest project against the real Kafka and MongoDB-compatible store. Local infrastructure started here
// is stopped at the end.
'use strict';
const { spawnSync } = require('node:child_process');
const path = require('node:path');
const infra = require('./infra.js');
const { jaegerPorts } = require('./infra/jaeger.js');

const ROOT = path.resolve(__dirname, '..');
const bin = (name) => path.join(ROOT, 'node_modules', '.bin', name);

/** [title, command, arguments]: each must pass before the tests run; the first failure stops the run. */
const CHECKS = [
  ['type-check', bin('tsc'), ['-p', 'tsconfig.json']],
  // the console's browser app (DOM, JSX) and its Vite config have their own compiler settings
  ['type-check (console app)', bin('tsc'), ['-p', 'apps/console/tsconfig.json']],
  ['type-check (console build config)', bin('tsc'), ['-p', 'apps/console/tsconfig.vite.json']],
  ['lint (module boundaries)', bin('eslint'), ['--max-warnings=0', '--no-warn-ignored', '.']],
  ['format (npm run format fixes it)', bin('prettier'), ['--check', '--log-level=warn', '.']],
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

function step(title, cmd, args, env = process.env) {
  console.log(`\n=== ${title} ===`);
  const res = spawnSync(cmd, args, { stdio: 'inherit', cwd: ROOT, env });
  return res.status ?? 1;
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
  for (const [title, cmd, checkArgs] of CHECKS) {
    const checkStatus = step(title, cmd, checkArgs);
    if (checkStatus !== 0) process.exit(checkStatus);
  }
  const env = { ...process.env };
  const started = await testInfrastructure(env);
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
