import { Logger } from '@nestjs/common';
import { Producer } from 'kafkajs';

import { kafkaRefusal } from './kafka-refusal';
import { OutboxFields } from './outbox';
import { OutboxModel, Pending, readPending, Refused } from './outbox-pending';
import { observePublished, publish, publishIsolating } from './outbox-publishing';
import { settle } from './outbox-settling';
import { onOutboxWrite } from './outbox-written';
import { RelayProducer } from './relay-producer';

export { byRequestSize, publicationOrder } from './outbox-publishing';

export interface OutboxRelayOptions {
  /**
   * how often to look for pending events when no write was announced: only a safety net (a write
   * of another process, a restart), since every write through an outbox model wakes the relay
   */
  pollIntervalMs?: number;
  /** documents read per collection per round */
  batchSize?: number;
  /** how long stop() waits for a round in flight */
  stopTimeoutMs?: number;
}

/** A document whose events Kafka refused for good, set aside with the reason. */
export interface ParkedDocument {
  collection: string;
  id: unknown;
  reason: string;
  at: Date;
  events: { id: string; type: string; topic: string }[];
}

/** The backoff after a failed round: 200 ms doubling to 5 s. */
const failureDelay = (failures: number) => Math.min(5000, 100 * 2 ** Math.min(failures, 6));

/**
 * Publishes the events waiting in aggregates' outboxes, then removes them from their documents.
 * Per round: one read per collection written since its last read (every collection after a quiet
 * poll interval; longest-waiting documents first), one produce, and bulk
 * writes of up to 50 documents each, side by side, to empty the outboxes. A document's outbox is
 * emptied only if no write added events since it was read (its `outboxRev` did not move); otherwise
 * just the published entries are pulled. A crash between publish and removal republishes (at least
 * once; consumers drop duplicates by event id); a crash before publish loses nothing.
 *
 * Per-key order: a document's entries go out in array order, in one produce request per round,
 * and any relay that publishes an entry publishes the ones before it in the same request (they are
 * still in the array unless already acknowledged). Across documents, entries go out in write-stamp
 * order; a second relay instance reads the same oldest-first set, so the first copy of each event
 * keeps that order (later copies are duplicates the inbox drops).
 */
export class OutboxRelay {
  private readonly logger = new Logger(OutboxRelay.name);
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  private unsubscribe?: () => void;
  /** the collections a write announced since their last read: a woken round reads only these */
  private readonly written = new Set<OutboxModel>();
  private readonly pollIntervalMs: number;
  private readonly batchSize: number;
  private readonly stopTimeoutMs: number;
  private readonly producer: RelayProducer;
  private readonly models: OutboxModel[];

  /** `producer`: a factory, for a relay that owns its producer, or a connected producer (see RelayProducer). */
  constructor(producer: Producer | (() => Producer), models: OutboxModel[], options: OutboxRelayOptions = {}) {
    this.producer = new RelayProducer(producer);
    this.models = models;
    this.pollIntervalMs = options.pollIntervalMs ?? 2000;
    this.batchSize = options.batchSize ?? 2000;
    this.stopTimeoutMs = options.stopTimeoutMs ?? 5000;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    const unsubscribes = this.models.map((model) =>
      onOutboxWrite([model.collection.collectionName], () => this.wakeUp(model)),
    );
    this.unsubscribe = () => unsubscribes.forEach((unsubscribe) => unsubscribe());
    this.loop = this.run();
  }

  /**
   * @deprecated writes through an outbox model wake the relay themselves (withOutbox's hooks); kept
   * only until the last callers outside libs/messaging are gone.
   */
  notify(): void {
    this.wakeUp(...this.models);
  }

