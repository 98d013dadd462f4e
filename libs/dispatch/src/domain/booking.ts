/** A booked interval in a technician's day: the job itself plus the travel buffer after it. */
export interface Booking {
  /** unique per booking attempt: a release removes exactly this booking, never a newer one */
  bookingId: string;
  workOrderId: string;
  from: number;
  to: number;
  /** end of the travel buffer: nothing else may start before it */
  blockedUntil: number;
}

/** One technician's day as read from the store, with the version the booking is conditioned on. */
export interface CalendarDay {
  technicianId: string;
  day: string;
  version: number;
  bookings: Booking[];
}

/** The buffer is symmetric: a new job must end its own travel before the next booking starts. */
export const clashes = (booking: Booking, from: number, blockedUntil: number): boolean =>
  from < booking.blockedUntil && booking.from < blockedUntil;

export const calendarDayId = (technicianId: string, day: string): string => `${technicianId}:${day}`;
