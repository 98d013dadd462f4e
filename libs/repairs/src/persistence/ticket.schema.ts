import { Schema } from 'mongoose';

import { OutboxFields, withOutbox } from '@appliance-care/messaging';

import { TicketHistoryEntry } from '../domain/repair-ticket';

export const TICKET_MODEL = 'RepairTicket';
export const TICKET_CHANGE_MODEL = 'RepairTicketChange';

/** The ticket as read: the domain state (absent optionals as null), its history and applied request keys. */
export interface TicketDocument {
  _id: string;
  [field: string]: unknown;
  history: TicketHistoryEntry[];
  idempotencyKeys: string[];
  version: number;
}

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

export const ticketSchema = new Schema(
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
    cancelledAt: Date,
    cancellation: Schema.Types.Mixed,
    correlationId: String,
    version: { type: Number, required: true },
    history: { type: [historySchema], default: [] },
    idempotencyKeys: { type: [String], default: [] },
  },
  { versionKey: false, collection: 'tickets', strict: true },
);

// the watcher scans an equality flag; queries for boards and technicians are equality filters too
ticketSchema.index({ caseId: 1 }, { unique: true });
ticketSchema.index({ slaWatch: 1 });
ticketSchema.index({ technicianId: 1, status: 1 });
ticketSchema.index({ status: 1 });
ticketSchema.index({ escalated: 1 });
ticketSchema.index({ customerId: 1 });

/**
 * One document per ticket version, inserted once (`<ticketId>#<version>`): the unique _id makes the
 * insert the lock that lets exactly one writer create each version, and the document carries the
 * snapshot and the outbox of that change. FerretDB (1.24, sqlite) applies concurrent updates to one
 * document without isolation, so a version condition on an update can have several winners and the
 * relay's outbox clean-up can overwrite a concurrent change; inserts with a unique key are exact.
 * `tickets` is the projection of the latest change, rebuilt from here when it lags.
 */
export interface TicketChangeDocument extends OutboxFields {
  _id: string;
  ticketId: string;
  version: number;
  snapshot: Omit<TicketDocument, '_id'>;
}

export const ticketChangeSchema = withOutbox(
  new Schema(
    {
      _id: { type: String, required: true },
      ticketId: { type: String, required: true },
      version: { type: Number, required: true },
      snapshot: { type: Schema.Types.Mixed, required: true },
    },
    { versionKey: false, collection: 'ticket_changes', strict: true },
  ),
);
ticketChangeSchema.index({ ticketId: 1 });
