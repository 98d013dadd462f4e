import { Admin, Consumer, Kafka, KafkaMessage } from 'kafkajs';

import { dlqTopic, Topics } from '@appliance-care/contracts';
import { physicalTopic } from '@appliance-care/messaging';

/** What the feed hands each message to (the appliance run's Observer, the library day's). */
export interface MessageSink {
  onMessage(topic: string, message: KafkaMessage): void;
}

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
 * Those positions are committed at once: a consumer that restarts mid-run (a broker killed under
 * --chaos, a rebalance) resumes from the group's offsets, and on a partition that had no message yet
 * a fresh "latest" would skip events and count their notifications as lost.
 */
export async function startObserving(
  kafka: Kafka,
  observer: MessageSink,
  runId: string,
  env: NodeJS.ProcessEnv,
  log: (line: string) => void = () => undefined,
  lifecycleTopics: readonly string[] = LIFECYCLE_TOPICS,
): Promise<{ consumer: Consumer; admin: Admin }> {
  const admin = kafka.admin();
  await admin.connect();
  const topics = await watchedTopics(admin, env, lifecycleTopics);
  const ends = (await Promise.all(topics.map((topic) => endsOf(admin, topic)))).flat();
  const groupId = `${env['KAFKA_GROUP_PREFIX'] ?? ''}appliance-care.simulator.${runId}`;
  const consumer = kafka.consumer({ groupId, sessionTimeout: 30_000, heartbeatInterval: 3_000 });
  consumer.on(consumer.events.CRASH, ({ payload }) =>
    log(
      `[sim] event consumer crashed (${payload.error.message}); ${payload.restart ? 'restarting' : 'not restarting'}`,
    ),
  );
  await consumer.connect();
  await consumer.subscribe({ topics, fromBeginning: false });
  const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
  await consumer.run({
    partitionsConsumedConcurrently: 4,
    eachMessage: async ({ topic, message }) => observer.onMessage(topic, message),
  });
  await joined;
  for (const end of ends) consumer.seek(end);
  // without it the run still observes everything unless its consumer restarts: say so, go on
  await consumer
    .commitOffsets(ends)
    .catch((err: Error) => log(`[sim] could not commit the starting offsets (${err.message})`));
  return { consumer, admin };
}

async function watchedTopics(
  admin: Admin,
  env: NodeJS.ProcessEnv,
  lifecycleTopics: readonly string[],
): Promise<string[]> {
  const existing = new Set(await admin.listTopics());
  const lifecycle = lifecycleTopics.map((topic) => physicalTopic(topic, env));
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

/**
 * Each partition's end offset. A topic a cluster has only just created can be listed before its
 * partitions reach the metadata (kafkajs then fails inside fetchTopicOffsets): ask again until they have.
 */
async function endsOf(admin: Admin, topic: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const offsets = await admin.fetchTopicOffsets(topic).catch((err: Error) => {
      if (Date.now() > deadline) throw err;
      return [];
    });
    if (offsets.length) return offsets.map(({ partition, offset }) => ({ topic, partition, offset }));
    if (Date.now() > deadline) throw new Error(`${topic}: no partitions in the metadata after ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
