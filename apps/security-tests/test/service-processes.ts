import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';

import { testDatabase, TestEnv } from '@appliance-care/testing';

export const SERVICES = [
  'sales-installation',
  'diagnostics',
  'repairs',
  'dispatch',
  'notifications',
  'parts',
  'library-services',
] as const;
export type BackendService = (typeof SERVICES)[number];
/** every service that runs as a process, the portal (a read model with its own API) included */
export type ServiceName = BackendService | 'portal';

const ROOT = path.resolve(__dirname, '../../..');

export interface ServiceProcess {
  service: ServiceName;
  url: string;
  /** the last lines the process wrote, for the failure message */
  output: () => string;
  stop: () => Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts a service as its own process (`node -r @swc-node/register apps/<svc>/src/main.ts`), the way
 * it runs in production, with the suite's database, topics and consumer groups; resolves once ready.
 * A separate process because one project may not import another's app module. A process that dies
 * while starting (e.g. the broker still electing a leader for a topic just created) is started again,
 * as an orchestrator would.
 */
export async function startServiceProcess(
  service: ServiceName,
  env: TestEnv,
  extraEnv: Record<string, string> = {},
): Promise<ServiceProcess> {
  const failures: string[] = [];
  for (let attempt = 1; attempt <= 3; attempt++) {
    const proc = await spawnService(service, env, extraEnv);
    const outcome = await proc.ready;
    if (outcome === 'ready') return proc;
    failures.push(`attempt ${attempt}: ${outcome}\n${proc.output()}`);
    await proc.stop();
  }
  throw new Error(`${service} did not start:\n${failures.join('\n\n')}`);
}

async function spawnService(
  service: ServiceName,
  env: TestEnv,
  extraEnv: Record<string, string>,
): Promise<ServiceProcess & { ready: Promise<string> }> {
  const port = await freePort();
  const lines: string[] = [];
  const child: ChildProcess = spawn(process.execPath, ['-r', '@swc-node/register', `apps/${service}/src/main.ts`], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      MONGODB_URI: env.mongoUri,
      MONGODB_DATABASE: testDatabase(service, env),
      KAFKA_BROKERS: env.kafkaBrokers,
      KAFKA_TOPIC_PREFIX: env.topicPrefix,
      KAFKA_GROUP_PREFIX: env.topicPrefix,
      SWC_NODE_PROJECT: process.env['SWC_NODE_PROJECT'] ?? 'tsconfig.json',
      LOG_LEVEL: process.env['LOG_LEVEL'] ?? 'warn',
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // jest --forceExit must not leave services behind
  const orphanGuard = () => child.kill('SIGKILL');
  process.once('exit', orphanGuard);
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString().split('\n').filter(Boolean));
    if (lines.length > 200) lines.splice(0, lines.length - 200);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true;
      process.off('exit', orphanGuard);
      resolve();
    }),
  );
  const url = `http://127.0.0.1:${port}`;
  const output = () => lines.slice(-40).join('\n');
  const stop = async () => {
    if (!exited) child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exit;
    clearTimeout(timer);
  };
  const ready = (async () => {
    const deadline = Date.now() + 150_000;
    while (Date.now() < deadline) {
      if (exited) return 'exited while starting';
      const res = await fetch(`${url}/health/ready`, { signal: AbortSignal.timeout(5000) }).catch(() => undefined);
      if (res?.status === 200) return 'ready';
      await new Promise((r) => setTimeout(r, 500));
    }
    return 'not ready after 150 s';
  })();
  return { service, url, output, stop, ready };
}

/** One after the other: services starting at the same moment race to create the same topics and may die of it. */
export async function startAll(
  env: TestEnv,
  extraEnv: Record<string, string> = {},
): Promise<Record<BackendService, ServiceProcess>> {
  const running: ServiceProcess[] = [];
  try {
    for (const service of SERVICES) running.push(await startServiceProcess(service, env, extraEnv));
  } catch (err) {
    await Promise.all(running.map((p) => p.stop()));
    throw err;
  }
  return Object.fromEntries(running.map((p) => [p.service, p])) as Record<BackendService, ServiceProcess>;
}

export const stopAll = async (procs: Partial<Record<BackendService, ServiceProcess>> | undefined): Promise<void> => {
  await Promise.all(Object.values(procs ?? {}).map((p) => p?.stop()));
};
