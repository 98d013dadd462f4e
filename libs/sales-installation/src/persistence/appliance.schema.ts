import { Schema } from 'mongoose';

import { ApplianceLink } from '@appliance-care/contracts';
import { OutboxFields, withOutbox } from '@appliance-care/messaging';

import { PlannedAppliance } from '../domain/purchase.plan';

export const APPLIANCE_MODEL = 'Appliance';

/**
 * The appliance carries its maintenance schedule (`maintenance`), so that the plan is attached by
 * the very write that claims the appliance, and its outbox, so that the schedule's events are
 * written with it.
 *
 * An appliance, born `pending` as the claim of its serial number by an order and made `registered`
 * once that order is committed. The unique serial index is what makes a serial belong to one order.
 */
export interface ApplianceDocument extends Omit<PlannedAppliance, 'applianceId'>, Partial<OutboxFields> {
  _id: string;
  /** retired: replaced under warranty by `replacedBy`; its serial stays taken */
  status: 'pending' | 'registered' | 'retired';
  claimedAt: Date;
  /** bumped by every write of the maintenance schedule: its writes are conditional on it */
  maintenanceVersion?: number;
  /** when the maintenance sweeper has something to decide next (maintenance-due.policy nextCheckAt) */
  maintenanceCheckAt?: string;
  /** copy of maintenance.booking.workOrderId: an equality index for the technician's completion */
  maintenanceWorkOrderId?: string;
  replacedBy?: ApplianceLink;
  retiredAt?: string;
}

export const applianceSchema = withOutbox(
  new Schema<ApplianceDocument>(
    {
      _id: { type: String, required: true },
      serialNumber: { type: String, required: true, unique: true },
      sku: { type: String, required: true },
      category: { type: String, required: true },
      brand: String,
      model: String,
      lineId: String,
      customerId: { type: String, required: true, index: true },
      orderId: { type: String, required: true, index: true },
      purchasedAt: { type: String, required: true },
      warrantyMonths: { type: Number, required: true },
      warrantyEndsAt: { type: String, required: true },
      region: String,
      installationRequired: { type: Boolean, required: true },
      installationId: String,
      price: Number,
      replaces: Schema.Types.Mixed,
      replacedBy: Schema.Types.Mixed,
      retiredAt: String,
      status: { type: String, required: true },
      claimedAt: { type: Date, required: true },
      maintenance: Schema.Types.Mixed,
      maintenanceVersion: Number,
      maintenanceCheckAt: { type: String, index: true },
      maintenanceWorkOrderId: { type: String, index: true },
    },
    { versionKey: false, collection: 'appliances' },
  ),
);
