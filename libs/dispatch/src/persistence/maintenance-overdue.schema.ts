import { Schema } from 'mongoose';

export const MAINTENANCE_OVERDUE_MODEL = 'MaintenanceOverdue';

/**
 * An appliance whose planned maintenance is overdue (maintenance.overdue.v1), kept for the
 * dispatcher's board: one document per appliance (_id = applianceId), so a redelivery changes
 * nothing; `open` until a visit of that cycle (or a later one) is completed.
 */
export interface MaintenanceOverdueDocument {
  _id: string;
  applianceId: string;
  customerId: string;
  planId: string;
  planName: string;
  cycle: number;
  dueAt: string;
  region: string;
  overdueAt: string;
  open: boolean;
  updatedAt: string;
}

export const maintenanceOverdueDocumentSchema = new Schema<MaintenanceOverdueDocument>(
  {
    _id: { type: String, required: true },
    applianceId: { type: String, required: true },
    customerId: { type: String, required: true },
    planId: { type: String, required: true },
    planName: { type: String, required: true },
    cycle: { type: Number, required: true },
    dueAt: { type: String, required: true },
    region: { type: String, required: true },
    overdueAt: { type: String, required: true },
    open: { type: Boolean, required: true },
    updatedAt: { type: String, required: true },
  },
  { versionKey: false, collection: 'maintenance_overdue', minimize: false },
);
maintenanceOverdueDocumentSchema.index({ open: 1 });
