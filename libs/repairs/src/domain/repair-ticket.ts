import { DiagnosisCompleted, Part } from '@appliance-care/contracts';
import { BusinessRuleError } from '@appliance-care/kernel';

import { RepairsPolicy } from '../config/repairs-policy.config';
import { isSlaBreached, pauseEndedAt, resumedDueAt, slaClockOf, slaWarning } from './sla.policy';
import { awaitingPartsData, PartsArrival, partsArrivedData, slaAtRiskData, slaBreachedData } from './ticket-event-data';
import { openedState, ticketOpenedData } from './ticket-opening';
import { CancelledBy, CompletionReport, RepairEvent, TicketHistoryEntry, TicketState } from './ticket-state';
import { isOpen, TicketAction } from './ticket-status';
import { TechnicianStepData, TicketStep } from './ticket-step';
import { TicketStateMachine } from './ticket.state-machine';

/**
 * A repair ticket: each command checks the state machine, changes the state and records the
 * history entry and the event it causes; the repository stores all three in one conditional write.
 */
export class RepairTicket {
  readonly events: RepairEvent[] = [];
  readonly newHistory: TicketHistoryEntry[] = [];
  private readonly current: TicketState;

  constructor(state: TicketState) {
    this.current = { ...state };
  }

  get state(): Readonly<TicketState> {
    return this.current;
  }

  static open(diagnosis: DiagnosisCompleted, policy: RepairsPolicy, now: Date, correlationId: string): RepairTicket {
    const ticket = new RepairTicket(openedState(diagnosis, policy, now, correlationId));
    const { caseId, coverage, slaDueAt } = ticket.current;
    ticket.record('opened', 'diagnostics', now, {
      caseId,
      coverage: coverage.status,
      slaDueAt: slaDueAt.toISOString(),
    });
    ticket.events.push({ type: 'repair.ticket-opened.v1', data: ticketOpenedData(ticket.current, diagnosis) });
    return ticket;
  }

  /** Dispatch booked a technician. False when nothing changes (a redelivery, or the ticket is closed). */
  assign(technicianId: string, workOrderId: string, now: Date): boolean {
    const ticket = this.current;
    if (!isOpen(ticket.status)) return false;
    if (ticket.technicianId === technicianId && ticket.workOrderId === workOrderId) return false;
    this.move('assign');
    ticket.technicianId = technicianId;
    ticket.workOrderId = workOrderId;
    if (!ticket.technicianIds.includes(technicianId)) ticket.technicianIds = [...ticket.technicianIds, technicianId];
    this.record('assign', 'dispatch', now, { workOrderId });
    // parts went on order before anyone held the ticket: this booking would come without them (dispatch ends it)
    if (ticket.status === 'awaiting-parts' && ticket.awaitingParts && !ticket.awaitingParts.technicianId) {
      ticket.awaitingParts = { ...ticket.awaitingParts, technicianId };
      this.events.push({ type: 'repair.awaiting-parts.v1', data: awaitingPartsData(ticket, now) });
    }
    return true;
  }

  /** The technician lost the booking. Only the current holder can be released; anything else is stale. */
  release(technicianId: string, reason: string, now: Date): boolean {
    if (!isOpen(this.current.status) || this.current.technicianId !== technicianId) return false;
    this.move('release');
    Object.assign(this.current, { technicianId: undefined, workOrderId: undefined });
    this.record('release', 'dispatch', now, { releasedTechnicianId: technicianId, reason });
    return true;
  }

  accept(now: Date): void {
    this.move('accept');
    this.record('accept', this.holder(), now);
    this.events.push({ type: 'repair.accepted.v1', data: this.technicianStepData(now) });
  }

  decline(reason: string, now: Date): void {
    this.move('decline');
    const step = this.technicianStepData(now);
    this.current.declinedBy = [...this.current.declinedBy, step.technicianId];
    Object.assign(this.current, { technicianId: undefined, workOrderId: undefined, eta: undefined });
    this.record('decline', step.technicianId, now, { reason }, step.technicianId);
    this.events.push({ type: 'repair.declined.v1', data: { ...step, reason } });
  }

