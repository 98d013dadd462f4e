import { Schema } from 'mongoose';

import { OutboxFields, withOutbox } from '@appliance-care/messaging';

import { NotificationDraft } from '../domain/delivery-plan';
import { notificationSourcePaths } from './notification-source.schema';

export const NOTIFICATION_MODEL = 'Notification';

/** A notification on one channel: its _id is the once-key, written before anything is sent. */
export interface NotificationDoc extends NotificationDraft, Partial<OutboxFields> {
  lastError?: string;
  failedAt?: Date;
  /** the worker round that holds it; its lease is the pushed-forward dueAt */
  claim?: string;
}

export const notificationSchema = withOutbox(
  new Schema<NotificationDoc>(
    {
      ...notificationSourcePaths,
      channel: { type: String, required: true },
      locale: { type: String, required: true },
      destination: { type: String, required: true },
      content: { type: Schema.Types.Mixed, required: true },
      status: { type: String, required: true },
      dueAt: { type: Date, required: true },
      attempts: { type: Number, required: true },
      sentAt: Date,
      failedAt: Date,
      suppressedReason: String,
      lastError: String,
      claim: String,
      openThread: String,
    },
    { versionKey: false, collection: 'notifications' },
  ),
);
notificationSchema.index({ status: 1, dueAt: 1 });
notificationSchema.index({ status: 1 });
notificationSchema.index({ recipientId: 1, createdAt: -1 });
notificationSchema.index({ recipientId: 1, channel: 1, createdAt: -1 });
// the open notifications of a recipient's lifecycle thread: what a due one may have to wait for
notificationSchema.index({ openThread: 1 });
