import { Schema } from 'mongoose';

import { OutboxFields, withOutbox } from '@appliance-care/messaging';

import { Technician } from '../domain/technician';

export const TECHNICIAN_MODEL = 'Technician';

export interface TechnicianDocument extends Technician, Partial<OutboxFields> {
  _id: string;
  version: number;
  /** the Idempotency-Key of the POST that created it: a retried POST answers with the same technician */
  idempotencyKey?: string;
  registeredAt: string;
  updatedAt: string;
}

export const technicianSchema = withOutbox(
  new Schema<TechnicianDocument>(
    {
      _id: { type: String, required: true },
      technicianId: { type: String, required: true },
      name: { type: String, required: true },
      email: String,
      phone: String,
      locale: { type: String, required: true },
      skills: { type: [String], default: [] },
      licences: { type: Schema.Types.Mixed, default: [] },
      homeRegion: { type: String, required: true },
      regions: { type: [String], default: [] },
      workingHours: { type: Schema.Types.Mixed, default: {} },
      timeOff: { type: Schema.Types.Mixed, default: [] },
      active: { type: Boolean, default: true },
      branch: String,
      version: { type: Number, required: true },
      idempotencyKey: String,
      registeredAt: { type: String, required: true },
      updatedAt: { type: String, required: true },
    },
    { versionKey: false, collection: 'technicians', minimize: false },
  ),
);
technicianSchema.index({ regions: 1 });
