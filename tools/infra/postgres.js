// PostgreSQL for FerretDB's PostgreSQL backend (Debian's postgresql server binaries), measured faster
// here than its SQLite backend (README, performance). As root, its files belong to and it runs as the
// postgres user (it refuses to run as root); where that user cannot enter the clone, its cluster lives
// in a folder of this clone under /var/tmp.
'use strict';
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const { DATA, RUN, ports, log, portOpen, logFile } = require('./common.js');

const PG_BIN_DIRS = [
  '/usr/lib/postgresql/17/bin',
  '/usr/lib/postgresql/16/bin',
  '/usr/lib/postgresql/15/bin',
  '/usr/local/bin',
  '/usr/bin',
];

/** The folder of the PostgreSQL server binaries (initdb, pg_ctl), or null when none is installed. */
function pgBinDir() {
  return PG_BIN_DIRS.find((dir) => ['initdb', 'pg_ctl'].every((name) => fs.existsSync(path.join(dir, name)))) ?? null;
}

function pgBin(name) {
  const dir = pgBinDir();
  return dir && fs.existsSync(path.join(dir, name)) ? path.join(dir, name) : null;
}

const asRoot = () => Boolean(process.getuid && process.getuid() === 0);

function asPostgres(cmd, args, opts = {}) {
  if (asRoot()) return spawnSync('runuser', ['-u', 'postgres', '--', cmd, ...args], { encoding: 'utf8', ...opts });
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
    const data = path.join(DATA, 'postgres');
    return { data, socketDir: RUN, log: logFile('postgres'), why: `data in ${data}` };
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

function initCluster(where) {
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

// plan_cache_mode=force_custom_plan: FerretDB sends every filter with the field's name as a parameter
// (`_jsonb->$1 @> $2`), and its driver prepares each statement once per connection. After five runs
// PostgreSQL may switch a prepared statement to its generic plan, which cannot match an index on
// `_jsonb->'field'` (the name is unknown to it): a seq scan of the whole table from then on, for as long
// as the connection lives (the lookups of the notifications service's lanes took 4–10 ms each instead of
// 0.5, and grew with the table). A custom plan is made with the values, so the index is used.
const SERVER_OPTIONS =
  '-c listen_addresses=127.0.0.1 -c max_connections=400 -c fsync=off -c synchronous_commit=off -c full_page_writes=off ' +
  '-c plan_cache_mode=force_custom_plan';
// POSTGRES_STATEMENT_STATS=1: pg_stat_statements records every statement FerretDB sends (for profiling
// where the store's time goes: `SELECT … FROM pg_stat_statements` in the ferretdb database)
const STATEMENT_STATS = '-c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=all';
const serverOptions = () =>
  process.env.POSTGRES_STATEMENT_STATS === '1' ? `${SERVER_OPTIONS} ${STATEMENT_STATS}` : SERVER_OPTIONS;

function startServer(where) {
  if (where.log === logFile('postgres') && asRoot()) {
    fs.closeSync(fs.openSync(where.log, 'a'));
    spawnSync('chown', ['postgres', where.log]);
  }
  const options = `-p ${ports.postgres} -k ${where.socketDir} ${serverOptions()}`;
  const res = asPostgres(pgBin('pg_ctl'), [
    '-D',
    where.data,
    '-l',
    where.log,
    '-w',
    '-t',
    '60',
    '-o',
    options,
    'start',
  ]);
  if (res.status !== 0) throw new Error(`PostgreSQL did not start: ${res.stderr || res.stdout}; see ${where.log}`);
}

/** FerretDB's database, created once. */
function ensureDatabase() {
  const connection = ['-h', '127.0.0.1', '-p', String(ports.postgres), '-U', 'postgres'];
  const exists = asPostgres(pgBin('psql') ?? 'psql', [
    ...connection,
    '-tAc',
    "SELECT 1 FROM pg_database WHERE datname='ferretdb'",
  ]);
  if (!String(exists.stdout).includes('1')) asPostgres(pgBin('createdb') ?? 'createdb', [...connection, 'ferretdb']);
}

/**
 * FerretDB patch 0002 creates a non-unique index as GIN (jsonb_path_ops), which serves its pushed-down
 * containment filters; a store made before it has btrees there, which serve none. Each is rebuilt
 * under its own name (FerretDB's metadata knows indexes by name), before FerretDB starts: nothing to
 * do on a store made since.
 */
const UPGRADE_INDEXES = `DO $$
DECLARE r record; columns text;
BEGIN
  FOR r IN
    SELECT i.indexrelid, n.nspname, c.relname AS index_name, t.relname AS table_name, i.indnkeyatts
    FROM pg_index i
    JOIN pg_class c ON c.oid = i.indexrelid
    JOIN pg_class t ON t.oid = i.indrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_am am ON am.oid = c.relam
    WHERE NOT i.indisunique AND am.amname = 'btree' AND pg_get_indexdef(i.indexrelid) LIKE '%(_jsonb -> %'
  LOOP
    SELECT string_agg('(' || pg_get_indexdef(r.indexrelid, k, true) || ') jsonb_path_ops', ', ' ORDER BY k)
      INTO columns FROM generate_series(1, r.indnkeyatts) AS k;
    EXECUTE format('DROP INDEX %I.%I', r.nspname, r.index_name);
    EXECUTE format('CREATE INDEX %I ON %I.%I USING gin (%s)', r.index_name, r.nspname, r.table_name, columns);
  END LOOP;
END $$;`;

function upgradeIndexes() {
  const connection = ['-h', '127.0.0.1', '-p', String(ports.postgres), '-U', 'postgres', '-d', 'ferretdb'];
  const res = asPostgres(pgBin('psql') ?? 'psql', [...connection, '-v', 'ON_ERROR_STOP=1', '-qc', UPGRADE_INDEXES]);
  if (res.status !== 0) throw new Error(`upgrading FerretDB's indexes failed: ${res.stderr || res.stdout}`);
}

/** Starts the cluster at `where` (pgLocation()) unless something already listens on ports.postgres. */
async function startPostgres(where) {
  if (await portOpen(ports.postgres)) return;
  if (where.base) postgresDir(where.base);
  postgresDir(where.socketDir);
  if (!fs.existsSync(path.join(where.data, 'PG_VERSION'))) initCluster(where);
  startServer(where);
  ensureDatabase();
  upgradeIndexes();
  log(`postgresql ready on 127.0.0.1:${ports.postgres} (${where.data})`);
}

function stopPostgres() {
  if (!pgBin('pg_ctl')) return;
  const where = pgLocation();
  if (!fs.existsSync(path.join(where.data, 'postmaster.pid'))) return;
  asPostgres(pgBin('pg_ctl'), ['-D', where.data, '-m', 'fast', '-w', 'stop']);
  log(`postgresql stopped (${where.data})`);
}

module.exports = { pgBinDir, pgLocation, startPostgres, stopPostgres };
