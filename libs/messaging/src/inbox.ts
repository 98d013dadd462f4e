import { Connection, Model, Schema } from 'mongoose';

/** Events a consumer group has processed (or dead-lettered): a redelivery is recognised and skipped. */
export interface InboxRecord {
  _id: string;
  group: string;
  eventId: string;
  type: string;
  outcome: 'processed' | 'dead-lettered';
  at: Date;
}

const inboxSchema = new Schema<InboxRecord>(
  {
    _id: { type: String, required: true },
    group: { type: String, required: true },
    eventId: { type: String, required: true },
    type: { type: String, required: true },
    outcome: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { versionKey: false, collection: 'inbox' },
);

export const inboxId = (group: string, eventId: string): string => `${group}:${eventId}`;

export function inboxModel(connection: Connection): Model<InboxRecord> {
  return (connection.models['InboxRecord'] as Model<InboxRecord>) ?? connection.model<InboxRecord>('InboxRecord', inboxSchema);
}
