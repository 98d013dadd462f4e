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

import { rawKafka, storeInserts } from './baselines';
import { numberArg, percentile, until } from './bench-kit';
import { nestKafkaTransport } from './nest-kafka-transport';

const N = numberArg('events', 5000);
const WRITERS = 32;
const brokers = (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(',');
const mongoUri = process.env['MONGODB_URI'] ?? 'mongodb://127.0.0.1:27017';
const run = `${Date.now().toString(36)}`;
process.env['KAFKA_TOPIC_PREFIX'] = `bench.${run}.`;

const padding = randomBytes(400).toString('hex').slice(0, 760); // ≈1 KB values with the rest of the event

/** The library's whole path, running: an aggregate model with an outbox, its relay, and a consumer timing each event. */
async function libraryPipeline(kafka: Kafka, connection: mongoose.Connection) {
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
  const stop = async () => {
    await consumer.stop();
    await relay.stop();
    await producer.disconnect();
  };
  return { Aggregate, relay, writtenAt, latencies, stop };
}

type LibraryPipeline = Awaited<ReturnType<typeof libraryPipeline>>;

/** The normal case: one write at a time, each waited for at the consumer (30 of them). */
async function oneAtATime({ Aggregate, relay, writtenAt, latencies }: LibraryPipeline): Promise<number[]> {
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
    await until(() => latencies.length > before, 30_000, `single write ${i}`, 20);
    if (i >= 0) single.push(latencies[latencies.length - 1]);
  }
  return single;
}

async function libraryPath(kafka: Kafka, connection: mongoose.Connection) {
  const pipeline = await libraryPipeline(kafka, connection);
  const { Aggregate, relay, writtenAt, latencies } = pipeline;
  const single = await oneAtATime(pipeline);
  latencies.length = 0;
  const start = Date.now();
  await writeBurst(
    Aggregate,
    'agg',
    (event) => writtenAt.set(event.id, Date.now()),
    () => relay.notify(),
  );
  const writeSeconds = (Date.now() - start) / 1000;
  await until(() => latencies.length >= N, 60_000, 'every event of the burst', 20).catch(async (err) => {
    console.error(
      `consumed ${latencies.length}/${N}; still pending in outbox: ${await Aggregate.countDocuments({ outboxPending: true })}`,
    );
    throw err;
  });
  const seconds = (Date.now() - start) / 1000;
  await pipeline.stop();
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

async function main(): Promise<void> {
  const kafka = new Kafka({ clientId: 'bench', brokers, logLevel: logLevel.NOTHING });
  const connection = await mongoose.createConnection(mongoUri, { dbName: `bench_${run}` }).asPromise();
  console.log(`messaging benchmark: ${N} events of ~1 KB, brokers ${brokers.join(',')}, store ${mongoUri}`);
  console.log('… raw kafkajs');
  const raw = await rawKafka(kafka, { run, events: N, padding });
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
  const store = await storeInserts(connection, { run, events: N, padding });
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
