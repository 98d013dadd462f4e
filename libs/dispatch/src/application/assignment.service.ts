import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';

import { EventFactory, OutboxRelay } from '@appliance-care/messaging';
import { BusinessRuleError, InvalidTransitionError, NotFoundError } from '@appliance-care/platform';

import { CalendarView, candidatesFor, daysToRead, decideAssignment } from '../domain/assignment.policy';
import { Booking, CalendarDay } from '../domain/booking';
import { coversRegion, Technician } from '../domain/technician';
import { MINUTE } from '../domain/time';
import { byUrgency, WAITING } from '../domain/work-order';
import { CalendarRepository } from '../persistence/calendar.repository';
import { TechnicianRepository, toTechnician } from '../persistence/technician.repository';
import { WorkOrderRepository } from '../persistence/work-order.repository';
import { WorkOrderDocument } from '../persistence/work-order.schema';
import { CalendarCache } from './calendar.cache';
import { DISPATCH_SETTINGS, DispatchSettings } from './dispatch.settings';
import { KeyedTurns } from './keyed-turns';
import { RosterCache } from './roster.cache';
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

type Attempt =
  | { outcome: 'booked'; technician: Technician; booking: Booking; day: string; reason: string }
  | { outcome: 'unassignable'; reason: string }
  /** the calendar changed under the decision (another instance booked): decide again */
  | { outcome: 'conflict' };

/**
 * Books technicians for work orders. The calendar booking comes first (atomic, conditioned on the
 * day's version); the work order then records it with its events in one conditional write. A
 * booking the work order never recorded (lost race, crash) is removed or, on a retry, adopted.
 * Decisions read the roster and calendars from this instance's copies (RosterCache, CalendarCache)
 * and take turns per region, urgent first (KeyedTurns).
 */
@Injectable()
export class AssignmentService {
  private readonly logger = new Logger(AssignmentService.name);
  private readonly events: WorkOrderEvents;
  private readonly turns = new KeyedTurns<WorkOrderDocument>(byUrgency);

  constructor(
    private readonly workOrders: WorkOrderRepository,
    private readonly technicians: TechnicianRepository,
    private readonly calendars: CalendarRepository,
    private readonly calendarCache: CalendarCache,
    private readonly roster: RosterCache,
    private readonly relay: OutboxRelay,
    factory: EventFactory,
    @Inject(DISPATCH_SETTINGS) private readonly settings: DispatchSettings,
  ) {
    this.events = new WorkOrderEvents(factory);
  }

  /**
   * Assigns a waiting work order, or records (once) why nobody can take it. `created`: the order as
   * it was inserted just now (no earlier try can have left a booking behind, and no need to read it).
   */
  async assign(workOrderId: string, created?: WorkOrderDocument): Promise<void> {
    let wo = created ?? (await this.workOrders.get(workOrderId));
    let fresh = created !== undefined;
    for (let conflicts = 0; conflicts <= this.settings.maxBookingConflicts; conflicts++) {
      if (!wo || !WAITING.includes(wo.status)) return;
      if (!fresh && (await this.adoptOrphan(wo))) return;
      const current: WorkOrderDocument = wo;
      const attempt = await this.turns.run(current.region, current, () =>
        this.decideAndBook(current, current.declinedBy),
      );
      if (attempt.outcome === 'conflict') continue;
      if (attempt.outcome === 'unassignable') {
        if (await this.markUnassignable(current, attempt.reason)) return;
      } else {
        if (await this.commitAssigned(current, attempt.technician, attempt.booking, attempt.day, attempt.reason))
          return;
        await this.calendarCache.release(attempt.technician.technicianId, attempt.day, attempt.booking.bookingId);
      }
      // the work order moved on meanwhile (another delivery, the other instance): read it again
      wo = await this.workOrders.get(workOrderId);
      fresh = fresh && wo?.version === 0;
    }
    throw new Error(`work order ${workOrderId}: calendars kept changing; retrying later`);
  }

  /** A technician was registered or changed (here or on another instance): waiting orders of those regions get another chance. */
  async rosterChanged(regions: readonly string[]): Promise<number> {
    this.roster.invalidate();
    return this.retryWaiting(regions);
  }

