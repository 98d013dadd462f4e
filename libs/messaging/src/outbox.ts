import { Model, Schema, UpdateQuery } from 'mongoose';

import { eventDefinition, EventEnvelope, EventType, toKafkaRecord } from '@appliance-care/contracts';
import { isDuplicateKey } from '@appliance-care/platform';

import { announceOutboxWrites } from './outbox-hooks';
import { physicalTopic } from './topic-naming';

/** An event waiting, inside the document whose change caused it, to be published. */
export interface OutboxEntry {
  id: string;
  type: string;
  topic: string;
  key: string;
  value: string;
  headers: Record<string, string>;
  /** the writer's write stamp in ms, strictly increasing per process: publication order across documents */
  at: number;
}

/** Why the relay set a document's events aside instead of publishing them. */
export interface OutboxParking {
  reason: string;
  at: Date;
}

export interface OutboxFields {
  outbox: OutboxEntry[];
  /** the equality-indexed flag the relay polls */
  outboxPending: boolean;
  /** bumped by every write that adds events: the relay empties the outbox only if it did not move */
  outboxRev?: number;
  /** stamp of the oldest pending entry: the relay serves the longest-waiting documents first */
  outboxSince?: number;
  /** set when Kafka refused the events permanently; cleared by OutboxRelay.release */
  outboxParked?: OutboxParking;
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
  },
  { _id: false },
);

/**
 * Gives an aggregate's schema its transactional outbox: pending events live in the aggregate's own
 * document and are written by the same single-document update as the state change, so neither can
 * exist without the other (no multi-document transaction needed). The store must apply one
 * document's update atomically: MongoDB does, and the project's FerretDB wrapper serialises
 * updates per document so that FerretDB does too (docs/ARCHITECTURE.md). Every write through the
 * model that stores events wakes the collection's relays (outbox-hooks.ts): callers never do.
 */
export function withOutbox<T>(schema: Schema<T>): Schema<T> {
  // mongoose types add/index by the aggregate's own fields (T), which do not name the outbox's
  schema.add({
    outbox: { type: [outboxEntrySchema], default: [] },
    outboxPending: { type: Boolean, default: false },
    outboxRev: { type: Number, default: 0 },
    outboxSince: { type: Number },
    outboxParked: { type: Schema.Types.Mixed },
  } as never);
  schema.index({ outboxPending: 1 } as never);
  announceOutboxWrites(schema as unknown as Schema); // the hooks read no field of T
  return schema;
}

let lastStamp = 0;

/** Date.now(), nudged so that two writes of one process never share a stamp. */
function nextStamp(): number {
  lastStamp = Math.max(Date.now(), lastStamp + 0.001);
  return lastStamp;
}

export function toOutboxEntries(events: readonly EventEnvelope[]): OutboxEntry[] {
  return events.map((event) => {
    const definition = eventDefinition(event.type as EventType);
    // each definition's key takes its own type's data; which type an envelope is, is known only here
    const key = definition.key(event.data as never);
    const record = toKafkaRecord(event, key);
    return {
      id: event.id,
      type: event.type,
      topic: physicalTopic(definition.topic),
      key,
      value: record.value,
      headers: record.headers,
      at: nextStamp(),
    };
  });
}

/** Fields for a new document that is born with events. */
export function outboxFields(events: readonly EventEnvelope[]): OutboxFields {
  const outbox = toOutboxEntries(events);
  return {
    outbox,
    outboxPending: outbox.length > 0,
    outboxRev: 0,
    ...(outbox.length ? { outboxSince: outbox[0].at } : {}),
  };
}

/**
 * Stores a new document born with its events, once: false when a document with its id exists. Through
 * the model (its hooks wake the relay), lean: stored as given, no defaults or casting.
 */
export async function insertWithEvents<T>(
  model: Model<T>,
  doc: object,
  events: readonly EventEnvelope[],
): Promise<boolean> {
  try {
    await model.insertMany([{ ...doc, ...outboxFields(events) }], { lean: true });
    return true;
  } catch (err) {
    if (isDuplicateKey(err)) return false;
    throw err;
  }
}

const OUTBOX_FIELDS = ['outbox', 'outboxPending', 'outboxRev', 'outboxSince', 'outboxParked'];

/**
 * Adds events to an update so that they are stored atomically with it. The outbox's own fields are
 * the relay's: a `$set` copied from a read document does not write them back (that would erase
 * events added since, or collide with the revision counter).
 */
export function withEvents<T>(update: UpdateQuery<T>, events: readonly EventEnvelope[]): UpdateQuery<T> {
  const operators = update as Record<string, Record<string, unknown> | undefined>;
  const copied = Object.entries(operators['$set'] ?? {});
  const $set = Object.fromEntries(copied.filter(([field]) => !OUTBOX_FIELDS.includes(field)));
  if (events.length === 0) return operators['$set'] ? ({ ...update, $set } as UpdateQuery<T>) : update;
  const entries = toOutboxEntries(events);
  return {
    ...update,
    $set: { ...$set, outboxPending: true },
    $push: { ...(operators['$push'] ?? {}), outbox: { $each: entries } },
    $inc: { ...(operators['$inc'] ?? {}), outboxRev: 1 },
    $min: { ...(operators['$min'] ?? {}), outboxSince: entries[0].at },
  } as UpdateQuery<T>;
}
