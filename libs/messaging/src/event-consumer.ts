import { Logger } from '@nestjs/common';
import { Consumer, EachBatchPayload, IHeaders, Kafka, KafkaMessage, Producer } from 'kafkajs';
import { Model } from 'mongoose';
import { dlqTopic, EventEnvelope, EventRegistry, fromKafkaRecord, isEventType } from '@appliance-care/contracts';
import { findByIds } from './by-ids';
import { documentLocksFor } from './document-lock';
import { classify, PoisonMessageError } from './errors';
import { InboxRecord, inboxId } from './inbox';
import { eventsConsumed, handlerDuration } from './messaging.metrics';

export interface MessageMeta {
  topic: string;
  partition: number;
  offset: string;
}

export interface EventConsumerOptions {
  kafka: Kafka;
  groupId: string;
  topics: string[];
  /** event types this consumer handles; other registered types on its topics are skipped */
  handles: (type: string) => boolean;
  handle: (event: EventEnvelope, meta: MessageMeta) => Promise<void>;
  inbox: Model<InboxRecord>;
  /** producer for dead letters (acks from all in-sync replicas) */
  producer: Producer;
  /** keys processed at once within a partition's batch; one key is always sequential */
  concurrency?: number;
  partitionsConsumedConcurrently?: number;
  retry?: { initialMs: number; maxMs: number };
  /** messages processed before offsets and inbox are stored (progress survives a crash mid-batch) */
  chunkSize?: number;
  /** a message value larger than this is dead-lettered (`too-large`) unread; default MAX_EVENT_BYTES or 256 KiB */
  maxEventBytes?: number;
}

export const DEFAULT_MAX_EVENT_BYTES = 256 * 1024;

/** MAX_EVENT_BYTES from the environment (a positive integer), else the default. */
export function maxEventBytesFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const value = Number(env['MAX_EVENT_BYTES']);
  return Number.isInteger(value) && value > 0 ? value : DEFAULT_MAX_EVENT_BYTES;
}

type Outcome = 'processed' | 'duplicate' | 'skipped' | 'dead-lettered' | 'aborted';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Consumes with eachBatch: validates each event against its schema, skips what the inbox has seen,
 * handles distinct keys concurrently and one key in order, retries transient failures with
 * exponential backoff (never skipping them), dead-letters poison messages with the SPEC headers, and
 * commits an offset only once everything before it is stored.
 */
export class EventConsumer {
  private readonly logger = new Logger(EventConsumer.name);
  private consumer?: Consumer;
  private readonly concurrency: number;
  private readonly retry: { initialMs: number; maxMs: number };
  private readonly chunkSize: number;
  private readonly maxEventBytes: number;

  constructor(private readonly options: EventConsumerOptions) {
    this.maxEventBytes = options.maxEventBytes ?? maxEventBytesFromEnv();
    this.concurrency = options.concurrency ?? 16;
    this.retry = options.retry ?? { initialMs: 200, maxMs: 30_000 };
    this.chunkSize = options.chunkSize ?? 250;
  }

  async start(): Promise<void> {
    const consumer = this.options.kafka.consumer({
      groupId: this.options.groupId,
      sessionTimeout: 30_000,
      heartbeatInterval: 3_000,
      maxBytesPerPartition: 1_048_576,
      allowAutoTopicCreation: false,
    });
    this.consumer = consumer;
    await consumer.connect();
    await consumer.subscribe({ topics: this.options.topics, fromBeginning: true });
    await consumer.run({
      autoCommit: true,
      autoCommitInterval: 1000,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 3,
      eachBatch: (payload) => this.eachBatch(payload),
    });
  }

  /** Stops fetching, lets the batch in hand finish (or abort a retry wait) and commits what was stored. */
  async stop(): Promise<void> {
    await this.consumer?.disconnect();
    this.consumer = undefined;
  }

