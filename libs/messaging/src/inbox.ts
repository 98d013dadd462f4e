import { Connection, Model, Schema } from 'mongoose';

/**
 * A consumer group's claim on an event: inserted (in bulk) before the event is handled, so that
 * the insert itself tells which events of a chunk were seen before, without reading.
 * `claimed` → handled unless a redelivery of the same offset finds it again (a crash before the
 * offset was committed: handled again, handlers are idempotent); `processed` is written only for
 * events handled beyond the committed offset; `dead-lettered` for events sent to the DLQ.
 */
export interface InboxRecord {
  _id: string;
  group: string;
  eventId: string;
  type: string;
  outcome: 'claimed' | 'processed' | 'dead-lettered';
  topic?: string;
  partition?: number;
  offset?: string;
  at: Date;
}

const inboxSchema = new Schema<InboxRecord>(
  {
    _id: { type: String, required: true },
    group: { type: String, required: true },
    eventId: { type: String, required: true },
    type: { type: String, required: true },
    outcome: { type: String, required: true },
    topic: { type: String },
    partition: { type: Number },
    offset: { type: String },
    at: { type: Date, required: true },
  },
  { versionKey: false, collection: 'inbox' },
);

/** The inbox id of an event for a group; a replay from the DLQ (replayId) is a claim of its own. */
export const inboxId = (group: string, eventId: string, replayId?: string): string =>
  replayId ? `${group}:${eventId}:replay:${replayId}` : `${group}:${eventId}`;

export function inboxModel(connection: Connection): Model<InboxRecord> {
  return (
    (connection.models['InboxRecord'] as Model<InboxRecord>) ??
    connection.model<InboxRecord>('InboxRecord', inboxSchema)
  );
}
