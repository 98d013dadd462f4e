import mongoose, { Query, Schema, UpdateQuery } from 'mongoose';
import { documentLocksFor } from './document-lock';
import { EventEnvelope, eventDefinition, EventType, toKafkaRecord } from '@appliance-care/contracts';
import { physicalTopic } from './topic-naming';

/** An event waiting, inside the document whose change caused it, to be published. */
export interface OutboxEntry {
  id: string;
  type: string;
  topic: string;
  key: string;
  value: string;
  headers: Record<string, string>;
  /** write time in ms and a process-wide sequence: publication order across documents */
  at: number;
  seq: number;
}

export interface OutboxFields {
  outbox: OutboxEntry[];
  outboxPending: boolean;
}

const outboxEntrySchema = new Schema<OutboxEntry>(
  {
    id: { type: String, required: true },
    type: { type: String, required: true },
    topic: { type: String, required: true },
    key: { type: String, required: true },
    value: { type: String, required: true },
    headers: { type: Schema.Types.Mixed, required: true },
    at: { type: Number, required: true },
    seq: { type: Number, required: true },
  },
  { _id: false },
);

/**
 * Gives an aggregate's schema its transactional outbox: pending events live in the aggregate's own
 * document and are written by the same single-document update as the state change, so neither can
 * exist without the other (no multi-document transaction needed, works on FerretDB and MongoDB).
 * `outboxPending` is the equality-indexed flag the relay polls.
 */
export function withOutbox<T>(schema: Schema<T>): Schema<T> {
  schema.add({ outbox: { type: [outboxEntrySchema], default: [] }, outboxPending: { type: Boolean, default: false } } as never);
  schema.index({ outboxPending: 1 } as never);
  return schema;
}

const LOCKED_OPERATIONS = ['updateOne', 'findOneAndUpdate', 'replaceOne', 'findOneAndReplace'] as const;
type LockedQuery = Query<unknown, unknown> & { _documentLockRelease?: () => Promise<void> };

/**
 * On FerretDB, updates of one document by _id are serialised through DocumentLocks (see there), so
 * a state change, its events and the relay's removal of published events never overwrite each
 * other, and a conditional update ({ _id, version }) has exactly one winner, as on MongoDB.
 * Registered for every schema (global mongoose plugin, below). Updates not addressed by _id are
 * left as they are.
 */
export function lockDocumentUpdates(schema: Schema): void {
  schema.pre(LOCKED_OPERATIONS as never, async function (this: LockedQuery) {
    const id = (this.getFilter() as { _id?: unknown })._id;
    if (id === undefined || id === null || (typeof id === 'object' && !('toHexString' in (id as object)))) return;
    const locks = await documentLocksFor(this.model.db);
    if (!locks) return;
    this._documentLockRelease = await locks.acquire(`${this.model.collection.name}:${String(id)}`);
  });
  const release = async (query: LockedQuery) => {
    const done = query._documentLockRelease;
    query._documentLockRelease = undefined;
    await done?.();
  };
  schema.post(LOCKED_OPERATIONS as never, async function (this: LockedQuery) {
    await release(this);
  });
  schema.post(LOCKED_OPERATIONS as never, function (this: LockedQuery, error: Error, _res: unknown, next: (err?: Error) => void) {
    release(this).then(() => next(error), () => next(error));
  });
}

let sequence = 0;

export function toOutboxEntries(events: readonly EventEnvelope[]): OutboxEntry[] {
  const at = Date.now();
  return events.map((event) => {
    const definition = eventDefinition(event.type as EventType);
    const key = definition.key(event.data as never);
    const record = toKafkaRecord(event, key);
    return { id: event.id, type: event.type, topic: physicalTopic(definition.topic), key, value: record.value, headers: record.headers, at, seq: ++sequence };
  });
}

/** Fields for a new document that is born with events. */
export function outboxFields(events: readonly EventEnvelope[]): OutboxFields {
  return { outbox: toOutboxEntries(events), outboxPending: events.length > 0 };
}

/** Adds events to an update so that they are stored atomically with it. */
export function withEvents<T>(update: UpdateQuery<T>, events: readonly EventEnvelope[]): UpdateQuery<T> {
  if (events.length === 0) return update;
  const u = update as Record<string, Record<string, unknown> | undefined>;
  return {
    ...update,
    $set: { ...(u['$set'] ?? {}), outboxPending: true },
    $push: { ...(u['$push'] ?? {}), outbox: { $each: toOutboxEntries(events) } },
  } as UpdateQuery<T>;
}

mongoose.plugin(lockDocumentUpdates);
