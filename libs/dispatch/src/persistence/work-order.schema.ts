import { Schema } from 'mongoose';

import { OutboxFields, withOutbox } from '@appliance-care/messaging';

import { WorkOrderState } from '../domain/work-order.state';

export const WORK_ORDER_MODEL = 'WorkOrder';

/** A work order as stored: the aggregate's state, keyed by its id, with its outbox. */
export interface WorkOrderDocument extends WorkOrderState, Partial<OutboxFields> {
  _id: string;
}

export const workOrderSchema = withOutbox(
  new Schema<WorkOrderDocument>(
    {
      _id: { type: String, required: true },
      workOrderId: { type: String, required: true },
      kind: { type: String, required: true },
      sourceId: { type: String, required: true },
      attempt: { type: Number, required: true },
      sourceEventId: { type: String, required: true },
      correlationId: String,
      applianceId: { type: String, required: true },
      customerId: String,
      address: Schema.Types.Mixed,
      summary: { type: String, required: true },
      severity: String,
      requiredSkill: { type: String, required: true },
      region: { type: String, required: true },
      durationMinutes: { type: Number, required: true },
      priority: { type: String, required: true },
      preferredWindow: Schema.Types.Mixed,
      dueBy: String,
      createdAt: { type: String, required: true },
      status: { type: String, required: true },
      technicianId: String,
      technicianName: String,
      window: Schema.Types.Mixed,
      bookingId: String,
      day: String,
      reason: String,
      declinedBy: { type: [String], default: [] },
      releasedBookingIds: { type: [String], default: [] },
      override: Schema.Types.Mixed,
      history: { type: Schema.Types.Mixed, default: [] },
      version: { type: Number, required: true },
      updatedAt: { type: String, required: true },
    },
    { versionKey: false, collection: 'work_orders', minimize: false },
  ),
);
workOrderSchema.index({ status: 1 });
workOrderSchema.index({ kind: 1, sourceId: 1 });
workOrderSchema.index({ technicianId: 1 });
