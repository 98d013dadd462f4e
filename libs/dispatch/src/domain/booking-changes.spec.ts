import { endedBooking, endedVisit, endVisitIn, swapIn } from './booking-changes';
import { booking } from './fixtures.spec-helper';

const at = (hhmm: string) => Date.parse(`2026-12-01T${hhmm}:00Z`);

describe('changes to bookings in a day', () => {
  // 09:00–10:30, travel until 11:00
  const visit = booking('WO-1', '2026-12-01T09:00:00Z', 90);

  it('keeps what a visit that ended early used, and its travel after, and frees the rest', () => {
    expect(endedBooking(visit, at('09:40'), 30)).toEqual({ ...visit, to: at('09:40'), blockedUntil: at('10:10') });
    // again with the same end: nothing to change
    const cut = endedBooking(visit, at('09:40'), 30)!;
    expect(endedBooking(cut, at('09:40'), 30)).toBe(cut);
    // ended after the slot: unchanged, never lengthened
    expect(endedBooking(visit, at('12:00'), 30)).toBe(visit);
    // ended before it began: nothing is held
    expect(endedBooking(visit, at('08:30'), 30)).toBeUndefined();
  });

  it('rewrites the day: the visit cut, others untouched; a missing or already cut booking is unchanged', () => {
    const other = booking('WO-2', '2026-12-01T13:00:00Z', 60);
    expect(endVisitIn([visit, other], visit.bookingId, at('09:40'), 30)).toEqual([
      { ...visit, to: at('09:40'), blockedUntil: at('10:10') },
      other,
    ]);
    expect(endVisitIn([visit, other], visit.bookingId, at('08:00'), 30)).toEqual([other]);
    expect(endVisitIn([other], visit.bookingId, at('09:40'), 30)).toBe('unchanged');
    expect(endVisitIn([visit], visit.bookingId, at('11:00'), 30)).toBe('unchanged');
    expect(endedVisit({ from: '2026-12-01T09:00:00.000Z', to: '2026-12-01T10:30:00.000Z' }, at('09:40'))).toEqual({
      from: '2026-12-01T09:00:00.000Z',
      to: '2026-12-01T09:40:00.000Z',
    });
  });

  it('swaps given-up bookings for the one taking their place only if it clashes with nothing that stays', () => {
    const bumped = booking('WO-B', '2026-12-01T10:00:00Z', 60);
    const before = booking('WO-A', '2026-12-01T08:00:00Z', 90);
    const urgent = { ...booking('WO-U', '2026-12-01T10:00:00Z', 60), bookingId: 'b-U' };
    expect(swapIn([before, bumped], [bumped.bookingId], urgent)).toEqual([before, urgent]);
    // already there (a redelivery)
    expect(swapIn([before, urgent], [bumped.bookingId], urgent)).toBe('unchanged');
    // something else took the time meanwhile (travel included)
    const late = booking('WO-L', '2026-12-01T11:15:00Z', 30);
    expect(swapIn([before, bumped, late], [bumped.bookingId], urgent)).toBe('refused');
  });
});
