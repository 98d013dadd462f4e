import { Schema } from 'mongoose';

import { OutboxFields, withOutbox } from '@appliance-care/messaging';

import { ShipmentState } from '../domain/binding-shipment';

export const SHIPMENT_MODEL = 'BinderyShipment';

/** _id = shipmentId: a repeated send finds the shipment taken. */
export type ShipmentDocument = Omit<ShipmentState, 'shipmentId'> & { _id: string } & Partial<OutboxFields>;

/** A bindery shipment with its slip; its sent and returned events come from its own outbox. */
export const shipmentSchema = withOutbox(
  new Schema<ShipmentDocument>(
    {
      _id: { type: String, required: true },
      branch: { type: String, required: true },
      bindery: { type: String, required: true },
      items: { type: Schema.Types.Mixed, required: true },
      slip: { type: Schema.Types.Mixed, required: true },
      status: { type: String, required: true },
      sentBy: { type: String, required: true },
      sentAt: { type: String, required: true },
      receivedBy: String,
      returnedAt: String,
      version: { type: Number, required: true },
    },
    { versionKey: false, collection: 'library_shipments' },
  ),
);
