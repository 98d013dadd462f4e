import { Schema } from 'mongoose';

import { OutboxFields, withOutbox } from '@appliance-care/messaging';

export const ORDER_MODEL = 'Order';

export interface OrderLine {
  applianceId: string;
  serialNumber: string;
  installationId?: string;
}

/**
 * One document per order id: the idempotency anchor of the purchase flow. Inserting it (with every
 * event the purchase produces in its outbox) is the flow's single commit point.
 */
export interface OrderDocument extends OutboxFields {
  _id: string;
  fingerprint: string;
  customerId: string;
  purchasedAt: string;
  lines: OrderLine[];
  receivedAt: Date;
}

export const orderSchema = withOutbox(
  new Schema<OrderDocument>(
    {
      _id: { type: String, required: true },
      fingerprint: { type: String, required: true },
      customerId: { type: String, required: true, index: true },
      purchasedAt: { type: String, required: true },
      lines: { type: [{ _id: false, applianceId: String, serialNumber: String, installationId: String }], default: [] },
      receivedAt: { type: Date, required: true },
    },
    { versionKey: false, collection: 'orders' },
  ),
);
