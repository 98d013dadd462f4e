#!/usr/bin/env node
// `npm test`: type-check and lint the workspace, then run every jest project against the real
// Kafka and MongoDB-compatible store. Local infrastructure started here is stopped at the end.
'use strict';
const { spawnSync } = require('node:child_process');
const path = require('node:path');
const infra = require('./infra.js');

const ROOT = path.resolve(__dirname, '..');
const bin = (name) => path.join(ROOT, 'node_modules', '.bin', name);

function step(title, cmd, args, env = process.env) {
  console.log(`\n=== ${title} ===`);
  const res = spawnSync(cmd, args, { stdio: 'inherit', cwd: ROOT, env });
  return res.status ?? 1;
}

async function main() {
  const args = process.argv.slice(2);
  spawnSync(bin('nx'), ['show', 'projects'], {
    cwd: ROOT,
    stdio: 'ignore',
    env: { ...process.env, NX_DAEMON: 'false' },
  }); // caches the project graph the lint rule reads
  const checks = [
    ['type-check', bin('tsc'), ['-p', 'tsconfig.json']],
    ['lint (module boundaries)', bin('eslint'), ['--max-warnings=0', '--no-warn-ignored', '.']],
    ['format (npm run format fixes it)', bin('prettier'), ['--check', '--log-level=warn', '.']],
  ];
  for (const [title, cmd, checkArgs] of checks) {
    const checkStatus = step(title, cmd, checkArgs);
    if (checkStatus !== 0) process.exit(checkStatus);
  }

  const started = [];
  const env = { ...process.env };
  if (!(env.KAFKA_BROKERS && env.MONGODB_URI) && env.TEST_INFRA !== 'docker') {
    for (const name of ['kafka', 'ferretdb']) {
      const port = name === 'kafka' ? infra.ports.kafka : infra.ports.ferretdb;
      if (!(await infra.portOpen(port))) started.push(name);
    }
    await infra.up(['kafka', 'ferretdb']);
    env.KAFKA_BROKERS ??= `127.0.0.1:${infra.ports.kafka}`;
    env.MONGODB_URI ??= `mongodb://127.0.0.1:${infra.ports.ferretdb}`;
  }
  env.SWC_NODE_PROJECT ??= path.join(ROOT, 'tsconfig.json');
  env.LOG_LEVEL ??= 'warn';
  const status = step('jest', bin('jest'), ['--ci', '--forceExit', ...args], env);
  if (started.length && !process.env.KEEP_INFRA) await infra.down(started);
  process.exit(status);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
