import { Producer, ProducerBatch } from 'kafkajs';

import { OutboxEntry } from './outbox';
import { Pending } from './outbox-pending';
import { ProducerSource, publish, publishIsolating } from './outbox-publishing';

const entry = (key: string, n: number, at: number): OutboxEntry => ({
  id: `${key}-${n}`,
  type: 'test.happened.v1',
  topic: 't',
  key,
  value: `${key}#${n}`,
  headers: {},
  at,
});
const document = (key: string, at: number): Pending =>
  ({ model: undefined, doc: { _id: key, outbox: [entry(key, 1, at)] } }) as unknown as Pending;

const tooLarge = Object.assign(new Error('The request included a message larger than the max message size'), {
  type: 'MESSAGE_TOO_LARGE',
});
const notLeader = Object.assign(new Error('This server is not the leader for that topic-partition'), {
  type: 'NOT_LEADER_FOR_PARTITION',
  retriable: true,
});

/**
 * Producers handed out one after another; each send goes to `answer` with the producer's number.
 * What a producer's sequence numbers are after a failure is kafkajs's business: here it matters
 * only which producer the next send used.
 */
class Producers implements ProducerSource {
  readonly sends: { producer: number; keys: string[] }[] = [];
  private current?: number;
  private made = 0;

  constructor(private readonly answer: (keys: string[]) => void) {}

  async connected(): Promise<Producer> {
    const producer = (this.current ??= ++this.made);
    return {
      sendBatch: async ({ topicMessages }: ProducerBatch) => {
        const keys = (topicMessages ?? []).flatMap((t) => t.messages.map((m) => String(m.key)));
        this.sends.push({ producer, keys });
        this.answer(keys);
        return [];
      },
    } as unknown as Producer;
  }

  async drop(): Promise<void> {
    this.current = undefined;
  }
}

describe('outbox publishing after a failed send', () => {
  it('gives up the producer whose send failed: the next send goes through a new one', async () => {
    let failures = 1;
    const producers = new Producers(() => {
      if (failures-- > 0) throw notLeader;
    });
    await expect(publish(producers, [document('A', 1)])).rejects.toBe(notLeader);
    await publish(producers, [document('A', 1)]);
    expect(producers.sends).toEqual([
      { producer: 1, keys: ['A'] },
      { producer: 2, keys: ['A'] },
    ]);
  });

  it('keeps a producer whose sends succeed', async () => {
    const producers = new Producers(() => undefined);
    await publish(producers, [document('A', 1)]);
    await publish(producers, [document('B', 2)]);
    expect(producers.sends.map((s) => s.producer)).toEqual([1, 1]);
  });

  it('isolates the documents of a refused request each through a producer no failed send has touched', async () => {
    // the request with A, B and C failed on C (too large) after Kafka may have stored A and B: kafkajs
    // rewound all three partitions' sequences, so the producer that sent it must not send A or B
    const producers = new Producers((keys) => {
      if (keys.includes('C')) throw tooLarge;
    });
    const pending = [document('A', 1), document('C', 2), document('B', 3)];
    const firstFailure = await publish(producers, pending).catch((err: unknown) => err);
    expect(firstFailure).toBe(tooLarge);

    const { published, refused } = await publishIsolating(producers, pending, firstFailure);

    expect(published.map((p) => p.doc._id)).toEqual(['A', 'B']);
    expect(refused.map((r) => [r.pending.doc._id, r.reason.split(':')[0]])).toEqual([['C', 'MESSAGE_TOO_LARGE']]);
    expect(producers.sends).toEqual([
      { producer: 1, keys: ['A', 'C', 'B'] },
      { producer: 2, keys: ['A'] },
      { producer: 2, keys: ['C'] },
      { producer: 3, keys: ['B'] },
    ]);
  });
});
