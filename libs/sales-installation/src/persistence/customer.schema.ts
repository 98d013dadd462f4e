import { Schema } from 'mongoose';

import { CustomerProfile } from '../domain/customer.policy';

export const CUSTOMER_MODEL = 'Customer';

export interface CustomerDocument extends Omit<CustomerProfile, 'customerId'> {
  _id: string;
  version: number;
}

export const customerSchema = new Schema<CustomerDocument>(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    email: String,
    phone: String,
    locale: { type: String, required: true },
    address: Schema.Types.Mixed,
    registeredAt: { type: String, required: true },
    contactsAsOf: { type: String, required: true },
    version: { type: Number, required: true },
  },
  { versionKey: false, collection: 'customers', minimize: false },
);
