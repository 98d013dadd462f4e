import { createHash } from 'node:crypto';
import { z } from 'zod';

import {
  Address,
  Coverage,
  DiagnosisCompleted,
  EventData,
  Fault,
  Part,
  partSchema,
  Priority,
  Severity,
} from '@appliance-care/contracts';
import { BusinessRuleError } from '@appliance-care/kernel';

import { RepairsPolicy } from '../config/repairs-policy.config';
import { decideCoverage } from './coverage.policy';
import { estimatedMinutes, estimateRepair } from './pricing.policy';
import { priorityFor } from './priority.policy';
import { isSlaBreached, resumedDueAt, slaDueAt } from './sla.policy';
import { isOpen, TICKET_ACTIONS, TICKET_STATUSES, TicketAction, TicketStatus } from './ticket-status';
import { TicketStateMachine } from './ticket.state-machine';

export type RepairEventType =
  | 'repair.ticket-opened.v1'
  | 'repair.accepted.v1'
  | 'repair.declined.v1'
  | 'repair.en-route.v1'
  | 'repair.started.v1'
  | 'repair.awaiting-parts.v1'
  | 'repair.completed.v1'
  | 'repair.cancelled.v1'
  | 'repair.sla-breached.v1';
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
  action: z.enum([...TICKET_ACTIONS, 'opened', 'sla-breached']),
  status: z.enum(TICKET_STATUSES),
  by: z.string().describe("who did it: a technician id, a user's sub, dispatch or sla-watch"),
  technicianId: z.string().optional(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type TicketHistoryEntry = z.infer<typeof ticketHistoryEntrySchema>;

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
  /** the equality flag the SLA watcher scans: open, running clock, not yet breached */
  slaWatch: boolean;
  slaBreached: boolean;
  breachedAt?: Date;
  escalated: boolean;
  eta?: string;
  awaitingParts?: { parts: Part[]; expectedAt: string };
  awaitedParts: boolean;
  /** how many times work started on site: more than one is a revisit */
  visits: number;
  completedAt?: Date;
  completion?: CompletionReport;
  firstTimeFix?: boolean;
  slaMet?: boolean;
  cancelledAt?: Date;
  cancellation?: { reason: string; cancelledBy: CancelledBy };
  correlationId: string;
  version: number;
}

/** One ticket per diagnosis case: the id is derived from the case id, so a redelivery finds it taken. */
export function ticketIdFor(caseId: string): string {
  const id = `RT-${caseId}`;
  return id.length <= 128 ? id : `RT-${createHash('sha256').update(caseId).digest('hex').slice(0, 40)}`;
}

/**
 * A repair ticket: each command checks the state machine, changes the state and records the
 * history entry and the event it causes; the repository stores all three in one conditional write.
 */
export class RepairTicket {
  readonly events: RepairEvent[] = [];
  readonly newHistory: TicketHistoryEntry[] = [];
  private readonly s: TicketState;

  constructor(state: TicketState) {
    this.s = { ...state };
  }

  get state(): Readonly<TicketState> {
    return this.s;
  }

