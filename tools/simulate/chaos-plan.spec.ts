import { parseInterval, parseSkip, planRound } from './chaos-plan';
import { kafkaClusterFrom, parseServicesFile } from './chaos-targets';
import { parseOptions } from './options';
import { Prng } from './prng';

const INSTANCES = ['dispatch#0', 'dispatch#1', 'parts#0', 'repairs#0', 'sales-installation#0'];

describe('the chaos plan', () => {
  it('kills every instance once a round, in an order the seed fixes', () => {
    const first = planRound(new Prng(7), INSTANCES, false, new Set());
    const again = planRound(new Prng(7), [...INSTANCES].reverse(), false, new Set());
    expect(first).toEqual(again);
    expect(first.map((s) => (s.kind === 'kill' ? s.target : s.kind)).sort()).toEqual(INSTANCES);
    const other = planRound(new Prng(8), INSTANCES, false, new Set());
    expect(other).not.toEqual(first);
  });

  it('restarts the broker and the store once, in the first round, after at least one kill', () => {
    for (let seed = 1; seed < 50; seed++) {
      const round = planRound(new Prng(seed), INSTANCES, true, new Set());
      expect(round).toHaveLength(INSTANCES.length + 2);
      expect(round.filter((s) => s.kind === 'broker')).toHaveLength(1);
      expect(round.filter((s) => s.kind === 'store')).toHaveLength(1);
      expect(round[0].kind).toBe('kill');
    }
    expect(planRound(new Prng(1), INSTANCES, false, new Set()).every((s) => s.kind === 'kill')).toBe(true);
  });

  it('leaves out what --chaos-skip names', () => {
    const round = planRound(new Prng(3), INSTANCES, true, new Set(['store', 'broker'] as const));
    expect(round.every((s) => s.kind === 'kill')).toBe(true);
    expect(planRound(new Prng(3), INSTANCES, true, new Set(['services'] as const))).toEqual([
      { kind: 'broker' },
      { kind: 'store' },
    ]);
  });

  it('reads --chaos-interval and --chaos-skip', () => {
    expect(parseInterval('20-40')).toEqual([20_000, 40_000]);
    expect(parseInterval('1.5')).toEqual([1_500, 1_500]);
    expect(parseInterval('40-20')).toBeUndefined();
    expect(parseInterval('soon')).toBeUndefined();
    expect(parseSkip('store, broker')).toEqual(new Set(['store', 'broker']));
    expect(parseSkip('')).toEqual(new Set());
    expect(parseSkip('postgres')).toBeUndefined();
  });

  it('is off without --chaos, and on with its defaults with it', () => {
    expect(parseOptions([], {}, 'seed.json').chaos).toBeUndefined();
    const chaos = parseOptions(['--chaos', '--run-dir', '/tmp/run-x'], {}, 'seed.json').chaos!;
    expect(chaos).toMatchObject({ runDir: '/tmp/run-x', intervalMs: [20_000, 40_000], rounds: 0, overlap: 1 });
    expect(chaos.skip.size).toBe(0);
    const ci = parseOptions(
      ['--chaos', '--chaos-interval', '2-3', '--chaos-rounds', '1', '--chaos-skip', 'store'],
      {},
      's',
    );
    expect(ci.chaos).toMatchObject({ intervalMs: [2_000, 3_000], rounds: 1, skip: new Set(['store']) });
    expect(ci.chaos!.runDir).toMatch(/\.run$/);
    expect(() => parseOptions(['--chaos', '--chaos-skip', 'kafka'], {}, 's')).toThrow(/--chaos-skip/);
    expect(() => parseOptions(['--chaos', '--chaos-interval', 'x'], {}, 's')).toThrow(/--chaos-interval/);
  });
});

describe("the supervisor's services.json", () => {
  it('gives the instances, skipping entries without a pid or port, and nothing for a torn file', () => {
    const text = JSON.stringify([
      { service: 'dispatch', instance: 1, port: 3104, pid: 4242, startedAt: '2030-01-01T00:00:00Z' },
      { service: 'parts', port: 3007, pid: 17 },
      { service: 'repairs', instance: 0, port: 3003 },
      { service: 'portal', instance: 0, port: 3000, pid: 0 },
    ]);
    expect(parseServicesFile(text)).toEqual([
      { service: 'dispatch', instance: 1, port: 3104, pid: 4242, startedAt: '2030-01-01T00:00:00Z' },
      { service: 'parts', instance: 0, port: 3007, pid: 17, startedAt: '' },
    ]);
    expect(parseServicesFile('[{"service": "disp')).toEqual([]);
    expect(parseServicesFile('{}')).toEqual([]);
  });
});

describe('the Kafka cluster adapter', () => {
  const answers = async () => true;

  it("binds the first module exporting the cluster mode's kafkaNodes, stopNode and startNode", async () => {
    const calls: string[] = [];
    const cluster = {
      kafkaNodes: () => [{ id: 2, port: 19094, controllerPort: 19095, pidFile: 'x', log: 'y' }],
      stopNode: async (id: number, signal: string) => void calls.push(`stop ${id} ${signal}`),
      startNode: (id: number) => void calls.push(`start ${id}`),
    };
    const bound = kafkaClusterFrom([undefined, { kafkaAnswers: answers }, cluster], answers)!;
    expect(await bound.nodes()).toEqual([expect.objectContaining({ id: 2, port: 19094 })]);
    await bound.stop(2, 'SIGKILL');
    await bound.start(2);
    expect(calls).toEqual(['stop 2 SIGKILL', 'start 2']);
  });

  it('is none without the cluster tooling (a single broker: no broker restart)', () => {
    expect(kafkaClusterFrom([{ startKafka: () => undefined }, { kafkaNodes: () => [] }], answers)).toBeUndefined();
  });
});
