import { randomUUID } from 'node:crypto';
import { Batch, IHeaders, Kafka, KafkaMessage, Producer } from 'kafkajs';

import { dlqTopic } from '@appliance-care/contracts';

import { assertAnswered } from './produce-coverage';

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

type Replayed = { key: Buffer | null; value: Buffer | null; headers: IHeaders };

/** The end offset, as of now, of each partition of the DLQ that holds anything. */
async function partitionEnds(kafka: Kafka, source: string): Promise<Map<number, bigint>> {
  const admin = kafka.admin();
  await admin.connect();
  const offsets = await admin.fetchTopicOffsets(source).finally(() => admin.disconnect());
  const filled = offsets.filter((offset) => BigInt(offset.high) > BigInt(offset.low));
  return new Map(filled.map((offset) => [offset.partition, BigInt(offset.high)]));
}

/** A dead letter as it is replayed (marked for its group), or undefined when the options leave it out. */
function replayOf(message: KafkaMessage, replayId: string, options: ReplayOptions): Replayed | undefined {
  const headers = { ...(message.headers ?? {}) };
  const group = headers['x-consumer-group']?.toString();
  const eventId = headers['ce_id']?.toString();
  if (options.group && group !== options.group) return undefined;
  if (options.eventIds && !options.eventIds.includes(eventId ?? '')) return undefined;
  for (const header of DEAD_LETTER_HEADERS) delete headers[header];
  headers[REPLAY_FOR_GROUP_HEADER] = options.group ?? group ?? '';
  headers[REPLAY_ID_HEADER] = replayId;
  return { key: message.key, value: message.value, headers };
}

/** Replays one fetched batch up to the partition's end; true when the partition is done. */
async function replayBatch(
  batch: Batch,
  end: bigint,
  producer: Producer,
  options: ReplayOptions,
  counts: ReplayCounts,
) {
  const replays: Replayed[] = [];
  let topic = options.topic;
  for (const message of batch.messages) {
    if (BigInt(message.offset) >= end) break;
    topic = message.headers?.['x-original-topic']?.toString() ?? options.topic;
    const replay = replayOf(message, `${batch.topic}:${batch.partition}:${message.offset}`, options);
    if (replay) replays.push(replay);
    else counts.skipped += 1;
  }
  // several keys, so several partitions: a send kafkajs resolved with one unanswered is not done
  if (replays.length)
    assertAnswered([{ topic, messages: replays }], await producer.send({ topic, acks: -1, messages: replays }));
  counts.replayed += replays.length;
  const last = batch.messages[batch.messages.length - 1];
  return !last || BigInt(last.offset) + 1n >= end;
}

interface ReplayCounts {
  replayed: number;
  skipped: number;
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
): Promise<ReplayCounts> {
  const source = dlqTopic(options.topic);
  const remaining = await partitionEnds(kafka, source);
  const counts: ReplayCounts = { replayed: 0, skipped: 0 };
  if (remaining.size === 0) return counts;
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
        if (end === undefined || !(await replayBatch(batch, end, producer, options, counts))) return;
        remaining.delete(batch.partition);
        if (remaining.size === 0) finish();
      },
    });
    await finished;
  } finally {
    await consumer.disconnect();
  }
  return counts;
}
