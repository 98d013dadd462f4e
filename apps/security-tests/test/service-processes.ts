import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { TestEnv, testDatabase, waitFor } from '@appliance-care/testing';

export const SERVICES = ['sales-installation', 'diagnostics', 'repairs', 'dispatch', 'notifications'] as const;
export type BackendService = (typeof SERVICES)[number];

const ROOT = path.resolve(__dirname, '../../..');

export interface ServiceProcess {
  service: BackendService;
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
 * A separate process because one project may not import another's app module.
 */
export async function startServiceProcess(service: BackendService, env: TestEnv, extraEnv: Record<string, string> = {}): Promise<ServiceProcess> {
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
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString().split('\n').filter(Boolean));
    if (lines.length > 200) lines.splice(0, lines.length - 200);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once('exit', () => {
    exited = true;
    resolve();
  }));
  const url = `http://127.0.0.1:${port}`;
  const output = () => lines.slice(-40).join('\n');
  const stop = async () => {
    if (!exited) child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exit;
    clearTimeout(timer);
  };
  try {
    await waitFor(async () => {
      if (exited) throw new Error(`${service} exited:\n${output()}`);
      const res = await fetch(`${url}/health/ready`).catch(() => undefined);
      return res?.status === 200;
    }, { timeoutMs: 150_000, intervalMs: 500, what: `${service} to be ready` });
  } catch (err) {
    await stop();
    throw new Error(`${(err as Error).message}\n${output()}`);
  }
  return { service, url, output, stop };
}

export async function startAll(env: TestEnv, extraEnv: Record<string, string> = {}): Promise<Record<BackendService, ServiceProcess>> {
  const started = await Promise.allSettled(SERVICES.map((s) => startServiceProcess(s, env, extraEnv)));
  const failed = started.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
  const running = started.filter((r): r is PromiseFulfilledResult<ServiceProcess> => r.status === 'fulfilled').map((r) => r.value);
  if (failed.length) {
    await Promise.all(running.map((p) => p.stop()));
    throw new Error(failed.map((f) => (f.reason as Error).message).join('\n\n'));
  }
  return Object.fromEntries(running.map((p) => [p.service, p])) as Record<BackendService, ServiceProcess>;
}

export const stopAll = async (procs: Partial<Record<BackendService, ServiceProcess>> | undefined): Promise<void> => {
  await Promise.all(Object.values(procs ?? {}).map((p) => p?.stop()));
};
