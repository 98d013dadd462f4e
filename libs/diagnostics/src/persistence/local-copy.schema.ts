import { Schema } from 'mongoose';

import { Address, ApplianceLink } from '@appliance-care/contracts';

export const APPLIANCE_COPY_MODEL = 'ApplianceCopy';
export const CUSTOMER_COPY_MODEL = 'CustomerCopy';

/** What diagnostics knows of an appliance, from appliance.registered.v1. */
export interface ApplianceCopyDocument {
  _id: string;
  serialNumber: string;
  sku: string;
  category: string;
  brand?: string;
  model?: string;
  customerId: string;
  warrantyEndsAt: string;
  region?: string;
  updatedAt: string;
  /** replaced under warranty (appliance.retired.v1): no new case is opened on it */
  retiredAt?: string;
  replacedBy?: ApplianceLink;
}

/** What diagnostics knows of a customer, from customer.registered.v1: where a technician goes. */
export interface CustomerCopyDocument {
  _id: string;
  name: string;
  address?: Address;
  region?: string;
  updatedAt: string;
}

// Its fields read like sales-installation's appliance schema because both hold appliance.registered.v1's
// data; the likeness is the contract's, not shared logic: each service owns its store and its schema
// (the shared truth is libs/contracts), so a change to one never migrates the other's collection.
export const applianceCopySchema = new Schema<ApplianceCopyDocument>(
  {
    _id: { type: String, required: true },
    serialNumber: { type: String, required: true, unique: true },
    sku: { type: String, required: true },
    category: { type: String, required: true },
    brand: String,
    model: String,
    customerId: { type: String, required: true, index: true },
    warrantyEndsAt: { type: String, required: true },
    region: String,
    updatedAt: { type: String, required: true },
    retiredAt: String,
    replacedBy: Schema.Types.Mixed,
  },
  { versionKey: false, collection: 'appliances' },
);

export const customerCopySchema = new Schema<CustomerCopyDocument>(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    address: Schema.Types.Mixed,
    region: String,
    updatedAt: { type: String, required: true },
  },
  { versionKey: false, collection: 'customers' },
);
