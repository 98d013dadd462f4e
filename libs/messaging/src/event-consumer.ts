import { Logger } from '@nestjs/common';
import { Consumer, EachBatchPayload, IHeaders, Kafka, KafkaMessage, Producer } from 'kafkajs';
import { Model } from 'mongoose';

import { dlqTopic, EventEnvelope, EventRegistry, fromKafkaRecord, isEventType } from '@appliance-care/contracts';

import { DEAD_LETTER_HEADERS, REPLAY_FOR_GROUP_HEADER, REPLAY_ID_HEADER } from './dlq-replay';
import { Classification, classify, PoisonMessageError } from './errors';
import { inboxId, InboxRecord } from './inbox';
import { eventsConsumed, handlerDuration } from './messaging.metrics';

export interface MessageMeta {
  topic: string;
  partition: number;
  offset: string;
}

/** An event of a chunk handed to a batch handler, with where it came from. */
export interface ConsumedEvent {
  event: EventEnvelope;
  meta: MessageMeta;
}

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
  /**
   * transient failures: `attempts` quick tries in place, then the partition is paused for a backoff
   * (initialMs doubling to maxMs) while the others go on, and resumed from the failed message
   */
  retry?: { initialMs: number; maxMs: number; attempts?: number };
  /** messages claimed and handled before their offsets are committed */
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

type Outcome = 'processed' | 'duplicate' | 'skipped' | 'dead-lettered' | 'failed';
const DONE: ReadonlySet<Outcome> = new Set(['processed', 'duplicate', 'skipped', 'dead-lettered']);

interface Item {
  message: KafkaMessage;
  meta: MessageMeta;
  key: string;
  event?: EventEnvelope;
  error?: unknown;
  inboxId?: string;
  outcome?: Outcome;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Consumes with eachBatch, every assigned partition at once. Per chunk: validates each event
 * against its schema; claims the chunk's events in the inbox with one insert (the duplicates are
 * the inserts refused, read back one by one only then); handles distinct keys concurrently and one
 * key in order; dead-letters poison messages with the SPEC headers; commits the offsets of what is
 * done. A transient failure is retried a few times in place, then the partition is paused and
 * resumed after a backoff from the failed message, so that the other partitions go on.
 */
export class EventConsumer {
  private readonly logger = new Logger(EventConsumer.name);
  private consumer?: Consumer;
  private readonly concurrency: number;
  private readonly retry: { initialMs: number; maxMs: number; attempts: number };
  private readonly chunkSize: number;
  private readonly maxEventBytes: number;
  private readonly backoff = new Map<string, number>();
  private readonly resumeTimers = new Set<NodeJS.Timeout>();

