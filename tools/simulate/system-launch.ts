import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
/** start.js prints this once every instance and the console answer /health/ready */
const UP_LINE = 'appliance-care is up';
const START_TIMEOUT_MS = 600_000;

/** `--instances N` / `--brokers N` given to the simulator: it runs the system itself, as `npm start` would. */
export interface SystemLaunch {
  instances: number;
  brokers: number;
}

export interface LaunchedSystem {
  /** the Kafka bootstrap servers of the system started (every node of the cluster) */
  brokers: string;
  log: string;
  stop(): Promise<void>;
}

/**
 * Starts `npm start -- --instances N --brokers M` (tools/start.js) as a child, its output in
 * .run/simulate-system.log, and resolves once it says it is up. Without a rate limit (the simulator
 * is one client making every call) and without Jaeger (a load run's traces are not read), unless the
 * environment says otherwise. A system already answering on the ports is refused: two would clash.
 */
export async function launchSystem(launch: SystemLaunch, salesUrl: string): Promise<LaunchedSystem> {
  if (await answers(`${salesUrl}/health/ready`)) {
    throw new Error(`a system is already running (${salesUrl}): stop it, or run without --instances/--brokers`);
  }
  const log = path.join(ROOT, '.run', 'simulate-system.log');
  fs.mkdirSync(path.dirname(log), { recursive: true });
  const out = fs.openSync(log, 'w');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    RATE_LIMIT_PER_MINUTE: process.env['RATE_LIMIT_PER_MINUTE'] ?? '0',
    JAEGER: process.env['JAEGER'] ?? '0',
  };
  const child = spawn(
    process.execPath,
    [path.join(ROOT, 'tools/start.js'), '--instances', String(launch.instances), '--brokers', String(launch.brokers)],
    // its own process group: a Ctrl-C in the terminal reaches the simulator, which summarises and then stops it
    { cwd: ROOT, env, stdio: ['ignore', 'pipe', out], detached: true },
  );
  child.stdout!.on('data', (chunk: Buffer) => fs.writeSync(out, chunk));
  await untilUp(child, log);
  process.env['KAFKA_NODES'] = String(launch.brokers);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { bootstrapServers } = require(path.join(ROOT, 'tools/infra/kafka-cluster.js')) as {
    bootstrapServers: () => string;
  };
  return { brokers: bootstrapServers(), log, stop: () => stopSystem(child, out) };
}

function untilUp(child: ChildProcess, log: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => fail(`not up after ${START_TIMEOUT_MS / 1000} s`), START_TIMEOUT_MS);
    const fail = (why: string) => {
      clearTimeout(timer);
      child.kill('SIGINT');
      reject(new Error(`the system did not start (${why}); see ${path.relative(ROOT, log)}`));
    };
    const onExit = (code: number | null, signal: string | null) => fail(`it exited: ${signal ?? code}`);
    child.stdout!.on('data', (chunk: Buffer) => {
      seen = (seen + chunk.toString()).slice(-4096);
      if (seen.includes(UP_LINE)) {
        clearTimeout(timer);
        child.off('exit', onExit);
        resolve();
      }
    });
    child.once('exit', onExit);
  });
}

/** Ctrl-C for start.js: it stops the services and the infrastructure it started. */
async function stopSystem(child: ChildProcess, out: number): Promise<void> {
  if (child.exitCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGINT');
    await exited;
  }
  fs.closeSync(out);
}

async function answers(url: string): Promise<boolean> {
  return fetch(url, { signal: AbortSignal.timeout(2000) }).then(
    (res) => res.ok,
    () => false,
  );
}