  static open(diagnosis: DiagnosisCompleted, policy: RepairsPolicy, now: Date, correlationId: string): RepairTicket {
    if (diagnosis.outcome !== 'repair-required') {
      throw new BusinessRuleError(
        'no-repair-required',
        `case ${diagnosis.caseId} ended ${diagnosis.outcome}; no repair ticket is opened`,
      );
    }
    const region = diagnosis.region ?? diagnosis.address?.region;
    if (!region)
      throw new BusinessRuleError(
        'region-unknown',
        `case ${diagnosis.caseId} names no region; dispatch cannot assign a technician`,
      );
    const requiredSkill = diagnosis.requiredSkill ?? policy.defaultSkill;
    const durationMinutes = estimatedMinutes(policy, diagnosis.category, requiredSkill);
    const decision = decideCoverage(diagnosis);
    const coverage: Coverage =
      decision.status === 'covered'
        ? decision
        : {
            ...decision,
            estimate: estimateRepair(policy, { parts: diagnosis.parts, skill: requiredSkill, durationMinutes }),
          };
    const ticket = new RepairTicket({
      ticketId: ticketIdFor(diagnosis.caseId),
      caseId: diagnosis.caseId,
      applianceId: diagnosis.applianceId,
      customerId: diagnosis.customerId,
      category: diagnosis.category,
      requiredSkill,
      region,
      address: diagnosis.address,
      severity: diagnosis.severity,
      priority: priorityFor(diagnosis.severity),
      coverage,
      faults: diagnosis.faults,
      parts: diagnosis.parts,
      durationMinutes,
      status: 'awaiting-assignment',
      technicianIds: [],
      declinedBy: [],
      openedAt: now,
      slaDueAt: slaDueAt(policy.sla, diagnosis.severity, now),
      slaWatch: true,
      slaBreached: false,
      escalated: false,
      awaitedParts: false,
      visits: 0,
      correlationId,
      version: 0,
    });
    const s = ticket.s;
    ticket.record('opened', 'diagnostics', now, {
      caseId: s.caseId,
      coverage: coverage.status,
      slaDueAt: s.slaDueAt.toISOString(),
    });
    ticket.events.push({
      type: 'repair.ticket-opened.v1',
      data: {
        ticketId: s.ticketId,
        applianceId: s.applianceId,
        customerId: s.customerId,
        caseId: s.caseId,
        category: s.category,
        requiredSkill: s.requiredSkill,
        region: s.region,
        address: s.address,
        priority: s.priority,
        severity: s.severity,
        slaDueAt: s.slaDueAt.toISOString(),
        durationMinutes: s.durationMinutes,
        coverage: s.coverage,
        faults: s.faults,
        parts: s.parts,
        openedAt: now.toISOString(),
      },
    });
    return ticket;
  }

  /** Dispatch booked a technician. False when nothing changes (a redelivery, or the ticket is closed). */
  assign(technicianId: string, workOrderId: string, now: Date): boolean {
    if (!isOpen(this.s.status)) return false;
    if (this.s.technicianId === technicianId && this.s.workOrderId === workOrderId) return false;
    this.s.status = TicketStateMachine.next(this.s.ticketId, this.s.status, 'assign');
    this.s.technicianId = technicianId;
    this.s.workOrderId = workOrderId;
    if (!this.s.technicianIds.includes(technicianId)) this.s.technicianIds = [...this.s.technicianIds, technicianId];
    this.record('assign', 'dispatch', now, { workOrderId });
    return true;
  }

  /** The technician lost the booking. Only the current holder can be released; anything else is stale. */
  release(technicianId: string, reason: string, now: Date): boolean {
    if (!isOpen(this.s.status) || this.s.technicianId !== technicianId) return false;
    this.s.status = TicketStateMachine.next(this.s.ticketId, this.s.status, 'release');
    this.s.technicianId = undefined;
    this.s.workOrderId = undefined;
    this.record('release', 'dispatch', now, { releasedTechnicianId: technicianId, reason });
    return true;
  }

  accept(now: Date): void {
    this.move('accept');
    this.record('accept', this.holder(), now);
    this.events.push({ type: 'repair.accepted.v1', data: this.step(now) });
  }

  decline(reason: string, now: Date): void {
    this.move('decline');
    const step = this.step(now);
    this.s.declinedBy = [...this.s.declinedBy, step.technicianId];
    this.s.technicianId = undefined;
    this.s.workOrderId = undefined;
    this.s.eta = undefined;
    this.record('decline', step.technicianId, now, { reason }, step.technicianId);
    this.events.push({ type: 'repair.declined.v1', data: { ...step, reason } });
  }

  enRoute(eta: string, now: Date): void {
    this.move('en-route');
    this.resumeClock(now);
    this.s.eta = eta;
    this.record('en-route', this.holder(), now, { eta });
    this.events.push({ type: 'repair.en-route.v1', data: { ...this.step(now), eta } });
  }

  start(now: Date): void {
    this.move('start');
    this.resumeClock(now);
    this.s.visits += 1;
    this.record('start', this.holder(), now, { visit: this.s.visits });
    this.events.push({ type: 'repair.started.v1', data: this.step(now) });
  }

