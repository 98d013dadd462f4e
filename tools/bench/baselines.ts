// The baselines the messaging benchmark compares the library with: raw kafkajs, and raw store inserts.
import { Kafka } from 'kafkajs';
import mongoose from 'mongoose';

import { createProducer, ensureTopics } from '@appliance-care/messaging';

import { percentile, until } from './bench-kit';

/** The run's id, the number of events and the ~1 KB padding each carries. */
export interface Baseline {
  run: string;
  events: number;
  padding: string;
}

/** Raw kafkajs: produce (acks=all, 8 requests in flight) → consume (eachBatch), no store. */
export async function rawKafka(kafka: Kafka, { run, events: N, padding }: Baseline) {
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
  await until(() => latencies.length >= N, 120_000, 'the raw consumer', 20);
  const seconds = (Date.now() - start) / 1000;
  await consumer.disconnect();
  await producer.disconnect();
  return { rate: N / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

/** The store's raw insert rate: one document at a time, and insertMany of 500. */
export async function storeInserts(connection: mongoose.Connection, { run, events: N, padding }: Baseline) {
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
