import { Consumer, EachBatchPayload, Kafka, KafkaMessage, Producer } from 'kafkajs';
import { Model } from 'mongoose';

import { EventEnvelope } from '@appliance-care/contracts';

import { ChunkRounds } from './chunk-rounds';
import {
  ConsumedEvent,
  ConsumedMessage,
  DONE,
  maxEventBytesFromEnv,
  MessageMeta,
  MessageReading,
  readMessage,
} from './consumed-message';
import { DeadLetters } from './dead-letters';
import { BatchLiveness, EventHandling } from './event-handling';
import { InboxRecord } from './inbox';
import { claimInInbox, outcomesBeyondCommit, recordOutcomes } from './inbox-claims';
import { fetchWaitFromEnv, sessionTimeoutFromEnv } from './kafka.config';
import { eventsConsumed } from './messaging.metrics';
import { DEFAULT_RETRY, PartitionPauses, RetryPolicy } from './retry-policy';

export type { ConsumedEvent, MessageMeta } from './consumed-message';

export interface EventConsumerOptions {
  kafka: Kafka;
  groupId: string;
  topics: string[];
  /** event types this consumer handles; other registered types on its topics are skipped */
  handles: (type: string) => boolean;
  /** handles one event; give this or handleBatch */
  handle?: (event: EventEnvelope, meta: MessageMeta) => Promise<void>;
  /**
   * handles events of distinct keys at once (e.g. one bulkWrite of their effects); called round by
   * round so that a key's events keep their order. A failing batch is retried event by event, so
   * that only the poison one goes to the DLQ.
   */
  handleBatch?: (events: ConsumedEvent[]) => Promise<void>;
  inbox: Model<InboxRecord>;
  /** producer for dead letters (acks from all in-sync replicas) */
  producer: Producer;
  /** keys processed at once within a chunk; one key is always sequential */
  concurrency?: number;
  partitionsConsumedConcurrently?: number;
  /** transient failures (see RetryPolicy); attempts defaults to 3 */
  retry?: { initialMs: number; maxMs: number; attempts?: number };
  /** messages claimed and handled before their offsets are committed */
  chunkSize?: number;
  /** a message value larger than this is dead-lettered (`too-large`) unread; default MAX_EVENT_BYTES or 256 KiB */
  maxEventBytes?: number;
}

/** A partition's chunk handed to a round. */
interface PartitionChunk {
  topic: string;
  partition: number;
  messages: KafkaMessage[];
  payload: EachBatchPayload;
}

const partitionKey = ({ topic, partition }: { topic: string; partition: number }) => `${topic}:${partition}`;

/** Where a chunk got to: the offset up to which every message is done, and whether all are. */
interface ChunkProgress {
  resolved?: string;
  complete: boolean;
}

function progressOf(messages: ConsumedMessage[]): ChunkProgress {
  let resolved: string | undefined;
  for (const consumed of messages) {
    if (!consumed.outcome || !DONE.has(consumed.outcome)) return { resolved, complete: false };
    resolved = consumed.message.offset;
  }
  return { resolved, complete: true };
}

function byKey(messages: ConsumedMessage[]): ConsumedMessage[][] {
  const keys = new Map<string, ConsumedMessage[]>();
  for (const consumed of messages) {
    if (!consumed.outcome) keys.set(consumed.key, [...(keys.get(consumed.key) ?? []), consumed]);
  }
  return [...keys.values()];
}

/**
 * Consumes with eachBatch, every assigned partition at once; the chunks the partitions of a fetch
 * hand in together make one round (ChunkRounds). Per round: validates each event
 * against its schema; claims the chunk's events in the inbox with one insert (the duplicates are
 * the inserts refused, read back one by one only then); handles distinct keys concurrently and one
 * key in order; dead-letters poison messages with the SPEC headers; commits the offsets of what is
 * done, in one request. A transient failure is retried a few times in place, then the partition is paused and
 * resumed after a backoff from the failed message, so that the other partitions go on.
 */
export class EventConsumer {
  private consumer?: Consumer;
  private readonly chunkSize: number;
  private readonly reading: MessageReading;
  private readonly handling: EventHandling;
  private readonly pauses: PartitionPauses;
  private readonly rounds: ChunkRounds<PartitionChunk, ChunkProgress>;

