import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';

import { freePort, waitFor } from '@appliance-care/testing';

const ROOT = path.resolve(__dirname, '../../../..');

/**
 * The notifications service as its own process (as `npm start` runs it), with everything it writes to
 * stdout and stderr kept in `output`: what an operator's log collector would see.
 */
export class NotificationsProcess {
  output = '';
  url = '';
  private child?: ChildProcess;

  async start(env: NodeJS.ProcessEnv): Promise<void> {
    const port = await freePort();
    this.url = `http://127.0.0.1:${port}`;
    this.child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/notifications/src/main.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        SWC_NODE_PROJECT: path.join(ROOT, 'tsconfig.json'),
        ...env,
        PORT: String(port),
        HOST: '127.0.0.1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout?.on('data', (d) => (this.output += d));
    this.child.stderr?.on('data', (d) => (this.output += d));
    const child = this.child;
    await waitFor(
      async () =>
        child.exitCode !== null || (await fetch(`${this.url}/health/ready`).catch(() => undefined))?.status === 200,
      { timeoutMs: 120_000, intervalMs: 500, what: 'the notifications process to be ready' },
    );
    if (child.exitCode !== null)
      throw new Error(`notifications exited with ${child.exitCode}:\n${this.output.slice(-3000)}`);
  }

  /** SIGKILL, as a crash: nothing of the process's own shutdown runs. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  /** SIGTERM, then SIGKILL after 15 s; resolves once the pipes have delivered everything it wrote. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      const kill = setTimeout(() => child.kill('SIGKILL'), 15_000);
      child.once('close', () => {
        clearTimeout(kill);
        resolve();
      });
      child.kill('SIGTERM');
    });
  }
}
