import { Logger } from '@nestjs/common';
import { Producer } from 'kafkajs';
import { Model } from 'mongoose';
import { eachBounded, findByIds } from './by-ids';
import { documentLocksFor } from './document-lock';
import { OutboxEntry, OutboxFields } from './outbox';
import { outboxLag, outboxPublished } from './messaging.metrics';

export interface OutboxRelayOptions {
  /** how often to look for pending events when nobody signalled a write */
  pollIntervalMs?: number;
  /** documents read per collection per round */
  batchSize?: number;
}

type OutboxModel = Model<OutboxFields & { _id: unknown }>;

/**
 * Publishes the events waiting in aggregates' outboxes, in write order, with acks from all in-sync
 * replicas, then removes them from their documents. A crash between publish and removal republishes
 * (at least once; consumers drop duplicates by event id); a crash before publish loses nothing.
 */
export class OutboxRelay {
  private readonly logger = new Logger(OutboxRelay.name);
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  private signalled = false;
  private readonly pollIntervalMs: number;
  private readonly batchSize: number;

  constructor(
    private readonly producer: Producer,
    private readonly models: OutboxModel[],
    options: OutboxRelayOptions = {},
  ) {
    this.pollIntervalMs = options.pollIntervalMs ?? 100;
    this.batchSize = options.batchSize ?? 200;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** A write just stored events: publish now instead of at the next poll. */
  notify(): void {
    this.signalled = true;
    this.wake?.();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      try {
        this.signalled = false;
        const published = await this.drainOnce();
        failures = 0;
        if (published > 0 || this.signalled) continue;
        await this.idle(this.pollIntervalMs);
      } catch (err) {
        failures += 1;
        const delay = Math.min(5000, 100 * 2 ** Math.min(failures, 6));
        this.logger.warn({ err: (err as Error).message, delay }, 'outbox relay round failed; retrying');
        await this.idle(delay);
      }
    }
  }

  private idle(ms: number): Promise<void> {
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

  /** One round: read pending documents, publish their events in order, remove what was published. */
  async drainOnce(): Promise<number> {
    const pending = await Promise.all(
      this.models.map(async (model) => ({
        model,
        docs: await model.find({ outboxPending: true }, { outbox: 1 }).limit(this.batchSize).lean().exec(),
      })),
    );
    const entries: { entry: OutboxEntry; model: OutboxModel; docId: unknown }[] = [];
    for (const { model, docs } of pending) {
      for (const doc of docs) for (const entry of doc.outbox ?? []) entries.push({ entry, model, docId: doc._id });
    }
    if (entries.length === 0) {
      // documents flagged but already emptied (a crash between the two marking steps)
      await Promise.all(pending.filter((p) => p.docs.length).map((p) => this.markInModel(p.model, new Map(p.docs.map((d) => [d._id, []])))));
      return 0;
    }
    entries.sort((a, b) => a.entry.at - b.entry.at || a.entry.seq - b.entry.seq);

    const byTopic = new Map<string, { key: string; value: string; headers: Record<string, string> }[]>();
    for (const { entry } of entries) {
      const list = byTopic.get(entry.topic) ?? [];
      list.push({ key: entry.key, value: entry.value, headers: entry.headers });
      byTopic.set(entry.topic, list);
    }
    await this.producer.sendBatch({
      acks: -1,
      topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
    });
    const now = Date.now();
    for (const { entry } of entries) {
      outboxPublished.inc({ topic: entry.topic });
      outboxLag.observe((now - entry.at) / 1000);
    }
    await this.markPublished(entries);
    return entries.length;
  }

  /**
   * Removes the published entries by exact value ($pullAll: FerretDB's $pull does not match on a
   * sub-document's field) under the documents' locks on FerretDB (see DocumentLocks), then drops
   * the flag where the outbox is empty. A document whose lock is busy keeps its entries: they are
   * published again next round (at least once) rather than risk overwriting its owner's write.
   */
  private async markPublished(entries: { entry: OutboxEntry; model: OutboxModel; docId: unknown }[]): Promise<void> {
    const perModel = new Map<OutboxModel, Map<unknown, OutboxEntry[]>>();
    for (const { entry, model, docId } of entries) {
      const docs = perModel.get(model) ?? new Map<unknown, OutboxEntry[]>();
      docs.set(docId, [...(docs.get(docId) ?? []), entry]);
      perModel.set(model, docs);
    }
    await Promise.all([...perModel].map(([model, docs]) => this.markInModel(model, docs)));
  }

  private async markInModel(model: OutboxModel, docs: Map<unknown, OutboxEntry[]>): Promise<void> {
    const locks = await documentLocksFor(model.db);
    const lockKey = (id: unknown) => `${model.collection.name}:${String(id)}`;
    let ids = [...docs.keys()];
    let release = async () => undefined as void;
    if (locks) {
      const claim = await locks.claimMany(ids.map(lockKey));
      const claimed = new Set(claim.claimed);
      ids = ids.filter((id) => claimed.has(lockKey(id)));
      release = claim.release;
    }
    try {
      if (ids.length === 0) return;
      const published = new Map([...docs].map(([id, entries]) => [String(id), entries]));
      if (locks) await this.removePublished(model, ids, published);
      else await this.pullPublished(model, ids, published);
    } finally {
      await release();
    }
  }

  /**
   * Under the locks, re-reads the documents: those holding nothing but what was just published are
   * emptied; a document that gained events meanwhile keeps them. By `_id` equality, one document at
   * a time in parallel: FerretDB scans the whole collection for `$in` (see by-ids.ts).
   */
  private async removePublished(model: OutboxModel, ids: unknown[], published: Map<string, OutboxEntry[]>): Promise<void> {
    const current = await findByIds(model.collection as never, ids, { outbox: 1 }, true);
    const emptied: unknown[] = [];
    const trimmed: { id: unknown; remaining: OutboxEntry[] }[] = [];
    for (const doc of current) {
      const done = new Set((published.get(String(doc._id)) ?? []).map((e) => e.id));
      const remaining = ((doc['outbox'] ?? []) as OutboxEntry[]).filter((e) => !done.has(e.id));
      if (remaining.length === 0) emptied.push(doc._id);
      else if (remaining.length < ((doc['outbox'] ?? []) as OutboxEntry[]).length) trimmed.push({ id: doc._id, remaining });
    }
    await eachBounded(emptied, async (id) => {
      await model.collection.updateOne({ _id: id } as never, { $set: { outbox: [], outboxPending: false } });
    });
    for (const { id, remaining } of trimmed) {
      await model.collection.updateOne({ _id: id } as never, { $set: { outbox: remaining, outboxPending: true } });
    }
  }

  /** MongoDB: single-document updates are atomic, so $pullAll and a conditional flag drop suffice. */
  private async pullPublished(model: OutboxModel, ids: unknown[], published: Map<string, OutboxEntry[]>): Promise<void> {
    const pulls = ids.filter((id) => (published.get(String(id)) ?? []).length > 0);
    if (pulls.length) {
      await model.collection.bulkWrite(
        pulls.map((id) => ({ updateOne: { filter: { _id: id }, update: { $pullAll: { outbox: published.get(String(id)) } } } })) as never,
        { ordered: false },
      );
    }
    await model.collection.updateMany({ _id: { $in: ids }, outbox: { $size: 0 } } as never, { $set: { outboxPending: false } });
  }

}
