import { Logger } from '@nestjs/common';
import { Producer } from 'kafkajs';
import type { Model } from 'mongoose';

import { kafkaRefusal } from './kafka-refusal';
import { outboxLag, outboxParked, outboxPublished } from './messaging.metrics';
import { OutboxEntry, OutboxFields } from './outbox';
import { onOutboxWrite } from './outbox-written';

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

type OutboxModel = Model<OutboxFields & { _id: unknown }>;
type PendingDoc = Pick<OutboxFields, 'outbox' | 'outboxRev' | 'outboxSince'> & { _id: unknown };
interface Pending {
  model: OutboxModel;
  doc: PendingDoc;
}

/** A document whose events Kafka refused for good, set aside with the reason. */
export interface ParkedDocument {
  collection: string;
  id: unknown;
  reason: string;
  at: Date;
  events: { id: string; type: string; topic: string }[];
}

/**
 * Publishes the events waiting in aggregates' outboxes, then removes them from their documents.
 * Per round: one read per collection (longest-waiting documents first), one produce, and bulk
 * writes of up to 50 documents each, side by side, to empty the outboxes. A document's outbox is emptied only if no write
 * added events since it was read (its `outboxRev` did not move); otherwise just the published
 * entries are pulled. A crash between publish and removal republishes (at least once; consumers
 * drop duplicates by event id); a crash before publish loses nothing.
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
  private signalled = false;
  private readonly pollIntervalMs: number;
  private readonly batchSize: number;
  private readonly stopTimeoutMs: number;
  private producer?: Producer;
  private connected?: Promise<void>;

  /**
   * `producer`: a factory, for a relay that owns its producer (connects it, and replaces it after a
   * failed send: an idempotent producer whose request may have landed unacknowledged would
   * otherwise meet OUT_OF_ORDER_SEQUENCE_NUMBER on every later send), or a connected producer.
   */
  constructor(
    private readonly producerSource: Producer | (() => Producer),
    private readonly models: OutboxModel[],
    options: OutboxRelayOptions = {},
  ) {
    if (typeof producerSource !== 'function') this.producer = producerSource;
    this.pollIntervalMs = options.pollIntervalMs ?? 2000;
    this.batchSize = options.batchSize ?? 2000;
    this.stopTimeoutMs = options.stopTimeoutMs ?? 5000;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    const collections = this.models.map((model) => model.collection.collectionName);
    this.unsubscribe = onOutboxWrite(collections, () => this.wakeUp());
    this.loop = this.run();
  }

  /**
   * @deprecated writes through an outbox model wake the relay themselves (withOutbox's hooks); kept
   * only until the last callers outside libs/messaging are gone.
   */
  notify(): void {
    this.wakeUp();
  }

  /** A write just stored events: publish now instead of at the next poll. */
  private wakeUp(): void {
    this.signalled = true;
    this.wake?.();
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
    if (this.ownsProducer()) await this.dropProducer();
  }

  private ownsProducer(): boolean {
    return typeof this.producerSource === 'function';
  }

  private async connectedProducer(): Promise<Producer> {
    if (!this.producer) this.producer = (this.producerSource as () => Producer)();
    const producer = this.producer;
    if (this.ownsProducer()) {
      this.connected ??= producer.connect().catch((err) => {
        this.connected = undefined;
        throw err;
      });
      await this.connected;
    }
    return producer;
  }

  /** A fresh producer (and producer id) for the next round. */
  private async dropProducer(): Promise<void> {
    const producer = this.producer;
    this.producer = undefined;
    this.connected = undefined;
    await producer?.disconnect().catch(() => undefined);
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      try {
        this.signalled = false;
        const moved = await this.drainOnce();
        failures = 0;
        if (moved > 0 || this.signalled) continue;
        await this.idle(this.pollIntervalMs);
      } catch (err) {
        failures += 1;
        const delay = Math.min(5000, 100 * 2 ** Math.min(failures, 6));
        this.logger.warn({ err: (err as Error).message, delay }, 'outbox relay round failed; retrying');
        if (this.ownsProducer()) await this.dropProducer();
        await this.idle(delay);
      }
    }
  }

  private idle(ms: number): Promise<void> {
    if (!this.running) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = () => {
        this.wake = undefined;
        done();
      };
    });
  }

  /** One round; returns how many documents it emptied, trimmed or parked. */
  async drainOnce(): Promise<number> {
    const pending = (await Promise.all(this.models.map((model) => this.readPending(model)))).flat();
    if (pending.length === 0) return 0;
    const published: Pending[] = [];
    const parked: { item: Pending; reason: string }[] = [];
    try {
      await this.send(pending);
      published.push(...pending);
    } catch (err) {
      // find the documents Kafka refuses for good, publish the others (in order), park the refused
      if (pending.length === 1 && !kafkaRefusal(err)) throw err;
      await this.isolate(pending, published, parked, err);
    }
    this.observe(published);
    const moved = await Promise.all(
      this.models.map((model) =>
        this.settle(
          model,
          published.filter((p) => p.model === model),
          parked.filter((p) => p.item.model === model),
        ),
      ),
    );
    return moved.reduce((a, b) => a + b, 0);
  }

  /** Documents whose events Kafka refused, with the reason, across this relay's collections. */
  async parked(): Promise<ParkedDocument[]> {
    const found = await Promise.all(
      this.models.map(async (model) => {
        const docs = await model.collection
          .find({ outboxParked: { $exists: true } }, { projection: { outbox: 1, outboxParked: 1 } })
          .toArray();
        return docs.map((d) => ({
          collection: model.collection.collectionName,
          id: d._id,
          reason: String(d['outboxParked']?.reason),
          at: d['outboxParked']?.at,
          events: ((d['outbox'] ?? []) as OutboxEntry[]).map(({ id, type, topic }) => ({ id, type, topic })),
        }));
      }),
    );
    return found.flat();
  }

  /** Puts a parked document's events back in line (after the cause was fixed); true if one was parked. */
  async release(collection: string, id: unknown): Promise<boolean> {
    const model = this.models.find((m) => m.collection.collectionName === collection);
    if (!model) throw new Error(`no outbox collection ${collection}`);
    // through the model: its hook wakes the relays of the collection
    const res = await model.updateOne(
      { _id: id, outboxParked: { $exists: true } },
      {
        $set: { outboxPending: true },
        $unset: { outboxParked: '' },
      },
    );
    return res.modifiedCount > 0;
  }

  /**
   * The pending documents, longest-waiting first. Read unsorted up to batchSize first: FerretDB
   * stops decoding at the limit but would decode every pending document to sort them, so the
   * sorted read is made only when more are pending than one round takes (a backlog).
   */
  private async readPending(model: OutboxModel): Promise<Pending[]> {
    const projection = { outbox: 1, outboxRev: 1, outboxSince: 1 };
    let docs = await model.collection
      .find({ outboxPending: true }, { projection })
      .limit(this.batchSize + 1)
      .toArray();
    if (docs.length > this.batchSize) {
      docs = await model.collection
        .find({ outboxPending: true }, { projection })
        .sort({ outboxSince: 1 })
        .limit(this.batchSize)
        .toArray();
    }
    return docs
      .map((doc) => ({ model, doc: doc as unknown as PendingDoc }))
      .sort((a, b) => (a.doc.outboxSince ?? 0) - (b.doc.outboxSince ?? 0));
  }

  /**
   * The documents' entries in publication order, in consecutive produce requests of at most
   * MAX_REQUEST_BYTES (Kafka refuses a partition's batch over message.max.bytes, so a document's
   * backlog of small events must not travel as one); one request in flight keeps the order.
   */
  private async send(items: Pending[]): Promise<void> {
    const entries = publicationOrder(items);
    if (entries.length === 0) return;
    const producer = await this.connectedProducer();
    for (const part of byRequestSize(entries)) {
      const byTopic = new Map<string, { key: string; value: string; headers: Record<string, string> }[]>();
      for (const entry of part) {
        const list = byTopic.get(entry.topic) ?? [];
        list.push({ key: entry.key, value: entry.value, headers: entry.headers });
        byTopic.set(entry.topic, list);
      }
      await producer.sendBatch({
        acks: -1,
        topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
      });
    }
  }

  /** Sends document by document, in order; a transient failure ends the round (what went out is settled). */
  private async isolate(
    items: Pending[],
    published: Pending[],
    parked: { item: Pending; reason: string }[],
    first: unknown,
  ): Promise<void> {
    const ordered = [...items].sort((a, b) => firstStamp(a) - firstStamp(b));
    for (const item of ordered) {
      try {
        await this.send([item]);
        published.push(item);
      } catch (err) {
        const reason = kafkaRefusal(err);
        if (!reason) {
          if (published.length || parked.length) return;
          throw first;
        }
        parked.push({ item, reason });
      }
    }
  }

  private observe(published: Pending[]): void {
    const now = Date.now();
    for (const { doc } of published) {
      for (const entry of doc.outbox ?? []) {
        outboxPublished.inc({ topic: entry.topic });
        outboxLag.observe((now - entry.at) / 1000);
      }
    }
  }

  /**
   * Empties each published document if its revision did not move, in bulk writes of at most
   * SETTLE_CHUNK statements run side by side (FerretDB holds a connection per statement until the
   * command ends); where a revision moved, pulls exactly the published entries ($pullAll by value).
   * Parks the refused documents. Returns how many documents changed.
   */
  private async settle(
    model: OutboxModel,
    published: Pending[],
    parked: { item: Pending; reason: string }[],
  ): Promise<number> {
    let moved = 0;
    const parts = chunk(published, SETTLE_CHUNK);
    await Promise.all(
      Array.from({ length: Math.min(SETTLE_PARALLEL, parts.length) }, async () => {
        for (let part = parts.shift(); part; part = parts.shift()) moved += await this.clear(model, part);
      }),
    );
    if (parked.length) {
      const at = new Date();
      const ops = parked.map(({ item, reason }) => ({
        updateOne: {
          filter: { _id: item.doc._id, ...revisionIs(item.doc.outboxRev) },
          update: { $set: { outboxPending: false, outboxParked: { reason, at } } },
        },
      }));
      moved += (await model.collection.bulkWrite(ops as never, { ordered: false })).modifiedCount;
      for (const { item, reason } of parked) {
        for (const entry of item.doc.outbox ?? []) outboxParked.inc({ topic: entry.topic });
        this.logger.error(
          {
            collection: model.collection.collectionName,
            id: String(item.doc._id),
            events: (item.doc.outbox ?? []).map((e) => e.id),
            reason,
          },
          'Kafka refused these events; parked them (OutboxRelay.release puts them back)',
        );
      }
    }
    return moved;
  }

  private async clear(model: OutboxModel, part: Pending[]): Promise<number> {
    const clears = part.map(({ doc }) => ({
      updateOne: {
        filter: { _id: doc._id, ...revisionIs(doc.outboxRev) },
        update: { $set: { outbox: [], outboxPending: false }, $unset: { outboxSince: '' } },
      },
    }));
    const res = await model.collection.bulkWrite(clears as never, { ordered: false });
    if (res.matchedCount === part.length) return res.modifiedCount;
    // some documents gained events since they were read: take out just what went to Kafka
    const pulls = part
      .filter(({ doc }) => (doc.outbox ?? []).length > 0)
      .map(({ doc }) => ({
        updateOne: {
          filter: { _id: doc._id, ...revisionMoved(doc.outboxRev) },
          update: { $pullAll: { outbox: doc.outbox } },
        },
      }));
    const pulled = pulls.length
      ? await model.collection.bulkWrite(pulls as never, { ordered: false })
      : { modifiedCount: 0 };
    return res.modifiedCount + pulled.modifiedCount;
  }
}

