import { Schema } from 'mongoose';

import { OutboxFields, withOutbox } from '@appliance-care/messaging';

export const HELD_FAULT_MODEL = 'HeldFault';

/** Where the fault was consumed from: what its dead letter names as its origin (SPEC §5 headers). */
export interface FaultOrigin {
  topic: string;
  partition: number;
  offset: string;
}

/**
 * A device fault whose serial diagnostics did not know yet when it arrived (the appliance's
 * registration travels on another topic). The consumer committed it: it waits here, not on its
 * partition. Released (its case opened) when the registration is stored, or given up at `heldUntil`
 * with its dead letter in this document's outbox (one write: no dual write).
 */
export interface HeldFaultDocument extends Partial<OutboxFields> {
  /** the fault event's id: a redelivery holds it once */
  _id: string;
  serialNumber: string;
  /** the whole device.fault.reported.v1 envelope, as consumed */
  event: Record<string, unknown>;
  origin: FaultOrigin;
  status: 'held' | 'released' | 'given-up';
  /** the fault event's time + DEVICE_FAULT_HOLD_MINUTES */
  heldUntil: Date;
  createdAt: Date;
}

export const heldFaultSchema = withOutbox(
  new Schema<HeldFaultDocument>(
    {
      _id: { type: String, required: true },
      serialNumber: { type: String, required: true },
      event: { type: Schema.Types.Mixed, required: true },
      origin: { type: Schema.Types.Mixed, required: true },
      status: { type: String, required: true },
      heldUntil: { type: Date, required: true },
      createdAt: { type: Date, required: true },
    },
    { versionKey: false, collection: 'held_faults', minimize: false },
  ),
);
heldFaultSchema.index({ serialNumber: 1, status: 1 });
heldFaultSchema.index({ status: 1, heldUntil: 1 });
