import { Schema } from 'mongoose';

export const STOCK_MODEL = 'StockRow';

/**
 * One sku at one location. `available` is what may still be reserved; `holds` the units set aside
 * per ticket (key: fieldKey(ticketId)), so that taking is idempotent per ticket and on hand is
 * available + held; `receipts` the receipts already counted in (key: fieldKey(receiptId)).
 */
export interface StockDocument {
  _id: string;
  location: string;
  sku: string;
  available: number;
  holds: Record<string, number>;
  receipts: Record<string, string>;
}

export const stockSchema = new Schema<StockDocument>(
  {
    _id: { type: String, required: true },
    location: { type: String, required: true, index: true },
    sku: { type: String, required: true },
    available: { type: Number, required: true, min: 0 },
    holds: { type: Schema.Types.Mixed, default: {} },
    receipts: { type: Schema.Types.Mixed, default: {} },
  },
  { versionKey: false, collection: 'stock', minimize: false },
);
