import { Kafka, logLevel, Producer } from 'kafkajs';
import mongoose, { Connection, Model } from 'mongoose';

import { createEvent, EventEnvelope, Topics } from '@appliance-care/contracts';
import { isolateTestEnv, KafkaProbe, testDatabase, TestEnv, waitFor } from '@appliance-care/testing';

import { createProducer, ensureTopics, outboxFields, OutboxRelay, physicalTopic, withEvents } from '../src';
import { outboxWriteListeners } from '../src/outbox-written';
import { Counter, counterModel } from './test-aggregate';

/**
 * The relay is woken by the write itself: with a poll of a minute, every kind of write through the
 * model that stores events is published within seconds, and nobody calls notify(). Without
 * withOutbox's hooks each of these waits for the poll and fails.
 */
describe('a write through an outbox model wakes the relay', () => {
  const POLL_MS = 60_000;
  const WELL_BEFORE_POLL_MS = 10_000;
  let env: TestEnv;
  let connection: Connection;
  let counters: Model<Counter>;
  let kafka: Kafka;
  let producer: Producer;
  let probe: KafkaProbe;
  let relay: OutboxRelay;

  const fault = (label: string): EventEnvelope =>
    createEvent({
      type: 'device.fault.reported.v1',
      source: '/test/relay-wake',
      subject: `WAKE-${env.suffix}`,
      data: { serialNumber: `WAKE-${env.suffix}`, errorCode: label, reportedAt: new Date().toISOString() },
    });

  const published = (event: EventEnvelope, what: string) =>
    waitFor(() => probe.events().some((seen) => seen.id === event.id), { what, timeoutMs: WELL_BEFORE_POLL_MS });

  beforeAll(async () => {
    env = isolateTestEnv('relay-wake');
    connection = await mongoose.createConnection(env.mongoUri, { dbName: testDatabase('relay_wake', env) }).asPromise();
    counters = counterModel(connection);
    await counters.init();
    kafka = new Kafka({
      clientId: 'relay-wake-test',
      brokers: env.kafkaBrokers.split(','),
      logLevel: logLevel.NOTHING,
    });
    const topic = physicalTopic(Topics.deviceFaults);
    await ensureTopics(kafka, [topic]);
    producer = createProducer(kafka);
    await producer.connect();
    probe = new KafkaProbe(env.kafkaBrokers);
    await probe.watch([topic]);
    // a document written past mongoose (no hook) is what the first round finds; once it is published
    // and emptied the relay has gone idle for a minute, so only a hook can bring the next event out soon
    const primer = fault('primer');
    await counters.collection.insertOne({ _id: 'primer', count: 0, applied: [], ...outboxFields([primer]) } as never);
    relay = new OutboxRelay(producer, [counters as never], { pollIntervalMs: POLL_MS });
    relay.start();
    await waitFor(() => probe.events().some((seen) => seen.id === primer.id), { what: 'the primer published' });
    await waitFor(async () => (await counters.findById('primer').lean())?.outboxPending === false, {
      what: 'the primer settled',
    });
  });

  afterAll(async () => {
    await relay.stop();
    await probe.close();
    await producer.disconnect();
    await connection.close();
  });

  it('create (document save)', async () => {
    const event = fault('create');
    await counters.create({ _id: 'create', ...outboxFields([event]) });
    await published(event, 'published after create');
  });

  it('insertMany, and an unordered insertMany that met a duplicate', async () => {
    const first = fault('insert-many');
    await counters.insertMany([{ _id: 'many', ...outboxFields([first]) }]);
    await published(first, 'published after insertMany');
    const second = fault('insert-many-duplicate');
    const inserts = [{ _id: 'many' }, { _id: 'many-2', ...outboxFields([second]) }];
    await expect(counters.insertMany(inserts, { ordered: false })).rejects.toMatchObject({ code: 11000 });
    await published(second, 'published after an insertMany that also met a duplicate');
  });

  it('updateOne, updateMany, findOneAndUpdate and replaceOne with events', async () => {
    await counters.create({ _id: 'updated', count: 0 }); // no events: nothing to publish yet
    const writes: [string, (event: EventEnvelope) => Promise<unknown>][] = [
      [
        'updateOne',
        (event) => counters.updateOne({ _id: 'updated' }, withEvents<Counter>({ $inc: { count: 1 } }, [event])),
      ],
      [
        'updateMany',
        (event) => counters.updateMany({ _id: 'updated' }, withEvents<Counter>({ $inc: { count: 1 } }, [event])),
      ],
      [
        'findOneAndUpdate',
        (event) => counters.findOneAndUpdate({ _id: 'updated' }, withEvents<Counter>({ $inc: { count: 1 } }, [event])),
      ],
      [
        'replaceOne',
        (event) => counters.replaceOne({ _id: 'updated' }, { count: 9, applied: [], ...outboxFields([event]) }),
      ],
    ];
    for (const [kind, write] of writes) {
      const event = fault(kind);
      await write(event);
      await published(event, `published after ${kind}`);
    }
  });

  it('bulkWrite (insertOne and updateOne operations)', async () => {
    const inserted = fault('bulk-insert');
    await counters.bulkWrite([{ insertOne: { document: { _id: 'bulk', ...outboxFields([inserted]) } as never } }]);
    await published(inserted, 'published after a bulk insert');
    const updated = fault('bulk-update');
    const update = withEvents<Counter>({ $inc: { count: 1 } }, [updated]);
    await counters.bulkWrite([{ updateOne: { filter: { _id: 'bulk' }, update: update as never } }]);
    await published(updated, 'published after a bulk update');
  });

  it('a woken round reads only the collections written since their last read', async () => {
    const tallies = counterModel(connection, 'Tally');
    await tallies.init();
    const reads = jest.spyOn(tallies.collection, 'find');
    const both = new OutboxRelay(producer, [counters as never, tallies as never], { pollIntervalMs: POLL_MS });
    both.start();
    try {
      await waitFor(() => reads.mock.calls.length > 0, { what: 'the first round read every collection' });
      const firstRound = reads.mock.calls.length;
      for (const label of ['counters-only-1', 'counters-only-2', 'counters-only-3']) {
        const event = fault(label);
        await counters.create({ _id: label, ...outboxFields([event]) });
        await published(event, `published after ${label}`);
      }
      expect(reads.mock.calls.length).toBe(firstRound);
      const tallied = fault('tally');
      await tallies.create({ _id: 'tally', ...outboxFields([tallied]) });
      await published(tallied, 'published after a write to the other collection');
      expect(reads.mock.calls.length).toBeGreaterThan(firstRound);
    } finally {
      await both.stop();
      reads.mockRestore();
    }
  });

  it('a stopped relay no longer listens', async () => {
    const collection = counters.collection.collectionName;
    const another = new OutboxRelay(producer, [counters as never], { pollIntervalMs: POLL_MS });
    another.start();
    expect(outboxWriteListeners(collection)).toBe(2);
    await another.stop();
    expect(outboxWriteListeners(collection)).toBe(1);
  });
});
