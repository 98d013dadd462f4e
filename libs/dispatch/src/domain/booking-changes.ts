import { Booking, clashes } from './booking';
import { MINUTE } from './time';
import { TimeWindow } from './work-order.state';

/** A change to one day's bookings: the new list, or why not (nothing to change, or it no longer fits). */
export type DayRewrite = Booking[] | 'unchanged' | 'refused';

/**
 * What a visit that ended at `endedAt` (waiting for parts) still holds of its booking: the time it
 * used and the travel buffer after that; the rest of the slot is free again. A visit that ended
 * before its slot began holds nothing (undefined: remove the booking). Applied again with the same
 * end it changes nothing (a redelivery), and it never lengthens a booking.
 */
export function endedBooking(booking: Booking, endedAt: number, bufferMinutes: number): Booking | undefined {
  if (endedAt <= booking.from) return undefined;
  const to = Math.min(booking.to, endedAt);
  const blockedUntil = Math.min(booking.blockedUntil, to + bufferMinutes * MINUTE);
  return to === booking.to && blockedUntil === booking.blockedUntil ? booking : { ...booking, to, blockedUntil };
}

/** The day with booking `bookingId` cut to the visit that ended at `endedAt` ('unchanged': gone or already cut). */
export function endVisitIn(
  bookings: readonly Booking[],
  bookingId: string,
  endedAt: number,
  bufferMinutes: number,
): DayRewrite {
  const found = bookings.find((booking) => booking.bookingId === bookingId);
  if (!found) return 'unchanged';
  const ended = endedBooking(found, endedAt, bufferMinutes);
  if (ended === found) return 'unchanged';
  return bookings.flatMap((booking) => (booking !== found ? [booking] : ended ? [ended] : []));
}

/** The booked window as the visit used it (unchanged when it ended before the window began or after it). */
export function endedVisit(window: TimeWindow, endedAt: number): TimeWindow {
  const from = Date.parse(window.from);
  const to = Date.parse(window.to);
  return endedAt > from && endedAt < to ? { from: window.from, to: new Date(endedAt).toISOString() } : window;
}

/**
 * The day with the bookings `given` (a bumped order's, or ones their orders gave up) replaced by
 * `taking`, if it is clear of every booking that stays (travel buffer included); 'refused' when it
 * is not (the day changed since the decision), 'unchanged' when it is already there (a redelivery).
 */
export function swapIn(bookings: readonly Booking[], given: readonly string[], taking: Booking): DayRewrite {
  if (bookings.some((booking) => booking.bookingId === taking.bookingId)) return 'unchanged';
  const staying = bookings.filter((booking) => !given.includes(booking.bookingId));
  if (staying.some((booking) => clashes(booking, taking.from, taking.blockedUntil))) return 'refused';
  return [...staying, taking];
}
