import { Kafka, Producer } from 'kafkajs';
import mongoose, { Connection, Model } from 'mongoose';

import { createEvent, dlqTopic, EventEnvelope } from '@appliance-care/contracts';
import { BusinessRuleError } from '@appliance-care/platform';
import { isolateTestEnv, KafkaProbe, testDatabase, TestEnv, waitFor } from '@appliance-care/testing';

import { ConsumedEvent, EventConsumer, EventConsumerOptions, inboxModel, InboxRecord, replayDeadLetters } from '../src';
import { bareFaultRecord } from './bare-record';
import { openFaultTopic } from './fault-topic';

/** The consumer's newer behaviour: poison classes, DLQ replay, partition-local retries, batch handlers. */
describe('event consumer', () => {
  let env: TestEnv;
  let connection: Connection;
  let inbox: Model<InboxRecord>;
  let kafka: Kafka;
  let producer: Producer;
  let probe: KafkaProbe;
  let topic: string;
  const consumers: EventConsumer[] = [];

  const fault = (serial: string, errorCode: string): EventEnvelope =>
    createEvent({
      type: 'device.fault.reported.v1',
      source: '/test/consumer',
      subject: serial,
      data: { serialNumber: serial, errorCode, reportedAt: new Date().toISOString() },
    });
  const group = (name: string) => `${process.env['KAFKA_GROUP_PREFIX']}${name}`;

  async function startConsumer(name: string, options: Partial<EventConsumerOptions>): Promise<EventConsumer> {
    const consumer = new EventConsumer({
      kafka,
      producer,
      inbox,
      topics: [topic],
      groupId: group(name),
      handles: () => true,
      retry: { initialMs: 20, maxMs: 400 },
      ...options,
    } as EventConsumerOptions);
    await consumer.start();
    consumers.push(consumer);
    return consumer;
  }

  beforeAll(async () => {
    env = isolateTestEnv('consumer');
    connection = await mongoose.createConnection(env.mongoUri, { dbName: testDatabase('consumer', env) }).asPromise();
    inbox = inboxModel(connection);
    await inbox.init();
    ({ kafka, topic, producer, probe } = await openFaultTopic('consumer-test', env));
  });

  afterEach(async () => {
    await Promise.all(consumers.splice(0).map((c) => c.stop()));
  });

  afterAll(async () => {
    await probe.close();
    await producer.disconnect();
    await connection.close();
  });

  const deadLetters = (name: string) =>
    probe.on(dlqTopic(topic)).filter((m) => m.headers['x-consumer-group'] === group(name));

  it('dead-letters a programming error (TypeError) as poison instead of retrying it forever', async () => {
    const bad = fault(`TYPE-${env.suffix}`, 'BAD');
    const next = fault(`TYPE-${env.suffix}`, 'NEXT');
    const handled: string[] = [];
    let attempts = 0;
    await startConsumer('type-error', {
      handle: async (e) => {
        if (e.id === bad.id) {
          attempts += 1;
          (undefined as unknown as { x: number }).x; // eslint-disable-line @typescript-eslint/no-unused-expressions
        }
        handled.push(e.id);
      },
    });
    await probe.publish(topic, bad);
    await probe.publish(topic, next);
    await waitFor(() => handled.includes(next.id), { what: 'the next event handled' });
    const dead = await waitFor(() => deadLetters('type-error').find((m) => m.headers['ce_id'] === bad.id), {
      what: 'the TypeError dead-lettered',
    });
    expect(dead.headers['x-error-code']).toBe('programming-error');
    expect(dead.headers['x-error-message']).toMatch(/^TypeError: /);
    expect(attempts).toBe(1);
  });

  it('handles a dead letter replayed from the DLQ for its group once, while other groups see a duplicate', async () => {
    const key = `REPLAY-${env.suffix}`;
    const event = fault(key, 'R');
    let fixed = false;
    const seenA: string[] = [];
    const seenB: string[] = [];
    await startConsumer('replay-a', {
      handle: async (e) => {
        if (e.subject !== key) return;
        if (e.id === event.id && !fixed) throw new BusinessRuleError('not-yet', 'the appliance is not known yet');
        seenA.push(e.id);
      },
    });
    await startConsumer('replay-b', { handle: async (e) => void (e.subject === key && seenB.push(e.id)) });
    await probe.publish(topic, event);
    await waitFor(() => deadLetters('replay-a').some((m) => m.headers['ce_id'] === event.id), {
      what: 'dead-lettered by group a',
    });
    await waitFor(() => seenB.includes(event.id), { what: 'handled by group b' });

    fixed = true;
    expect((await replayDeadLetters(kafka, producer, { topic, group: group('replay-a') })).replayed).toBe(1);
    await waitFor(() => seenA.includes(event.id), { what: 'the replay handled by group a' });
    // replaying the same dead letter again is the same replay; a later event of the key shows both groups passed it
    await replayDeadLetters(kafka, producer, { topic, group: group('replay-a'), eventIds: [event.id] });
    await waitFor(() => probe.on(topic).filter((m) => m.event?.id === event.id).length === 3, {
      what: 'the original and two replays on the topic',
    });
    const sentinel = fault(key, 'SENTINEL');
    await probe.publish(topic, sentinel);
    await waitFor(() => seenA.includes(sentinel.id) && seenB.includes(sentinel.id), {
      what: 'both groups past the replays',
    });
    expect(seenA.filter((id) => id === event.id)).toHaveLength(1);
    expect(seenB.filter((id) => id === event.id)).toHaveLength(1);
  });

  it('keeps other partitions moving while one partition retries a transient failure', async () => {
    const stuckKey = `STUCK-${env.suffix}`;
    const stuck = fault(stuckKey, 'S');
    let healthy = false;
    let stuckAttempts = 0;
    const done: string[] = [];
    await startConsumer('partition-local', {
      retry: { initialMs: 50, maxMs: 300, attempts: 2 },
      handle: async (e) => {
        if (e.id === stuck.id && !healthy) {
          stuckAttempts += 1;
          throw new Error('the store is briefly unavailable');
        }
        done.push(e.id);
      },
    });
    await probe.publish(topic, stuck);
    await waitFor(() => stuckAttempts >= 2, { what: 'the stuck event failing' });
    // events of other keys (on other partitions, and behind the stuck one on its own) keep flowing
    const others = Array.from({ length: 24 }, (_, i) => fault(`FLOW-${env.suffix}-${i}`, String(i)));
    for (const e of others) await probe.publish(topic, e);
    const sameKey = fault(stuckKey, 'BEHIND');
    await probe.publish(topic, sameKey);
    const partitionOf = (id: string) => probe.on(topic).find((m) => m.event?.id === id)?.partition;
    const stuckPartition = await waitFor(() => partitionOf(stuck.id), { what: 'the stuck event on the topic' });
    const elsewhere = others.filter((e) => partitionOf(e.id) !== undefined && partitionOf(e.id) !== stuckPartition);
    expect(elsewhere.length).toBeGreaterThan(0);
    await waitFor(() => elsewhere.every((e) => done.includes(e.id)), {
      what: 'other partitions handled while one retries',
    });
    expect(done).not.toContain(stuck.id);
    expect(stuckAttempts).toBeGreaterThanOrEqual(2);
    expect(done).not.toContain(sameKey.id); // nothing of its key skips ahead of the failed event

    healthy = true;
    await waitFor(() => done.includes(sameKey.id) && others.every((e) => done.includes(e.id)), {
      what: 'resumed from the failed event',
    });
    expect(done.filter((id) => id === stuck.id)).toHaveLength(1);
    expect(done.indexOf(stuck.id)).toBeLessThan(done.indexOf(sameKey.id));
    expect(others.every((e) => done.filter((id) => id === e.id).length === 1)).toBe(true); // handled past the failure, not again
    expect(deadLetters('partition-local')).toHaveLength(0);
  });

  it('hands a batch handler rounds of distinct keys in per-key order, and isolates the poison event of a failing batch', async () => {
    const keys = Array.from({ length: 6 }, (_, i) => `BATCH-${env.suffix}-${i}`);
    const events = Array.from({ length: 5 }, (_, n) => keys.map((k) => fault(k, String(n)))).flat();
    const poison = events[13];
    const applied = new Map<string, number[]>();
    const calls: number[] = [];
    await startConsumer('batch', {
      handleBatch: async (batch: ConsumedEvent[]) => {
        calls.push(batch.length);
        const batchKeys = batch.map((b) => (b.event.data as { serialNumber: string }).serialNumber);
        expect(new Set(batchKeys).size).toBe(batchKeys.length);
        if (batch.some((b) => b.event.id === poison.id))
          throw new BusinessRuleError('poison', 'this one cannot be applied');
        for (const { event } of batch) {
          const d = event.data as { serialNumber: string; errorCode: string };
          applied.set(d.serialNumber, [...(applied.get(d.serialNumber) ?? []), Number(d.errorCode)]);
        }
      },
    });
    await producer.send({
      topic,
      acks: -1,
      messages: events.map(bareFaultRecord),
    });
    const poisonKey = (poison.data as { serialNumber: string }).serialNumber;
    const poisonN = Number((poison.data as { errorCode: string }).errorCode);
    await waitFor(() => keys.every((k) => (applied.get(k) ?? []).length === (k === poisonKey ? 4 : 5)), {
      what: 'every good event applied',
    });
    for (const k of keys) {
      expect(applied.get(k)).toEqual([0, 1, 2, 3, 4].filter((n) => k !== poisonKey || n !== poisonN));
    }
    // the probe reads the dead-letter topic on its own: the letter may reach it after the good events are applied
    await waitFor(() => deadLetters('batch').length > 0, { what: 'the poison event dead-lettered' });
    expect(deadLetters('batch').map((m) => m.headers['ce_id'])).toEqual([poison.id]);
    expect(Math.max(...calls)).toBeGreaterThan(1);
  });
  it("hands a batch handler the events of a fetch's partitions in one round, each partition's offsets committed", async () => {
    const keys = Array.from({ length: 12 }, (_, i) => `ROUND-${env.suffix}-${i}`);
    const events = keys.flatMap((k) => [fault(k, '0'), fault(k, '1')]);
    // all stored before the group starts: its first fetch finds them on every partition
    await producer.send({ topic, acks: -1, messages: events.map(bareFaultRecord) });
    const ours = new Set(events.map((e) => e.id));
    const partitionsPerCall: number[] = [];
    const applied = new Map<string, string[]>();
    await startConsumer('rounds', {
      handleBatch: async (batch: ConsumedEvent[]) => {
        const mine = batch.filter((b) => ours.has(b.event.id));
        if (mine.length) partitionsPerCall.push(new Set(mine.map((b) => b.meta.partition)).size);
        for (const { event } of mine) {
          const d = event.data as { serialNumber: string; errorCode: string };
          applied.set(d.serialNumber, [...(applied.get(d.serialNumber) ?? []), d.errorCode]);
        }
      },
    });
    await waitFor(() => keys.every((k) => applied.get(k)?.length === 2), { what: 'every event applied' });
    for (const k of keys) expect(applied.get(k)).toEqual(['0', '1']);
    expect(Math.max(...partitionsPerCall)).toBeGreaterThan(1);
    // the one commit of a round covers every partition of it: nothing of ours is redelivered to the group
    const admin = kafka.admin();
    await admin.connect();
    try {
      await waitFor(
        async () => {
          const [committed] = await admin.fetchOffsets({ groupId: group('rounds'), topics: [topic] });
          const ends = await admin.fetchTopicOffsets(topic);
          const at = (partition: number) => committed?.partitions.find((p) => p.partition === partition)?.offset;
          return ends.every((end) => end.offset === '0' || at(end.partition) === end.offset);
        },
        { what: "the group's committed offsets at every partition's end" },
      );
    } finally {
      await admin.disconnect();
    }
  });
});