  /** Ends the loop; a round still sending after stopTimeoutMs is abandoned (its events stay pending). */
  async stop(): Promise<void> {
    this.running = false;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.wake?.();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.loop, new Promise((resolve) => (timer = setTimeout(resolve, this.stopTimeoutMs)))]);
    clearTimeout(timer);
    await this.producer.drop();
  }

  /** One round over every collection; returns how many documents it emptied, trimmed or parked. */
  async drainOnce(): Promise<number> {
    return (await this.drain(this.models)).moved;
  }

  /**
   * One round over `models`; returns how many documents it emptied, trimmed or parked, and the
   * collections read up to the batch size (more may wait there).
   */
  private async drain(models: OutboxModel[]): Promise<{ moved: number; full: OutboxModel[] }> {
    const reads = await Promise.all(models.map((model) => readPending(model, this.batchSize)));
    const full = models.filter((_, i) => (reads[i]?.length ?? 0) >= this.batchSize);
    const pending = reads.flat();
    if (pending.length === 0) return { moved: 0, full };
    const { published, refused } = await this.publish(pending);
    observePublished(published);
    const moved = await Promise.all(
      models.map((model) =>
        settle(
          model,
          published.filter((document) => document.model === model),
          refused.filter((document) => document.pending.model === model),
          this.logger,
        ),
      ),
    );
    return { moved: moved.reduce((sum, count) => sum + count, 0), full };
  }

  /** Documents whose events Kafka refused, with the reason, across this relay's collections. */
  async parked(): Promise<ParkedDocument[]> {
    const found = await Promise.all(this.models.map((model) => this.parkedIn(model)));
    return found.flat();
  }

  /** Puts a parked document's events back in line (after the cause was fixed); true if one was parked. */
  async release(collection: string, id: unknown): Promise<boolean> {
    const model = this.models.find((candidate) => candidate.collection.collectionName === collection);
    if (!model) throw new Error(`no outbox collection ${collection}`);
    // through the model: its hook wakes the relays of the collection
    const filter = { _id: id, outboxParked: { $exists: true } };
    const res = await model.updateOne(filter, { $set: { outboxPending: true }, $unset: { outboxParked: '' } });
    return res.modifiedCount > 0;
  }

  /** A write just stored events in these collections: publish now instead of at the next poll. */
  private wakeUp(...models: OutboxModel[]): void {
    for (const model of models) this.written.add(model);
    this.wake?.();
  }

  /**
   * Rounds while writes are announced, each reading only the collections written since their last
   * read (or read full: a backlog); every collection after a poll interval without announcements
   * (a write of another process, a restart) and after a failure.
   */
  private async run(): Promise<void> {
    let failures = 0;
    let everything = true;
    while (this.running) {
      const models = everything ? this.models : this.models.filter((model) => this.written.has(model));
      everything = false;
      for (const model of models) this.written.delete(model);
      try {
        const { full } = await this.drain(models);
        failures = 0;
        for (const model of full) this.written.add(model);
        if (this.written.size > 0) continue;
        everything = (await this.idle(this.pollIntervalMs)) === 'timed-out';
      } catch (err) {
        failures += 1;
        const delay = failureDelay(failures);
        this.logger.warn({ err: (err as Error).message, delay }, 'outbox relay round failed; retrying');
        await this.producer.drop();
        await this.idle(delay);
        everything = true;
      }
    }
  }

  private idle(ms: number): Promise<'woken' | 'timed-out'> {
    if (!this.running) return Promise.resolve('woken');
    return new Promise((resolve) => {
      const timer = setTimeout(() => done('timed-out'), ms);
      const done = (how: 'woken' | 'timed-out') => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve(how);
      };
      this.wake = () => done('woken');
    });
  }

  /** Publishes the round; when Kafka refuses, finds the documents it refuses for good (to park them). */
  private async publish(pending: Pending[]): Promise<{ published: Pending[]; refused: Refused[] }> {
    try {
      await publish(this.producer, pending);
      return { published: pending, refused: [] };
    } catch (err) {
      if (pending.length === 1 && !kafkaRefusal(err)) throw err;
      return publishIsolating(this.producer, pending, err);
    }
  }

  private async parkedIn(model: OutboxModel): Promise<ParkedDocument[]> {
    const projection = { outbox: 1, outboxParked: 1 };
    const docs = await model
      .find({ outboxParked: { $exists: true } }, projection)
      .lean<(OutboxFields & { _id: unknown })[]>();
    return docs.map((doc) => ({
      collection: model.collection.collectionName,
      id: doc._id,
      reason: String(doc.outboxParked?.reason),
      at: doc.outboxParked?.at as Date,
      events: (doc.outbox ?? []).map(({ id, type, topic }) => ({ id, type, topic })),
    }));
  }
}
