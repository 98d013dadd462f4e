import { Schema } from 'mongoose';

import { ApplianceLink } from '@appliance-care/contracts';

import { PlannedAppliance } from '../domain/purchase.plan';

export const APPLIANCE_MODEL = 'Appliance';

/**
 * An appliance, born `pending` as the claim of its serial number by an order and made `registered`
 * once that order is committed. The unique serial index is what makes a serial belong to one order.
 */
export interface ApplianceDocument extends Omit<PlannedAppliance, 'applianceId'> {
  _id: string;
  /** retired: replaced under warranty by `replacedBy`; its serial stays taken */
  status: 'pending' | 'registered' | 'retired';
  claimedAt: Date;
  replacedBy?: ApplianceLink;
  retiredAt?: string;
}

export const applianceSchema = new Schema<ApplianceDocument>(
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
  },
  { versionKey: false, collection: 'appliances' },
);