  awaitParts(parts: Part[], expectedAt: string, pauseClock: boolean, now: Date): void {
    this.move('awaiting-parts');
    this.s.awaitedParts = true;
    this.s.awaitingParts = { parts, expectedAt };
    const slaPaused = pauseClock && !this.s.slaBreached;
    if (slaPaused) {
      this.s.slaPausedAt = now;
      this.s.slaWatch = false;
    }
    this.record('awaiting-parts', this.holder(), now, { parts, expectedAt, slaPaused });
    this.events.push({ type: 'repair.awaiting-parts.v1', data: { ...this.step(now), parts, expectedAt, slaPaused } });
  }

  complete(report: CompletionReport, now: Date): void {
    this.move('complete');
    this.resumeClock(now);
    this.s.completedAt = now;
    this.s.completion = report;
    this.s.firstTimeFix = !this.s.awaitedParts && this.s.visits === 1;
    this.s.slaMet = now.getTime() <= this.s.slaDueAt.getTime();
    this.s.slaWatch = false;
    this.s.awaitingParts = undefined;
    this.record('complete', this.holder(), now, {
      ...report,
      firstTimeFix: this.s.firstTimeFix,
      slaMet: this.s.slaMet,
    });
    this.events.push({
      type: 'repair.completed.v1',
      data: { ...this.step(now), ...report, firstTimeFix: this.s.firstTimeFix },
    });
  }

  cancel(reason: string, cancelledBy: CancelledBy, by: string, now: Date): void {
    this.move('cancel');
    this.resumeClock(now);
    this.s.cancelledAt = now;
    this.s.cancellation = { reason, cancelledBy };
    this.s.slaWatch = false;
    this.record('cancel', by, now, { reason, cancelledBy });
    const { ticketId, applianceId, customerId, technicianId } = this.s;
    this.events.push({
      type: 'repair.cancelled.v1',
      data: { ticketId, applianceId, customerId, technicianId, at: now.toISOString(), reason, cancelledBy },
    });
  }

  /** Breaches at most once: the flag it clears is the one the watcher's conditional write matches. */
  breachSla(now: Date): boolean {
    const s = this.s;
    if (!isOpen(s.status) || !s.slaWatch || s.slaBreached || !isSlaBreached(s.slaDueAt, now, s.slaPausedAt))
      return false;
    s.slaBreached = true;
    s.breachedAt = now;
    s.slaWatch = false;
    s.escalated = true;
    s.priority = 'urgent';
    this.record('sla-breached', 'sla-watch', now, { slaDueAt: s.slaDueAt.toISOString() });
    this.events.push({
      type: 'repair.sla-breached.v1',
      data: {
        ticketId: s.ticketId,
        applianceId: s.applianceId,
        customerId: s.customerId,
        slaDueAt: s.slaDueAt.toISOString(),
        breachedAt: now.toISOString(),
        priority: s.priority,
        technicianId: s.technicianId,
      },
    });
    return true;
  }

  private move(action: TicketAction): void {
    this.s.status = TicketStateMachine.next(this.s.ticketId, this.s.status, action);
  }

  private resumeClock(now: Date): void {
    if (!this.s.slaPausedAt) return;
    this.s.slaDueAt = resumedDueAt(this.s.slaDueAt, this.s.slaPausedAt, now);
    this.s.slaPausedAt = undefined;
    this.s.slaWatch = isOpen(this.s.status) && !this.s.slaBreached;
  }

  private holder(): string {
    return this.s.technicianId ?? 'unassigned';
  }

  private step(now: Date): {
    ticketId: string;
    applianceId: string;
    customerId: string;
    technicianId: string;
    at: string;
  } {
    const technicianId = this.s.technicianId;
    if (!technicianId)
      throw new BusinessRuleError('no-technician', `repair ticket ${this.s.ticketId} has no technician assigned`);
    return {
      ticketId: this.s.ticketId,
      applianceId: this.s.applianceId,
      customerId: this.s.customerId,
      technicianId,
      at: now.toISOString(),
    };
  }

  private record(
    action: TicketHistoryEntry['action'],
    by: string,
    now: Date,
    details?: Record<string, unknown>,
    technicianId = this.s.technicianId,
  ): void {
    this.newHistory.push({ at: now.toISOString(), action, status: this.s.status, by, technicianId, details });
  }
}
