import { Logger } from '@nestjs/common';
import type { mongo } from 'mongoose';
import pLimit from 'p-limit';

import { outboxParked } from './messaging.metrics';
import { outboxCollection, OutboxDocument, OutboxModel, Pending, Refused } from './outbox-pending';

/** Statements per bulk write when clearing: well under FerretDB's PostgreSQL pool. */
const SETTLE_CHUNK = 50;
/** Bulk writes in flight at once when clearing (FerretDB holds a connection per statement until the command ends). */
const SETTLE_PARALLEL = 8;

type Bookkeeping = mongo.AnyBulkWriteOperation<OutboxDocument>;
type Revision = number | undefined;
const revisionIs = (rev: Revision) => (rev === undefined ? { outboxRev: { $exists: false } } : { outboxRev: rev });
const revisionMoved = (rev: Revision) =>
  rev === undefined ? { outboxRev: { $exists: true } } : { outboxRev: { $ne: rev } };

function chunks<T>(items: T[], size: number): T[][] {
  const parts: T[][] = [];
  for (let start = 0; start < items.length; start += size) parts.push(items.slice(start, start + size));
  return parts;
}

/**
 * Empties the published documents whose revision did not move; where it moved (a write added
 * events since the read), pulls exactly the published entries ($pullAll by value). Returns how
 * many documents changed.
 */
async function clear(model: OutboxModel, published: Pending[]): Promise<number> {
  const clears: Bookkeeping[] = published.map(({ doc }) => ({
    updateOne: {
      filter: { _id: doc._id, ...revisionIs(doc.outboxRev) },
      update: { $set: { outbox: [], outboxPending: false }, $unset: { outboxSince: '' } },
    },
  }));
  const cleared = await outboxCollection(model).bulkWrite(clears, { ordered: false });
  if (cleared.matchedCount === published.length) return cleared.modifiedCount;
  const pulls: Bookkeeping[] = published
    .filter(({ doc }) => (doc.outbox ?? []).length > 0)
    .map(({ doc }) => ({
      updateOne: {
        filter: { _id: doc._id, ...revisionMoved(doc.outboxRev) },
        update: { $pullAll: { outbox: doc.outbox } },
      },
    }));
  const pulled = pulls.length ? (await outboxCollection(model).bulkWrite(pulls, { ordered: false })).modifiedCount : 0;
  return cleared.modifiedCount + pulled;
}

/** Sets the refused documents aside with the reason, unless a write added events since. */
async function park(model: OutboxModel, refused: Refused[], logger: Logger): Promise<number> {
  if (refused.length === 0) return 0;
  const at = new Date();
  const parkings: Bookkeeping[] = refused.map(({ pending, reason }) => ({
    updateOne: {
      filter: { _id: pending.doc._id, ...revisionIs(pending.doc.outboxRev) },
      update: { $set: { outboxPending: false, outboxParked: { reason, at } } },
    },
  }));
  const parked = await outboxCollection(model).bulkWrite(parkings, { ordered: false });
  for (const { pending, reason } of refused) {
    const events = pending.doc.outbox ?? [];
    for (const entry of events) outboxParked.inc({ topic: entry.topic });
    const document = { collection: model.collection.collectionName, id: String(pending.doc._id) };
    const what = { ...document, events: events.map((entry) => entry.id), reason };
    logger.error(what, 'Kafka refused these events; parked them (OutboxRelay.release puts them back)');
  }
  return parked.modifiedCount;
}

/**
 * After a round's produce: clears the published documents of one collection in bulk writes of at
 * most SETTLE_CHUNK statements, SETTLE_PARALLEL at once, and parks the refused ones.
 */
export async function settle(
  model: OutboxModel,
  published: Pending[],
  refused: Refused[],
  logger: Logger,
): Promise<number> {
  const limit = pLimit(SETTLE_PARALLEL);
  const cleared = await Promise.all(chunks(published, SETTLE_CHUNK).map((part) => limit(() => clear(model, part))));
  return cleared.reduce((sum, count) => sum + count, 0) + (await park(model, refused, logger));
}
