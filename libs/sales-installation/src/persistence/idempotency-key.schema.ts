import { Schema } from 'mongoose';

export const IDEMPOTENCY_KEY_MODEL = 'IdempotencyKey';

/** The answer given to a caller's Idempotency-Key, so a retry gets the same answer. */
export interface IdempotencyKeyDocument {
  _id: string;
  requestHash: string;
  status: number;
  body: unknown;
  createdAt: Date;
}

export const idempotencyKeySchema = new Schema<IdempotencyKeyDocument>(
  {
    _id: { type: String, required: true },
    requestHash: { type: String, required: true },
    status: { type: Number, required: true },
    body: { type: Schema.Types.Mixed, required: true },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false, collection: 'idempotency_keys', minimize: false },
);
