import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';

import { EventFactory } from '@appliance-care/messaging';

import { CalendarView, candidatesFor, daysToRead, decideAssignment } from '../domain/assignment.policy';
import { Booking, CalendarDay } from '../domain/booking';
import { swapIn } from '../domain/booking-changes';
import { deadlineOf } from '../domain/demand';
import { coversRegion, Technician } from '../domain/technician';
import { MINUTE } from '../domain/time';
import { BumpDecision, BumpView, chooseBump, KnownBooking } from '../domain/urgent-bump.policy';
import { WorkOrder } from '../domain/work-order';
import { CalendarChanges } from '../persistence/calendar-changes.repository';
import { WorkOrderRepository } from '../persistence/work-order.repository';
import { WorkOrderDocument } from '../persistence/work-order.schema';
import { CalendarCache } from './calendar.cache';
import { DISPATCH_SETTINGS, DispatchSettings } from './dispatch.settings';
import { RosterCache } from './roster.cache';
import { BookingAttempt, SlotBooker } from './slot-booker';
import { WorkOrderEvents } from './work-order.events';

/** How a bump ended: as an assignment's try does (see AssignmentService), or 'none' to bump. */
export type BumpOutcome = 'settled' | 'calendar-changed' | 'order-changed' | 'none';

type Bump = Extract<BumpDecision, { outcome: 'bump' }>;

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Urgent work that finds no free slot takes the slot of a booked, not started, non-urgent order
 * (chooseBump says which and why). In this order, each step one conditional write: the bumped
 * order is booked again (clear of the slot being taken) or left waiting, and records it with
 * work-order.bumped.v1 + work-order.released.v1 (+ assigned or unassignable); then the urgent
 * booking replaces the given-up one in the technician's day (one write under the day's version,
 * refused if anything else now clashes); then the urgent order records its booking. A crash in
 * between leaves a booking its order gave up, which the next try takes without a new victim (or
 * an urgent booking its order adopts), so a redelivery bumps nobody twice.
 */
@Injectable()
export class UrgentBumps {
  private readonly events: WorkOrderEvents;

  constructor(
    private readonly workOrders: WorkOrderRepository,
    private readonly calendars: CalendarCache,
    private readonly changes: CalendarChanges,
    private readonly booker: SlotBooker,
    private readonly roster: RosterCache,
    factory: EventFactory,
    @Inject(DISPATCH_SETTINGS) private readonly settings: DispatchSettings,
  ) {
    this.events = new WorkOrderEvents(factory);
  }

  /** `whyNot`: why no free slot was found (kept in the urgent order's reason). */
  async bumpFor(urgent: WorkOrderDocument, whyNot: string): Promise<BumpOutcome> {
    const now = Date.now();
    const candidates = candidatesFor(urgent, await this.regional(urgent.region), urgent.declinedBy);
    if (candidates.length === 0) return 'none';
    const decision = chooseBump(urgent, candidates, await this.viewFor(urgent, candidates, now), now, this.settings);
    if (decision.outcome === 'none') return 'none';
    const { technician, day, slot } = decision;
    const blockedUntil = slot.to + this.settings.bufferMinutes * MINUTE;
    const taking: Booking = { bookingId: randomUUID(), workOrderId: urgent._id, ...slot, blockedUntil };
    if (decision.victim && !(await this.moveVictim(urgent._id, decision, taking))) return 'calendar-changed';
    const placed = { technicianId: technician.technicianId, day, bookingId: taking.bookingId };
    if (
      (await this.changes.rewrite(technician.technicianId, day, (list) => swapIn(list, decision.freed, taking))) ===
      'refused'
    ) {
      // the day changed since the decision: what was given up must not stay blocked
      for (const bookingId of decision.freed) await this.booker.release({ ...placed, bookingId });
      return 'calendar-changed';
    }
    const order = WorkOrder.restore(urgent);
    const window = { from: iso(slot.from), to: iso(slot.to) };
    const reason = `${whyNot}; ${decision.reason}`;
    order.assign({ ...placed, technicianName: technician.name, window, reason }, iso(now));
    if (await this.workOrders.save(order, this.events.of(order))) return 'settled';
    await this.booker.release(placed);
    return 'order-changed';
  }

  private async regional(region: string): Promise<Technician[]> {
    return (await this.roster.all()).filter((technician) => coversRegion(technician, region));
  }

