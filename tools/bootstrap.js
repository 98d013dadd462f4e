#!/usr/bin/env node
// First-use setup for `npm start` / `npm test` on a fresh clone: installs the npm dependencies from
// the lock (npm ci) when node_modules is missing or older than package-lock.json. Kafka jars and
// FerretDB are fetched/built by tools/infra.js the first time they are started. Plain Node only:
// this runs before any dependency exists.
'use strict';
const { spawnSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const lock = path.join(ROOT, 'package-lock.json');
const stamp = path.join(ROOT, 'node_modules', '.appliance-care-lock.sha256');

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(`[bootstrap] Node >= 20.19 is required (this is ${process.version})`);
  process.exit(1);
}

const hash = crypto.createHash('sha256').update(fs.readFileSync(lock)).digest('hex');
const current = fs.existsSync(stamp) ? fs.readFileSync(stamp, 'utf8').trim() : '';
if (current !== hash) {
  console.log('[bootstrap] installing npm dependencies (npm ci)…');
  const res = spawnSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: ROOT, stdio: 'inherit' });
  if (res.status !== 0) process.exit(res.status ?? 1);
  fs.writeFileSync(stamp, hash);
}
