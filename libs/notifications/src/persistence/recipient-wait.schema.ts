import { Schema } from 'mongoose';

import { OutboxFields, withOutbox } from '@appliance-care/messaging';

import { NotificationSource, notificationSourcePaths } from './notification-source.schema';

export const RECIPIENT_WAIT_MODEL = 'RecipientWait';

/**
 * An event that must notify someone whose recipient event has not arrived yet (events of different
 * services are not ordered relative to each other). Planned when the recipient appears, or given up
 * as undeliverable when `expiresAt` passes.
 */
export interface RecipientWaitDoc extends NotificationSource, Partial<OutboxFields> {
  /** the event's data, rendered once the recipient is known */
  data: Record<string, unknown>;
  status: 'waiting' | 'planned' | 'expired';
  expiresAt: Date;
}

export const recipientWaitSchema = withOutbox(
  new Schema<RecipientWaitDoc>(
    {
      ...notificationSourcePaths,
      data: { type: Schema.Types.Mixed, required: true },
      status: { type: String, required: true },
      expiresAt: { type: Date, required: true },
    },
    { versionKey: false, collection: 'recipient_waits', minimize: false },
  ),
);
recipientWaitSchema.index({ recipientId: 1, status: 1 });
recipientWaitSchema.index({ status: 1, expiresAt: 1 });