/** Bytes of events per produce request: under Kafka's default message.max.bytes (1 MB). */
const MAX_REQUEST_BYTES = 900_000;

/** Consecutive slices of at most MAX_REQUEST_BYTES (a single larger entry travels alone, and Kafka says if it is too large). */
export function byRequestSize(entries: OutboxEntry[], limit = MAX_REQUEST_BYTES): OutboxEntry[][] {
  const parts: OutboxEntry[][] = [];
  let current: OutboxEntry[] = [];
  let bytes = 0;
  for (const entry of entries) {
    const size = entry.value.length + entry.key.length + JSON.stringify(entry.headers).length + 64;
    if (current.length && bytes + size > limit) {
      parts.push(current);
      current = [];
      bytes = 0;
    }
    current.push(entry);
    bytes += size;
  }
  if (current.length) parts.push(current);
  return parts;
}

/** Statements per bulk write when clearing: well under FerretDB's PostgreSQL pool. */
const SETTLE_CHUNK = 50;
/** Bulk writes in flight at once when clearing. */
const SETTLE_PARALLEL = 8;

function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const revisionIs = (rev: number | undefined) =>
  rev === undefined ? { outboxRev: { $exists: false } } : { outboxRev: rev };
const revisionMoved = (rev: number | undefined) =>
  rev === undefined ? { outboxRev: { $exists: true } } : { outboxRev: { $ne: rev } };
const firstStamp = (p: Pending) => p.doc.outbox?.[0]?.at ?? 0;

/**
 * All entries of the documents, each document's in array order, documents interleaved by write
 * stamp (a document's stamps are made non-decreasing first, so a writer with a slower clock cannot
 * pull a later entry ahead of an earlier one of the same document).
 */
export function publicationOrder(items: { doc: Pick<PendingDoc, 'outbox'> }[]): OutboxEntry[] {
  const stamped: { entry: OutboxEntry; stamp: number }[] = [];
  for (const { doc } of items) {
    let stamp = -Infinity;
    for (const entry of doc.outbox ?? []) {
      stamp = Math.max(stamp, entry.at);
      stamped.push({ entry, stamp });
    }
  }
  return stamped.sort((a, b) => a.stamp - b.stamp).map((s) => s.entry); // stable: ties keep array order
}
