import type { Model, mongo } from 'mongoose';

import { OutboxFields } from './outbox';

export type OutboxModel = Model<OutboxFields & { _id: unknown }>;
/** What an aggregate's `_id` may be (the driver's filter types need to know). */
type OutboxId = string | number | mongo.ObjectId;
export type OutboxDocument = OutboxFields & { _id: OutboxId };
export type PendingDocument = Pick<OutboxFields, 'outbox' | 'outboxRev' | 'outboxSince'> & { _id: OutboxId };

/**
 * The driver's collection under an outbox model, for the relay's own reads and bookkeeping (no
 * casting, hooks or per-poll instrumentation spans). Mongoose types `model.collection` as a
 * collection of plain Documents, whose `_id` the driver's filter types take for an ObjectId.
 */
export const outboxCollection = (model: OutboxModel) => model.collection as unknown as mongo.Collection<OutboxDocument>;

/** A document with events to publish, as one relay round read it. */
export interface Pending {
  model: OutboxModel;
  doc: PendingDocument;
}

/** A document Kafka refused, with the reason. */
export interface Refused {
  pending: Pending;
  reason: string;
}

const PENDING_PROJECTION = { outbox: 1, outboxRev: 1, outboxSince: 1 };

const byFirstStamp = (a: Pending, b: Pending) => (a.doc.outboxSince ?? 0) - (b.doc.outboxSince ?? 0);

/**
 * The pending documents, longest-waiting first. Read unsorted up to batchSize first: FerretDB
 * stops decoding at the limit but would decode every pending document to sort them, so the
 * sorted read is made only when more are pending than one round takes (a backlog).
 */
export async function readPending(model: OutboxModel, batchSize: number): Promise<Pending[]> {
  const pending = () => outboxCollection(model).find({ outboxPending: true }, { projection: PENDING_PROJECTION });
  let docs = await pending()
    .limit(batchSize + 1)
    .toArray();
  if (docs.length > batchSize) docs = await pending().sort({ outboxSince: 1 }).limit(batchSize).toArray();
  return docs.map((doc) => ({ model, doc })).sort(byFirstStamp);
}
