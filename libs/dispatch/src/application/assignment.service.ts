import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EventFactory, OutboxRelay } from '@appliance-care/messaging';
import { BusinessRuleError, InvalidTransitionError, NotFoundError } from '@appliance-care/platform';
import { candidatesFor, CalendarView, daysToRead, decideAssignment } from '../domain/assignment.policy';
import { Booking, CalendarDay } from '../domain/booking';
import { Technician } from '../domain/technician';
import { MINUTE } from '../domain/time';
import { byUrgency, WAITING } from '../domain/work-order';
import { CalendarRepository } from '../persistence/calendar.repository';
import { toTechnician, TechnicianRepository } from '../persistence/technician.repository';
import { WorkOrderDocument } from '../persistence/work-order.schema';
import { WorkOrderRepository } from '../persistence/work-order.repository';
import { DISPATCH_SETTINGS, DispatchSettings } from './dispatch.settings';
import { WorkOrderEvents } from './work-order.events';

const iso = (ms: number) => new Date(ms).toISOString();

export interface ReassignRequest {
  /** the dispatcher's pick; otherwise the next qualified technician */
  technicianId?: string;
  cause: 'reassigned' | 'declined';
  /** for a decline: who declined (a redelivered decline of an order already moved on changes nothing) */
  decliner?: string;
  note?: string;
}

type Plan =
  | { outcome: 'assign'; technician: Technician; booking: Booking; day: string; dayVersion: number; reason: string }
  | { outcome: 'unassignable'; reason: string };

/**
 * Books technicians for work orders. The calendar booking comes first (atomic, conditioned on the
 * day's version); the work order then records it with its events in one conditional write. A
 * booking the work order never recorded (lost race, crash) is removed or, on a retry, adopted.
 */
@Injectable()
export class AssignmentService {
  private readonly logger = new Logger(AssignmentService.name);
  private readonly events: WorkOrderEvents;

  constructor(
    private readonly workOrders: WorkOrderRepository,
    private readonly technicians: TechnicianRepository,
    private readonly calendars: CalendarRepository,
    private readonly relay: OutboxRelay,
    factory: EventFactory,
    @Inject(DISPATCH_SETTINGS) private readonly settings: DispatchSettings,
  ) {
    this.events = new WorkOrderEvents(factory);
  }

  /**
   * Assigns a waiting work order, or records (once) why nobody can take it. `fresh`: the order was
   * created just now, so no earlier try can have left a booking behind (saves a calendar scan).
   */
  async assign(workOrderId: string, fresh = false): Promise<void> {
    for (let conflicts = 0; conflicts <= this.settings.maxBookingConflicts; conflicts++) {
      const wo = await this.workOrders.get(workOrderId);
      if (!wo || !WAITING.includes(wo.status)) return;
      if (!(fresh && wo.version === 0) && (await this.adoptOrphan(wo))) return;
      const plan = await this.plan(wo, wo.declinedBy);
      if (plan.outcome === 'unassignable') {
        if (await this.markUnassignable(wo, plan.reason)) return;
        continue;
      }
      if (!(await this.calendars.book(plan.technician.technicianId, plan.day, plan.dayVersion, plan.booking))) continue;
      if (await this.commitAssigned(wo, plan.technician, plan.booking, plan.day, plan.reason)) return;
      await this.calendars.release(plan.technician.technicianId, plan.day, plan.booking.bookingId);
    }
    throw new Error(`work order ${workOrderId}: calendars kept changing; retrying later`);
  }

  /** Waiting orders get another chance (roster changed, a slot was freed): urgent first. */
  async retryWaiting(regions?: readonly string[]): Promise<number> {
    const waiting = regions
      ? (await Promise.all(regions.map((r) => this.workOrders.withStatus(WAITING, r)))).flat()
      : await this.workOrders.withStatus(WAITING);
    waiting.sort(byUrgency);
    for (const wo of waiting) await this.assign(wo._id);
    return waiting.length;
  }

  /** Moves a booked order to another technician: the dispatcher's choice, or the next qualified one. */
  async reassign(workOrderId: string, req: ReassignRequest): Promise<WorkOrderDocument> {
    for (let conflicts = 0; conflicts <= this.settings.maxBookingConflicts; conflicts++) {
      const wo = await this.workOrders.get(workOrderId);
      if (!wo) throw new NotFoundError('work order', workOrderId);
      if (req.cause === 'declined' && (wo.technicianId !== req.decliner || wo.status !== 'assigned')) return wo;
      if (wo.status !== 'assigned') throw new InvalidTransitionError('work order', workOrderId, wo.status, 'be reassigned');
      const previous = wo.technicianId as string;
      const exclude = [...new Set([...wo.declinedBy, previous])];
      if (req.technicianId && exclude.includes(req.technicianId)) {
        throw new BusinessRuleError('same-technician', `technician ${req.technicianId} ${req.technicianId === previous ? 'already holds' : 'declined'} work order ${workOrderId}`, { currentState: wo.status });
      }
      const plan = await this.plan(wo, exclude, req.technicianId);
      if (plan.outcome === 'unassignable') {
        if (req.cause === 'reassigned') {
          throw new BusinessRuleError('no-qualified-technician', `cannot reassign work order ${workOrderId}: ${plan.reason}`, { currentState: wo.status, reason: plan.reason }, 422);
        }
        if (await this.commitDeclinedUnassignable(wo, plan.reason, req)) return (await this.workOrders.get(workOrderId)) as WorkOrderDocument;
        continue;
      }
      if (!(await this.calendars.book(plan.technician.technicianId, plan.day, plan.dayVersion, plan.booking))) continue;
      if (await this.commitAssigned(wo, plan.technician, plan.booking, plan.day, plan.reason, req)) {
        await this.calendars.release(previous, wo.day as string, wo.bookingId as string);
        return (await this.workOrders.get(workOrderId)) as WorkOrderDocument;
      }
      await this.calendars.release(plan.technician.technicianId, plan.day, plan.booking.bookingId);
    }
    throw new Error(`work order ${workOrderId}: calendars kept changing; retry`);
  }

