import { Schema } from 'mongoose';

import { Booking } from '../domain/booking';

export const CALENDAR_DAY_MODEL = 'CalendarDay';

/**
 * One technician's bookings for one UTC day (_id technicianId:YYYY-MM-DD). Every booking is a
 * single-document update conditioned on `version`, which is what rules out double booking across
 * instances without any lock.
 */
export interface CalendarDayDocument {
  _id: string;
  technicianId: string;
  day: string;
  version: number;
  bookings: Booking[];
  /** the work orders booked here, as plain strings: an equality-indexed lookup FerretDB serves well */
  workOrderIds: string[];
}

export const calendarDaySchema = new Schema<CalendarDayDocument>(
  {
    _id: { type: String, required: true },
    technicianId: { type: String, required: true },
    day: { type: String, required: true },
    version: { type: Number, required: true },
    bookings: { type: Schema.Types.Mixed, default: [] },
    workOrderIds: { type: [String], default: [] },
  },
  { versionKey: false, collection: 'calendar_days', minimize: false },
);
calendarDaySchema.index({ workOrderIds: 1 });
calendarDaySchema.index({ technicianId: 1, day: 1 });
