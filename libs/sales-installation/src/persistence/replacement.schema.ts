import { Schema } from 'mongoose';

import { ApplianceLink } from '@appliance-care/contracts';
import { OutboxFields, withOutbox } from '@appliance-care/messaging';

export const REPLACEMENT_MODEL = 'Replacement';

/**
 * One document per replaced appliance (its id): the idempotency anchor of a warranty replacement.
 * Inserting it with the replacement's events in its outbox is the flow's single commit point.
 */
export interface ReplacementDocument extends OutboxFields {
  _id: string;
  ticketId: string;
  customerId: string;
  replacedSerialNumber: string;
  replacedBy: ApplianceLink;
  orderId: string;
  warrantyReason: string;
  installationId?: string;
  approvedAt: string;
  recordedAt: Date;
}

export const replacementSchema = withOutbox(
  new Schema<ReplacementDocument>(
    {
      _id: { type: String, required: true },
      ticketId: { type: String, required: true },
      customerId: { type: String, required: true },
      replacedSerialNumber: { type: String, required: true },
      replacedBy: { type: Schema.Types.Mixed, required: true },
      orderId: { type: String, required: true },
      warrantyReason: { type: String, required: true },
      installationId: String,
      approvedAt: { type: String, required: true },
      recordedAt: { type: Date, required: true },
    },
    { versionKey: false, collection: 'replacements' },
  ),
);