  /** The candidates' days in the urgent order's range, each booking with what its order says of it. */
  private async viewFor(urgent: WorkOrderDocument, candidates: Technician[], now: number): Promise<BumpView> {
    const ids = candidates.map((technician) => technician.technicianId);
    const days = await this.calendars.read(ids, daysToRead(urgent, now, this.settings));
    const booked = [...days.values()].flatMap((perDay) => [...perDay.values()].flatMap((day) => day.bookings));
    const orders = new Map(
      (await this.workOrders.many(booked.map((booking) => booking.workOrderId))).map((order) => [order._id, order]),
    );
    const known = (booking: Booking) => knownBooking(booking, orders.get(booking.workOrderId));
    return new Map(
      [...days].map(([id, perDay]) => [id, new Map([...perDay].map(([day, c]) => [day, c.bookings.map(known)]))]),
    );
  }

  /**
   * The bumped order is booked again or waits, and says so, in one write; false when it moved on
   * meanwhile or the calendar changed under its new booking (decide again).
   */
  private async moveVictim(urgentId: string, decision: Bump, taking: Booking): Promise<boolean> {
    const victim = decision.victim as KnownBooking;
    const stored = await this.workOrders.get(victim.workOrderId);
    if (!stored || stored.status !== 'assigned' || stored.bookingId !== victim.bookingId) return false;
    const rebooked = await this.rebook(stored, decision, taking);
    if (rebooked.outcome === 'conflict') return false;
    const order = WorkOrder.restore(stored);
    const at = iso(Date.now());
    order.announce({ type: 'work-order.bumped.v1', held: order.held(), byWorkOrderId: urgentId, at });
    const note = `bumped by urgent work order ${urgentId}`;
    if (rebooked.outcome === 'booked') order.reassign(rebooked.assignment, { cause: 'reassigned', note }, at);
    else order.waitUnbooked('unavailable', rebooked.reason, note, at);
    if (await this.workOrders.save(order, this.events.of(order))) return true;
    if (rebooked.outcome === 'booked') await this.booker.release(rebooked.assignment);
    return false;
  }

  /** The bumped order's next slot: decided as any assignment, with the slot being taken already counted as taken. */
  private async rebook(stored: WorkOrderDocument, bump: Bump, taking: Booking): Promise<BookingAttempt> {
    const now = Date.now();
    const roster = await this.regional(stored.region);
    const ids = candidatesFor(stored, roster, stored.declinedBy).map((technician) => technician.technicianId);
    const days = await this.calendars.read(ids, daysToRead(stored, now, this.settings));
    const decision = decideAssignment(
      stored,
      roster,
      withTaken(days, bump, taking),
      now,
      this.settings,
      stored.declinedBy,
    );
    if (decision.outcome === 'unassignable') return decision;
    const { technician, slot, day } = decision;
    const blockedUntil = slot.to + this.settings.bufferMinutes * MINUTE;
    const booking: Booking = { bookingId: randomUUID(), workOrderId: stored._id, ...slot, blockedUntil };
    const seen = days.get(technician.technicianId)?.get(day);
    if (!(await this.calendars.book(technician.technicianId, day, seen, booking))) return { outcome: 'conflict' };
    const window = { from: iso(slot.from), to: iso(slot.to) };
    const { technicianId, name: technicianName } = technician;
    return {
      outcome: 'booked',
      assignment: { technicianId, technicianName, bookingId: booking.bookingId, window, day, reason: decision.reason },
    };
  }
}

/** A booking as a bump sees it (see BookingRole); an order not found is one being booked right now: fixed. */
function knownBooking(booking: Booking, order: WorkOrderDocument | undefined): KnownBooking {
  if (!order) return { ...booking, role: 'fixed' };
  if (order.releasedBookingIds.includes(booking.bookingId)) return { ...booking, role: 'given-up' };
  const bumpable = order.bookingId === booking.bookingId && order.status === 'assigned' && order.priority !== 'urgent';
  return bumpable
    ? { ...booking, role: 'bumpable', priority: order.priority, dueAt: deadlineOf(order) }
    : { ...booking, role: 'fixed' };
}

/** The calendars as a decision sees them, with the urgent booking in the bumped technician's day. */
function withTaken(days: Map<string, Map<string, CalendarDay>>, bump: Bump, taking: Booking): CalendarView {
  const view = new Map(
    [...days].map(([id, perDay]) => [id, new Map([...perDay].map(([day, calendar]) => [day, calendar.bookings]))]),
  );
  const perDay = view.get(bump.technician.technicianId) ?? new Map<string, Booking[]>();
  perDay.set(bump.day, [...(perDay.get(bump.day) ?? []), taking]);
  view.set(bump.technician.technicianId, perDay);
  return view;
}
