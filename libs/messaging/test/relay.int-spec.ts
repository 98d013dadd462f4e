import { Kafka, logLevel, Producer } from 'kafkajs';
import mongoose, { Connection, Model } from 'mongoose';

import { createEvent, EventEnvelope, Topics } from '@appliance-care/contracts';
import { isolateTestEnv, KafkaProbe, testDatabase, TestEnv, waitFor } from '@appliance-care/testing';

import {
  createProducer,
  ensureTopics,
  outboxFields,
  OutboxRelay,
  physicalTopic,
  publicationOrder,
  toOutboxEntries,
  withEvents,
} from '../src';
import { Counter, counterModel } from './test-aggregate';

/** The outbox relay against the real broker and store: order, parking, revision-conditioned clearing. */
describe('outbox relay', () => {
  let env: TestEnv;
  let connection: Connection;
  let counters: Model<Counter>;
  let kafka: Kafka;
  let producer: Producer;
  let probe: KafkaProbe;
  let topic: string;
  const relays: OutboxRelay[] = [];

  const fault = (serial: string, errorCode: string, padding?: string): EventEnvelope =>
    createEvent({
      type: 'device.fault.reported.v1',
      source: '/test/relay',
      subject: serial,
      data: {
        serialNumber: serial,
        errorCode,
        reportedAt: new Date().toISOString(),
        ...(padding ? { readings: { padding } } : {}),
      },
    });

  const startRelay = (batchSize?: number) => {
    const relay = new OutboxRelay(producer, [counters as never], { batchSize, pollIntervalMs: 200 });
    relays.push(relay);
    relay.start();
    return relay;
  };

  beforeAll(async () => {
    env = isolateTestEnv('relay');
    connection = await mongoose.createConnection(env.mongoUri, { dbName: testDatabase('relay', env) }).asPromise();
    counters = counterModel(connection);
    await counters.init();
    kafka = new Kafka({ clientId: 'relay-test', brokers: env.kafkaBrokers.split(','), logLevel: logLevel.NOTHING });
    topic = physicalTopic(Topics.deviceFaults);
    await ensureTopics(kafka, [topic]);
    producer = createProducer(kafka);
    await producer.connect();
    probe = new KafkaProbe(env.kafkaBrokers);
    await probe.watch([topic]);
  });

  afterEach(async () => {
    await Promise.all(relays.splice(0).map((r) => r.stop()));
  });

  afterAll(async () => {
    await probe.close();
    await producer.disconnect();
    await connection.close();
  });

  /** Per key, the order in which each event first appeared on the topic. */
  const firstSeenPerKey = (prefix: string): Map<string, number[]> => {
    const seen = new Set<string>();
    const perKey = new Map<string, number[]>();
    for (const m of probe.on(topic)) {
      const e = m.event;
      if (!e || seen.has(e.id) || !String(m.key).startsWith(prefix)) continue;
      seen.add(e.id);
      perKey.set(String(m.key), [
        ...(perKey.get(String(m.key)) ?? []),
        Number((e.data as { errorCode: string }).errorCode),
      ]);
    }
    return perKey;
  };

  it('keeps per-key order across documents with two relay instances and a backlog ten times their batch', async () => {
    const keys = Array.from({ length: 8 }, (_, i) => `ORD2-${env.suffix}-${i}`);
    const perKey = 60;
    // the backlog builds up before any relay runs: 480 documents, one event each, keys interleaved
    for (let n = 0; n < perKey; n++) {
      await counters.insertMany(keys.map((k, i) => ({ _id: `o2-${n}-${i}`, ...outboxFields([fault(k, String(n))]) })));
    }
    startRelay(48);
    startRelay(48);
    await waitFor(() => keys.every((k) => (firstSeenPerKey(k).get(k) ?? []).length === perKey), {
      what: 'every event published',
      timeoutMs: 90_000,
    });
    for (const k of keys) expect(firstSeenPerKey(k).get(k)).toEqual(Array.from({ length: perKey }, (_, n) => n));
    await waitFor(async () => (await counters.countDocuments({ _id: /^o2-/, outboxPending: true })) === 0, {
      what: 'every outbox emptied',
    });
  });

  it('keeps the events a writer adds while the relay publishes (the outbox is emptied only if its revision did not move)', async () => {
    const key = `REV-${env.suffix}`;
    await counters.create({ _id: 'rev', count: 0 });
    startRelay();
    const ids: string[] = [];
    for (let n = 0; n < 40; n++) {
      const e = fault(key, String(n));
      ids.push(e.id);
      await counters.updateOne({ _id: 'rev' }, withEvents<Counter>({ $inc: { count: 1 } }, [e]));
    }
    await waitFor(() => ids.every((id) => probe.events().some((e) => e.id === id)), {
      what: 'all 40 published',
      timeoutMs: 60_000,
    });
    expect(firstSeenPerKey(key).get(key)).toEqual(Array.from({ length: 40 }, (_, n) => n));
    await waitFor(async () => (await counters.findById('rev').lean())?.outboxPending === false, {
      what: 'outbox emptied',
    });
    expect((await counters.findById('rev').lean())?.count).toBe(40);
  });

  it('parks a document whose events Kafka refuses for good, goes on with the others, and can release it', async () => {
    const big = fault(`BIG-${env.suffix}`, '1', 'x'.repeat(2_500_000)); // over the broker's message.max.bytes (2 MiB)
    const after = fault(`OK-${env.suffix}`, '2');
    await counters.create({ _id: 'too-big', ...outboxFields([big]) });
    await counters.create({ _id: 'fine', ...outboxFields([after]) });
    const relay = startRelay();
    await waitFor(() => probe.events().some((e) => e.id === after.id), {
      what: 'the other document published',
      timeoutMs: 60_000,
    });
    const parked = await waitFor(async () => (await relay.parked()).find((p) => p.id === 'too-big'), {
      what: 'the refused document parked',
      timeoutMs: 60_000,
    });
    expect(parked.reason).toMatch(/MESSAGE_TOO_LARGE|RECORD_LIST_TOO_LARGE/);
    expect(parked.events.map((e) => e.id)).toEqual([big.id]);
    const doc = await counters.findById('too-big').lean();
    expect(doc?.outboxPending).toBe(false);
    expect(doc?.outbox).toHaveLength(1); // set aside, not lost
    expect(probe.events().some((e) => e.id === big.id)).toBe(false);

    await relay.stop();
    expect(await relay.release(counters.collection.collectionName, 'too-big')).toBe(true);
    expect((await counters.findById('too-big').lean())?.outboxPending).toBe(true);
    expect(await relay.parked()).toHaveLength(0);
    await counters.deleteOne({ _id: 'too-big' }); // it would only be parked again
  });

  it('publishes a document backlog larger than a produce request in consecutive requests, in order, instead of parking it', async () => {
    const key = `BACKLOG-${env.suffix}`;
    const events = Array.from({ length: 2500 }, (_, n) => fault(key, String(n), 'p'.repeat(900))); // ≈2.7 MB in one document
    await counters.create({ _id: 'backlog', ...outboxFields(events) });
    const relay = new OutboxRelay(producer, [counters as never]);
    expect(await relay.drainOnce()).toBe(1);
    await waitFor(() => (firstSeenPerKey(key).get(key) ?? []).length === 2500, {
      what: 'all 2,500 events on the topic',
      timeoutMs: 60_000,
    });
    expect(firstSeenPerKey(key).get(key)).toEqual(events.map((_, n) => n));
    expect(await relay.parked()).toHaveLength(0);
    expect((await counters.findById('backlog').lean())?.outboxPending).toBe(false);
  });
});

describe('publication order (pure)', () => {
  it('keeps a document in array order even when a later entry carries an earlier stamp, and interleaves documents by stamp', () => {
    const entries = (serial: string, ats: number[]) =>
      toOutboxEntries(
        ats.map((_, i) =>
          createEvent({
            type: 'device.fault.reported.v1',
            source: '/t',
            subject: serial,
            data: { serialNumber: serial, errorCode: `${serial}${i}`, reportedAt: '2026-12-01T00:00:00Z' },
          }),
        ),
      ).map((e, i) => ({ ...e, at: ats[i] }));
    const a = { doc: { outbox: entries('A', [10, 5, 30]) } }; // a second writer with a slower clock appended the middle one
    const b = { doc: { outbox: entries('B', [20]) } };
    const order = publicationOrder([b, a]).map((e) => JSON.parse(e.value).errorCode);
    expect(order).toEqual(['A0', 'A1', 'B0', 'A2']);
  });
});