  constructor(private readonly options: EventConsumerOptions) {
    if (!options.handle && !options.handleBatch) throw new Error('EventConsumer needs handle or handleBatch');
    this.maxEventBytes = options.maxEventBytes ?? maxEventBytesFromEnv();
    this.concurrency = options.concurrency ?? 16;
    this.retry = { attempts: 3, ...(options.retry ?? { initialMs: 200, maxMs: 30_000 }) };
    this.chunkSize = options.chunkSize ?? 500;
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
      autoCommitThreshold: 1, // commit after every chunk: the redelivery window after a crash is one chunk
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 64,
      eachBatch: (payload) => this.eachBatch(payload),
    });
  }

  /** Stops fetching, lets the chunk in hand finish and commits what was stored. */
  async stop(): Promise<void> {
    for (const timer of this.resumeTimers) clearTimeout(timer);
    this.resumeTimers.clear();
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
      let done: { resolved?: string; complete: boolean };
      try {
        done = await this.processChunk(batch.topic, batch.partition, chunk, payload);
      } finally {
        clearInterval(beat);
      }
      if (done.resolved !== undefined) payload.resolveOffset(done.resolved);
      await payload.commitOffsetsIfNecessary();
      if (!done.complete) return this.pauseAfterFailure(batch.topic, batch.partition, payload);
      this.backoff.delete(`${batch.topic}:${batch.partition}`);
      await payload.heartbeat();
    }
  }

  /** Pauses a partition whose message keeps failing; the fetch resumes from it after the backoff. */
  private pauseAfterFailure(topic: string, partition: number, payload: EachBatchPayload): void {
    if (!payload.isRunning() || payload.isStale()) return;
    const key = `${topic}:${partition}`;
    const round = (this.backoff.get(key) ?? 0) + 1;
    this.backoff.set(key, round);
    const delay = Math.min(this.retry.maxMs, this.retry.initialMs * 2 ** (round - 1)) * (0.8 + Math.random() * 0.4);
    this.logger.warn(
      { topic, partition, round, delay: Math.round(delay) },
      'partition paused after transient failures; resuming after backoff',
    );
    const resume = payload.pause();
    const timer = setTimeout(() => {
      this.resumeTimers.delete(timer);
      if (this.consumer) resume();
    }, delay);
    this.resumeTimers.add(timer);
  }

  /** Handles a chunk; returns the highest offset up to which every message is done. */
  private async processChunk(
    topic: string,
    partition: number,
    messages: KafkaMessage[],
    payload: EachBatchPayload,
  ): Promise<{ resolved?: string; complete: boolean }> {
    const items = messages.map((message) => this.parse(message, { topic, partition, offset: message.offset }));
    await this.claim(items);

    const byKey = new Map<string, Item[]>();
    for (const item of items) {
      if (item.outcome) continue;
      byKey.set(item.key, [...(byKey.get(item.key) ?? []), item]);
    }
    if (this.options.handleBatch) await this.runRounds([...byKey.values()], payload);
    else await runBounded([...byKey.values()], this.concurrency, (keyItems) => this.runKey(keyItems, payload));

    let resolved: string | undefined;
    let complete = true;
    for (const item of items) {
      if (!item.outcome || !DONE.has(item.outcome)) {
        complete = false;
        break;
      }
      resolved = item.message.offset;
    }
    for (const item of items)
      eventsConsumed.inc({ group: this.options.groupId, topic, outcome: item.outcome ?? 'failed' });
    await this.recordOutcomes(items, resolved);
    return { resolved, complete };
  }

  private parse(message: KafkaMessage, meta: MessageMeta): Item {
    const item: Item = { message, meta, key: message.key?.toString() ?? '' };
    const size = message.value?.length ?? 0;
    const tooLarge = size > this.maxEventBytes;
    // a type this consumer does not handle is skipped whatever its size; an oversized value is never parsed
    const type = peekType(message, !tooLarge);
    if (type && isEventType(type) && !this.options.handles(type)) return { ...item, outcome: 'skipped' };
    if (tooLarge) {
      return {
        ...item,
        error: new PoisonMessageError(
          'too-large',
          `message value is ${size} bytes, over the limit of ${this.maxEventBytes} (MAX_EVENT_BYTES)`,
        ),
      };
    }
    try {
      const event = fromKafkaRecord({ key: message.key, value: message.value, headers: message.headers as never });
      return { ...item, event, inboxId: inboxId(this.options.groupId, event.id, this.replayIdOf(message)) };
    } catch (error) {
      return { ...item, error };
    }
  }

  /** A replay from the DLQ meant for this group is a claim of its own; for other groups it is a duplicate. */
  private replayIdOf(message: KafkaMessage): string | undefined {
    const forGroup = message.headers?.[REPLAY_FOR_GROUP_HEADER]?.toString();
    return forGroup === this.options.groupId ? message.headers?.[REPLAY_ID_HEADER]?.toString() : undefined;
  }

  /**
   * Inserts the chunk's claims in one unordered insert. A refused insert is a duplicate, unless the
   * record found is this very delivery's earlier claim (same partition and offset: a crash or a
   * lost partition came between claim and commit), which is handled again.
   */
  private async claim(items: Item[]): Promise<void> {
    const fresh: Item[] = [];
    const inChunk = new Set<string>();
    for (const item of items) {
      if (!item.inboxId || item.outcome) continue;
      if (inChunk.has(item.inboxId)) item.outcome = 'duplicate';
      else {
        inChunk.add(item.inboxId);
        fresh.push(item);
      }
    }
    if (fresh.length === 0) return;
    const at = new Date();
    const records = fresh.map((item) => ({
      _id: item.inboxId,
      group: this.options.groupId,
      eventId: item.event!.id,
      type: item.event!.type,
      outcome: 'claimed',
      topic: item.meta.topic,
      partition: item.meta.partition,
      offset: item.meta.offset,
      at,
    }));
    const refused = await insertRefused(this.options.inbox, records);
    if (refused.length === 0) return;
    const existing = await lookUp(
      this.options.inbox,
      refused.map((i) => fresh[i].inboxId!),
    );
    for (const index of refused) {
      const item = fresh[index];
      const record = existing.get(item.inboxId!);
      const sameDelivery =
        record?.outcome === 'claimed' &&
        record.partition === item.meta.partition &&
        record.offset === item.meta.offset &&
        record.topic === item.meta.topic;
      if (!sameDelivery) item.outcome = 'duplicate';
    }
  }

  /** One key's events in order; stops at the first that keeps failing. */
  private async runKey(items: Item[], payload: EachBatchPayload): Promise<void> {
    for (const item of items) {
      item.outcome = await this.processOne(item, payload, (event, meta) => this.options.handle!(event, meta));
      if (item.outcome === 'failed') return;
    }
  }

  /** Batch handlers: round r holds every key's r-th event (distinct keys), handed over in one call. */
  private async runRounds(keys: Item[][], payload: EachBatchPayload): Promise<void> {
    const blocked = new Set<string>();
    for (let round = 0; ; round++) {
      const items = keys.map((k) => k[round]).filter((i): i is Item => !!i && !blocked.has(i.key));
      if (items.length === 0) return;
      const ready = items.filter((i) => !i.error);
      for (const item of items.filter((i) => i.error))
        item.outcome = await this.deadLetter(item, classify(item.error), payload);
      if (ready.length) {
        const end = handlerDuration.startTimer({ group: this.options.groupId, type: 'batch' });
        try {
          await this.options.handleBatch!(ready.map((i) => ({ event: i.event!, meta: i.meta })));
          for (const item of ready) item.outcome = 'processed';
        } catch {
          // find the one at fault: each event on its own, poison to the DLQ, transient retried
          await runBounded(ready, this.concurrency, async (item) => {
            item.outcome = await this.processOne(item, payload, (event, meta) =>
              this.options.handleBatch!([{ event, meta }]),
            );
          });
        } finally {
          end();
        }
      }
      for (const item of items) if (item.outcome === 'failed') blocked.add(item.key);
    }
  }

  private async processOne(
    item: Item,
    payload: EachBatchPayload,
    handle: (event: EventEnvelope, meta: MessageMeta) => Promise<void>,
  ): Promise<Outcome> {
    if (item.outcome) return item.outcome;
    if (item.error) return this.deadLetter(item, classify(item.error), payload);
    const event = item.event as EventEnvelope;
    for (let attempt = 1; ; attempt++) {
      const end = handlerDuration.startTimer({ group: this.options.groupId, type: event.type });
      try {
        await handle(event, item.meta);
        return 'processed';
      } catch (err) {
        const c = classify(err);
        if (c.poison) return this.deadLetter(item, c, payload);
        this.logger.warn({ eventId: event.id, type: event.type, attempt, err: c.message }, 'transient failure');
        if (attempt >= this.retry.attempts || !payload.isRunning() || payload.isStale()) return 'failed';
        await sleep(Math.min(this.retry.maxMs, this.retry.initialMs * 2 ** (attempt - 1)));
      } finally {
        end();
      }
    }
  }

  private async deadLetter(item: Item, c: Classification, payload: EachBatchPayload): Promise<Outcome> {
    const { message, meta } = item;
    const headers: IHeaders = { ...(message.headers ?? {}) };
    for (const h of [...DEAD_LETTER_HEADERS, REPLAY_FOR_GROUP_HEADER, REPLAY_ID_HEADER]) delete headers[h];
    Object.assign(headers, {
      'x-error-code': c.code,
      'x-error-message': c.message.slice(0, 2000),
      'x-consumer-group': this.options.groupId,
      'x-original-topic': meta.topic,
      'x-original-partition': String(meta.partition),
      'x-original-offset': meta.offset,
    });
    try {
      await this.options.producer.send({
        topic: dlqTopic(meta.topic),
        acks: -1,
        messages: [{ key: message.key, value: message.value, headers }],
      });
    } catch (err) {
      this.logger.warn(
        { err: (err as Error).message, topic: meta.topic, offset: meta.offset },
        'dead-letter publish failed; will retry',
      );
      return 'failed';
    }
    this.logger.warn(
      {
        topic: meta.topic,
        partition: meta.partition,
        offset: meta.offset,
        code: c.code,
        reason: c.message,
        stale: payload.isStale(),
      },
      'message dead-lettered',
    );
    return 'dead-lettered';
  }

  /**
   * The claims stay `claimed` where the committed offset covers them; events done past a failure
   * (redelivered with the failed one) are marked processed, dead letters dead-lettered: one bulk write.
   */
  private async recordOutcomes(items: Item[], resolved: string | undefined): Promise<void> {
    const beyond = (item: Item) => resolved === undefined || BigInt(item.message.offset) > BigInt(resolved);
    const ops = items
      .filter((i) => i.inboxId && (i.outcome === 'dead-lettered' || (i.outcome === 'processed' && beyond(i))))
      .map((i) => ({
        updateOne: { filter: { _id: i.inboxId }, update: { $set: { outcome: i.outcome } }, upsert: true },
      }));
    if (ops.length) await this.options.inbox.collection.bulkWrite(ops as never, { ordered: false });
  }
}

/** Inserts unordered; returns the indexes refused as duplicates (any other failure is thrown). */
async function insertRefused(model: Model<InboxRecord>, records: object[]): Promise<number[]> {
  try {
    await model.collection.insertMany(records as never[], { ordered: false });
    return [];
  } catch (err) {
    const writeErrors = ((err as { writeErrors?: unknown }).writeErrors ?? []) as {
      index: number;
      code?: number;
      err?: { code?: number };
    }[];
    const list = Array.isArray(writeErrors) ? writeErrors : [writeErrors];
    if (list.length === 0 || !list.every((w) => (w.code ?? w.err?.code) === 11000)) throw err;
    return list.map((w) => w.index);
  }
}

/** Records by _id, looked up by equality (FerretDB would scan the collection for `$in`); rare: duplicates only. */
async function lookUp(model: Model<InboxRecord>, ids: string[]): Promise<Map<string, InboxRecord>> {
  const found = new Map<string, InboxRecord>();
  await runBounded(ids, 16, async (id) => {
    const record = await model.collection.findOne({ _id: id } as never);
    if (record) found.set(id, record as unknown as InboxRecord);
  });
  return found;
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
