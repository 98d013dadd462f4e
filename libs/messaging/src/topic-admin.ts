import { Kafka } from 'kafkajs';
import { LIFECYCLE_TOPIC_PARTITIONS } from '@appliance-care/contracts';

/** Creates the topics (with at least 6 partitions) if they do not exist yet. */
export async function ensureTopics(kafka: Kafka, topics: readonly string[], partitions = LIFECYCLE_TOPIC_PARTITIONS): Promise<void> {
  if (topics.length === 0) return;
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = [...new Set(topics)].filter((t) => !existing.has(t));
    if (missing.length === 0) return;
    const replicationFactor = Number(process.env['KAFKA_REPLICATION_FACTOR'] ?? 1);
    await admin.createTopics({
      waitForLeaders: true,
      topics: missing.map((topic) => ({ topic, numPartitions: partitions, replicationFactor })),
    });
  } catch (err) {
    // a concurrent creator won the race: the topic exists, which is all we need
    if (!/already exists/i.test((err as Error).message)) throw err;
  } finally {
    await admin.disconnect();
  }
}
