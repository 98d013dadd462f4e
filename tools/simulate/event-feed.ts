import { Admin, Consumer, Kafka } from 'kafkajs';

import { dlqTopic, Topics } from '@appliance-care/contracts';
import { physicalTopic } from '@appliance-care/messaging';

import { Observer } from './observer';

/** The lifecycle topics the simulator watches (besides every dead-letter topic that exists). */
const LIFECYCLE_TOPICS = [
  Topics.salesInstallation,
  Topics.diagnostics,
  Topics.repairs,
  Topics.dispatch,
  Topics.notifications,
  Topics.parts,
];

/**
 * Starts a consumer group of the run's own on the lifecycle and dead-letter topics, positioned at
 * the end of each before it resolves (so before the first purchase is sent), feeding `observer`.
 */
export async function startObserving(
  kafka: Kafka,
  observer: Observer,
  runId: string,
  env: NodeJS.ProcessEnv,
): Promise<{ consumer: Consumer; admin: Admin }> {
  const admin = kafka.admin();
  await admin.connect();
  const topics = await watchedTopics(admin, env);
  const ends = await Promise.all(
    topics.map(async (topic) => ({ topic, partitions: await admin.fetchTopicOffsets(topic) })),
  );
  const groupId = `${env['KAFKA_GROUP_PREFIX'] ?? ''}appliance-care.simulator.${runId}`;
  const consumer = kafka.consumer({ groupId, sessionTimeout: 30_000, heartbeatInterval: 3_000 });
  await consumer.connect();
  await consumer.subscribe({ topics, fromBeginning: false });
  const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
  await consumer.run({
    partitionsConsumedConcurrently: 4,
    eachMessage: async ({ topic, message }) => observer.onMessage(topic, message),
  });
  await joined;
  for (const { topic, partitions } of ends) {
    for (const { partition, offset } of partitions) consumer.seek({ topic, partition, offset });
  }
  return { consumer, admin };
}

async function watchedTopics(admin: Admin, env: NodeJS.ProcessEnv): Promise<string[]> {
  const existing = new Set(await admin.listTopics());
  const lifecycle = LIFECYCLE_TOPICS.map((topic) => physicalTopic(topic, env));
  const missing = lifecycle.filter((topic) => !existing.has(topic));
  if (missing.length) {
    const prefix = env['KAFKA_TOPIC_PREFIX'] ?? '';
    throw new Error(
      `topics ${missing.join(', ')} do not exist: is the system running with KAFKA_TOPIC_PREFIX="${prefix}"?`,
    );
  }
  const dlqs = Object.values(Topics)
    .map((topic) => physicalTopic(dlqTopic(topic), env))
    .filter((topic) => existing.has(topic));
  return [...lifecycle, ...dlqs];
}
