// npm run bench:messaging [-- --events 5000]
// Side by side, in one run against the real broker and store, on ~1 KB events: (i) raw kafkajs
// produce→consume; (ii) the library's path write → outbox → relay → consumer (schema validation,
// inbox idempotency), as a burst of 32 writers and one write at a time; (iii) Nest's built-in Kafka
// transport doing the same work (store, then emit; an inbox check in the @EventPattern handler);
// plus the store's raw insert rate, single and bulk.
import { randomBytes } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import mongoose, { Schema } from 'mongoose';
import pLimit from 'p-limit';

import { createEvent, dlqTopic, EventEnvelope, Topics } from '@appliance-care/contracts';
import {
  createProducer,
  ensureTopics,
  EventConsumer,
  inboxModel,
  outboxFields,
  OutboxRelay,
  physicalTopic,
  withOutbox,
} from '@appliance-care/messaging';

import { numberArg, percentile } from './bench-kit';
import { nestKafkaTransport } from './nest-kafka-transport';

const N = numberArg('events', 5000);
const WRITERS = 32;
const brokers = (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(',');
const mongoUri = process.env['MONGODB_URI'] ?? 'mongodb://127.0.0.1:27017';
const run = `${Date.now().toString(36)}`;
process.env['KAFKA_TOPIC_PREFIX'] = `bench.${run}.`;

const padding = randomBytes(400).toString('hex').slice(0, 760); // ≈1 KB values with the rest of the event

async function withinDeadline(check: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('benchmark did not finish in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function rawKafka(kafka: Kafka) {
  const topic = `bench.${run}.raw`;
  await ensureTopics(kafka, [topic]);
  const latencies: number[] = [];
  const consumer = kafka.consumer({ groupId: `bench.${run}.raw` });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await consumer.run({
    eachBatch: async ({ batch, resolveOffset }) => {
      const now = Date.now();
      for (const m of batch.messages) {
        latencies.push(now - Number(JSON.parse(m.value!.toString()).sentAt));
        resolveOffset(m.offset);
      }
    },
  });
  const producer = createProducer(kafka);
  await producer.connect();
  const start = Date.now();
  const inFlight: Promise<unknown>[] = [];
  for (let i = 0; i < N; i += 100) {
    const messages = Array.from({ length: Math.min(100, N - i) }, (_, j) => ({
      key: `k${(i + j) % 500}`,
      value: JSON.stringify({ n: i + j, sentAt: Date.now(), padding }),
    }));
    inFlight.push(producer.send({ topic, acks: -1, messages }));
    if (inFlight.length >= 8) await inFlight.shift();
  }
  await Promise.all(inFlight);
  await withinDeadline(() => latencies.length >= N, 120_000);
  const seconds = (Date.now() - start) / 1000;
  await consumer.disconnect();
  await producer.disconnect();
  return { rate: N / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

async function libraryPath(kafka: Kafka, connection: mongoose.Connection) {
  const schema = withOutbox(new Schema({ _id: String, n: Number, padding: String }, { versionKey: false }));
  const Aggregate = connection.model('BenchAggregate', schema);
  await Aggregate.init();
  const inbox = inboxModel(connection);
  await inbox.init();
  const topic = physicalTopic(Topics.deviceFaults);
  await ensureTopics(kafka, [topic, dlqTopic(topic)]);
  const producer = createProducer(kafka);
  await producer.connect();
  // withOutbox() adds the outbox paths at run time but its type does not carry them: mongoose's Model
  // type forces the cast to the relay's model type
  type RelayModel = ConstructorParameters<typeof OutboxRelay>[1][number];
  const relay = new OutboxRelay(producer, [Aggregate as unknown as RelayModel]); // production defaults
  relay.start();
  const writtenAt = new Map<string, number>();
  const latencies: number[] = [];
  const consumer = new EventConsumer({
    kafka,
    producer,
    inbox,
    topics: [topic],
    groupId: `bench.${run}.library`,
    handles: () => true,
    handle: async (event: EventEnvelope) => {
      latencies.push(Date.now() - (writtenAt.get(event.id) ?? Date.now()));
    },
  });
  await consumer.start();
  // the normal case first: one write at a time, each waited for at the consumer
  const single: number[] = [];
  for (let i = -1; i < 30; i++) {
    const serial = `SER-SINGLE-${i}`; // i = -1 warms up: the consumer's first group join is not a write's latency
    const event = createEvent({
      type: 'device.fault.reported.v1',
      source: '/bench',
      subject: serial,
      data: { serialNumber: serial, errorCode: 'E', reportedAt: new Date().toISOString() },
    });
    const before = latencies.length;
    writtenAt.set(event.id, Date.now());
    await Aggregate.create({ _id: `single-${i}`, n: i, ...outboxFields([event]) });
    relay.notify();
    await withinDeadline(() => latencies.length > before, 30_000);
    if (i >= 0) single.push(latencies[latencies.length - 1]);
  }
  latencies.length = 0;
  const start = Date.now();
  await writeBurst(
    Aggregate,
    'agg',
    (event) => writtenAt.set(event.id, Date.now()),
    () => relay.notify(),
  );
  const writeSeconds = (Date.now() - start) / 1000;
  await withinDeadline(() => latencies.length >= N, 60_000).catch(async (err) => {
    console.error(
      `consumed ${latencies.length}/${N}; still pending in outbox: ${await Aggregate.countDocuments({ outboxPending: true })}`,
    );
    throw err;
  });
  const seconds = (Date.now() - start) / 1000;
  await consumer.stop();
  await relay.stop();
  await producer.disconnect();
  return {
    rate: N / seconds,
    writeRate: N / writeSeconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    singleP50: percentile(single, 50),
    singleP99: percentile(single, 99),
  };
}

/** N aggregates born with one ~1 KB event each, written by WRITERS concurrent writers. */
async function writeBurst(
  Aggregate: { create(doc: object): Promise<unknown> },
  prefix: string,
  before?: (event: EventEnvelope) => void,
  after?: () => void,
): Promise<void> {
  const writer = pLimit(WRITERS);
  const write = async (n: number) => {
    const serial = `SER-${n % 500}`;
    const event = createEvent({
      type: 'device.fault.reported.v1',
      source: '/bench',
      subject: serial,
      data: {
        serialNumber: serial,
        errorCode: `E${n}`,
        reportedAt: new Date().toISOString(),
        readings: { padding },
      },
    });
    before?.(event);
    await Aggregate.create({ _id: `${prefix}-${n}`, n, ...outboxFields([event]) });
    after?.();
  };
  await Promise.all(Array.from({ length: N }, (_, n) => writer(() => write(n))));
}

/** The same aggregate writes by the same writers, with nobody publishing or consuming. */
async function writesAlone(connection: mongoose.Connection) {
  const schema = withOutbox(new Schema({ _id: String, n: Number, padding: String }, { versionKey: false }));
  const Aggregate = connection.model('BenchAggregateAlone', schema);
  await Aggregate.init();
  const start = Date.now();
  await writeBurst(Aggregate, 'alone');
  return N / ((Date.now() - start) / 1000);
}

async function storeInserts(connection: mongoose.Connection) {
  const collection = connection.collection<{ _id: string; n: number; padding: string }>(`inserts_${run}`);
  const docs = (count: number, offset: number) =>
    Array.from({ length: count }, (_, i) => ({ _id: `d${offset + i}`, n: i, padding }));
  const single = Math.min(N, 2000);
  let start = Date.now();
  for (const doc of docs(single, 0)) await collection.insertOne(doc);
  const singleRate = single / ((Date.now() - start) / 1000);
  start = Date.now();
  for (let i = 0; i < N; i += 500)
    await collection.insertMany(docs(Math.min(500, N - i), 1_000_000 + i), { ordered: false });
  const bulkRate = N / ((Date.now() - start) / 1000);
  return { singleRate, bulkRate };
}

async function main(): Promise<void> {
  const kafka = new Kafka({ clientId: 'bench', brokers, logLevel: logLevel.NOTHING });
  const connection = await mongoose.createConnection(mongoUri, { dbName: `bench_${run}` }).asPromise();
  console.log(`messaging benchmark: ${N} events of ~1 KB, brokers ${brokers.join(',')}, store ${mongoUri}`);
  console.log('… raw kafkajs');
  const raw = await rawKafka(kafka);
  console.log(`  ${raw.rate.toFixed(0)}/s`);
  console.log('… write → outbox → relay → consumer');
  const lib = await libraryPath(kafka, connection);
  console.log(`  ${lib.rate.toFixed(0)}/s`);
  console.log('… the aggregate writes alone');
  const alone = await writesAlone(connection);
  console.log(`  ${alone.toFixed(0)}/s`);
  console.log('… Nest Kafka transport (store, then emit; inbox check in @EventPattern)');
  const nest = await nestKafkaTransport(kafka, brokers, connection, { events: N, writers: WRITERS, run, padding });
  console.log(`  ${nest.rate.toFixed(0)}/s`);
  console.log('… store inserts');
  const store = await storeInserts(connection);
  await connection.dropDatabase();
  await connection.close();
  const f = (x: number) => x.toFixed(0).padStart(8);
  console.log('\n| path | events/s | p50 ms | p99 ms |');
  console.log('|---|---:|---:|---:|');
  console.log(`| raw kafkajs produce→consume (acks=all, eachBatch) | ${f(raw.rate)} | ${f(raw.p50)} | ${f(raw.p99)} |`);
  console.log(
    `| write → outbox → relay → consumer (validation + inbox) | ${f(lib.rate)} | ${f(lib.p50)} | ${f(lib.p99)} |`,
  );
  console.log(
    `| one write at a time → consumer (the normal case, 30 writes) |        – | ${f(lib.singleP50)} | ${f(lib.singleP99)} |`,
  );
  console.log(
    `| Nest Kafka transport: store, then emit → @EventPattern with inbox check | ${f(nest.rate)} | ${f(percentile(nest.latencies, 50))} | ${f(percentile(nest.latencies, 99))} |`,
  );
  console.log(`| the ${WRITERS} writers' aggregate writes alone (nobody publishing) | ${f(alone)} | – | – |`);
  console.log(
    `\nlibrary / raw kafkajs: ${(lib.rate / raw.rate).toFixed(2)}   library / writes alone: ${(lib.rate / alone).toFixed(2)}   library / Nest transport: ${(lib.rate / nest.rate).toFixed(2)}`,
  );
  console.log(
    `store inserts: single ${store.singleRate.toFixed(0)} docs/s, bulk (insertMany ×500) ${store.bulkRate.toFixed(0)} docs/s`,
  );
  process.exit(0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
