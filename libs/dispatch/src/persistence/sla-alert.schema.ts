import { Schema } from 'mongoose';

import { Priority } from '../domain/demand';

export const SLA_ALERT_MODEL = 'SlaAlert';

/**
 * A repair ticket whose SLA repairs flagged (repair.sla-at-risk.v1, repair.sla-breached.v1), kept
 * for the dispatcher's board: one document per ticket (_id = ticketId), so a redelivered or repeated
 * warning changes nothing; `open` until the ticket is completed or cancelled.
 */
export interface SlaAlertDocument {
  _id: string;
  ticketId: string;
  applianceId: string;
  customerId?: string;
  slaDueAt: string;
  priority: Priority;
  region?: string;
  technicianId?: string;
  atRiskAt?: string;
  /** the share of the allowed time used when repairs warned (0..1) */
  elapsedShare?: number;
  breachedAt?: string;
  open: boolean;
  updatedAt: string;
}

export const slaAlertSchema = new Schema<SlaAlertDocument>(
  {
    _id: { type: String, required: true },
    ticketId: { type: String, required: true },
    applianceId: { type: String, required: true },
    customerId: String,
    slaDueAt: { type: String, required: true },
    priority: { type: String, required: true },
    region: String,
    technicianId: String,
    atRiskAt: String,
    elapsedShare: Number,
    breachedAt: String,
    open: { type: Boolean, required: true },
    updatedAt: { type: String, required: true },
  },
  { versionKey: false, collection: 'sla_alerts', minimize: false },
);
slaAlertSchema.index({ open: 1 });
