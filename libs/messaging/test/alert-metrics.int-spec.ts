import { Kafka, logLevel, Producer } from 'kafkajs';
import mongoose, { Connection, Model } from 'mongoose';

import { createEvent, dlqTopic, EventEnvelope, toKafkaRecord, Topics } from '@appliance-care/contracts';
import { BusinessRuleError } from '@appliance-care/platform';
import { isolateTestEnv, testDatabase, TestEnv, waitFor } from '@appliance-care/testing';

import {
  consumerLag,
  createProducer,
  dlqMessages,
  ensureTopics,
  EventConsumer,
  EventConsumerOptions,
  inboxModel,
  InboxRecord,
  outboxFields,
  outboxOldestPendingAge,
  outboxPendingDocuments,
  OutboxRelay,
  physicalTopic,
  retriesInProgress,
  trackConsumerLag,
  trackOutboxes,
} from '../src';
import { Counter, counterModel } from './test-aggregate';

/** The sum of a gauge's samples whose labels match (what an alert rule would read), collected as a scrape does. */
async function gaugeSum(
  gauge: { get: () => Promise<{ values: { value: number; labels: Record<string, unknown> }[] }> },
  labels: Record<string, string>,
): Promise<number> {
  const { values } = await gauge.get();
  return values
    .filter((v) => Object.entries(labels).every(([key, value]) => v.labels[key] === value))
    .reduce((sum, v) => sum + v.value, 0);
}

describe('the gauges operators alert on move when a consumer stops', () => {
  let env: TestEnv;
  let connection: Connection;
  let inbox: Model<InboxRecord>;
  let counters: Model<Counter>;
  let kafka: Kafka;
  let producer: Producer;
  let topic: string;

  const fault = (n: number): EventEnvelope =>
    createEvent({
      type: 'device.fault.reported.v1',
      source: '/test/alert-metrics',
      subject: `SN-${n}`,
      data: { serialNumber: `SN-${n}`, errorCode: 'E21', reportedAt: new Date().toISOString() },
    });

  /** A consumer of every event on the test topic, in its own group. */
  const consumerOf = (groupId: string, options: Pick<EventConsumerOptions, 'handle' | 'retry'>) =>
    new EventConsumer({ kafka, producer, inbox, topics: [topic], groupId, handles: () => true, ...options });

  beforeAll(async () => {
    env = isolateTestEnv('alert-metrics');
    connection = await mongoose
      .createConnection(env.mongoUri, { dbName: testDatabase('alert-metrics', env) })
      .asPromise();
    inbox = inboxModel(connection);
    counters = counterModel(connection);
    await Promise.all([inbox.init(), counters.init()]);
    kafka = new Kafka({ clientId: 'alert-metrics', brokers: env.kafkaBrokers.split(','), logLevel: logLevel.NOTHING });
    topic = physicalTopic(Topics.deviceFaults);
    await ensureTopics(kafka, [topic, dlqTopic(topic)]);
    producer = createProducer(kafka);
    await producer.connect();
  });

  afterAll(async () => {
    await producer.disconnect();
    await connection.dropDatabase();
    await connection.close();
  });

  it('kafka_consumer_lag: 0 while the group keeps up, the unread count per partition once it is stopped', async () => {
    const groupId = `${process.env['KAFKA_GROUP_PREFIX']}lag`;
    const handled = new Set<string>();
    const consumer = consumerOf(groupId, { handle: async (event) => void handled.add(event.id) });
    await consumer.start();
    const untrack = trackConsumerLag(kafka, groupId, [topic]);
    try {
      const first = [1, 2, 3].map(fault);
      await producer.send({ topic, messages: first.map((e) => toKafkaRecord(e, e.subject!)) });
      await waitFor(() => first.every((e) => handled.has(e.id)), { what: 'the first events handled' });
      await waitFor(async () => (await gaugeSum(consumerLag, { group: groupId })) === 0, { what: 'lag 0' });

      await consumer.stop();
      const unread = [4, 5, 6, 7, 8].map(fault);
      await producer.send({ topic, messages: unread.map((e) => toKafkaRecord(e, e.subject!)) });
      expect(await gaugeSum(consumerLag, { group: groupId, topic })).toBe(unread.length);
    } finally {
      await untrack();
    }
  });

  it('dlq_messages_total counts a dead letter by topic and reason; event_retries_in_progress shows a partition waiting for its retry', async () => {
    const groupId = `${process.env['KAFKA_GROUP_PREFIX']}failing`;
    const [poison, flaky] = [fault(20), fault(21)];
    let storeDown = true;
    const consumer = consumerOf(groupId, {
      retry: { initialMs: 20, maxMs: 200, attempts: 2 },
      handle: async (event) => {
        if (event.id === poison.id) throw new BusinessRuleError('unknown-appliance', 'no such appliance');
        if (event.id === flaky.id && storeDown) throw new Error('store unavailable');
      },
    });
    const labels = { group: groupId, topic };
    const dlqBefore = await gaugeSum(dlqMessages, { ...labels, reason: 'unknown-appliance' });
    await consumer.start();
    try {
      await producer.send({ topic, messages: [poison, flaky].map((e) => toKafkaRecord(e, e.subject!)) });
      await waitFor(async () => (await gaugeSum(retriesInProgress, labels)) === 1, { what: 'a retry waiting' });
      await waitFor(
        async () => (await gaugeSum(dlqMessages, { ...labels, reason: 'unknown-appliance' })) === dlqBefore + 1,
        {
          what: 'the dead letter counted',
        },
      );
      storeDown = false;
      await waitFor(async () => (await gaugeSum(retriesInProgress, labels)) === 0, { what: 'the retry done' });
    } finally {
      await consumer.stop();
    }
  });

  it('outbox_pending_documents and outbox_oldest_pending_age_seconds grow while nothing publishes, and fall back to 0 once the relay runs', async () => {
    const untrack = trackOutboxes([counters as never]);
    const collection = counters.collection.collectionName;
    try {
      expect(await gaugeSum(outboxPendingDocuments, { collection })).toBe(0);
      await gaugeSum(outboxOldestPendingAge, { collection }); // the scrape that fills both gauges
      await counters.create({ _id: 'waiting-1', ...outboxFields([fault(10)]) });
      await counters.create({ _id: 'waiting-2', ...outboxFields([fault(11), fault(12)]) });
      const firstAge = await gaugeSum(outboxOldestPendingAge, { collection });
      expect(await gaugeSum(outboxPendingDocuments, { collection })).toBe(2);
      const olderAge = await waitFor(
        async () => {
          const age = await gaugeSum(outboxOldestPendingAge, { collection });
          return age > firstAge + 0.2 ? age : undefined;
        },
        { what: 'the oldest pending age to grow' },
      );
      expect(olderAge).toBeGreaterThan(0.2);

      const relay = new OutboxRelay(producer, [counters as never], { pollIntervalMs: 200 });
      relay.start();
      try {
        // both gauges come from one scrape of the store: wait until a scrape finds the outbox drained
        await waitFor(
          async () =>
            (await gaugeSum(outboxOldestPendingAge, { collection })) === 0 &&
            (await gaugeSum(outboxPendingDocuments, { collection })) === 0,
          { what: 'the outbox drained' },
        );
        expect(await gaugeSum(outboxPendingDocuments, { collection })).toBe(0);
      } finally {
        await relay.stop();
      }
    } finally {
      untrack();
    }
  });
});
