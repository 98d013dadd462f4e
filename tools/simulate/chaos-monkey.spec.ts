import { waitFor } from '@appliance-care/testing';

import { ChaosMonkey } from './chaos-monkey';
import { ChaosSettings } from './chaos-plan';
import { ChaosTargets, KafkaNode, ServiceInstance } from './chaos-targets';
import { Prng } from './prng';

/** A supervisor in memory: a killed pid comes back as a new one after `restartMs` (never, for `dead`). */
function supervised(services: string[], restartMs = 20, dead = new Set<string>()) {
  let nextPid = 100;
  const instances: ServiceInstance[] = services.map((service) => ({
    service,
    instance: 0,
    port: 3000 + nextPid,
    pid: nextPid++,
    startedAt: '',
  }));
  const kafkaCalls: string[] = [];
  const down = { now: 0, most: 0 };
  const nodes: KafkaNode[] = [1, 2, 3].map((id) => ({ id, port: 19090 + id }));
  const targets: ChaosTargets = {
    instances: async () => instances.map((i) => ({ ...i })),
    kill: (pid) => {
      const victim = instances.find((i) => i.pid === pid);
      if (!victim) return false;
      victim.pid = -1; // gone until the supervisor restarts it
      down.most = Math.max(down.most, ++down.now);
      if (!dead.has(victim.service))
        setTimeout(() => {
          victim.pid = nextPid++;
          down.now--;
        }, restartMs);
      return true;
    },
    ready: async (i) => i.pid > 0,
    kafka: {
      nodes: async () => nodes,
      stop: async (id, signal) => void kafkaCalls.push(`stop ${id} ${signal}`),
      start: async (id) => void kafkaCalls.push(`start ${id}`),
      answers: async () => true,
    },
    store: { restart: async () => 'ferretdb restarted' },
  };
  return { targets, instances, kafkaCalls, nodes, down };
}

const settings = (over: Partial<ChaosSettings> = {}): ChaosSettings => ({
  intervalMs: [5, 10],
  rounds: 1,
  skip: new Set(),
  restartTimeoutMs: 2_000,
  brokerDownMs: 10,
  overlap: 1,
  ...over,
});

describe('the chaos monkey', () => {
  it('in one round kills each instance once and waits for it, restarts one broker and the store', async () => {
    const { targets, kafkaCalls } = supervised(['dispatch', 'parts', 'repairs']);
    const lines: string[] = [];
    const monkey = new ChaosMonkey(settings(), targets, new Prng(1), (l) => lines.push(l));
    monkey.start();
    await waitFor(() => monkey.roundsDone() >= 1, { timeoutMs: 10_000, what: 'a round' });
    await monkey.stop();
    const kills = monkey.actions.filter((a) => a.kind === 'kill');
    expect(
      kills
        .slice(0, 3)
        .map((a) => a.target)
        .sort(),
    ).toEqual(['dispatch#0', 'parts#0', 'repairs#0']);
    expect(kills.every((a) => a.ok && /pid \d+ → \d+, ready after/.test(a.detail))).toBe(true);
    expect(monkey.actions.filter((a) => a.kind === 'broker')).toHaveLength(1);
    expect(monkey.actions.filter((a) => a.kind === 'store')).toEqual([
      expect.objectContaining({ ok: true, target: 'ferretdb' }),
    ]);
    expect(kafkaCalls.slice(0, 2)).toEqual([
      expect.stringMatching(/^stop \d SIGKILL$/),
      expect.stringMatching(/^start \d$/),
    ]);
    expect(lines.some((l) => /^\[chaos \S+ \+[\d.]+ s\] SIGKILL dispatch#0 /.test(l))).toBe(true);
  });

  it('one after another by default; with an overlap, several targets down at once, never the same twice', async () => {
    const services = ['a', 'b', 'c', 'd', 'e', 'f'];
    /** one round over the services, `overlap` at once, each down `restartMs`: its monkey and how many were down at most */
    const oneRound = async (restartMs: number, overlap = 1) => {
      const pool = supervised(services, restartMs);
      const monkey = new ChaosMonkey(
        settings({ skip: new Set(['broker', 'store']), overlap }),
        pool.targets,
        new Prng(4),
        () => {},
      );
      monkey.start();
      await waitFor(() => monkey.roundsDone() >= 1, { timeoutMs: 10_000, what: 'a round' });
      await monkey.stop();
      return { monkey, most: pool.down.most };
    };
    expect((await oneRound(100)).most).toBe(1);
    const { monkey: three, most } = await oneRound(300, 3);
    expect(most).toBe(3);
    expect(three.actions.every((a) => a.ok)).toBe(true);
    expect(new Set(three.actions.slice(0, services.length).map((a) => a.target)).size).toBe(services.length);
  });

  it('counts an instance that does not come back as a failed action', async () => {
    const { targets } = supervised(['notifications'], 20, new Set(['notifications']));
    const monkey = new ChaosMonkey(
      settings({ restartTimeoutMs: 200, skip: new Set(['broker', 'store']) }),
      targets,
      new Prng(2),
      () => undefined,
    );
    monkey.start();
    await waitFor(() => monkey.actions.length > 0, { timeoutMs: 10_000, what: 'an action' });
    await monkey.stop();
    expect(monkey.actions[0]).toMatchObject({ kind: 'kill', target: 'notifications#0', ok: false });
    expect(monkey.actions[0].detail).toMatch(/not restarted and ready after/);
  });

  it('skips the broker restart on a single broker, saying why', async () => {
    const { targets, nodes } = supervised(['parts']);
    nodes.splice(1);
    const monkey = new ChaosMonkey(settings({ skip: new Set(['store']) }), targets, new Prng(3), () => undefined);
    monkey.start();
    await waitFor(() => monkey.roundsDone() >= 1, { timeoutMs: 10_000, what: 'a round' });
    await monkey.stop();
    expect(monkey.skipped).toEqual([{ kind: 'broker', why: '1 broker: not cluster mode' }]);
    expect(monkey.actions.some((a) => a.kind === 'broker')).toBe(false);
  });
});