  /** Waiting orders get another chance (roster changed, a slot was freed): urgent first. */
  async retryWaiting(regions?: readonly string[]): Promise<number> {
    const waiting = regions
      ? (await Promise.all([...new Set(regions)].map((r) => this.workOrders.withStatus(WAITING, r)))).flat()
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
      if (wo.status !== 'assigned')
        throw new InvalidTransitionError('work order', workOrderId, wo.status, 'be reassigned');
      const previous = wo.technicianId as string;
      const exclude = [...new Set([...wo.declinedBy, previous])];
      if (req.technicianId && exclude.includes(req.technicianId)) {
        throw new BusinessRuleError(
          'same-technician',
          `technician ${req.technicianId} ${req.technicianId === previous ? 'already holds' : 'declined'} work order ${workOrderId}`,
          { currentState: wo.status },
        );
      }
      const chosen = req.technicianId ? await this.technicians.get(req.technicianId) : undefined;
      if (req.technicianId && !chosen) throw new NotFoundError('technician', req.technicianId);
      const attempt = await this.turns.run(wo.region, wo, () =>
        this.decideAndBook(wo, exclude, chosen ? toTechnician(chosen) : undefined),
      );
      if (attempt.outcome === 'conflict') continue;
      if (attempt.outcome === 'unassignable') {
        if (req.cause === 'reassigned') {
          throw new BusinessRuleError(
            'no-qualified-technician',
            `cannot reassign work order ${workOrderId}: ${attempt.reason}`,
            { currentState: wo.status, reason: attempt.reason },
            422,
          );
        }
        if (await this.commitDeclinedUnassignable(wo, attempt.reason, req))
          return (await this.workOrders.get(workOrderId)) as WorkOrderDocument;
        continue;
      }
      if (await this.commitAssigned(wo, attempt.technician, attempt.booking, attempt.day, attempt.reason, req)) {
        await this.calendarCache.release(previous, wo.day as string, wo.bookingId as string);
        return (await this.workOrders.get(workOrderId)) as WorkOrderDocument;
      }
      await this.calendarCache.release(attempt.technician.technicianId, attempt.day, attempt.booking.bookingId);
    }
    throw new Error(`work order ${workOrderId}: calendars kept changing; retry`);
  }

  /** Decides on the current copies and books the chosen slot under the version the decision saw. */
  private async decideAndBook(wo: WorkOrderDocument, exclude: readonly string[], only?: Technician): Promise<Attempt> {
    const now = Date.now();
    const roster = only ? [only] : (await this.roster.all()).filter((t) => coversRegion(t, wo.region));
    const candidates = candidatesFor(wo, roster, exclude);
    const days = await this.calendarCache.read(
      candidates.map((t) => t.technicianId),
      daysToRead(wo, now, this.settings),
    );
    const view: CalendarView = new Map(
      [...days].map(([t, perDay]) => [t, new Map([...perDay].map(([d, c]) => [d, c.bookings]))]),
    );
    const decision = decideAssignment(wo, roster, view, now, this.settings, exclude);
    if (decision.outcome === 'unassignable') return decision;
    const booking: Booking = {
      bookingId: randomUUID(),
      workOrderId: wo._id,
      from: decision.slot.from,
      to: decision.slot.to,
      blockedUntil: decision.slot.to + this.settings.bufferMinutes * MINUTE,
    };
    const seen: CalendarDay | undefined = days.get(decision.technician.technicianId)?.get(decision.day);
    if (!(await this.calendarCache.book(decision.technician.technicianId, decision.day, seen, booking)))
      return { outcome: 'conflict' };
    return { outcome: 'booked', technician: decision.technician, booking, day: decision.day, reason: decision.reason };
  }

  /** A booking made by an earlier try that crashed before the work order recorded it. */
  private async adoptOrphan(wo: WorkOrderDocument): Promise<boolean> {
    const orphans = (await this.calendars.bookingsOf(wo._id)).filter(
      (f) =>
        f.booking.bookingId !== wo.bookingId &&
        !wo.releasedBookingIds.includes(f.booking.bookingId) &&
        !wo.declinedBy.includes(f.technicianId),
    );
    if (orphans.length === 0) return false;
    const [keep, ...extra] = orphans;
    const tech = await this.technicians.get(keep.technicianId);
    if (!tech) return false;
    const reason = `earliest slot ${iso(keep.booking.from).slice(0, 16)}Z (booking recovered after an interrupted assignment)`;
    if (!(await this.commitAssigned(wo, toTechnician(tech), keep.booking, keep.day, reason))) return false;
    for (const e of extra) await this.calendarCache.release(e.technicianId, e.day, e.booking.bookingId);
    return true;
  }

  private async markUnassignable(wo: WorkOrderDocument, reason: string): Promise<boolean> {
    const at = iso(Date.now());
    // already waiting: keep the reason current, but tell the owning service only once
    const events = wo.status === 'pending' ? [this.events.unassignable(wo, reason)] : [];
    if (wo.status === 'unassignable' && wo.reason === reason) return true;
    const ok = await this.workOrders.transition(
      wo._id,
      wo.version,
      { status: 'unassignable', reason },
      { at, action: 'unassignable', reason },
      events,
    );
    if (ok && events.length) this.relay.notify();
    return ok;
  }

  private async commitAssigned(
    wo: WorkOrderDocument,
    tech: Technician,
    booking: Booking,
    day: string,
    reason: string,
    change?: ReassignRequest,
  ): Promise<boolean> {
    const at = iso(Date.now());
    const window = { from: iso(booking.from), to: iso(booking.to) };
    const events = [];
    const push: Record<string, unknown> = {};
    if (change && wo.technicianId) {
      events.push(this.events.released(wo, change.cause, at));
      push['releasedBookingIds'] = wo.bookingId;
      if (change.cause === 'declined') push['declinedBy'] = wo.technicianId;
    }
    events.push(
      this.events.assigned(wo, {
        technicianId: tech.technicianId,
        technicianName: tech.name,
        window,
        reason,
        previousTechnicianId: change ? wo.technicianId : undefined,
      }),
    );
    const ok = await this.workOrders.transition(
      wo._id,
      wo.version,
      {
        status: 'assigned',
        technicianId: tech.technicianId,
        technicianName: tech.name,
        window,
        bookingId: booking.bookingId,
        day,
        reason,
      },
      {
        at,
        action: change ? change.cause : 'assigned',
        reason: change?.note ? `${change.note}; ${reason}` : reason,
        technicianId: tech.technicianId,
      },
      events,
      push,
    );
    if (ok) this.relay.notify();
    return ok;
  }

  /** The decliner is released; nobody else qualifies, so the order waits for the roster to change. */
  private async commitDeclinedUnassignable(
    wo: WorkOrderDocument,
    reason: string,
    req: ReassignRequest,
  ): Promise<boolean> {
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
    await this.calendarCache.release(wo.technicianId as string, wo.day as string, wo.bookingId as string);
    return true;
  }
}
