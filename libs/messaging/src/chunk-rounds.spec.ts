import { ChunkRounds } from './chunk-rounds';

interface Chunk {
  name: string;
  messages: number[];
}

const chunk = (name: string, size = 1): Chunk => ({ name, messages: Array.from({ length: size }, (_, i) => i) });

/** Records each round's chunks; answers every chunk with its own name and the round's number. */
function recorder() {
  const rounds: string[][] = [];
  const rounds$ = new ChunkRounds<Chunk, string>(async (chunks) => {
    rounds.push(chunks.map((c) => c.name));
    return chunks.map((c) => `${c.name}@${rounds.length}`);
  }, 10);
  return { rounds, join: (c: Chunk) => rounds$.join(c) };
}

describe('ChunkRounds', () => {
  it('makes one round of the chunks handed in within one turn of the event loop, each answered with its own progress', async () => {
    const { rounds, join } = recorder();
    const answers = await Promise.all([join(chunk('a')), join(chunk('b')), join(chunk('c'))]);
    expect(rounds).toEqual([['a', 'b', 'c']]);
    expect(answers).toEqual(['a@1', 'b@1', 'c@1']);
  });

  it('puts a chunk handed in after its round began into the next round', async () => {
    const { rounds, join } = recorder();
    const first = join(chunk('a'));
    await new Promise((resolve) => setImmediate(resolve));
    const second = join(chunk('b'));
    expect(await Promise.all([first, second])).toEqual(['a@1', 'b@2']);
    expect(rounds).toEqual([['a'], ['b']]);
  });

  it('closes a round once it holds maxMessages, the next chunks opening another', async () => {
    const { rounds, join } = recorder();
    await Promise.all([join(chunk('a', 6)), join(chunk('b', 4)), join(chunk('c', 1))]);
    expect(rounds).toEqual([['a', 'b'], ['c']]);
  });

  it('fails every chunk of a round whose processing fails, and the next round starts afresh', async () => {
    let calls = 0;
    const rounds = new ChunkRounds<Chunk, string>(async (chunks) => {
      calls += 1;
      if (calls === 1) throw new Error('store unavailable');
      return chunks.map((c) => c.name);
    }, 10);
    const failed = await Promise.allSettled([rounds.join(chunk('a')), rounds.join(chunk('b'))]);
    expect(failed.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(await rounds.join(chunk('c'))).toBe('c');
  });
});
