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

  /** The requested days of the given technicians; a missing document is an empty day at version 0. */
  async read(technicianIds: readonly string[], days: readonly string[]): Promise<Map<string, Map<string, CalendarDay>>> {
    const result = new Map<string, Map<string, CalendarDay>>();
    if (technicianIds.length === 0 || days.length === 0) return result;
    const ids = technicianIds.flatMap((t) => days.map((d) => calendarDayId(t, d)));
    const docs = await this.model.find({ _id: { $in: ids } }).lean().exec();
    for (const doc of docs) {
      const perDay = result.get(doc.technicianId) ?? new Map<string, CalendarDay>();
      perDay.set(doc.day, { technicianId: doc.technicianId, day: doc.day, version: doc.version, bookings: doc.bookings });
      result.set(doc.technicianId, perDay);
    }
    return result;
  }

  async range(technicianId: string, fromDay: string, toDay: string): Promise<CalendarDay[]> {
    const docs = await this.model.find({ technicianId, day: { $gte: fromDay, $lte: toDay } }).sort({ day: 1 }).lean().exec();
    return docs.map((d) => ({ technicianId: d.technicianId, day: d.day, version: d.version, bookings: d.bookings }));
  }

  /**
   * Adds the booking if the day is still at the version the decision was made on: one atomic
   * single-document write. False when somebody booked that day meanwhile (read again and decide again).
   */
  async book(technicianId: string, day: string, expectedVersion: number, booking: Booking): Promise<boolean> {
    const _id = calendarDayId(technicianId, day);
    if (expectedVersion === 0) {
      try {
        await this.model.collection.insertOne({ _id, technicianId, day, version: 1, bookings: [booking], workOrderIds: [booking.workOrderId] } as never);
        return true;
      } catch (err) {
        if (isDuplicateKey(err)) return false;
        throw err;
      }
    }
    const res = await this.model
      .updateOne({ _id, version: expectedVersion }, { $push: { bookings: booking, workOrderIds: booking.workOrderId }, $inc: { version: 1 } })
      .exec();
    return res.matchedCount === 1;
  }

  /** Every booking a work order holds (normally one; more only after a crash mid-change). */
  async bookingsOf(workOrderId: string): Promise<FoundBooking[]> {
    const docs = await this.model.find({ workOrderIds: workOrderId }).lean().exec();
    return docs.flatMap((d) => d.bookings.filter((b) => b.workOrderId === workOrderId).map((booking) => ({ technicianId: d.technicianId, day: d.day, booking })));
  }

  /** Removes one booking; idempotent. Rewrites the arrays under the version condition (FerretDB has no $pull on sub-document fields). */
  async release(technicianId: string, day: string, bookingId: string): Promise<void> {
    const _id = calendarDayId(technicianId, day);
    for (let attempt = 0; attempt < 50; attempt++) {
      const doc = await this.model.findById(_id).lean().exec();
      if (!doc || !doc.bookings.some((b) => b.bookingId === bookingId)) return;
      const bookings = doc.bookings.filter((b) => b.bookingId !== bookingId);
      const res = await this.model
        .updateOne({ _id, version: doc.version }, { $set: { bookings, workOrderIds: bookings.map((b) => b.workOrderId) }, $inc: { version: 1 } })
        .exec();
      if (res.matchedCount === 1) return;
    }
    throw new Error(`calendar ${_id} kept changing while releasing booking ${bookingId}`);
  }
}
