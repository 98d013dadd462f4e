import { createHash } from 'node:crypto';
import { z } from 'zod';

import {
  Address,
  Coverage,
  EventData,
  Fault,
  Part,
  partSchema,
  Priority,
  replacementTriggerSchema,
  Severity,
} from '@appliance-care/contracts';

import { PartsCosting } from './parts-costing';
import { TICKET_ACTIONS, TICKET_STATUSES, TicketStatus } from './ticket-status';

export type RepairEventType =
  | 'repair.ticket-opened.v1'
  | 'repair.accepted.v1'
  | 'repair.declined.v1'
  | 'repair.en-route.v1'
  | 'repair.started.v1'
  | 'repair.awaiting-parts.v1'
  | 'repair.completed.v1'
  | 'repair.cancelled.v1'
  | 'repair.sla-breached.v1'
  | 'repair.parts-arrived.v1'
  | 'repair.sla-at-risk.v1'
  | 'repair.replacement-proposed.v1'
  | 'repair.replacement-approved.v1'
  | 'repair.replacement-rejected.v1';
export type RepairEvent = { [T in RepairEventType]: { type: T; data: EventData<T> } }[RepairEventType];

export const completionReportSchema = z.object({
  workDone: z.string(),
  partsUsed: z.array(partSchema),
  labourMinutes: z.number().int(),
  signedOffBy: z.string(),
});
export type CompletionReport = z.infer<typeof completionReportSchema>;

export const CANCELLED_BY = ['dispatcher', 'customer', 'admin'] as const;
export type CancelledBy = (typeof CANCELLED_BY)[number];

export const ticketHistoryEntrySchema = z.object({
  at: z.string(),
  action: z.enum([...TICKET_ACTIONS, 'opened', 'sla-at-risk', 'sla-breached']),
  status: z.enum(TICKET_STATUSES),
  by: z.string().describe("who did it: a technician id, a user's sub, dispatch, warehouse or sla-watch"),
  technicianId: z.string().optional(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type TicketHistoryEntry = z.infer<typeof ticketHistoryEntrySchema>;

export const replacementStateSchema = z.object({
  status: z.enum(['proposed', 'approved', 'rejected']),
  trigger: replacementTriggerSchema,
  reason: z.string(),
  proposedAt: z.string(),
  decidedAt: z.string().optional(),
  decidedBy: z.string().optional(),
  rejectionReason: z.string().optional(),
  replacementSerialNumber: z.string().optional(),
});
export type ReplacementState = z.infer<typeof replacementStateSchema>;

export interface TicketState {
  ticketId: string;
  caseId: string;
  applianceId: string;
  customerId: string;
  category: string;
  requiredSkill: string;
  region: string;
  address?: Address;
  severity: Severity;
  priority: Priority;
  coverage: Coverage;
  faults: Fault[];
  parts: Part[];
  durationMinutes: number;
  status: TicketStatus;
  technicianId?: string;
  workOrderId?: string;
  /** every technician who ever held the ticket may still read it */
  technicianIds: string[];
  declinedBy: string[];
  openedAt: Date;
  slaDueAt: Date;
  /** set while the SLA clock stands still (awaiting parts, when policy says so) */
  slaPausedAt?: Date;
  /** the time the clock stood still in ended pauses (slaDueAt was moved on by it); absent = none */
  slaPausedMs?: number;
  /** the watcher raised the SLA warning (repair.sla-at-risk.v1): once per ticket; absent = not yet */
  slaAtRisk?: boolean;
  atRiskAt?: Date;
  /** the equality flag the SLA watcher scans: open, running clock, not yet breached */
  slaWatch: boolean;
  slaBreached: boolean;
  breachedAt?: Date;
  escalated: boolean;
  eta?: string;
  /** what the ticket waits for, and the technician who found it needed (dispatch tries them first) */
  awaitingParts?: { parts: Part[]; expectedAt: string; technicianId?: string };
  awaitedParts: boolean;
  /** how many times work started on site: more than one is a revisit */
  visits: number;
  completedAt?: Date;
  completion?: CompletionReport;
  firstTimeFix?: boolean;
  slaMet?: boolean;
  /** the parts the completed repair used, at catalogue prices (and at cost for a warranty claim), from parts.consumed.v1 */
  partsCost?: PartsCosting;
  cancelledAt?: Date;
  cancellation?: { reason: string; cancelledBy: CancelledBy };
  /** a warranty replacement proposed instead of the repair, and what a dispatcher made of it */
  replacement?: ReplacementState;
  replacedAt?: Date;
  correlationId: string;
  version: number;
}

/** One ticket per diagnosis case: the id is derived from the case id, so a redelivery finds it taken. */
export function ticketIdFor(caseId: string): string {
  const id = `RT-${caseId}`;
  return id.length <= 128 ? id : `RT-${createHash('sha256').update(caseId).digest('hex').slice(0, 40)}`;
}