  constructor(private readonly options: EventConsumerOptions) {
    if (!options.handle && !options.handleBatch) throw new Error('EventConsumer needs handle or handleBatch');
    const { groupId, handles, handle, handleBatch, producer } = options;
    const retry: RetryPolicy = { attempts: DEFAULT_RETRY.attempts, ...(options.retry ?? DEFAULT_RETRY) };
    this.chunkSize = options.chunkSize ?? 500;
    this.reading = { groupId, handles, maxEventBytes: options.maxEventBytes ?? maxEventBytesFromEnv() };
    const deadLetters = new DeadLetters(producer, groupId);
    const concurrency = options.concurrency ?? 16;
    this.handling = new EventHandling({ group: groupId, handle, handleBatch, concurrency, retry, deadLetters });
    this.pauses = new PartitionPauses(retry, () => this.consumer !== undefined, groupId);
    this.rounds = new ChunkRounds((chunks) => this.processRound(chunks), this.chunkSize);
  }

  async start(): Promise<void> {
    const consumer = this.options.kafka.consumer({
      groupId: this.options.groupId,
      sessionTimeout: sessionTimeoutFromEnv(),
      heartbeatInterval: 3_000,
      maxBytesPerPartition: 1_048_576,
      ...fetchWaitFromEnv(),
      allowAutoTopicCreation: false,
    });
    this.consumer = consumer;
    await consumer.connect();
    await consumer.subscribe({ topics: this.options.topics, fromBeginning: true });
    await consumer.run({
      autoCommit: true,
      autoCommitThreshold: 1, // commit after every chunk: the redelivery window after a crash is one chunk
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 64,
      eachBatch: (payload) => this.eachBatch(payload),
    });
  }

  /** Stops fetching, lets the chunk in hand finish and commits what was stored. */
  async stop(): Promise<void> {
    this.pauses.cancel();
    await this.consumer?.disconnect();
    this.consumer = undefined;
  }

  private async eachBatch(payload: EachBatchPayload): Promise<void> {
    const { topic, partition, messages } = payload.batch;
    for (let start = 0; start < messages.length; start += this.chunkSize) {
      if (!payload.isRunning() || payload.isStale()) return;
      const chunk = messages.slice(start, start + this.chunkSize);
      // a slow store can make one round outlast the session timeout: keep the membership alive
      const beat = setInterval(() => payload.heartbeat().catch(() => undefined), 3_000);
      let progress: ChunkProgress;
      try {
        progress = await this.rounds.join({ topic, partition, messages: chunk, payload });
      } finally {
        clearInterval(beat);
      }
      if (!progress.complete) return this.pauses.pause(topic, partition, payload);
      this.pauses.recovered(topic, partition);
      await payload.heartbeat();
    }
  }

  /**
   * Reads, claims and handles the chunks of a round (several partitions) together, records what
   * the committed offsets do not cover, resolves each partition's offset and commits them all in
   * one request.
   */
  private async processRound(chunks: PartitionChunk[]): Promise<ChunkProgress[]> {
    const { inbox, groupId } = this.options;
    const read = chunks.map(({ topic, partition, messages }) =>
      messages.map((message) => readMessage(message, { topic, partition, offset: message.offset }, this.reading)),
    );
    const all = read.flat();
    const batches = new Map(chunks.map((chunk) => [partitionKey(chunk), chunk.payload]));
    await claimInInbox(inbox, groupId, all);
    await this.handling.handle(byKey(all), (consumed) => batches.get(partitionKey(consumed.meta)) as BatchLiveness);
    const progress = read.map(progressOf);
    for (const consumed of all)
      eventsConsumed.inc({ group: groupId, topic: consumed.meta.topic, outcome: consumed.outcome ?? 'failed' });
    await recordOutcomes(
      inbox,
      read.flatMap((messages, i) => outcomesBeyondCommit(messages, progress[i]?.resolved)),
    );
    chunks.forEach(({ payload }, i) => {
      const resolved = progress[i]?.resolved;
      if (resolved !== undefined) payload.resolveOffset(resolved);
    });
    // commits every partition's resolved offset: the other chunks' batches find nothing left to commit
    await chunks[0]?.payload.commitOffsetsIfNecessary();
    return progress;
  }
}