  private async eachBatch(payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    for (let i = 0; i < batch.messages.length; i += this.chunkSize) {
      if (!payload.isRunning() || payload.isStale()) return;
      const chunk = batch.messages.slice(i, i + this.chunkSize);
      // a slow store can make one chunk outlast the session timeout: keep the membership alive
      const beat = setInterval(() => payload.heartbeat().catch(() => undefined), 3_000);
      let done: string | undefined;
      try {
        done = await this.processChunk(batch.topic, batch.partition, chunk, payload);
      } finally {
        clearInterval(beat);
      }
      if (done !== undefined) payload.resolveOffset(done);
      await payload.commitOffsetsIfNecessary();
      await payload.heartbeat();
      if (done !== chunk[chunk.length - 1].offset) return;
    }
  }

  /** Returns the highest offset up to which every message is stored, or undefined. */
  private async processChunk(topic: string, partition: number, messages: KafkaMessage[], payload: EachBatchPayload): Promise<string | undefined> {
    const parsed = messages.map((message) => ({ message, ...this.parse(message) }));
    const ids = parsed.flatMap((p) => (p.event ? [inboxId(this.options.groupId, p.event.id)] : []));
    const oneByOne = (await documentLocksFor(this.options.inbox.db)) !== null;
    const seen = new Set((await findByIds(this.options.inbox.collection as never, ids, { _id: 1 }, oneByOne)).map((r) => String(r._id)));

    const outcomes = new Map<string, Outcome>();
    const byKey = new Map<string, typeof parsed>();
    for (const p of parsed) {
      const key = p.message.key?.toString() ?? '';
      byKey.set(key, [...(byKey.get(key) ?? []), p]);
    }
    const inboxRecords: InboxRecord[] = [];
    const runKey = async (items: typeof parsed) => {
      for (const p of items) {
        const meta = { topic, partition, offset: p.message.offset };
        const outcome = await this.processOne(p, meta, seen, payload);
        outcomes.set(p.message.offset, outcome);
        eventsConsumed.inc({ group: this.options.groupId, topic, outcome });
        if (outcome === 'aborted') return;
        if (p.event && (outcome === 'processed' || outcome === 'dead-lettered')) {
          // a duplicate later in this same batch (same event, same key, so after this one) is skipped too
          seen.add(inboxId(this.options.groupId, p.event.id));
          inboxRecords.push({ _id: inboxId(this.options.groupId, p.event.id), group: this.options.groupId, eventId: p.event.id, type: p.event.type, outcome, at: new Date() });
        }
      }
    };
    await runBounded([...byKey.values()], this.concurrency, runKey);

    if (inboxRecords.length) {
      await this.options.inbox.insertMany(inboxRecords, { ordered: false }).catch((err: { code?: number; writeErrors?: unknown[] }) => {
        // a record already there means another delivery got there first: fine
        if (!isDuplicateKeyOnly(err)) throw err;
      });
    }
    let last: string | undefined;
    for (const m of messages) {
      const o = outcomes.get(m.offset);
      if (!o || o === 'aborted') break;
      last = m.offset;
    }
    return last;
  }

  private parse(message: KafkaMessage): { event?: EventEnvelope; error?: unknown; type?: string } {
    const size = message.value?.length ?? 0;
    const tooLarge = size > this.maxEventBytes;
    // a type this consumer does not handle is skipped whatever its size; an oversized value is never parsed
    const type = peekType(message, !tooLarge);
    if (type && isEventType(type) && !this.options.handles(type)) return { type };
    if (tooLarge) {
      return { type, error: new PoisonMessageError('too-large', `message value is ${size} bytes, over the limit of ${this.maxEventBytes} (MAX_EVENT_BYTES)`) };
    }
    try {
      return { event: fromKafkaRecord({ key: message.key, value: message.value, headers: message.headers as never }) };
    } catch (error) {
      return { error, type };
    }
  }

