import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';

import { Booking, CalendarDay, calendarDayId } from '../domain/booking';
import { CALENDAR_DAY_MODEL, CalendarDayDocument } from './calendar.schema';

export interface FoundBooking {
  technicianId: string;
  day: string;
  booking: Booking;
}

const isDuplicateKey = (err: unknown): boolean => (err as { code?: number })?.code === 11000;

/** Technicians' calendars: the only place where bookings are made and removed. */
@Injectable()
export class CalendarRepository {
  constructor(@InjectModel(CALENDAR_DAY_MODEL) private readonly model: Model<CalendarDayDocument>) {}

  /**
   * Every technician's calendar document for one day. An equality filter, which FerretDB 1.24
   * evaluates inside PostgreSQL; `{ _id: { $in } }` is not pushed down and decodes the whole
   * collection (measured: 330–390 ms at 2,800 calendar days, whatever the size of the list).
   */
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
        await this.model.collection.insertOne({
          _id,
          technicianId,
          day,
          version: 1,
          bookings: [booking],
          workOrderIds: [booking.workOrderId],
        } as never);
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
    return docs.flatMap((d) =>
      d.bookings
        .filter((b) => b.workOrderId === workOrderId)
        .map((booking) => ({ technicianId: d.technicianId, day: d.day, booking })),
    );
  }

  /**
   * Removes one booking; idempotent. Rewrites the arrays under the version condition (FerretDB has
   * no $pull on sub-document fields). Returns the day as it is afterwards (undefined: no such day).
   */
  async release(technicianId: string, day: string, bookingId: string): Promise<CalendarDay | undefined> {
    const _id = calendarDayId(technicianId, day);
    for (let attempt = 0; attempt < 50; attempt++) {
      const doc = await this.model.findById(_id).lean().exec();
      if (!doc || !doc.bookings.some((b) => b.bookingId === bookingId)) return doc ? toCalendarDay(doc) : undefined;
      const bookings = doc.bookings.filter((b) => b.bookingId !== bookingId);
      const res = await this.model
        .updateOne(
          { _id, version: doc.version },
          { $set: { bookings, workOrderIds: bookings.map((b) => b.workOrderId) }, $inc: { version: 1 } },
        )
        .exec();
      if (res.matchedCount === 1) return { technicianId, day, version: doc.version + 1, bookings };
    }
    throw new Error(`calendar ${_id} kept changing while releasing booking ${bookingId}`);
  }
}

const toCalendarDay = (d: CalendarDayDocument): CalendarDay => ({
  technicianId: d.technicianId,
  day: d.day,
  version: d.version,
  bookings: d.bookings,
});
