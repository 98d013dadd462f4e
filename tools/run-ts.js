#!/usr/bin/env node
// Runs a TypeScript script of the workspace (benchmarks, simulator) through @swc-node/register, after
// making sure Kafka and FerretDB are up (started here if needed, stopped again at the end).
//   node tools/run-ts.js tools/bench/messaging.bench.ts [args…]
'use strict';
const path = require('node:path');
const { spawn } = require('node:child_process');
const infra = require('./infra.js');
const { brokerCount } = require('./start/count-flags.js');

const ROOT = path.resolve(__dirname, '..');

async function main() {
  const [script, ...args] = process.argv.slice(2);
  const env = { ...process.env, SWC_NODE_PROJECT: path.join(ROOT, 'tsconfig.json') };
  const started = [];
  // a script run with `--brokers 3` (the simulator starting a system) gets the three-node cluster
  process.env.KAFKA_NODES = String(brokerCount(args));
  if (!(env.KAFKA_BROKERS && env.MONGODB_URI)) {
    if (!(await infra.portOpen(infra.ports.kafka))) started.push('kafka');
    if (!(await infra.portOpen(infra.ports.ferretdb))) started.push('ferretdb');
    await infra.up(['kafka', 'ferretdb']);
    env.KAFKA_BROKERS ??= infra.bootstrapServers(); // every node of a KAFKA_NODES cluster
    env.MONGODB_URI ??= `mongodb://127.0.0.1:${infra.ports.ferretdb}`;
  }
  env.LOG_LEVEL ??= 'warn';
  // benchmarks and the simulator call from one address far above the public rate limit
  env.RATE_LIMIT_PER_MINUTE ??= '0';
  const child = spawn(process.execPath, ['-r', '@swc-node/register', path.resolve(ROOT, script), ...args], {
    cwd: ROOT,
    env,
    stdio: 'inherit',
  });
  const code = await new Promise((resolve) => child.on('exit', (c) => resolve(c ?? 1)));
  if (started.length) await infra.down(started);
  process.exit(code);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
