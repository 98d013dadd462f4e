import { Admin, Kafka } from 'kafkajs';

import { LIFECYCLE_TOPIC_PARTITIONS } from '@appliance-care/contracts';

import { replicationConfig, topicReplication } from './topic-replication';

/**
 * Creates the topics (with at least 6 partitions) if they do not exist yet, replicated as
 * topicReplication says (the cluster's defaults unless KAFKA_REPLICATION_FACTOR and
 * KAFKA_MIN_INSYNC_REPLICAS say otherwise).
 */
export async function ensureTopics(
  kafka: Kafka,
  topics: readonly string[],
  partitions = LIFECYCLE_TOPIC_PARTITIONS,
): Promise<void> {
  if (topics.length === 0) return;
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = [...new Set(topics)].filter((t) => !existing.has(t));
    if (missing.length === 0) return;
    const replication = await topicReplication(admin);
    const { replicationFactor } = replication;
    const configEntries = replicationConfig(replication);
    await admin.createTopics({
      waitForLeaders: true,
      topics: missing.map((topic) => ({ topic, numPartitions: partitions, replicationFactor, configEntries })),
    });
  } catch (err) {
    // a concurrent creator won the race (the topic exists, or its partitions are still being
    // placed): waitForLeaders below decides whether the topics became usable
    if (!/already exists|does not host this topic-partition|leader/i.test(JSON.stringify(describe(err)))) throw err;
  } finally {
    await waitForLeaders(admin, [...new Set(topics)]).finally(() => admin.disconnect());
  }
}

/** Services started together race to create topics: wait until every partition has a leader. */
async function waitForLeaders(admin: Admin, topics: string[], timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const { topics: meta } = await admin.fetchTopicMetadata({ topics });
      if (
        meta.length === topics.length &&
        meta.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0))
      )
        return;
    } catch (err) {
      if (Date.now() > deadline) throw err;
    }
    if (Date.now() > deadline) throw new Error(`topics without leaders after ${timeoutMs} ms: ${topics.join(', ')}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

function describe(err: unknown): unknown {
  const failure = err as { message?: string; errors?: unknown[]; type?: string };
  return { message: failure?.message, type: failure?.type, errors: failure?.errors?.map(describe) };
}
