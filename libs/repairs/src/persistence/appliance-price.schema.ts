import { Schema } from 'mongoose';

export const APPLIANCE_PRICE_MODEL = 'AppliancePrice';

/** Repairs' copy of what an appliance cost (from appliance.registered.v1): a covered repair is weighed against it. */
export interface AppliancePriceDocument {
  _id: string;
  price: number;
  registeredAt: Date;
}

export const appliancePriceSchema = new Schema<AppliancePriceDocument>(
  {
    _id: { type: String, required: true },
    price: { type: Number, required: true },
    registeredAt: { type: Date, required: true },
  },
  { versionKey: false, collection: 'appliance_prices' },
);
