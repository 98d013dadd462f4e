import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';

import { CONFLICT, untilWritten } from '@appliance-care/messaging';

import { Booking, calendarDayId } from '../domain/booking';
import { DayRewrite } from '../domain/booking-changes';
import { CALENDAR_DAY_MODEL, CalendarDayDocument } from './calendar.schema';

/** As hot as a release (see CalendarRepository): the day is written by every decision that books it. */
const REWRITE_ATTEMPTS = 50;

/**
 * Changes to bookings already in a technician's day other than booking and releasing (those are
 * CalendarRepository's): a visit that ended early gives the rest of its slot back, an urgent order
 * takes a bumped order's slot. Each is one single-document write conditioned on the day's version,
 * decided again on a fresh copy when another writer got there first, so the calendar guarantee of
 * CalendarRepository.book (one booking per slot) holds for them too.
 */
@Injectable()
export class CalendarChanges {
  constructor(@InjectModel(CALENDAR_DAY_MODEL) private readonly model: Model<CalendarDayDocument>) {}

  /**
   * Applies `change` to the day's bookings as stored; 'unchanged' and 'refused' write nothing
   * (a day that does not exist is 'unchanged').
   */
  rewrite(
    technicianId: string,
    day: string,
    change: (bookings: readonly Booking[]) => DayRewrite,
  ): Promise<'written' | 'unchanged' | 'refused'> {
    const _id = calendarDayId(technicianId, day);
    return untilWritten(
      `calendar ${_id}`,
      async () => {
        const stored = await this.model.findById(_id).lean().exec();
        if (!stored) return 'unchanged';
        const bookings = change(stored.bookings);
        if (!Array.isArray(bookings)) return bookings;
        const written = await this.model
          .updateOne(
            { _id, version: stored.version },
            { $set: { bookings, workOrderIds: bookings.map((booking) => booking.workOrderId) }, $inc: { version: 1 } },
          )
          .exec();
        return written.matchedCount === 1 ? 'written' : CONFLICT;
      },
      { attempts: REWRITE_ATTEMPTS },
    );
  }
}
