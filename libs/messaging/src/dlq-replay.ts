import { randomUUID } from 'node:crypto';
import { IHeaders, Kafka, Producer } from 'kafkajs';

import { dlqTopic } from '@appliance-care/contracts';

/** Headers a DLQ replay adds to a re-published dead letter. */
export const REPLAY_FOR_GROUP_HEADER = 'x-replay-for-group';
/** `<dlq topic>:<partition>:<offset>` of the dead letter: replaying it twice is one replay. */
export const REPLAY_ID_HEADER = 'x-replay-id';
/** Headers the consumer added when it dead-lettered the message (dropped on replay). */
export const DEAD_LETTER_HEADERS = [
  'x-error-code',
  'x-error-message',
  'x-consumer-group',
  'x-original-topic',
  'x-original-partition',
  'x-original-offset',
] as const;

export interface ReplayOptions {
  /** the original topic (physical name); its `.dlq` is read */
  topic: string;
  /** only the dead letters of this consumer group (default: all, each for the group that dead-lettered it) */
  group?: string;
  /** ce_id values to replay (default: all) */
  eventIds?: string[];
}

/**
 * Re-publishes dead letters to their original topic, as they were, marked for the group that
 * dead-lettered them: that group handles them again (a claim of its own in its inbox), other groups
 * see a duplicate. Reads the DLQ from its start up to its end as of now; returns what it replayed.
 */
export async function replayDeadLetters(
  kafka: Kafka,
  producer: Producer,
  options: ReplayOptions,
): Promise<{ replayed: number; skipped: number }> {
  const source = dlqTopic(options.topic);
  const admin = kafka.admin();
  await admin.connect();
  const ends = await admin.fetchTopicOffsets(source).finally(() => admin.disconnect());
  const remaining = new Map(
    ends.filter((p) => BigInt(p.high) > BigInt(p.low)).map((p) => [p.partition, BigInt(p.high)]),
  );
  let replayed = 0;
  let skipped = 0;
  if (remaining.size === 0) return { replayed, skipped };

  const consumer = kafka.consumer({
    groupId: `appliance-care.dlq-replay.${randomUUID()}`,
    allowAutoTopicCreation: false,
  });
  await consumer.connect();
  let finish!: () => void;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  try {
    await consumer.subscribe({ topics: [source], fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        const end = remaining.get(batch.partition);
        if (end === undefined) return;
        const out: { key: Buffer | null; value: Buffer | null; headers: IHeaders }[] = [];
        let topic = options.topic;
        for (const m of batch.messages) {
          if (BigInt(m.offset) >= end) break;
          const headers = { ...(m.headers ?? {}) };
          const group = headers['x-consumer-group']?.toString();
          const eventId = headers['ce_id']?.toString();
          topic = headers['x-original-topic']?.toString() ?? options.topic;
          if (
            (options.group && group !== options.group) ||
            (options.eventIds && !options.eventIds.includes(eventId ?? ''))
          ) {
            skipped += 1;
            continue;
          }
          for (const h of DEAD_LETTER_HEADERS) delete headers[h];
          headers[REPLAY_FOR_GROUP_HEADER] = options.group ?? group ?? '';
          headers[REPLAY_ID_HEADER] = `${source}:${batch.partition}:${m.offset}`;
          out.push({ key: m.key, value: m.value, headers });
        }
        if (out.length) await producer.send({ topic, acks: -1, messages: out });
        replayed += out.length;
        const last = batch.messages[batch.messages.length - 1];
        if (!last || BigInt(last.offset) + 1n >= end) {
          remaining.delete(batch.partition);
          if (remaining.size === 0) finish();
        }
      },
    });
    await finished;
  } finally {
    await consumer.disconnect();
  }
  return { replayed, skipped };
}
