// FerretDB (the project's build, see ferretdb-build.js) on ports.ferretdb: on PostgreSQL wherever its
// server binaries are installed, else on SQLite in .data/ferretdb.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const { DATA, ports, log, portOpen, readPid, alive, startDetached, waitFor } = require('./common.js');
const { ferretBin, installFerretDb } = require('./ferretdb-build.js');
const { pgBinDir, pgLocation, startPostgres } = require('./postgres.js');

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

/**
 * GOGC for FerretDB (FERRETDB_GOGC, 400 unless set): every command allocates a decoded copy of each
 * document it reads, and Go's default (100) collects after every few megabytes. Measured with
 * `bench:notifications -- --events 2000`: FerretDB's CPU for the same work 12 % lower at 400
 * (745–793 against 888–891 clock ticks), peak RSS 155 MB against 74 MB.
 */
function ferretGogc() {
  const value = process.env.FERRETDB_GOGC || '400';
  if (!/^(\d+|off)$/.test(value)) throw new Error(`FERRETDB_GOGC=${value}: want a whole number or off`);
  return value;
}

function ferretMaxInFlight() {
  const value = process.env.FERRETDB_MAX_IN_FLIGHT || '64';
  if (!/^\d+$/.test(value)) throw new Error(`FERRETDB_MAX_IN_FLIGHT=${value}: want a whole number (0: no cap)`);
  return value;
}

/** Starts PostgreSQL if needed; FerretDB's arguments for it and where the data is. */
async function onPostgres(why) {
  const location = pgLocation();
  log(`ferretdb backend: postgresql (${why}; ${location.why})`);
  try {
    await startPostgres(location);
  } catch (err) {
    throw new Error(`${err.message}\n(set FERRETDB_BACKEND=sqlite to use FerretDB's slower SQLite backend instead)`);
  }
  // FerretDB's own pool default (50) was seen to starve under six services plus benchmarks (pings hung,
  // "Acquire: context canceled"). A statement can hold one pool connection while it waits for another:
  // the front lets at most --max-in-flight requests (default 64, well under half the pool) into FerretDB at once.
  const args = [
    '--handler=postgresql',
    `--postgresql-url=postgres://postgres@127.0.0.1:${ports.postgres}/ferretdb?pool_max_conns=200`,
    `--serialize=${process.env.FERRETDB_SERIALIZE || 'documents'}`,
  ];
  return { args, where: location.data };
}

function onSqlite(why) {
  log(`ferretdb backend: sqlite (${why})`);
  const dir = path.join(DATA, 'ferretdb');
  fs.mkdirSync(dir, { recursive: true });
  // SQLite has one writer: every write command through one mutex, or concurrent ones fail with SQLITE_BUSY
  const args = [
    '--handler=sqlite',
    `--sqlite-url=file:${dir}/`,
    `--serialize=${process.env.FERRETDB_SERIALIZE || 'all'}`,
  ];
  return { args, where: dir };
}

/** Something listens on the port already: say so, and whether it is another build of the wrapper. */
function reportRunning() {
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
}

async function startFerretDb() {
  if (await portOpen(ports.ferretdb)) return reportRunning();
  const { backend, why } = ferretBackend();
  installFerretDb();
  const { args, where } = backend === 'postgresql' ? await onPostgres(why) : onSqlite(why);
  startDetached(
    'ferretdb',
    ferretBin,
    [`--listen-addr=127.0.0.1:${ports.ferretdb}`, ...args, `--max-in-flight=${ferretMaxInFlight()}`],
    { env: { ...process.env, GOGC: ferretGogc() } },
  );
  await waitFor('ferretdb', () => portOpen(ports.ferretdb), 60_000);
  log(`ferretdb ready on 127.0.0.1:${ports.ferretdb} (${backend} backend, data in ${where})`);
}

module.exports = { startFerretDb };
