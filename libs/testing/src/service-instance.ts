import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, WriteStream } from 'node:fs';
import path from 'node:path';

import { freePort, ROOT, Service } from './service-processes';
import { waitFor } from './wait-for';

/**
 * One instance of a service as its own Node process, as `npm start -- --instances N` runs it
 * (SERVICE_INSTANCE=n: named `<service>#<n>` in its logs and Kafka client id). Several instances given
 * the same database and consumer-group prefix share the service's work; `kill()` is a SIGKILL (no
 * graceful shutdown), `stop()` the graceful SIGTERM.
 */
export class ServiceInstance {
  readonly label: string;
  /** the last lines the process wrote, shown when it fails to become ready */
  readonly log: string[] = [];
  private child?: ChildProcess;
  private file?: WriteStream;
  url = '';

  /** `env`: the whole environment of the process (topic and group prefixes, MONGODB_DATABASE, …). */
  constructor(
    readonly service: Service,
    readonly instance: number,
    private readonly env: NodeJS.ProcessEnv,
    private readonly logDir: string,
  ) {
    this.label = `${service}#${instance}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get exited(): boolean {
    return !this.child || this.child.exitCode !== null || this.child.signalCode !== null;
  }

  /** Spawns the process on a free port; `ready()` waits for it. */
  async start(): Promise<this> {
    mkdirSync(this.logDir, { recursive: true });
    const port = await freePort();
    this.url = `http://127.0.0.1:${port}`;
    const env = { ...this.env, PORT: String(port), HOST: '127.0.0.1', SERVICE_INSTANCE: String(this.instance) };
    const main = path.join('apps', this.service, 'src', 'main.ts');
    const child = spawn(process.execPath, ['-r', '@swc-node/register', main], { cwd: ROOT, env, stdio: 'pipe' });
    // each start of the instance appends to its one log file
    const file = createWriteStream(path.join(this.logDir, `${this.service}-${this.instance}.log`), { flags: 'a' });
    const keep = (chunk: Buffer) => {
      file.write(chunk);
      this.log.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      this.log.splice(0, Math.max(0, this.log.length - 40));
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.child = child;
    this.file = file;
    return this;
  }

  async ready(timeoutMs = 240_000): Promise<this> {
    try {
      await waitFor(
        async () => {
          if (this.exited) return true;
          const res = await fetch(`${this.url}/health/ready`).catch(() => undefined);
          return res?.status === 200;
        },
        { timeoutMs, intervalMs: 500, what: `${this.label} ready` },
      );
      if (this.exited) throw new Error(`${this.label} exited with ${this.child?.exitCode ?? this.child?.signalCode}`);
    } catch (err) {
      throw new Error(`${(err as Error).message}\n${this.label} log:\n${this.log.join('\n')}`);
    }
    return this;
  }

  /**
   * The sum of a counter or gauge in the instance's /metrics over the series whose labels contain
   * `labels` (e.g. `topic="…"`); 0 when absent.
   */
  async metric(name: string, ...labels: string[]): Promise<number> {
    const text = await (await fetch(`${this.url}/metrics`)).text();
    return text
      .split('\n')
      .filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `))
      .filter((line) => labels.every((label) => line.includes(label)))
      .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
  }

  /** SIGKILL: the process ends at once, with whatever it had in hand. */
  async kill(): Promise<void> {
    await this.end('SIGKILL');
  }

  /** SIGTERM (graceful shutdown), SIGKILL after 15 s. */
  async stop(): Promise<void> {
    const kill = setTimeout(() => this.child?.kill('SIGKILL'), 15_000);
    await this.end('SIGTERM');
    clearTimeout(kill);
  }

  private async end(signal: NodeJS.Signals): Promise<void> {
    const { child, file } = this;
    if (child && !this.exited) {
      // 'close', not 'exit': the pipes have delivered everything the process wrote
      const closed = new Promise((resolve) => child.once('close', resolve));
      child.kill(signal);
      await closed;
    }
    await new Promise<void>((resolve) => (file ? file.end(() => resolve()) : resolve()));
    this.file = undefined;
  }
}
