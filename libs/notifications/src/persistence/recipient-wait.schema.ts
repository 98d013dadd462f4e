import { Schema } from 'mongoose';

import { OutboxFields, withOutbox } from '@appliance-care/messaging';

export const RECIPIENT_WAIT_MODEL = 'RecipientWait';

/**
 * An event that must notify someone whose recipient event has not arrived yet (events of different
 * services are not ordered relative to each other). Planned when the recipient appears, or given up
 * as undeliverable when `expiresAt` passes.
 */
export interface RecipientWaitDoc extends Partial<OutboxFields> {
  _id: string;
  sourceEventId: string;
  sourceEventType: string;
  correlationId: string;
  applianceId?: string;
  recipientId: string;
  recipientKind: 'customer' | 'technician';
  template: string;
  urgency: 'normal' | 'urgent';
  data: Record<string, unknown>;
  status: 'waiting' | 'planned' | 'expired';
  /** planning order of the event (delivery-order.ts), kept for when the wait is planned */
  seq?: number;
  createdAt: Date;
  expiresAt: Date;
}

export const recipientWaitSchema = withOutbox(
  new Schema<RecipientWaitDoc>(
    {
      _id: { type: String, required: true },
      sourceEventId: { type: String, required: true },
      sourceEventType: { type: String, required: true },
      correlationId: { type: String, required: true },
      applianceId: String,
      recipientId: { type: String, required: true },
      recipientKind: { type: String, required: true },
      template: { type: String, required: true },
      urgency: { type: String, required: true },
      data: { type: Schema.Types.Mixed, required: true },
      status: { type: String, required: true },
      seq: Number,
      createdAt: { type: Date, required: true },
      expiresAt: { type: Date, required: true },
    },
    { versionKey: false, collection: 'recipient_waits', minimize: false },
  ),
);
recipientWaitSchema.index({ recipientId: 1, status: 1 });
recipientWaitSchema.index({ status: 1, expiresAt: 1 });