  private async processOne(
    p: { message: KafkaMessage; event?: EventEnvelope; error?: unknown; type?: string },
    meta: MessageMeta,
    seen: Set<string>,
    payload: EachBatchPayload,
  ): Promise<Outcome> {
    if (!p.event && !p.error) return 'skipped';
    if (p.error) return this.deadLetter(p.message, meta, p.error, payload);
    const event = p.event as EventEnvelope;
    if (seen.has(inboxId(this.options.groupId, event.id))) return 'duplicate';
    let attempt = 0;
    for (;;) {
      const end = handlerDuration.startTimer({ group: this.options.groupId, type: event.type });
      try {
        await this.options.handle(event, meta);
        end();
        return 'processed';
      } catch (err) {
        end();
        const c = classify(err);
        if (c.poison) return this.deadLetter(p.message, meta, err, payload);
        attempt += 1;
        const delay = Math.min(this.retry.maxMs, this.retry.initialMs * 2 ** (attempt - 1)) * (0.8 + Math.random() * 0.4);
        this.logger.warn({ eventId: event.id, type: event.type, attempt, delay: Math.round(delay), err: c.message }, 'transient failure; retrying');
        if (!(await this.wait(delay, payload))) return 'aborted';
      }
    }
  }

  /** Sleeps in short steps, heartbeating; false when the consumer stops or the batch went stale. */
  private async wait(ms: number, payload: EachBatchPayload): Promise<boolean> {
    const deadline = Date.now() + ms;
    while (Date.now() < deadline) {
      if (!payload.isRunning() || payload.isStale()) return false;
      await sleep(Math.min(500, deadline - Date.now()));
      await payload.heartbeat().catch(() => undefined);
    }
    return payload.isRunning() && !payload.isStale();
  }

  private async deadLetter(message: KafkaMessage, meta: MessageMeta, err: unknown, payload: EachBatchPayload): Promise<Outcome> {
    const c = classify(err);
    const headers: IHeaders = {
      ...(message.headers ?? {}),
      'x-error-code': c.code,
      'x-error-message': c.message.slice(0, 2000),
      'x-consumer-group': this.options.groupId,
      'x-original-topic': meta.topic,
      'x-original-partition': String(meta.partition),
      'x-original-offset': meta.offset,
    };
    let attempt = 0;
    for (;;) {
      try {
        await this.options.producer.send({
          topic: dlqTopic(meta.topic),
          acks: -1,
          messages: [{ key: message.key, value: message.value, headers }],
        });
        this.logger.warn({ topic: meta.topic, partition: meta.partition, offset: meta.offset, code: c.code, reason: c.message }, 'message dead-lettered');
        return 'dead-lettered';
      } catch (sendErr) {
        attempt += 1;
        this.logger.warn({ err: (sendErr as Error).message, attempt }, 'dead-letter publish failed; retrying');
        if (!(await this.wait(Math.min(this.retry.maxMs, this.retry.initialMs * 2 ** attempt), payload))) return 'aborted';
      }
    }
  }
}

function peekType(message: KafkaMessage, mayParseValue = true): string | undefined {
  const header = message.headers?.['ce_type'];
  if (header) return header.toString();
  const contentType = message.headers?.['content-type']?.toString() ?? '';
  if (mayParseValue && contentType.startsWith('application/cloudevents+json') && message.value) {
    try {
      const t = JSON.parse(message.value.toString())?.type;
      return typeof t === 'string' ? t : undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

function isDuplicateKeyOnly(err: { code?: number; writeErrors?: unknown[] }): boolean {
  if (err.code === 11000) return true;
  const writeErrors = (err.writeErrors ?? []) as { code?: number; err?: { code?: number } }[];
  return writeErrors.length > 0 && writeErrors.every((w) => (w.code ?? w.err?.code) === 11000);
}

async function runBounded<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next++];
      await fn(item);
    }
  });
  await Promise.all(workers);
}

export const registeredTypes = Object.keys(EventRegistry);
