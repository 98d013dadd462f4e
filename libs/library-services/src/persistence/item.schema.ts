import { Schema } from 'mongoose';

import { OutboxFields, withOutbox } from '@appliance-care/messaging';

import { ItemState } from '../domain/library-item';

export const ITEM_MODEL = 'LibraryItem';

/** _id = itemId: a redelivered receipt finds the item taken; the barcode is unique across items. */
export type ItemDocument = Omit<ItemState, 'itemId'> & {
  _id: string;
  /** when the item was reserved for `shipmentId` (a reservation whose shipment never came is freed later) */
  shipmentReservedAt?: string;
  /** some task of the item is not closed (the open queues' index) */
  taskOpen?: boolean;
} & Partial<OutboxFields>;

/** A library item in processing or circulation, its holds and its queue items, carrying its events. */
export const itemSchema = withOutbox(
  new Schema<ItemDocument>(
    {
      _id: { type: String, required: true },
      barcode: { type: String, required: true, unique: true },
      title: { type: String, required: true },
      format: { type: String, required: true },
      branch: { type: String, required: true },
      cataloguing: { type: String, required: true },
      status: { type: String, required: true, index: true },
      source: { type: String, required: true },
      receivedAt: { type: String, required: true },
      registeredAt: { type: String, required: true },
      record: Schema.Types.Mixed,
      cataloguedBy: String,
      holds: { type: Schema.Types.Mixed, default: [] },
      tasks: { type: Schema.Types.Mixed, default: [] },
      damage: String,
      triage: String,
      shipmentId: String,
      shipmentReservedAt: String,
      taskOpen: { type: Boolean, index: true },
      version: { type: Number, required: true },
    },
    { versionKey: false, collection: 'library_items' },
  ),
);
// a technician's queue and a patron's holds are read by these
itemSchema.index({ 'tasks.technicianId': 1 } as never);
itemSchema.index({ 'holds.patronId': 1 } as never);
