import { z } from 'zod';

import {
  addressSchema,
  faultSchema,
  idString,
  isoDateTime,
  partSchema,
  prioritySchema,
  severitySchema,
  skillSchema,
} from './common.schema';

const ticketRef = { ticketId: idString, applianceId: idString, customerId: idString };

export const coverageSchema = z.object({
  status: z.enum(['covered', 'billable']),
  reason: z.string().min(1),
  estimate: z
    .object({
      currency: z.string().length(3),
      parts: z.number().nonnegative(),
      labour: z.number().nonnegative(),
      callOut: z.number().nonnegative(),
      total: z.number().nonnegative(),
    })
    .optional(),
});
export type Coverage = z.infer<typeof coverageSchema>;

export const repairTicketOpenedSchema = z.object({
  ...ticketRef,
  caseId: idString,
  category: z.string().min(1),
  requiredSkill: skillSchema,
  region: z.string().min(1),
  address: addressSchema.optional(),
  priority: prioritySchema,
  severity: severitySchema,
  slaDueAt: isoDateTime,
  durationMinutes: z.number().int().positive(),
  coverage: coverageSchema,
  faults: z.array(faultSchema),
  parts: z.array(partSchema),
  openedAt: isoDateTime,
  /** the technician whose visit found the repair needed (absent for a remote diagnosis): their van is tried first for the parts */
  diagnosedBy: idString.optional(),
});
export type RepairTicketOpened = z.infer<typeof repairTicketOpenedSchema>;

const step = { ...ticketRef, technicianId: idString, at: isoDateTime };

export const repairAcceptedSchema = z.object(step);
export type RepairAccepted = z.infer<typeof repairAcceptedSchema>;
export const repairDeclinedSchema = z.object({ ...step, reason: z.string().min(1) });
export type RepairDeclined = z.infer<typeof repairDeclinedSchema>;
export const repairEnRouteSchema = z.object({ ...step, eta: isoDateTime });
export type RepairEnRoute = z.infer<typeof repairEnRouteSchema>;
export const repairStartedSchema = z.object(step);
export type RepairStarted = z.infer<typeof repairStartedSchema>;
export const repairAwaitingPartsSchema = z.object({
  ...step,
  parts: z.array(partSchema).min(1),
  expectedAt: isoDateTime,
  slaPaused: z.boolean(),
});
export type RepairAwaitingParts = z.infer<typeof repairAwaitingPartsSchema>;
export const repairCompletedSchema = z.object({
  ...step,
  workDone: z.string().min(1),
  partsUsed: z.array(partSchema),
  labourMinutes: z.number().int().nonnegative(),
  signedOffBy: z.string().min(1),
  firstTimeFix: z.boolean(),
});
export type RepairCompleted = z.infer<typeof repairCompletedSchema>;
export const repairCancelledSchema = z.object({
  ...ticketRef,
  at: isoDateTime,
  reason: z.string().min(1),
  cancelledBy: z.enum(['dispatcher', 'customer', 'admin']),
  technicianId: idString.optional(),
});
export type RepairCancelled = z.infer<typeof repairCancelledSchema>;
export const repairSlaBreachedSchema = z.object({
  ...ticketRef,
  slaDueAt: isoDateTime,
  breachedAt: isoDateTime,
  priority: prioritySchema,
  technicianId: idString.optional(),
  /** the ticket's region: routes the dispatch team's alert (absent in events before it was added) */
  region: z.string().min(1).optional(),
});
export type RepairSlaBreached = z.infer<typeof repairSlaBreachedSchema>;

/**
 * The parts a ticket waited for are there: the ticket is back in scheduling and dispatch books the
 * return visit, preferably with the technician who ordered them. Carries what a booking needs.
 */
export const repairPartsArrivedSchema = z.object({
  ...ticketRef,
  at: isoDateTime,
  arrivedVia: z.enum(['api', 'warehouse']),
  parts: z.array(partSchema),
  /** the technician who diagnosed the need for parts: dispatch tries them first */
  previousTechnicianId: idString.optional(),
  requiredSkill: skillSchema,
  region: z.string().min(1),
  address: addressSchema.optional(),
  priority: prioritySchema,
  durationMinutes: z.number().int().positive(),
  /** the SLA due time after the parts pause ended (moved on by the pause when it was paused) */
  slaDueAt: isoDateTime,
  slaResumed: z.boolean(),
});
export type RepairPartsArrived = z.infer<typeof repairPartsArrivedSchema>;

/** A ticket has used up the warning share of its SLA time (REPAIRS_SLA_WARNING_SHARE); once per ticket. */
export const repairSlaAtRiskSchema = z.object({
  ...ticketRef,
  slaDueAt: isoDateTime,
  atRiskAt: isoDateTime,
  /** the share of the allowed time used when the warning was raised (0..1) */
  elapsedShare: z.number().min(0).max(1),
  priority: prioritySchema,
  region: z.string().min(1).optional(),
  technicianId: idString.optional(),
});
export type RepairSlaAtRisk = z.infer<typeof repairSlaAtRiskSchema>;

/** Why a covered repair is not worth doing: the estimate against the price, or the same fault again. */
export const replacementTriggerSchema = z.enum(['estimate-share', 'repeat-fault']);
export type ReplacementTrigger = z.infer<typeof replacementTriggerSchema>;

/**
 * A covered ticket proposes replacing the appliance instead of repairing it (RMA_ESTIMATE_SHARE,
 * RMA_REPEAT_FAULT_DAYS); a dispatcher approves or rejects it. The repair goes on meanwhile.
 */
export const repairReplacementProposedSchema = z.object({
  ...ticketRef,
  proposedAt: isoDateTime,
  trigger: replacementTriggerSchema,
  reason: z.string().min(1),
  /** the covered repair's estimate (estimate-share) */
  estimateTotal: z.number().nonnegative().optional(),
  appliancePrice: z.number().nonnegative().optional(),
  /** the earlier repair of the same fault (repeat-fault) */
  earlierTicketId: idString.optional(),
  region: z.string().min(1),
});
export type RepairReplacementProposed = z.infer<typeof repairReplacementProposedSchema>;

/** A dispatcher approved the replacement: the ticket ends as replaced (no repair, SLA stopped). */
export const repairReplacementApprovedSchema = z.object({
  ...ticketRef,
  approvedAt: isoDateTime,
  approvedBy: z.string().min(1),
  trigger: replacementTriggerSchema,
  reason: z.string().min(1),
  /** the replacement unit's serial, when the dispatcher knew it (else sales-installation uses a placeholder) */
  replacementSerialNumber: z.string().min(1).max(64).optional(),
  technicianId: idString.optional(),
});
export type RepairReplacementApproved = z.infer<typeof repairReplacementApprovedSchema>;

/** A dispatcher rejected the replacement: the repair goes on. */
export const repairReplacementRejectedSchema = z.object({
  ...ticketRef,
  rejectedAt: isoDateTime,
  rejectedBy: z.string().min(1),
  reason: z.string().min(1),
});
export type RepairReplacementRejected = z.infer<typeof repairReplacementRejectedSchema>;
