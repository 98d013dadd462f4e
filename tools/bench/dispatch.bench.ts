// npm run bench:dispatch [-- --technicians 200 --orders 10000 --paced 200]
// The dispatch service in this process against the real broker and store: a roster of technicians
// over six regions and five skills, then (i) a burst of work orders published at once (throughput,
// and latency including the queue) and (ii) paced orders, one at a time (latency of one decision:
// consume → read roster and calendars → book → outbox → relay → the outcome event on Kafka).
import { Kafka, logLevel } from 'kafkajs';
import mongoose from 'mongoose';
import pLimit from 'p-limit';

import { mintToken } from '@appliance-care/auth';
import { EventEnvelope, toKafkaRecord, Topics } from '@appliance-care/contracts';
import { WorkOrderIntake } from '@appliance-care/dispatch';
import { createProducer, ensureTopics, physicalTopic, startService } from '@appliance-care/messaging';
import { loadServiceConfig } from '@appliance-care/platform';

import { AppModule } from '../../apps/dispatch/src/app.module';
import { numberArg, percentile, until } from './bench-kit';
import { order, sourceIdOf, technician, topicOf } from './dispatch-orders';

const arg = numberArg;
const TECHNICIANS = arg('technicians', 200);
const ORDERS = arg('orders', 10_000);
const PACED = arg('paced', 200);
const brokers = (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(',');
const mongoUri = process.env['MONGODB_URI'] ?? 'mongodb://127.0.0.1:27017';
const run = Date.now().toString(36);
process.env['KAFKA_TOPIC_PREFIX'] = `bench.${run}.`;
process.env['KAFKA_GROUP_PREFIX'] = `bench.${run}.`;
delete process.env['DISPATCH_SEED_FILE'];

/** Dispatch in this process, with each intake handler's own time recorded in `handlerMs`. */
async function startDispatch(kafka: Kafka) {
  const topics = [Topics.salesInstallation, Topics.diagnostics, Topics.repairs, Topics.dispatch].map((t) =>
    physicalTopic(t),
  );
  await ensureTopics(kafka, topics);
  const config = {
    ...loadServiceConfig('dispatch'),
    port: 0,
    database: `bench_dispatch_${run}`,
    mongoUri,
    logLevel: process.env['LOG_LEVEL'] ?? 'warn',
  };
  const app = await startService(AppModule.register(config), config);
  // the handler's own time (create the work order, decide, book, record it with its events), apart
  // from the queue, the consumer's inbox and the relay that make up the rest of the latency
  const handlerMs: number[] = [];
  const intake = app.get(WorkOrderIntake);
  for (const method of ['fromInstallation', 'fromDiagnosisVisit', 'fromRepairTicket'] as const) {
    const original = intake[method].bind(intake) as (e: EventEnvelope) => Promise<string>;
    (intake as unknown as Record<string, (e: EventEnvelope) => Promise<string>>)[method] = async (e) => {
      const t = performance.now();
      try {
        return await original(e);
      } finally {
        handlerMs.push(performance.now() - t);
      }
    };
  }
  const url = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  return { app, config, url, handlerMs };
}

/** Registers the roster over REST as a dispatcher, 20 requests at a time. */
async function hireRoster(url: string): Promise<void> {
  const token = await mintToken({ sub: 'bench', roles: ['dispatcher'] });
  const limit = pLimit(20);
  const hire = async (i: number) => {
    const res = await fetch(`${url}/api/v1/technicians`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(technician(i)),
    });
    if (res.status !== 201) throw new Error(`register failed: ${res.status} ${await res.text()}`);
  };
  await Promise.all(Array.from({ length: TECHNICIANS }, (_, i) => limit(() => hire(i))));
}

/** Watches dispatch's topic: technicians registered, and each order's outcome (assigned or unassignable). */
async function watchOutcomes(kafka: Kafka) {
  const doneAt = new Map<string, { at: number; type: string }>();
  const seen = { registered: 0 };
  const consumer = kafka.consumer({ groupId: `bench.${run}.watch` });
  await consumer.connect();
  await consumer.subscribe({ topics: [physicalTopic(Topics.dispatch)], fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const type = message.headers?.['ce_type']?.toString() ?? '';
      if (type === 'technician.registered.v1') seen.registered += 1;
      if (type !== 'work-order.assigned.v1' && type !== 'work-order.unassignable.v1') return;
      const sourceId = JSON.parse(message.value!.toString()).sourceId as string;
      if (!doneAt.has(sourceId)) doneAt.set(sourceId, { at: Date.now(), type });
    },
  });
  return { consumer, doneAt, seen };
}

/** Sends orders, one batch per topic, noting when each was sent. */
async function orderSender(kafka: Kafka, sentAt: Map<string, number>) {
  const producer = createProducer(kafka);
  await producer.connect();
  const send = async (events: EventEnvelope[]) => {
    const now = Date.now();
    for (const e of events) sentAt.set(sourceIdOf(e), now);
    const byTopic = new Map<string, EventEnvelope[]>();
    for (const e of events) byTopic.set(topicOf(e), [...(byTopic.get(topicOf(e)) ?? []), e]);
    await producer.sendBatch({
      acks: -1,
      topicMessages: [...byTopic].map(([topic, list]) => ({
        topic,
        messages: list.map((e) => toKafkaRecord(e, (e.data as { applianceId: string }).applianceId)),
      })),
    });
  };
  return { send, close: () => producer.disconnect() };
}

