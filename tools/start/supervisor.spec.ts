import { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { waitFor } from '@appliance-care/testing';

interface Listed {
  service: string;
  instance: number;
  port: number;
  pid: number;
  startedAt: string;
}
interface Policy {
  firstDelayMs: number;
  maxDelayMs: number;
  windowMs: number;
  maxDeathsInWindow: number;
}
interface SupervisorLike {
  add(spec: Record<string, unknown>): void;
  stop(graceMs?: number): Promise<void>;
  supervised: { child: ChildProcess }[];
}
// tools/start/*.js is plain node (`npm start` runs it); typed here
/* eslint-disable @typescript-eslint/no-require-imports */
const { afterDeath, RESTART_POLICY } = require('./restart-policy.js') as {
  afterDeath: (deaths: number[], policy?: Policy) => { restartInMs?: number; giveUp?: string };
  RESTART_POLICY: Policy;
};
const { Supervisor } = require('./supervisor.js') as {
  Supervisor: new (options: Record<string, unknown>) => SupervisorLike;
};
const { brokerCount, instanceCount } = require('./count-flags.js') as {
  brokerCount: (argv: string[], env: Record<string, string>) => number;
  instanceCount: (argv: string[], env: Record<string, string>) => number;
};
const { serviceInstances } = require('./instances.js') as {
  serviceInstances: (root: string, count: number, offset?: number) => { label: string; port: number }[];
};
/* eslint-enable @typescript-eslint/no-require-imports */

describe('the restart policy', () => {
  it('waits 1 s, doubling to 10 s, and gives up on the sixth death within 60 s', () => {
    const deaths: number[] = [];
    const delays = [0, 5, 10, 15, 20].map((s) => {
      deaths.push(s * 1000);
      return afterDeath(deaths).restartInMs;
    });
    expect(delays).toEqual([1000, 2000, 4000, 8000, 10_000]);
    expect(afterDeath([...deaths, 30_000]).giveUp).toBe('it died 6 times within 60 s');
    // deaths more than a minute apart start the backoff again
    expect(afterDeath([0, 61_000, 122_000, 183_000, 244_000, 305_000])).toEqual({ restartInMs: 1000 });
    expect(RESTART_POLICY.maxDeathsInWindow).toBe(5);
  });
});

describe('the service instances `npm start` runs', () => {
  it('puts instance k on port + 100·(k−1), moved by PORT_OFFSET', () => {
    expect(instanceCount([], {})).toBe(1);
    expect(instanceCount(['--instances', '2'], {})).toBe(2);
    expect(instanceCount(['--instances=3'], { INSTANCES: '2' })).toBe(3);
    expect(instanceCount([], { INSTANCES: '2' })).toBe(2);
    expect(() => instanceCount(['--instances', 'two'], {})).toThrow(/--instances must be a whole number/);
    expect(brokerCount([], {})).toBe(1);
    expect(brokerCount(['--brokers', '3'], { KAFKA_NODES: '1' })).toBe(3);
    expect(brokerCount([], { KAFKA_NODES: '3' })).toBe(3);
    const root = path.resolve(__dirname, '../..');
    const two = serviceInstances(root, 2).map((i) => `${i.label}:${i.port}`);
    expect(two).toEqual(expect.arrayContaining(['sales-installation#1:3001', 'sales-installation#2:3101']));
    expect(two).toEqual(expect.arrayContaining(['dispatch#2:3104', 'portal#1:3000', 'portal#2:3100']));
    expect(serviceInstances(root, 1, 10_000).find((i) => i.label === 'dispatch#1')?.port).toBe(13_004);
  });
});

describe('the supervisor', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'supervisor-'));
  const servicesFile = path.join(dir, 'services.json');
  const lines: string[] = [];
  const gaveUp: string[] = [];
  // a quick policy: the same rules in milliseconds
  const policy = { firstDelayMs: 100, maxDelayMs: 400, windowMs: 5000, maxDeathsInWindow: 2 };
  const supervisor = new Supervisor({
    cwd: dir,
    servicesFile,
    labelWidth: 10,
    policy,
    log: (line: string) => lines.push(line),
    onGiveUp: (label: string) => gaveUp.push(label),
  });
  const listed = (): Listed[] => (fs.existsSync(servicesFile) ? JSON.parse(fs.readFileSync(servicesFile, 'utf8')) : []);
  const stayUp = ['-e', 'setInterval(() => {}, 1000)'];

  afterAll(async () => {
    await supervisor.stop(2000);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('restarts an instance killed with SIGKILL and lists the new pid', async () => {
    for (const instance of [1, 2]) {
      const spec = { label: `svc#${instance}`, service: 'svc', instance, port: 4000 + 100 * (instance - 1) };
      supervisor.add({ ...spec, command: process.execPath, args: stayUp, env: process.env, color: 36 });
    }
    const first = await waitFor(() => (listed().length === 2 ? listed() : undefined), { what: 'two listed' });
    expect(first.map(({ service, instance, port }) => ({ service, instance, port }))).toEqual([
      { service: 'svc', instance: 1, port: 4000 },
      { service: 'svc', instance: 2, port: 4100 },
    ]);
    const victim = first[1];
    process.kill(victim.pid, 'SIGKILL');
    const restarted = await waitFor(
      () => listed().find((e) => e.instance === 2 && e.pid !== victim.pid && e.startedAt > victim.startedAt),
      { what: 'svc#2 restarted' },
    );
    expect(lines).toContain('[start] svc#2 exited (SIGKILL); restarting in 0.1 s');
    expect(listed().find((e) => e.instance === 1)?.pid).toBe(first[0].pid);
    expect(() => process.kill(restarted.pid, 0)).not.toThrow();
    expect(gaveUp).toEqual([]);
  });

  it('gives up on an instance that keeps dying', async () => {
    supervisor.add({
      label: 'crash#1',
      service: 'crash',
      instance: 1,
      port: 1,
      command: process.execPath,
      args: ['-e', 'process.exit(3)'],
      env: process.env,
      color: 33,
    });
    await waitFor(() => gaveUp.length > 0, { what: 'the supervisor to give up' });
    expect(gaveUp).toEqual(['crash#1']);
    expect(lines.filter((l) => l.startsWith('[start] crash#1 exited (3); restarting in'))).toHaveLength(2);
    expect(lines).toContain('[start] crash#1 exited (3); it died 3 times within 5 s: stopping everything');
  });

  it('does not restart what it stops', async () => {
    const children = supervisor.supervised.map((e) => e.child);
    await supervisor.stop(2000);
    expect(children.every((c) => c.exitCode !== null || c.signalCode !== null)).toBe(true);
    expect(lines.filter((l) => l.includes('SIGTERM'))).toEqual([]);
  });
});
