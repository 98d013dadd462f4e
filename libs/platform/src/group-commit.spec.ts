import { GroupCommit } from './group-commit';

/** A write that records its batches and waits for the test to let it finish. */
function gatedWriter() {
  const batches: number[][] = [];
  const gates: (() => void)[] = [];
  const write = async (items: number[]) => {
    batches.push(items);
    await new Promise<void>((resolve) => gates.push(resolve));
    return items.map((n) => n * 10);
  };
  const open = async () => {
    while (gates.length === 0) await new Promise((resolve) => setImmediate(resolve));
    gates.shift()?.();
  };
  return { batches, write, open };
}

describe('GroupCommit', () => {
  it('writes the items submitted in one tick together, each caller getting its own result', async () => {
    const { batches, write, open } = gatedWriter();
    const commit = new GroupCommit(write);
    const results = Promise.all([commit.submit(1), commit.submit(2), commit.submit(3)]);
    await open();
    expect(await results).toEqual([10, 20, 30]);
    expect(batches).toEqual([[1, 2, 3]]);
  });

  it('gathers what is submitted while a write is in flight into the next write', async () => {
    const { batches, write, open } = gatedWriter();
    const commit = new GroupCommit(write);
    const first = commit.submit(1);
    await new Promise((resolve) => setImmediate(resolve)); // the first write is in flight
    const later = [commit.submit(2), commit.submit(3), commit.submit(4)];
    await open();
    await open();
    expect(await Promise.all([first, ...later])).toEqual([10, 20, 30, 40]);
    expect(batches).toEqual([[1], [2, 3, 4]]);
  });

  it('writes at most maxItems at once', async () => {
    const batches: number[][] = [];
    const commit = new GroupCommit(async (items: number[]) => {
      batches.push(items);
      return items;
    }, 2);
    await Promise.all([1, 2, 3, 4, 5].map((n) => commit.submit(n)));
    expect(batches).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('rejects every item of a failed write, and the next write goes on', async () => {
    let calls = 0;
    const commit = new GroupCommit(async (items: string[]) => {
      calls += 1;
      if (calls === 1) throw new Error('store unavailable');
      return items.map((s) => s.toUpperCase());
    });
    const failed = await Promise.allSettled([commit.submit('a'), commit.submit('b')]);
    expect(failed.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(await commit.submit('c')).toBe('C');
  });
});
