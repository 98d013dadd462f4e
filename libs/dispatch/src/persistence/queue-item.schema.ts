import { Schema } from 'mongoose';

import { OutboxFields, withOutbox } from '@appliance-care/messaging';

import { QueueItemState } from '../domain/queue-item';

export const QUEUE_ITEM_MODEL = 'QueueItem';

/** A library technician's queue item as stored: keyed by the task's id, with its outbox. */
export interface QueueItemDocument extends QueueItemState, Partial<OutboxFields> {
  _id: string;
}

export const queueItemSchema = withOutbox(
  new Schema<QueueItemDocument>(
    {
      _id: { type: String, required: true },
      taskId: { type: String, required: true },
      kind: { type: String, required: true },
      skill: { type: String, required: true },
      branch: { type: String, required: true },
      itemId: String,
      subscriptionId: String,
      title: { type: String, required: true },
      status: { type: String, required: true },
      requestedAt: String,
      technicianId: String,
      technicianName: String,
      availableFrom: String,
      reason: String,
      outcome: String,
      closedAt: String,
      history: { type: Schema.Types.Mixed, default: [] },
      sourceEventId: { type: String, required: true },
      version: { type: Number, required: true },
      createdAt: { type: String, required: true },
      updatedAt: { type: String, required: true },
    },
    { versionKey: false, collection: 'queue_items', minimize: false },
  ),
);
queueItemSchema.index({ branch: 1, status: 1 });
queueItemSchema.index({ technicianId: 1, status: 1 });
