// npm run bench:notifications [-- --events 2000]
// Notifications/s from a lifecycle event on Kafka to the mail accepted by SMTP, and the latency
// percentiles, with the service running as its own process against the real broker and store and a
// real SMTP server (smtp-server) in this process. Each event tells one customer (email + in-app).
import { spawn } from 'node:child_process';
import { AddressInfo } from 'node:net';
import path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import mongoose from 'mongoose';
import { SMTPServer } from 'smtp-server';

import {
  createEvent,
  EventData,
  EventDefinition,
  eventDefinition,
  EventEnvelope,
  EventType,
  toKafkaRecord,
  Topics,
} from '@appliance-care/contracts';
import { ensureTopics, physicalTopic } from '@appliance-care/messaging';
import { notificationId } from '@appliance-care/notifications';

import { numberArg, percentile, runBenchmark, until } from './bench-kit';
import { cpuMillis, sampleCpu } from './capacity/process-cpu';

const N = numberArg('events', 2000);
const CUSTOMERS = 50;
const ROOT = path.resolve(__dirname, '../..');
const run = `${Date.now().toString(36)}`;
const brokers = (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(',');
const mongoUri = process.env['MONGODB_URI'] ?? 'mongodb://127.0.0.1:27017';
const database = `bench_notifications_${run}`;
process.env['KAFKA_TOPIC_PREFIX'] = `bench.${run}.`;

type Ev = <T extends EventType>(type: T, data: EventData<T>, subject?: string) => EventEnvelope;
const ev: Ev = (type, data, subject) => createEvent({ type, source: '/bench', data, subject });

/** A real SMTP server in this process: notification id → when its mail was accepted (the first time). */
async function smtpSink(accepted: Map<string, number>): Promise<{ url: string; close: () => void }> {
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      let head = '';
      stream.on('data', (c: Buffer) => {
        if (head.length < 8192) head += c.toString('utf8');
      });
      stream.on('end', () => {
        const id = /^x-notification-id:\s*(\S+)/im.exec(head)?.[1];
        if (id && !accepted.has(id)) accepted.set(id, Date.now());
        callback();
      });
    },
  });
  await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', () => r()));
  return { url: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`, close: () => smtp.close() };
}

/** Publishes events of one type on its topic, keyed as the registry says. */
async function eventSender(kafka: Kafka) {
  const topics = [Topics.salesInstallation, Topics.dispatch, Topics.diagnostics, Topics.repairs, Topics.notifications];
  await ensureTopics(
    kafka,
    topics.map((t) => physicalTopic(t)),
  );
  const producer = kafka.producer();
  await producer.connect();
  const send = async (events: EventEnvelope[]) => {
    const topic = physicalTopic(eventDefinition(events[0].type as EventType).topic);
    await producer.send({
      topic,
      acks: -1,
      // the registry's key functions each take one type's data: called in their general shape
      messages: events.map((e) =>
        toKafkaRecord(e, (eventDefinition(e.type as EventType) as EventDefinition).key(e.data)),
      ),
    });
  };
  return { send, close: () => producer.disconnect() };
}

/**
 * The notifications service as its own process, on this run's topics, database and SMTP sink.
 * SERVICE_NODE_ARGS adds node flags, as with npm start (e.g. "--cpu-prof --cpu-prof-dir=.profiles").
 */
function startService(smtpUrl: string) {
  const nodeArgs = (process.env['SERVICE_NODE_ARGS'] ?? '').split(/\s+/).filter(Boolean);
  return spawn(process.execPath, [...nodeArgs, '-r', '@swc-node/register', 'apps/notifications/src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: '0',
      MONGODB_DATABASE: database,
      KAFKA_TOPIC_PREFIX: `bench.${run}.`,
      KAFKA_GROUP_PREFIX: `bench.${run}.`,
      SMTP_URL: smtpUrl,
      SWC_NODE_PROJECT: path.join(ROOT, 'tsconfig.json'),
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}

/** N appliance registrations over the customers: each tells one customer (email + in-app). */
const registrations = (customers: string[]) =>
  Array.from({ length: N }, (_, i) => {
    const customerId = customers[i % CUSTOMERS];
    const applianceId = `A-bench-${i}`;
    return ev(
      'appliance.registered.v1',
      {
        applianceId,
        serialNumber: `SER-${i}`,
        sku: 'WM-8KG',
        category: 'washing-machine',
        brand: 'Acme',
        model: 'WM8',
        customerId,
        orderId: `ORD-${i}`,
        purchasedAt: '2026-11-28T10:15:00Z',
        warrantyMonths: 24,
        warrantyEndsAt: '2028-11-28T10:15:00Z',
        installationRequired: false,
      },
      applianceId,
    );
  });

/** Publishes the events 100 at a time; resolves once every mail is accepted, with the figures. */
async function measure(
  send: (events: EventEnvelope[]) => Promise<void>,
  events: EventEnvelope[],
  accepted: Map<string, number>,
) {
  const published = new Map<string, number>();
  const cpuBefore = sampleCpu();
  const start = Date.now();
  for (let i = 0; i < N; i += 100) {
    const chunk = events.slice(i, i + 100);
    const at = Date.now();
    for (const e of chunk)
      published.set(notificationId(e.id, (e.data as { customerId: string }).customerId, 'email'), at);
    await send(chunk);
  }
  const publishedIn = Date.now() - start;
  await until(() => accepted.size >= N, 600_000, `${N} mails (have ${accepted.size})`, 50);
  const seconds = (Math.max(...accepted.values()) - start) / 1000;
  // where a change saves: CPU per mail, by process (it varies with a shared machine too: alternate runs to compare)
  const cpuMsPerMail = Object.fromEntries(
    [...cpuMillis(cpuBefore, sampleCpu())].map(([role, ms]) => [role, Number((ms / N).toFixed(2))]),
  );
  const latencies = [...published].map(([id, at]) => (accepted.get(id) as number) - at);
  return { seconds, latencies, publishedIn, cpuMsPerMail };
}

function report({
  seconds,
  latencies,
  publishedIn,
  cpuMsPerMail,
}: {
  seconds: number;
  latencies: number[];
  publishedIn: number;
  cpuMsPerMail: Record<string, number>;
}): void {
  console.log(
    `\nnotifications benchmark: ${N} events → ${N} emails (+ ${N} in-app entries), ${CUSTOMERS} customers, one service process\n`,
  );
  console.table({
    'event → SMTP accepted': {
      'notifications/s': Math.round(N / seconds),
      'p50 ms': percentile(latencies, 50),
      'p95 ms': percentile(latencies, 95),
      'p99 ms': percentile(latencies, 99),
      'max ms': Math.max(...latencies),
      'publish took ms': publishedIn,
      'total s': Number(seconds.toFixed(2)),
    },
  });
  console.log('CPU ms per mail (and its in-app entry), by process, from /proc while the events were handled:');
  console.table(cpuMsPerMail);
}

async function main(): Promise<void> {
  const accepted = new Map<string, number>();
  const smtp = await smtpSink(accepted);
  const sender = await eventSender(new Kafka({ clientId: 'bench-notifications', brokers, logLevel: logLevel.NOTHING }));
  const customers = Array.from({ length: CUSTOMERS }, (_, i) => `C-bench-${i}`);
  const registered = (c: string) =>
    ev('customer.registered.v1', {
      customerId: c,
      name: c,
      email: `${c}@example.org`,
      locale: 'en-GB',
      registeredAt: new Date().toISOString(),
    });
  await sender.send(customers.map(registered));
  const child = startService(smtp.url);
  const db = await mongoose.createConnection(mongoUri, { dbName: database }).asPromise();
  try {
    console.log(`waiting for the service (database ${database}) to store ${CUSTOMERS} customers …`);
    const stored = async () => (await db.collection('recipients').countDocuments({ kind: 'customer' })) === CUSTOMERS;
    await until(stored, 180_000, 'the service to start', 50);
    console.log(`publishing ${N} events …`);
    const progress = setInterval(() => console.log(`  ${accepted.size}/${N} mails accepted`), 5000);
    const figures = await measure(sender.send, registrations(customers), accepted);
    clearInterval(progress);
    report(figures);
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    if (child.exitCode === null) child.kill('SIGKILL');
    await db.dropDatabase().catch(() => undefined);
    await db.close();
    await sender.close();
    smtp.close();
  }
}

runBenchmark(main);
