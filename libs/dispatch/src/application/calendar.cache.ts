import { Inject, Injectable } from '@nestjs/common';

import { Booking, CalendarDay } from '../domain/booking';
import { DAY, dayKey } from '../domain/time';
import { CalendarRepository } from '../persistence/calendar.repository';
import { DISPATCH_SETTINGS, DispatchSettings } from './dispatch.settings';

interface CachedDay {
  loadedAt: number;
  byTechnician: Map<string, CalendarDay>;
}

/**
 * This instance's copy of the calendar days it decides on. It is not a store workaround that the
 * FerretDB front made obsolete (the front serialises writes; reads are unchanged): it saves real
 * round trips. A day is read with one equality query for all technicians and shared by every
 * decision that follows, where each decision would otherwise read its candidates' days again
 * (0.35–0.8 s per decision once the calendars filled up, measured when FerretDB still decoded the
 * whole collection for `{ _id: { $in } }`; with that fixed, a read per decision is still a round
 * trip). Our own bookings and releases update the copy at once; other instances' changes appear when the day is read again (after
 * `calendarCacheMs`, or at once when a booking loses a race). Staleness never double-books: `book`
 * is conditioned on the version the decision saw, exactly as with a fresh read.
 */
@Injectable()
export class CalendarCache {
  private readonly days = new Map<string, CachedDay>();
  private readonly loading = new Map<string, Promise<void>>();

  constructor(
    private readonly calendars: CalendarRepository,
    @Inject(DISPATCH_SETTINGS) private readonly settings: DispatchSettings,
  ) {}

  /** The given technicians' days; a missing document is an empty day at version 0 (absent here). */
  async read(
    technicianIds: readonly string[],
    days: readonly string[],
  ): Promise<Map<string, Map<string, CalendarDay>>> {
    const now = Date.now();
    await Promise.all(days.map((day) => (this.isFresh(day, now) ? undefined : this.load(day))));
    const result = new Map<string, Map<string, CalendarDay>>();
    for (const technicianId of technicianIds) {
      const perDay = new Map<string, CalendarDay>();
      for (const day of days) {
        const found = this.days.get(day)?.byTechnician.get(technicianId);
        if (found) perDay.set(day, found);
      }
      if (perDay.size) result.set(technicianId, perDay);
    }
    return result;
  }

  /** Books under the version `seen` (undefined: the day had no document); on a lost race reads the day again. */
  async book(technicianId: string, day: string, seen: CalendarDay | undefined, booking: Booking): Promise<boolean> {
    const version = seen?.version ?? 0;
    if (await this.calendars.book(technicianId, day, version, booking)) {
      this.remember({ technicianId, day, version: version + 1, bookings: [...(seen?.bookings ?? []), booking] });
      return true;
    }
    await this.load(day);
    return false;
  }

  async release(technicianId: string, day: string, bookingId: string): Promise<void> {
    const after = await this.calendars.release(technicianId, day, bookingId);
    if (after) this.remember(after);
  }

  /** Reads one day of every technician; concurrent callers share the read. */
  private load(day: string): Promise<void> {
    let pending = this.loading.get(day);
    if (!pending) {
      const startedAt = Date.now();
      pending = this.calendars
        .ofDay(day)
        .then((list) => {
          const cached = this.entry(day);
          for (const calendar of list) this.remember(calendar);
          cached.loadedAt = Math.max(cached.loadedAt, startedAt);
        })
        .finally(() => this.loading.delete(day));
      this.loading.set(day, pending);
    }
    return pending;
  }

  private isFresh(day: string, now: number): boolean {
    const cached = this.days.get(day);
    return cached !== undefined && now - cached.loadedAt < this.settings.calendarCacheMs;
  }

  /** Versions only grow: a read that started before our own write never overwrites it. */
  private remember(calendar: CalendarDay): void {
    const byTechnician = this.entry(calendar.day).byTechnician;
    const known = byTechnician.get(calendar.technicianId);
    if (!known || known.version <= calendar.version) byTechnician.set(calendar.technicianId, calendar);
  }

  private entry(day: string): CachedDay {
    let cached = this.days.get(day);
    if (!cached) {
      this.forgetPast();
      cached = { loadedAt: 0, byTechnician: new Map() };
      this.days.set(day, cached);
    }
    return cached;
  }

  /** Days before yesterday are never decided on again. */
  private forgetPast(): void {
    const oldest = dayKey(Date.now() - DAY);
    for (const day of this.days.keys()) if (day < oldest) this.days.delete(day);
  }
}
