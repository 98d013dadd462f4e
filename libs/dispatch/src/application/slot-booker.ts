import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';

import { CalendarView, candidatesFor, daysToRead, decideAssignment } from '../domain/assignment.policy';
import { Booking, CalendarDay } from '../domain/booking';
import { byUrgency } from '../domain/demand';
import { coversRegion, Technician } from '../domain/technician';
import { MINUTE } from '../domain/time';
import { Assignment, HeldBooking, WorkOrderState } from '../domain/work-order.state';
import { CalendarCache } from './calendar.cache';
import { DISPATCH_SETTINGS, DispatchSettings } from './dispatch.settings';
import { KeyedTurns } from './keyed-turns';
import { RosterCache } from './roster.cache';

export type BookingAttempt =
  | { outcome: 'booked'; assignment: Assignment }
  | { outcome: 'unassignable'; reason: string }
  /** the calendar changed under the decision (another instance booked): decide again */
  | { outcome: 'conflict' };

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Decides who takes a work order and books the slot in their calendar, atomically under the
 * version of the day the decision saw. Decisions read the roster and calendars from this
 * instance's copies (RosterCache, CalendarCache) and take turns per region, urgent first (KeyedTurns).
 */
@Injectable()
export class SlotBooker {
  private readonly turns = new KeyedTurns<WorkOrderState>(byUrgency);

  constructor(
    private readonly calendars: CalendarCache,
    private readonly roster: RosterCache,
    @Inject(DISPATCH_SETTINGS) private readonly settings: DispatchSettings,
  ) {}

  /** `exclude`: who must not get it; `only`: the one technician to try (the dispatcher's pick). */
  book(order: WorkOrderState, exclude: readonly string[], only?: Technician): Promise<BookingAttempt> {
    return this.turns.run(order.region, order, () => this.decideAndBook(order, exclude, only));
  }

  /** Gives a booking back to its technician's calendar (idempotent). */
  release(held: Omit<HeldBooking, 'window'>): Promise<void> {
    return this.calendars.release(held.technicianId, held.day, held.bookingId);
  }

  /** Decides on the current copies and books the chosen slot under the version the decision saw. */
  private async decideAndBook(
    order: WorkOrderState,
    exclude: readonly string[],
    only?: Technician,
  ): Promise<BookingAttempt> {
    const now = Date.now();
    const roster = only ? [only] : (await this.roster.all()).filter((tech) => coversRegion(tech, order.region));
    const candidates = candidatesFor(order, roster, exclude).map((tech) => tech.technicianId);
    const days = await this.calendars.read(candidates, daysToRead(order, now, this.settings));
    const decision = decideAssignment(order, roster, calendarView(days), now, this.settings, exclude);
    if (decision.outcome === 'unassignable') return decision;
    const { technician, slot, day, reason } = decision;
    const booking: Booking = {
      bookingId: randomUUID(),
      workOrderId: order.workOrderId,
      from: slot.from,
      to: slot.to,
      blockedUntil: slot.to + this.settings.bufferMinutes * MINUTE,
    };
    const seen: CalendarDay | undefined = days.get(technician.technicianId)?.get(day);
    if (!(await this.calendars.book(technician.technicianId, day, seen, booking))) return { outcome: 'conflict' };
    const window = { from: iso(slot.from), to: iso(slot.to) };
    return {
      outcome: 'booked',
      assignment: {
        technicianId: technician.technicianId,
        technicianName: technician.name,
        bookingId: booking.bookingId,
        window,
        day,
        reason,
      },
    };
  }
}

/** What the policy sees of the calendar copies: per technician, per day, the bookings. */
function calendarView(days: Map<string, Map<string, CalendarDay>>): CalendarView {
  return new Map(
    [...days].map(([technicianId, perDay]) => [
      technicianId,
      new Map([...perDay].map(([day, calendar]) => [day, calendar.bookings])),
    ]),
  );
}
