import { Schema } from 'mongoose';

import { Address } from '@appliance-care/contracts';
import { OutboxFields, withOutbox } from '@appliance-care/messaging';

import { Demand, WorkOrderKind, WorkOrderStatus } from '../domain/work-order';

export const WORK_ORDER_MODEL = 'WorkOrder';

export const WORK_ORDER_ACTIONS = [
  'created',
  'assigned',
  'unassignable',
  'released',
  'declined',
  'reassigned',
  'started',
  'done',
  'cancelled',
] as const;

export interface WorkOrderHistoryEntry {
  at: string;
  action: (typeof WORK_ORDER_ACTIONS)[number];
  reason?: string;
  technicianId?: string;
}

export interface WorkOrderDocument extends Demand, Partial<OutboxFields> {
  _id: string;
  kind: WorkOrderKind;
  sourceId: string;
  attempt: number;
  sourceEventId: string;
  /** the lifecycle thread of the source event: every event of this order carries it */
  correlationId?: string;
  applianceId: string;
  customerId?: string;
  address?: Address;
  summary: string;
  severity?: string;
  status: WorkOrderStatus;
  technicianId?: string;
  technicianName?: string;
  window?: { from: string; to: string };
  bookingId?: string;
  /** UTC day of the booking: where its calendar document is */
  day?: string;
  /** why it was assigned to this technician, or why nobody could take it */
  reason?: string;
  /** technicians who declined it: never offered it again */
  declinedBy: string[];
  /** bookings this order gave up: a retried assignment must not adopt them again */
  releasedBookingIds: string[];
  history: WorkOrderHistoryEntry[];
  version: number;
  updatedAt: string;
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
