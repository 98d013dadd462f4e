// A private FerretDB for the fault run, so that it can be SIGKILLed and restarted without touching the
// shared one on 27017: the project's binary (tools/infra.js builds it under .cache/ferretdb/<build>/),
// on a free port, against the shared PostgreSQL (127.0.0.1:5433, trust auth) with a database of its
// own; where PostgreSQL is not installed, FerretDB's SQLite backend in a temporary folder.
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../../..');
// the local infrastructure's own helpers (plain node, like tools/infra.js that harness.ts requires)
// eslint-disable-next-line @typescript-eslint/no-require-imports
const infra = require(path.join(ROOT, 'tools', 'infra', 'common.js')) as {
  freePort: () => Promise<number>;
  portOpen: (port: number, host?: string) => Promise<boolean>;
  tail: (file: string, lines?: number) => string;
};
const { freePort, portOpen } = infra;
const LOG_LINES = 30;
const tail = (file: string) => infra.tail(file, LOG_LINES);
const PG = { host: '127.0.0.1', port: Number(process.env['POSTGRES_PORT'] ?? 5433) };

export interface ScratchStore {
  uri: string;
  backend: string;
  binary: string;
  /** SIGKILLs FerretDB and starts it again on the same port and data; resolves once it answers */
  restart(): Promise<void>;
  stop(): Promise<void>;
  log(): string;
}

/** The newest FerretDB build under .cache/ferretdb (a newer wrapper build is what `up` would run). */
export function newestFerretDb(): string {
  const base = path.join(ROOT, '.cache', 'ferretdb');
  const builds = (fs.existsSync(base) ? fs.readdirSync(base) : [])
    .map((d) => path.join(base, d, 'ferretdb'))
    .filter((f) => fs.existsSync(f))
    .sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs);
  if (!builds.length) throw new Error(`no FerretDB build under ${base}: run node tools/infra.js up ferretdb once`);
  return builds[0];
}

/**
 * PostgreSQL is used wherever its client is installed (as tools/infra.js does; `up ferretdb` starts the
 * server): a server being restarted by someone else is waited for, not replaced by SQLite.
 */
async function postgresAnswers(): Promise<boolean> {
  if (spawnSync('psql', ['--version']).status !== 0) return false;
  const deadline = Date.now() + 60_000;
  while (!(await portOpen(PG.port, PG.host))) {
    if (Date.now() > deadline)
      throw new Error(`no PostgreSQL on ${PG.host}:${PG.port} after 60 s: node tools/infra.js up ferretdb starts it`);
    await new Promise((r) => setTimeout(r, 500));
  }
  return true;
}

const psql = (args: string[]) =>
  spawnSync('psql', ['-h', PG.host, '-p', String(PG.port), '-U', 'postgres', '-v', 'ON_ERROR_STOP=1', ...args], {
    encoding: 'utf8',
  });

export async function startScratchFerretDb(name: string): Promise<ScratchStore> {
  const binary = newestFerretDb();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'appliance-care-ferretdb-scratch-'));
  const port = await freePort();
  const help = spawnSync(binary, ['-h'], { encoding: 'utf8' });
  const flags = `${help.stdout}${help.stderr}`;
  const args = [`--listen-addr=127.0.0.1:${port}`];
  let backend: string;
  let database: string | undefined;
  if (await postgresAnswers()) {
    database = `ferretdb_${name.replace(/[^a-z0-9_]/gi, '_').toLowerCase()}`;
    const created = psql(['-d', 'postgres', '-c', `CREATE DATABASE "${database}"`]);
    if (created.status !== 0) throw new Error(`creating PostgreSQL database ${database}: ${created.stderr}`);
    backend = `postgresql (database ${database} on ${PG.host}:${PG.port})`;
    args.push(
      '--handler=postgresql',
      `--postgresql-url=postgres://postgres@${PG.host}:${PG.port}/${database}?pool_max_conns=60`,
      '--serialize=documents',
    );
  } else {
    fs.mkdirSync(path.join(dir, 'data'));
    backend = `sqlite (${dir}/data: PostgreSQL is not installed)`;
    args.push('--handler=sqlite', `--sqlite-url=file:${path.join(dir, 'data')}/`, '--serialize=all');
  }
  if (flags.includes('max-in-flight')) args.push('--max-in-flight=24');
  const logPath = path.join(dir, 'ferretdb.log');
  let child: ChildProcess | undefined;
  let exited: Promise<unknown> = Promise.resolve();
  const running = () => !!child && child.exitCode === null && child.signalCode === null;

  const launch = async () => {
    const out = fs.openSync(logPath, 'a');
    // TMPDIR: the wrapper's private socket folder lands in ours (a SIGKILLed wrapper cannot remove it)
    child = spawn(binary, args, { stdio: ['ignore', out, out], env: { ...process.env, TMPDIR: dir } });
    fs.closeSync(out);
    const c = child;
    exited = new Promise((resolve) => c.once('exit', resolve));
    const deadline = Date.now() + 60_000;
    while (!(await portOpen(port))) {
      if (!running()) throw new Error(`scratch FerretDB exited while starting:\n${tail(logPath)}`);
      if (Date.now() > deadline) throw new Error(`scratch FerretDB not ready after 60 s:\n${tail(logPath)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  const kill = async () => {
    if (running()) child?.kill('SIGKILL');
    await exited;
  };
  const orphanGuard = () => {
    if (running()) child?.kill('SIGKILL');
  };
  process.once('exit', orphanGuard);
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    process.off('exit', orphanGuard);
    await kill();
    if (database) psql(['-d', 'postgres', '-c', `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`]);
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    await launch();
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    uri: `mongodb://127.0.0.1:${port}`,
    backend,
    binary,
    restart: async () => {
      await kill();
      await launch();
    },
    stop,
    log: () => tail(logPath),
  };
}
