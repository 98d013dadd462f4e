// npm run bench:purchases [-- --orders 300]
// Purchases/s from Kafka in (sales.purchases.v1) to every installation.requested.v1 of the order
// published, with p50/p99 latency per order, at 1, 3 and 10 items per order (every item needs
// installation). The service runs in this process (startTestService) against the real broker and
// store; the orders are published as one burst, so latency includes the queue behind them.
import 'reflect-metadata';

import { Kafka, logLevel } from 'kafkajs';

import { createEvent, PurchaseRecorded, toKafkaRecord, Topics } from '@appliance-care/contracts';
import { createProducer, ensureTopics, physicalTopic } from '@appliance-care/messaging';
import { startTestService } from '@appliance-care/service-testing';
import { isolateTestEnv } from '@appliance-care/testing';

import { AppModule } from '../../apps/sales-installation/src/app.module';
import { numberArg, percentile } from './bench-kit';

const ORDERS = numberArg('orders', 300);
const SIZES = [1, 3, 10];
const CATEGORIES = ['washing-machine', 'gas-hob', 'dishwasher', 'air-conditioner', 'built-in-oven', 'refrigerator'];
process.env['LOG_LEVEL'] ??= 'warn';

function order(run: string, n: number, items: number): PurchaseRecorded {
  const id = `${run}-${items}-${n}`;
  return {
    orderId: `ORD-${id}`,
    purchasedAt: new Date().toISOString(),
    channel: 'web',
    customer: {
      id: `C-${id}`,
      name: 'Bench Customer',
      email: 'bench@example.org',
      locale: 'en-GB',
      address: { line1: '1 Bench Street', city: 'London', postalCode: 'SW1A 1AA', country: 'GB', region: 'london' },
    },
    items: Array.from({ length: items }, (_, i) => ({
      lineId: String(i + 1),
      sku: `SKU-${i}`,
      category: CATEGORIES[i % CATEGORIES.length],
      serialNumber: `SN-${id}-${i}`,
      warrantyMonths: 24,
      installation: { required: true },
    })),
  };
}

async function main(): Promise<void> {
  const env = isolateTestEnv('bench-purchases');
  const run = env.suffix;
  const svc = await startTestService('sales-installation', (c) => AppModule.register(c), env);
  const kafka = new Kafka({
    clientId: 'bench-purchases',
    brokers: env.kafkaBrokers.split(','),
    logLevel: logLevel.NOTHING,
  });
  const inbound = physicalTopic(Topics.purchases);
  const outbound = physicalTopic(Topics.salesInstallation);
  await ensureTopics(kafka, [inbound, outbound]);

  // the probe: counts installation.requested.v1 per customer (one customer per order)
  const expected = new Map<string, { sentAt: number; remaining: number }>();
  const latencies: number[] = [];
  const probe = kafka.consumer({ groupId: `bench-probe-${run}` });
  await probe.connect();
  await probe.subscribe({ topics: [outbound], fromBeginning: true });
  await probe.run({
    eachMessage: async ({ message }) => {
      if (message.headers?.['ce_type']?.toString() !== 'installation.requested.v1' || !message.value) return;
      const customerId = JSON.parse(message.value.toString()).customerId as string;
      const entry = expected.get(customerId);
      if (!entry) return;
      entry.remaining -= 1;
      if (entry.remaining === 0) latencies.push(Date.now() - entry.sentAt);
    },
  });

  const producer = createProducer(kafka);
  await producer.connect();
  async function burst(count: number, items: number, tag: string): Promise<{ rate: number; p50: number; p99: number }> {
    latencies.length = 0;
    const orders = Array.from({ length: count }, (_, n) => order(`${run}${tag}`, n, items));
    const start = Date.now();
    for (let i = 0; i < orders.length; i += 50) {
      const slice = orders.slice(i, i + 50);
      const now = Date.now();
      for (const o of slice) expected.set(o.customer.id, { sentAt: now, remaining: items });
      const messages = slice.map((o) => {
        const record = toKafkaRecord(
          createEvent({ type: 'sales.purchase.recorded.v1', source: '/bench', subject: o.orderId, data: o }),
          o.orderId,
        );
        return { key: record.key, value: record.value, headers: record.headers };
      });
      await producer.send({ topic: inbound, acks: -1, messages });
    }
    const deadline = Date.now() + 600_000;
    while (latencies.length < count) {
      if (Date.now() > deadline) throw new Error(`only ${latencies.length}/${count} orders completed in time`);
      await new Promise((r) => setTimeout(r, 20));
    }
    const seconds = (Date.now() - start) / 1000;
    return { rate: count / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
  }

  await burst(20, 1, 'w'); // warm-up: connections, indexes, JIT
  const rows: string[] = [];
  for (const items of SIZES) {
    const r = await burst(ORDERS, items, `s${items}`);
    rows.push(
      `| ${String(items).padStart(5)} | ${String(ORDERS).padStart(6)} | ${r.rate.toFixed(1).padStart(11)} | ${(r.rate * items).toFixed(1).padStart(15)} | ${String(r.p50).padStart(8)} | ${String(r.p99).padStart(8)} |`,
    );
  }
  console.log('\nsales-installation: purchase (Kafka) → every installation.requested.v1 published');
  console.log('| items | orders | purchases/s | installations/s | p50 (ms) | p99 (ms) |');
  console.log('|------:|-------:|------------:|----------------:|---------:|---------:|');
  for (const row of rows) console.log(row);

  await probe.disconnect();
  await producer.disconnect();
  await svc.close();
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