/** True once dispatch's own group has committed every offset of its topic (the roster events consumed). */
async function dispatchCaughtUp(kafka: Kafka): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  const dispatchTopic = physicalTopic(Topics.dispatch);
  const caughtUp = async () => {
    const ends = await admin.fetchTopicOffsets(dispatchTopic);
    const [group] = await admin.fetchOffsets({
      groupId: `bench.${run}.appliance-care.dispatch`,
      topics: [dispatchTopic],
    });
    const committed = new Map(group.partitions.map((p) => [p.partition, Number(p.offset)]));
    return ends.every((e) => Math.max(0, committed.get(e.partition) ?? 0) >= Number(e.high));
  };
  await until(caughtUp, 120_000, 'dispatch to consume the roster events');
  await admin.disconnect();
}

type Outcomes = Map<string, { at: number; type: string }>;

/** (i) the burst: every order published at once; progress every tenth decided. */
async function runBurst(send: (e: EventEnvelope[]) => Promise<void>, doneAt: Outcomes, sentAt: Map<string, number>) {
  const burst = Array.from({ length: ORDERS }, (_, n) => order(n, 'B'));
  const start = Date.now();
  for (let i = 0; i < burst.length; i += 500) await send(burst.slice(i, i + 500));
  let last = 0;
  let lastAt = 0;
  const allDecided = () => {
    const done = burst.filter((e) => doneAt.has(sourceIdOf(e))).length;
    if (done - last >= ORDERS / 10) {
      const elapsed = (Date.now() - start) / 1000;
      console.log(
        `  … ${done}/${ORDERS} decided after ${elapsed.toFixed(0)} s (${((done - last) / (elapsed - lastAt)).toFixed(1)}/s over the last ${done - last})`,
      );
      last = done;
      lastAt = elapsed;
    }
    return done === ORDERS;
  };
  await until(allDecided, 60 * 60_000, 'the burst', 20);
  const seconds = (Math.max(...burst.map((e) => doneAt.get(sourceIdOf(e))!.at)) - start) / 1000;
  const latency = burst.map((e) => doneAt.get(sourceIdOf(e))!.at - sentAt.get(sourceIdOf(e))!);
  const assigned = burst.filter((e) => doneAt.get(sourceIdOf(e))!.type === 'work-order.assigned.v1').length;
  return { seconds, latency, assigned };
}

/** (ii) paced: one order at a time, each waited for. */
async function runPaced(send: (e: EventEnvelope[]) => Promise<void>, doneAt: Outcomes, sentAt: Map<string, number>) {
  const paced: number[] = [];
  for (let n = 0; n < PACED; n++) {
    const e = order(n, 'P');
    await send([e]);
    await until(() => doneAt.has(sourceIdOf(e)), 60_000, `paced order ${n}`, 20);
    paced.push(doneAt.get(sourceIdOf(e))!.at - sentAt.get(sourceIdOf(e))!);
  }
  return paced;
}

function printTable(
  burst: { seconds: number; latency: number[]; assigned: number },
  burstHandlerMs: number[],
  paced: number[],
  pacedHandlerMs: number[],
): void {
  const f = (x: number, digits = 0) => x.toFixed(digits).padStart(7);
  console.log(
    '\n| phase | orders | decisions/s | assigned | unassignable | p50 ms | p99 ms | handler p50 ms | handler p99 ms |',
  );
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  console.log(
    `| burst (all published at once; latency includes the queue) | ${ORDERS} | ${f(ORDERS / burst.seconds)} | ${burst.assigned} | ${ORDERS - burst.assigned} | ${f(percentile(burst.latency, 50))} | ${f(percentile(burst.latency, 99))} | ${f(percentile(burstHandlerMs, 50))} | ${f(percentile(burstHandlerMs, 99))} |`,
  );
  console.log(
    `| paced (one at a time: one decision end to end) | ${PACED} | ${f(PACED / (paced.reduce((a, b) => a + b, 0) / 1000), 1)} | – | – | ${f(percentile(paced, 50))} | ${f(percentile(paced, 99))} | ${f(percentile(pacedHandlerMs, 50))} | ${f(percentile(pacedHandlerMs, 99))} |`,
  );
}

async function main(): Promise<void> {
  const kafka = new Kafka({ clientId: 'bench-dispatch', brokers, logLevel: logLevel.NOTHING });
  const { app, config, url, handlerMs } = await startDispatch(kafka);
  console.log(
    `dispatch benchmark: ${TECHNICIANS} technicians, ${ORDERS} work orders in a burst, ${PACED} paced; brokers ${brokers.join(',')}, store ${mongoUri}`,
  );
  await hireRoster(url);
  const sentAt = new Map<string, number>();
  const { consumer, doneAt, seen } = await watchOutcomes(kafka);
  const sender = await orderSender(kafka, sentAt);
  // The roster events go back into dispatch (waiting orders of those regions are retried); let them
  // be consumed first, so that the burst measures decisions and not the roster's arrival.
  await until(() => seen.registered >= TECHNICIANS, 120_000, 'the roster events', 20);
  await dispatchCaughtUp(kafka);
  const burst = await runBurst(sender.send, doneAt, sentAt);
  const burstHandlerMs = handlerMs.splice(0);
  const paced = await runPaced(sender.send, doneAt, sentAt);
  await consumer.disconnect();
  await sender.close();
  await app.close();
  const connection = await mongoose.createConnection(mongoUri, { dbName: config.database }).asPromise();
  await connection.dropDatabase();
  await connection.close();
  printTable(burst, burstHandlerMs, paced, handlerMs);
  process.exit(0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