  enRoute(eta: string, now: Date): void {
    this.move('en-route');
    this.resumeClock(now);
    this.current.eta = eta;
    this.record('en-route', this.holder(), now, { eta });
    this.events.push({ type: 'repair.en-route.v1', data: { ...this.technicianStepData(now), eta } });
  }

  start(now: Date): void {
    this.move('start');
    this.resumeClock(now);
    this.current.visits += 1;
    this.record('start', this.holder(), now, { visit: this.current.visits });
    this.events.push({ type: 'repair.started.v1', data: this.technicianStepData(now) });
  }

  /** `parts-short` (parts on order before the visit) may find nobody holding it: no technician's step to tell dispatch. */
  awaitParts(parts: Part[], expectedAt: string, pause: boolean, now: Date, step: TicketAction = 'awaiting-parts') {
    this.move(step);
    this.current.awaitedParts = true;
    this.current.awaitingParts = { parts, expectedAt, technicianId: this.current.technicianId };
    const slaPaused = pause && !this.current.slaBreached;
    if (slaPaused) {
      this.current.slaPausedAt = now;
      this.current.slaWatch = false;
    }
    this.record(step, this.holder(), now, { parts, expectedAt, slaPaused });
    if (!this.current.technicianId) return;
    const data = { ...this.technicianStepData(now), parts, expectedAt, slaPaused };
    this.events.push({ type: 'repair.awaiting-parts.v1', data });
  }

  /**
   * The parts are there: the ticket goes back to scheduling (dispatch books the return visit, first
   * asking the technician who ordered them), and a paused SLA clock runs again from their arrival.
   */
  partsArrived(arrival: PartsArrival, by: string, now: Date): void {
    const ticket = this.current;
    const waited = ticket.awaitingParts;
    const previousTechnicianId = waited?.technicianId ?? ticket.technicianId;
    this.move('parts-arrived');
    const slaResumed = this.resumeClock(now, arrival.arrivedAt);
    const parts = arrival.parts ?? waited?.parts ?? [];
    ticket.technicianId = undefined;
    ticket.workOrderId = undefined;
    ticket.eta = undefined;
    ticket.awaitingParts = undefined;
    const { via, reference } = arrival;
    const slaDueAt = ticket.slaDueAt.toISOString();
    this.record('parts-arrived', by, now, { via, parts, reference, slaResumed, slaDueAt }, previousTechnicianId);
    const data = partsArrivedData(ticket, { via, parts, previousTechnicianId, slaResumed }, now);
    this.events.push({ type: 'repair.parts-arrived.v1', data });
  }

  complete(report: CompletionReport, now: Date): void {
    this.move('complete');
    this.resumeClock(now);
    const ticket = this.current;
    ticket.completedAt = now;
    ticket.completion = report;
    ticket.firstTimeFix = !ticket.awaitedParts && ticket.visits === 1;
    ticket.slaMet = now.getTime() <= ticket.slaDueAt.getTime();
    ticket.slaWatch = false;
    ticket.awaitingParts = undefined;
    this.record('complete', this.holder(), now, {
      ...report,
      firstTimeFix: ticket.firstTimeFix,
      slaMet: ticket.slaMet,
    });
    const data = { ...this.technicianStepData(now), ...report, firstTimeFix: ticket.firstTimeFix };
    this.events.push({ type: 'repair.completed.v1', data });
  }

  cancel(reason: string, cancelledBy: CancelledBy, by: string, now: Date): void {
    this.move('cancel');
    this.resumeClock(now);
    this.current.cancelledAt = now;
    this.current.cancellation = { reason, cancelledBy };
    this.current.slaWatch = false;
    this.record('cancel', by, now, { reason, cancelledBy });
    const { ticketId, applianceId, customerId, technicianId } = this.current;
    const data = { ticketId, applianceId, customerId, technicianId, at: now.toISOString(), reason, cancelledBy };
    this.events.push({ type: 'repair.cancelled.v1', data });
  }