  private async plan(wo: WorkOrderDocument, exclude: readonly string[], only?: string): Promise<Plan> {
    const now = Date.now();
    let roster = await this.technicians.coveringRegion(wo.region);
    if (only) {
      const chosen = await this.technicians.get(only);
      if (!chosen) throw new NotFoundError('technician', only);
      roster = [toTechnician(chosen)];
    }
    const candidates = candidatesFor(wo, roster, exclude);
    const days = await this.calendars.read(candidates.map((t) => t.technicianId), daysToRead(wo, now, this.settings));
    const view: CalendarView = new Map([...days].map(([t, perDay]) => [t, new Map([...perDay].map(([d, c]) => [d, c.bookings]))]));
    const decision = decideAssignment(wo, roster, view, now, this.settings, exclude);
    if (decision.outcome === 'unassignable') return decision;
    const booking: Booking = {
      bookingId: randomUUID(),
      workOrderId: wo._id,
      from: decision.slot.from,
      to: decision.slot.to,
      blockedUntil: decision.slot.to + this.settings.bufferMinutes * MINUTE,
    };
    // the booking is conditioned on the very version this decision saw
    const seen: CalendarDay | undefined = days.get(decision.technician.technicianId)?.get(decision.day);
    return { outcome: 'assign', technician: decision.technician, booking, day: decision.day, dayVersion: seen?.version ?? 0, reason: decision.reason };
  }

  /** A booking made by an earlier try that crashed before the work order recorded it. */
  private async adoptOrphan(wo: WorkOrderDocument): Promise<boolean> {
    const orphans = (await this.calendars.bookingsOf(wo._id)).filter(
      (f) => f.booking.bookingId !== wo.bookingId && !wo.releasedBookingIds.includes(f.booking.bookingId) && !wo.declinedBy.includes(f.technicianId),
    );
    if (orphans.length === 0) return false;
    const [keep, ...extra] = orphans;
    const tech = await this.technicians.get(keep.technicianId);
    if (!tech) return false;
    const reason = `earliest slot ${iso(keep.booking.from).slice(0, 16)}Z (booking recovered after an interrupted assignment)`;
    if (!(await this.commitAssigned(wo, toTechnician(tech), keep.booking, keep.day, reason))) return false;
    for (const e of extra) await this.calendars.release(e.technicianId, e.day, e.booking.bookingId);
    return true;
  }

  private async markUnassignable(wo: WorkOrderDocument, reason: string): Promise<boolean> {
    const at = iso(Date.now());
    // already waiting: keep the reason current, but tell the owning service only once
    const events = wo.status === 'pending' ? [this.events.unassignable(wo, reason)] : [];
    if (wo.status === 'unassignable' && wo.reason === reason) return true;
    const ok = await this.workOrders.transition(wo._id, wo.version, { status: 'unassignable', reason }, { at, action: 'unassignable', reason }, events);
    if (ok && events.length) this.relay.notify();
    return ok;
  }

  private async commitAssigned(wo: WorkOrderDocument, tech: Technician, booking: Booking, day: string, reason: string, change?: ReassignRequest): Promise<boolean> {
    const at = iso(Date.now());
    const window = { from: iso(booking.from), to: iso(booking.to) };
    const events = [];
    const push: Record<string, unknown> = {};
    if (change && wo.technicianId) {
      events.push(this.events.released(wo, change.cause, at));
      push['releasedBookingIds'] = wo.bookingId;
      if (change.cause === 'declined') push['declinedBy'] = wo.technicianId;
    }
    events.push(this.events.assigned(wo, { technicianId: tech.technicianId, technicianName: tech.name, window, reason, previousTechnicianId: change ? wo.technicianId : undefined }));
    const ok = await this.workOrders.transition(
      wo._id,
      wo.version,
      { status: 'assigned', technicianId: tech.technicianId, technicianName: tech.name, window, bookingId: booking.bookingId, day, reason },
      { at, action: change ? change.cause : 'assigned', reason: change?.note ? `${change.note}; ${reason}` : reason, technicianId: tech.technicianId },
      events,
      push,
    );
    if (ok) this.relay.notify();
    return ok;
  }

  /** The decliner is released; nobody else qualifies, so the order waits for the roster to change. */
  private async commitDeclinedUnassignable(wo: WorkOrderDocument, reason: string, req: ReassignRequest): Promise<boolean> {
    const at = iso(Date.now());
    const events = [this.events.released(wo, 'declined', at), this.events.unassignable(wo, reason)];
    const ok = await this.workOrders.transition(
      wo._id,
      wo.version,
      { status: 'unassignable', reason },
      { at, action: 'declined', reason: req.note ? `${req.note}; ${reason}` : reason, technicianId: wo.technicianId },
      events,
      { releasedBookingIds: wo.bookingId, declinedBy: wo.technicianId },
      ['technicianId', 'technicianName', 'window', 'bookingId', 'day'],
    );
    if (!ok) return false;
    this.relay.notify();
    await this.calendars.release(wo.technicianId as string, wo.day as string, wo.bookingId as string);
    return true;
  }
}
