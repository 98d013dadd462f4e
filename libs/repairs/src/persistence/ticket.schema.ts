import { Schema } from 'mongoose';

import { OutboxFields, withOutbox } from '@appliance-care/messaging';

import { TicketHistoryEntry, TicketState } from '../domain/ticket-state';

export const TICKET_MODEL = 'RepairTicket';

/**
 * The ticket as stored: the domain state under `_id`, its history, the request keys already applied
 * and the outbox of its changes. Every change is one conditional update on `{_id, version}` that
 * carries its events (withEvents), atomic on MongoDB and on the project's FerretDB front alike.
 */
export type TicketDocument = Omit<TicketState, 'ticketId'> & {
  _id: string;
  history: TicketHistoryEntry[];
  idempotencyKeys: string[];
} & OutboxFields;

const historySchema = new Schema(
  {
    at: { type: String, required: true },
    action: { type: String, required: true },
    status: { type: String, required: true },
    by: { type: String, required: true },
    technicianId: { type: String },
    details: { type: Schema.Types.Mixed },
  },
  { _id: false },
);

export const ticketSchema = withOutbox(
  new Schema<TicketDocument>(
    {
      _id: { type: String, required: true },
      caseId: { type: String, required: true },
      applianceId: { type: String, required: true },
      customerId: { type: String, required: true },
      category: String,
      requiredSkill: String,
      region: String,
      address: Schema.Types.Mixed,
      severity: String,
      priority: String,
      coverage: Schema.Types.Mixed,
      faults: Schema.Types.Mixed,
      parts: Schema.Types.Mixed,
      durationMinutes: Number,
      status: { type: String, required: true },
      technicianId: String,
      workOrderId: String,
      technicianIds: [String],
      declinedBy: [String],
      openedAt: Date,
      slaDueAt: Date,
      slaPausedAt: Date,
      slaPausedMs: Number,
      slaAtRisk: Boolean,
      atRiskAt: Date,
      slaWatch: Boolean,
      slaBreached: Boolean,
      breachedAt: Date,
      escalated: Boolean,
      eta: String,
      awaitingParts: Schema.Types.Mixed,
      awaitedParts: Boolean,
      visits: Number,
      completedAt: Date,
      completion: Schema.Types.Mixed,
      firstTimeFix: Boolean,
      slaMet: Boolean,
      partsCost: Schema.Types.Mixed,
      cancelledAt: Date,
      cancellation: Schema.Types.Mixed,
      replacement: Schema.Types.Mixed,
      replacedAt: Date,
      correlationId: String,
      version: { type: Number, required: true },
      history: { type: [historySchema], default: [] },
      idempotencyKeys: { type: [String], default: [] },
    },
    { versionKey: false, collection: 'tickets', strict: true },
  ),
);

// the watcher scans an equality flag; queries for boards and technicians are equality filters too
ticketSchema.index({ caseId: 1 }, { unique: true });
ticketSchema.index({ slaWatch: 1 });
ticketSchema.index({ technicianId: 1, status: 1 });
ticketSchema.index({ status: 1 });
ticketSchema.index({ escalated: 1 });
ticketSchema.index({ customerId: 1 });
ticketSchema.index({ applianceId: 1, status: 1 });
