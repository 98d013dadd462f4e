import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, WriteStream } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';

import { waitFor } from './wait-for';

/** The workspace root (where `npm start` runs the services from). */
export const ROOT = path.resolve(__dirname, '../../..');

export const SERVICES = [
  'sales-installation',
  'diagnostics',
  'repairs',
  'dispatch',
  'notifications',
  'portal',
  'parts',
  'library-services',
] as const;
export type Service = (typeof SERVICES)[number];

interface Running {
  child: ChildProcess;
  url: string;
  /** the last lines the service wrote, shown when it fails to become ready */
  log: string[];
  /** everything the service wrote (stdout and stderr), for the secrets-in-logs check */
  file: WriteStream;
}

/** A TCP port free on loopback right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Every service as its own Node process (as `npm start` runs them), sharing one isolated topic/group/database namespace. */
export class ServiceProcesses {
  protected readonly running = new Map<Service, Running>();
  private readonly ports = new Map<Service, number>();
  private suffix = '';
  /** set by stop(): an exit from now on is expected */
  protected stopping = false;

  /**
   * `logDir`: each service's full output goes to `<logDir>/<service>.log`; `databasePrefix` starts
   * the name of each service's database (`<prefix>_<service>_<suffix>`).
   */
  constructor(
    private readonly env: NodeJS.ProcessEnv,
    readonly logDir: string,
    private readonly databasePrefix = 'e2e',
  ) {}

  logFile(service: Service): string {
    return path.join(this.logDir, `${service}.log`);
  }

  url(service: Service): string {
    const r = this.running.get(service);
    if (!r) throw new Error(`${service} is not running`);
    return r.url;
  }

  async start(suffix: string): Promise<void> {
    mkdirSync(this.logDir, { recursive: true });
    this.suffix = suffix;
    for (const service of SERVICES) this.ports.set(service, await freePort());
    for (const service of SERVICES) this.spawnService(service);
    await Promise.all(SERVICES.map((service) => this.waitReady(service)));
  }

  /** The service's port (the same across restarts). */
  port(service: Service): number {
    const port = this.ports.get(service);
    if (port === undefined) throw new Error(`${service} was never started`);
    return port;
  }

  /**
   * Starts the service's process on its port with the shared environment; a restarted service's
   * output is appended to its log file, after what its predecessor wrote.
   */
  protected spawnService(service: Service): ChildProcess {
    const urlOf = (s: Service) => `http://127.0.0.1:${this.port(s)}`;
    // the links in customers' mails lead to this run's dispatch and portal, as they would in production
    const links = {
      APPOINTMENT_LINK_URL: `${urlOf('dispatch')}/api/v1/appointment-links`,
      FEEDBACK_LINK_URL: `${urlOf('portal')}/api/v1/feedback-links`,
      // depots and vans start stocked, as `npm start` does: a repair waits for parts only when a test says so
      PARTS_SEED_FILE: path.join(ROOT, 'libs/parts/src/data/stock.seed.json'),
      // the library's technicians are on the roster, as `npm start` puts them (a test may name its own file)
      DISPATCH_LIBRARY_SEED_FILE: path.join(ROOT, 'libs/dispatch/src/data/library-technicians.seed.json'),
    };
    const port = this.port(service);
    const child = spawn(process.execPath, ['-r', '@swc-node/register', path.join('apps', service, 'src', 'main.ts')], {
      cwd: ROOT,
      env: {
        ...links,
        ...this.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        MONGODB_DATABASE: `${this.databasePrefix}_${service.replace(/-/g, '_')}_${this.suffix}`,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const log: string[] = [];
    const file = createWriteStream(this.logFile(service), { flags: this.running.has(service) ? 'a' : 'w' });
    const keep = (chunk: Buffer) => {
      file.write(chunk);
      log.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      log.splice(0, Math.max(0, log.length - 40));
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.running.set(service, { child, url: urlOf(service), log, file });
    return child;
  }

  private async waitReady(service: Service): Promise<void> {
    const r = this.running.get(service)!;
    try {
      await waitFor(
        async () => {
          // a process that exited will not become ready: stop waiting (`true`), the check below says why
          if (r.child.exitCode !== null) return true;
          const res = await fetch(`${r.url}/health/ready`);
          return res.status === 200;
        },
        { timeoutMs: 240_000, intervalMs: 500, what: `${service} ready` },
      );
      if (r.child.exitCode !== null) throw new Error(`${service} exited with ${r.child.exitCode}`);
    } catch (err) {
      throw new Error(`${(err as Error).message}\n${service} log:\n${r.log.join('\n')}`);
    }
  }

  /** SIGTERM (graceful shutdown), SIGKILL after 15 s; then the log files are complete. */
  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all(
      [...this.running.values()].map(async ({ child, file }) => {
        await new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          const kill = setTimeout(() => child.kill('SIGKILL'), 15_000);
          // 'close', not 'exit': the pipes have delivered everything the process wrote
          child.once('close', () => {
            clearTimeout(kill);
            resolve();
          });
          child.kill('SIGTERM');
        });
        await new Promise<void>((resolve) => file.end(() => resolve()));
      }),
    );
    this.running.clear();
  }
}
