#!/usr/bin/env node
// Builds the console's single-page app (apps/console → apps/console/dist) with Vite, only when its
// sources changed since the last build: the inputs' hash is stamped into dist. Used by `npm start`,
// the console's browser tests and the Nx `console:build` target.
//   node tools/console-build.js [--force]
'use strict';
const { spawnSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const APP = path.join(ROOT, 'apps', 'console');
const DIST = path.join(APP, 'dist');
const STAMP = path.join(DIST, '.build-inputs.sha256');
const INPUTS = ['index.html', 'vite.config.ts', 'tsconfig.json', 'src'];

function filesOf(entry) {
  const full = path.join(APP, entry);
  if (!fs.existsSync(full)) return [];
  if (!fs.statSync(full).isDirectory()) return [full];
  return fs.readdirSync(full).flatMap((name) => filesOf(path.join(entry, name)));
}

/** The hash of everything the build reads: the app's sources and the lock (the toolchain's versions). */
function inputsHash() {
  const hash = crypto.createHash('sha256');
  for (const file of [...INPUTS.flatMap(filesOf).sort(), path.join(ROOT, 'package-lock.json')]) {
    hash.update(path.relative(ROOT, file)).update('\0').update(fs.readFileSync(file));
  }
  return hash.digest('hex');
}

/** Builds unless dist holds a build of exactly these inputs; answers whether it built. */
function ensureConsoleBuilt({ force = false, quiet = false } = {}) {
  const hash = inputsHash();
  const built = fs.existsSync(STAMP) ? fs.readFileSync(STAMP, 'utf8').trim() : '';
  if (!force && built === hash && fs.existsSync(path.join(DIST, 'index.html'))) return false;
  if (!quiet) console.log('[console] building the console (vite build)…');
  const vite = path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  const res = spawnSync(process.execPath, [vite, 'build', '--config', path.join(APP, 'vite.config.ts')], {
    cwd: ROOT,
    stdio: quiet ? 'pipe' : 'inherit',
    env: { ...process.env, VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' },
  });
  if (res.status !== 0) {
    throw new Error(`vite build failed (${res.status})${quiet ? `:\n${res.stdout}\n${res.stderr}` : ''}`);
  }
  fs.writeFileSync(STAMP, hash);
  return true;
}

module.exports = { ensureConsoleBuilt, CONSOLE_DIST: DIST };

if (require.main === module) {
  try {
    const built = ensureConsoleBuilt({ force: process.argv.includes('--force') });
    if (!built) console.log('[console] up to date');
  } catch (err) {
    console.error(err.message);
    process.exit(1);
  }
}
