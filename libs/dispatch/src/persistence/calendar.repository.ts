import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';

import { CONFLICT, untilWritten } from '@appliance-care/messaging';
import { isDuplicateKey } from '@appliance-care/platform';

import { Booking, CalendarDay, calendarDayId } from '../domain/booking';
import { CALENDAR_DAY_MODEL, CalendarDayDocument } from './calendar.schema';

export interface FoundBooking {
  technicianId: string;
  day: string;
  booking: Booking;
}

/**
 * A release tries harder than the default: it runs after the work order has already given the
 * booking up, so a release that gave up would leave the slot blocked with nothing to clean it
 * later (a retried assignment never adopts a released booking), and a popular technician's day is
 * written by every decision that books it.
 */
const RELEASE_ATTEMPTS = 50;

/** Technicians' calendars: the only place where bookings are made and removed. */
@Injectable()
export class CalendarRepository {
  constructor(@InjectModel(CALENDAR_DAY_MODEL) private readonly model: Model<CalendarDayDocument>) {}

  /** Every technician's calendar document for one day, in one equality read. */
  async ofDay(day: string): Promise<CalendarDay[]> {
    const docs = await this.model.find({ day }).lean().exec();
    return docs.map(toCalendarDay);
  }

  async getDay(technicianId: string, day: string): Promise<CalendarDay | undefined> {
    const doc = await this.model.findById(calendarDayId(technicianId, day)).lean().exec();
    return doc ? toCalendarDay(doc) : undefined;
  }

  async range(technicianId: string, fromDay: string, toDay: string): Promise<CalendarDay[]> {
    const docs = await this.model
      .find({ technicianId, day: { $gte: fromDay, $lte: toDay } })
      .sort({ day: 1 })
      .lean()
      .exec();
    return docs.map(toCalendarDay);
  }

  /**
   * Adds the booking if the day is still at the version the decision was made on: one atomic
   * single-document write. False when somebody booked that day meanwhile (read again and decide again).
   */
  async book(technicianId: string, day: string, expectedVersion: number, booking: Booking): Promise<boolean> {
    const _id = calendarDayId(technicianId, day);
    if (expectedVersion === 0) {
      try {
        const first = { _id, technicianId, day, version: 1, bookings: [booking], workOrderIds: [booking.workOrderId] };
        await this.model.insertMany([first], { lean: true });
        return true;
      } catch (err) {
        if (isDuplicateKey(err)) return false;
        throw err;
      }
    }
    const res = await this.model
      .updateOne(
        { _id, version: expectedVersion },
        { $push: { bookings: booking, workOrderIds: booking.workOrderId }, $inc: { version: 1 } },
      )
      .exec();
    return res.matchedCount === 1;
  }

  /** Every booking a work order holds (normally one; more only after a crash mid-change). */
  async bookingsOf(workOrderId: string): Promise<FoundBooking[]> {
    const docs = await this.model.find({ workOrderIds: workOrderId }).lean().exec();
    return docs.flatMap((calendar) =>
      calendar.bookings
        .filter((booking) => booking.workOrderId === workOrderId)
        .map((booking) => ({ technicianId: calendar.technicianId, day: calendar.day, booking })),
    );
  }

  /**
   * Removes one booking; idempotent. Rewrites the arrays under the version condition (FerretDB has
   * no $pull on sub-document fields). Returns the day as it is afterwards (undefined: no such day).
   */
  async release(technicianId: string, day: string, bookingId: string): Promise<CalendarDay | undefined> {
    const _id = calendarDayId(technicianId, day);
    return untilWritten(
      `calendar ${_id}`,
      async () => {
        const stored = await this.model.findById(_id).lean().exec();
        if (!stored) return undefined;
        if (!stored.bookings.some((booking) => booking.bookingId === bookingId)) return toCalendarDay(stored);
        const bookings = stored.bookings.filter((booking) => booking.bookingId !== bookingId);
        const written = await this.model
          .updateOne(
            { _id, version: stored.version },
            { $set: { bookings, workOrderIds: bookings.map((booking) => booking.workOrderId) }, $inc: { version: 1 } },
          )
          .exec();
        return written.matchedCount === 1 ? { technicianId, day, version: stored.version + 1, bookings } : CONFLICT;
      },
      { attempts: RELEASE_ATTEMPTS },
    );
  }
}

const toCalendarDay = (stored: CalendarDayDocument): CalendarDay => ({
  technicianId: stored.technicianId,
  day: stored.day,
  version: stored.version,
  bookings: stored.bookings,
});
