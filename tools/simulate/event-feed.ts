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
 * Starts a consumer group of the run's own on the lifecycle and dead-letter topics, from the end of
 * each as it was before the first purchase is sent, feeding `observer`. The starting offsets are
 * committed for the group before it joins (not sought after): a consumer that restarts mid-run (a
 * broker killed under --chaos, a rebalance) resumes from them on a partition that had no message yet,
 * where a fresh "latest" would skip events and count their notifications as lost.
 */
export async function startObserving(
  kafka: Kafka,
  observer: Observer,
  runId: string,
  env: NodeJS.ProcessEnv,
  log: (line: string) => void = () => undefined,
): Promise<{ consumer: Consumer; admin: Admin }> {
  const admin = kafka.admin();
  await admin.connect();
  const topics = await watchedTopics(admin, env);
  const groupId = `${env['KAFKA_GROUP_PREFIX'] ?? ''}appliance-care.simulator.${runId}`;
  await Promise.all(
    topics.map(async (topic) => {
      const ends = await admin.fetchTopicOffsets(topic);
      await admin.setOffsets({
        groupId,
        topic,
        partitions: ends.map(({ partition, offset }) => ({ partition, offset })),
      });
    }),
  );
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