  /** Breaches at most once: the flag it clears is the one the watcher's conditional write matches. */
  breachSla(now: Date): boolean {
    const ticket = this.current;
    if (!isOpen(ticket.status) || !ticket.slaWatch || ticket.slaBreached) return false;
    if (!isSlaBreached(ticket.slaDueAt, now, ticket.slaPausedAt)) return false;
    ticket.slaBreached = true;
    ticket.breachedAt = now;
    ticket.slaWatch = false;
    ticket.escalated = true;
    ticket.priority = 'urgent';
    this.record('sla-breached', 'sla-watch', now, { slaDueAt: ticket.slaDueAt.toISOString() });
    this.events.push({ type: 'repair.sla-breached.v1', data: slaBreachedData(ticket, now) });
    return true;
  }

  /**
   * Warns once that the running clock has used `warningShare` of the allowed time: the flag it sets
   * is part of the watcher's conditional write, so restarts and other instances never warn again.
   */
  warnSla(now: Date, warningShare: number): boolean {
    const ticket = this.current;
    if (!isOpen(ticket.status) || !ticket.slaWatch || ticket.slaBreached || ticket.slaAtRisk) return false;
    const warning = slaWarning(slaClockOf(ticket), now, warningShare);
    if (!warning.atRisk) return false;
    ticket.slaAtRisk = true;
    ticket.atRiskAt = now;
    const { elapsedShare } = warning;
    this.record('sla-at-risk', 'sla-watch', now, { slaDueAt: ticket.slaDueAt.toISOString(), elapsedShare });
    this.events.push({ type: 'repair.sla-at-risk.v1', data: slaAtRiskData(ticket, now, elapsedShare) });
    return true;
  }

  /** A step decided in its own module (ticket-replacement.ts): moved by the state machine, recorded, raised. */
  apply(step: TicketStep, now: Date): void {
    this.move(step.action);
    step.change(this.current);
    if (!isOpen(this.current.status)) this.resumeClock(now);
    this.record(step.action, step.by, now, step.details);
    this.events.push(step.event);
  }

  private move(action: TicketAction): void {
    this.current.status = TicketStateMachine.next(this.current.ticketId, this.current.status, action);
  }

  /** Ends a pause (at `now`, or when the parts were reported to have arrived); false when none ran. */
  private resumeClock(now: Date, reportedEnd?: Date): boolean {
    const ticket = this.current;
    if (!ticket.slaPausedAt) return false;
    const pausedAt = new Date(ticket.slaPausedAt);
    const endedAt = pauseEndedAt(pausedAt, now, reportedEnd);
    ticket.slaDueAt = resumedDueAt(new Date(ticket.slaDueAt), pausedAt, endedAt);
    ticket.slaPausedMs = (ticket.slaPausedMs ?? 0) + Math.max(0, endedAt.getTime() - pausedAt.getTime());
    ticket.slaPausedAt = undefined;
    ticket.slaWatch = isOpen(ticket.status) && !ticket.slaBreached;
    return true;
  }

  private holder(): string {
    return this.current.technicianId ?? 'unassigned';
  }

  /** The common payload of a technician's step; a step needs the technician who holds the ticket. */
  private technicianStepData(now: Date): TechnicianStepData {
    const { ticketId, applianceId, customerId, technicianId } = this.current;
    if (!technicianId)
      throw new BusinessRuleError('no-technician', `repair ticket ${ticketId} has no technician assigned`);
    return { ticketId, applianceId, customerId, technicianId, at: now.toISOString() };
  }

  private record(
    action: TicketHistoryEntry['action'],
    by: string,
    now: Date,
    details?: Record<string, unknown>,
    technicianId = this.current.technicianId,
  ): void {
    this.newHistory.push({ at: now.toISOString(), action, status: this.current.status, by, technicianId, details });
  }
}
