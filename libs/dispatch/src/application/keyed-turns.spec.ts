import { KeyedTurns } from './keyed-turns';

describe('KeyedTurns', () => {
  it('runs one at a time per key and lets the most pressing waiter go next', async () => {
    const turns = new KeyedTurns<number>((a, b) => a - b);
    const order: string[] = [];
    let release!: () => void;
    const first = turns.run('london', 5, async () => {
      order.push('start 5');
      await new Promise<void>((r) => (release = r));
      order.push('end 5');
    });
    const waiting = [9, 1, 4].map((n) => turns.run('london', n, async () => void order.push(`run ${n}`)));
    const other = turns.run('leeds', 7, async () => void order.push('run leeds 7'));
    await other;
    expect(order).toEqual(['start 5', 'run leeds 7']);
    release();
    await Promise.all([first, ...waiting]);
    expect(order).toEqual(['start 5', 'run leeds 7', 'end 5', 'run 1', 'run 4', 'run 9']);
  });

  it('passes the turn on when a holder fails', async () => {
    const turns = new KeyedTurns<number>((a, b) => a - b);
    const failing = turns.run('k', 1, async () => {
      throw new Error('boom');
    });
    const next = turns.run('k', 2, async () => 'ran');
    await expect(failing).rejects.toThrow('boom');
    await expect(next).resolves.toBe('ran');
  });
});
