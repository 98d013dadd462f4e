import type { AnyBulkWriteOperation, Model, Query, Schema } from 'mongoose';

import { announceOutboxWrite } from './outbox-written';

/**
 * withOutbox's post-hooks: after a write through the model that stored outbox entries, announce it
 * (outbox-written.ts) so that the collection's relays publish at once instead of at their next poll.
 * Writes through `model.collection.*` bypass mongoose and these hooks: an outbox write must go
 * through the model (or wait for the relay's poll).
 */
type Fields = Record<string, unknown>;

const isObject = (value: unknown): value is Fields => typeof value === 'object' && value !== null;

/** A document (or a replacement) that is born with events. */
export function carriesEntries(doc: unknown): boolean {
  const outbox = isObject(doc) ? doc['outbox'] : undefined;
  return Array.isArray(outbox) && outbox.length > 0;
}

const setsPending = (fields: unknown) => isObject(fields) && fields['outboxPending'] === true;

/** An update that adds events: withEvents' `$set: {outboxPending: true}` and `$push: {outbox}`. */
export function updateAddsEntries(update: unknown): boolean {
  if (Array.isArray(update)) return update.some((stage) => setsPending(stage?.$set) || setsPending(stage?.$addFields));
  if (!isObject(update)) return false;
  const pushed = isObject(update['$push']) && update['$push']['outbox'] !== undefined;
  return (
    pushed ||
    setsPending(update) ||
    setsPending(update['$set']) ||
    setsPending(update['$setOnInsert']) ||
    carriesEntries(update)
  );
}

export function bulkOperationAddsEntries(operation: AnyBulkWriteOperation): boolean {
  const op = operation as Record<string, Fields | undefined>;
  return (
    carriesEntries(op['insertOne']?.['document']) ||
    updateAddsEntries(op['updateOne']?.['update']) ||
    updateAddsEntries(op['updateMany']?.['update']) ||
    carriesEntries(op['replaceOne']?.['replacement'])
  );
}

/** An update result that says nothing was written (a lost conditional update). */
function wroteNothing(result: unknown): boolean {
  if (result === null) return true;
  if (!isObject(result) || typeof result['matchedCount'] !== 'number') return false;
  return result['matchedCount'] === 0 && !result['upsertedCount'];
}

const QUERY_WRITES = ['updateOne', 'updateMany', 'findOneAndUpdate', 'replaceOne'] as const;

function announceQueryWrites(schema: Schema): void {
  schema.post([...QUERY_WRITES], function (this: Query<unknown, unknown>, result: unknown) {
    if (!updateAddsEntries(this.getUpdate())) return;
    if (wroteNothing(result) && !this.getOptions().upsert) return;
    announceOutboxWrite(this.model.collection.collectionName);
  });
}

function announceInserts(schema: Schema): void {
  schema.post('save', function (doc) {
    if (carriesEntries(doc)) announceOutboxWrite(doc.collection.collectionName);
  });
  schema.post('insertMany', function (this: Model<unknown>, docs: unknown) {
    if (Array.isArray(docs) && docs.some(carriesEntries)) announceOutboxWrite(this.collection.collectionName);
  });
  // an unordered insert that met duplicates stored the others; the error still reaches the caller
  schema.post('insertMany', { errorHandler: true }, function (this: Model<unknown>, _err: unknown, docs: unknown) {
    if (Array.isArray(docs) && docs.some(carriesEntries)) announceOutboxWrite(this.collection.collectionName);
  });
}

/**
 * A bulk write's post-hook sees only the result, not the operations: the pre-hook notes that one
 * carrying events is in flight, and every bulk write that ends while one may be in flight announces.
 * A bulk write that throws before mongoose's post-hooks run (an ordered one failing validation) leaves
 * the note set: later bulk writes of the collection then announce too, which only costs empty rounds.
 */
function announceBulkWrites(schema: Schema): void {
  const inFlight = new Map<string, { writes: number; withEntries: boolean }>();
  schema.pre('bulkWrite', function (this: Model<unknown>, operations: AnyBulkWriteOperation[]) {
    if (operations.length === 0) return; // mongoose returns before the post-hooks
    const collection = this.collection.collectionName;
    const state = inFlight.get(collection) ?? { writes: 0, withEntries: false };
    state.writes += 1;
    state.withEntries ||= operations.some(bulkOperationAddsEntries);
    inFlight.set(collection, state);
  });
  function ended(this: Model<unknown>) {
    const collection = this.collection.collectionName;
    const state = inFlight.get(collection);
    if (!state) return;
    state.writes -= 1;
    if (state.withEntries) announceOutboxWrite(collection);
    if (state.writes <= 0) inFlight.delete(collection);
  }
  schema.post('bulkWrite', function (this: Model<unknown>) {
    ended.call(this);
  });
  schema.post('bulkWrite', { errorHandler: true }, function (this: Model<unknown>) {
    ended.call(this);
  });
}

export function announceOutboxWrites(schema: Schema): void {
  announceQueryWrites(schema);
  announceInserts(schema);
  announceBulkWrites(schema);
}
