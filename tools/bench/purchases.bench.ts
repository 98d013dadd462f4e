// npm run bench:purchases [-- --orders 300]
// Purchases/s from Kafka in (sales.purchases.v1) to every installation.requested.v1 of the order
// published, with p50/p99 latency per order, at 1, 3 and 10 items per order (every item needs
// installation). The service runs in this process (startTestService) against the real broker and
// store; the orders are published as one burst, so latency includes the queue behind them.
import 'reflect-metadata';

import { Consumer } from 'kafkajs';

import { createEvent, PurchaseRecorded, toKafkaRecord, Topics } from '@appliance-care/contracts';
import { physicalTopic } from '@appliance-care/messaging';

import { AppModule } from '../../apps/sales-installation/src/app.module';
import { numberArg, percentile, runBenchmark, ServiceUnderBench, serviceUnderBench } from './bench-kit';

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

/** Orders sent, by customer (one per order): when, and how many installation requests are still due. */
type Expected = Map<string, { sentAt: number; remaining: number }>;

/** The probe: counts installation.requested.v1 per customer and records each order's latency once complete. */
async function startProbe(bench: ServiceUnderBench, expected: Expected, latencies: number[]): Promise<Consumer> {
  const probe = bench.kafka.consumer({ groupId: `bench-probe-${bench.env.suffix}` });
  await probe.connect();
  await probe.subscribe({ topics: [physicalTopic(Topics.salesInstallation)], fromBeginning: true });
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
  return probe;
}

/** `count` orders of `items` items in one burst (50 per request); resolves when every order is complete. */
async function burst(
  bench: ServiceUnderBench,
  probe: { expected: Expected; latencies: number[] },
  { count, items, tag }: { count: number; items: number; tag: string },
): Promise<{ rate: number; p50: number; p99: number }> {
  const { expected, latencies } = probe;
  latencies.length = 0;
  const orders = Array.from({ length: count }, (_, n) => order(`${bench.env.suffix}${tag}`, n, items));
  const start = Date.now();
  for (let i = 0; i < orders.length; i += 50) {
    const slice = orders.slice(i, i + 50);
    const now = Date.now();
    for (const o of slice) expected.set(o.customer.id, { sentAt: now, remaining: items });
    const messages = slice.map((o) => {
      const event = createEvent({ type: 'sales.purchase.recorded.v1', source: '/bench', subject: o.orderId, data: o });
      const record = toKafkaRecord(event, o.orderId);
      return { key: record.key, value: record.value, headers: record.headers };
    });
    await bench.producer.send({ topic: physicalTopic(Topics.purchases), acks: -1, messages });
  }
  const deadline = Date.now() + 600_000;
  while (latencies.length < count) {
    if (Date.now() > deadline) throw new Error(`only ${latencies.length}/${count} orders completed in time`);
    await new Promise((r) => setTimeout(r, 20));
  }
  const seconds = (Date.now() - start) / 1000;
  return { rate: count / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

async function main(): Promise<void> {
  const bench = await serviceUnderBench(
    'sales-installation',
    (c) => AppModule.register(c),
    () => [physicalTopic(Topics.purchases), physicalTopic(Topics.salesInstallation)],
  );
  const counts = { expected: new Map() as Expected, latencies: [] as number[] };
  const probe = await startProbe(bench, counts.expected, counts.latencies);
  await burst(bench, counts, { count: 20, items: 1, tag: 'w' }); // warm-up: connections, indexes, JIT
  const rows: string[] = [];
  for (const items of SIZES) {
    const r = await burst(bench, counts, { count: ORDERS, items, tag: `s${items}` });
    rows.push(
      `| ${String(items).padStart(5)} | ${String(ORDERS).padStart(6)} | ${r.rate.toFixed(1).padStart(11)} | ${(r.rate * items).toFixed(1).padStart(15)} | ${String(r.p50).padStart(8)} | ${String(r.p99).padStart(8)} |`,
    );
  }
  console.log('\nsales-installation: purchase (Kafka) → every installation.requested.v1 published');
  console.log('| items | orders | purchases/s | installations/s | p50 (ms) | p99 (ms) |');
  console.log('|------:|-------:|------------:|----------------:|---------:|---------:|');
  for (const row of rows) console.log(row);
  await probe.disconnect();
  await bench.close();
}

runBenchmark(main);
