import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';

import { mintToken, Role } from '@appliance-care/auth';
import { http } from '@appliance-care/service-testing';
import {
  freePort,
  ROOT,
  Service,
  ServiceProcesses,
  SERVICES,
  SmtpSink,
  uniqueSuffix,
  waitFor,
} from '@appliance-care/testing';

/**
 * The tour's roster (its ids and names, as the README shows them) working round the clock: what the
 * journeys book (an urgent visit due within hours, a placement today) must not depend on the hour or
 * the weekday the tests run at.
 */
const SEED_FILE = path.join(__dirname, 'technicians.console-seed.json');
/**
 * The library's technicians (ids and names as dispatch's seed has them), round the clock too, with
 * one cataloguer and one book repairer at central: who gets a piece of work is certain.
 */
const LIBRARY_SEED_FILE = path.join(__dirname, 'library-technicians.console-seed.json');
/** The console server reads each service's address from `<SERVICE>_URL` (its serviceUrlVariable). */
const urlVariable = (service: Service) => `${service.replace(/-/g, '_').toUpperCase()}_URL`;

/**
 * What a person at the console works with: the services as processes (as `npm start` runs
 * them, the seeded roster, their own topics and databases), an SMTP sink, and the console server as
 * its own process in front of them, serving the built app. Tests reach the services over HTTP only.
 */
export class ConsoleSystem {
  readonly run = uniqueSuffix();
  readonly prefix = `console.${this.run}.`;
  readonly jwtSecret = `console-jwt-${randomBytes(24).toString('hex')}`;
  readonly smtp = new SmtpSink();
  readonly logDir = path.join(os.tmpdir(), `appliance-care-console-${this.run}`);
  private processes?: ServiceProcesses;
  private server?: ChildProcess;
  private serverLog: string[] = [];
  url = '';

  async start(): Promise<void> {
    buildConsole();
    await this.smtp.start();
    this.processes = new ServiceProcesses(
      {
        ...process.env,
        KAFKA_TOPIC_PREFIX: this.prefix,
        KAFKA_GROUP_PREFIX: this.prefix,
        DISPATCH_SEED_FILE: SEED_FILE,
        DISPATCH_LIBRARY_SEED_FILE: LIBRARY_SEED_FILE,
        JWT_SECRET: this.jwtSecret,
        SWC_NODE_PROJECT: path.join(ROOT, 'tsconfig.json'),
        RATE_LIMIT_PER_MINUTE: '0',
        SMTP_URL: this.smtp.url,
        // a maintenance visit falls due within a second of the purchase that makes it due (not the minute by default)
        MAINTENANCE_SWEEP_MS: '1000',
      },
      this.logDir,
      'console',
    );
    await this.processes.start(this.run);
    await this.startServer();
  }

  get services(): ServiceProcesses {
    if (!this.processes) throw new Error('the system is not started');
    return this.processes;
  }

  private async startServer(): Promise<void> {
    const port = await freePort();
    // every service's address: the server takes those it proxies
    const urls = Object.fromEntries(SERVICES.map((s) => [urlVariable(s), this.services.url(s)]));
    this.server = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/console/server/main.ts'], {
      cwd: ROOT,
      env: { ...process.env, ...urls, CONSOLE_PORT: String(port), JWT_SECRET: this.jwtSecret, NODE_ENV: 'test' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (chunk: Buffer) => this.serverLog.push(chunk.toString('utf8'));
    this.server.stdout?.on('data', keep);
    this.server.stderr?.on('data', keep);
    this.url = `http://127.0.0.1:${port}`;
    await waitFor(async () => (await fetch(`${this.url}/health`).catch(() => undefined))?.ok, {
      timeoutMs: 60_000,
      what: `the console server (${this.serverLog.join('')})`,
    });
  }

  /** The console server's output so far (it must never contain a token). */
  get consoleLog(): string {
    return this.serverLog.join('');
  }

  async stop(): Promise<void> {
    if (this.server && this.server.exitCode === null) {
      const exited = new Promise((resolve) => this.server?.once('exit', resolve));
      this.server.kill('SIGTERM');
      await exited;
    }
    await this.processes?.stop();
    await this.smtp.stop();
  }

  token(role: Role, ids: { customerId?: string; technicianId?: string; patronId?: string } = {}): Promise<string> {
    return mintToken({ sub: `${role}-console-test`, roles: [role], ...ids }, this.jwtSecret);
  }

  async call(method: string, service: Service, p: string, options: { role: Role; body?: unknown }) {
    const token = await this.token(options.role);
    return http(method, `${this.services.url(service)}/api/v1/${p}`, { token, body: options.body });
  }
}

/** `node tools/console-build.js`: builds the app when its sources changed (cached by their hash). */
function buildConsole(): void {
  const res = spawnSync(process.execPath, [path.join(ROOT, 'tools', 'console-build.js')], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (res.status !== 0) throw new Error(`building the console failed:\n${res.stdout}\n${res.stderr}`);
}
