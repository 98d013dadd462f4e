import { decideAssignment } from './assignment.policy';
import { booking, demand, NOW, tech } from './fixtures.spec-helper';
import { failedChecks } from './placement.policy';
import { earliestSlot, qualifiesFor } from './slot-search';
import { dayKey } from './time';

/**
 * README asked whether a licence can run out with time under a booking, with no roster change: it
 * cannot. A slot is only ever found on a day the licence is valid (validUntil inclusive), the day of
 * a booking never changes, and what is checked of a booking later (qualifiesFor, on every roster
 * change) does not depend on the current time: so a booking made on a valid day stays on a valid day.
 * Only a roster change (a shortened licence) can invalidate it, and roster-rebooking moves it then.
 * A dispatcher's placement on a later day is refused without an override (recorded).
 */
describe('a licence that runs out with time', () => {
  const settings = { bufferMinutes: 30, horizonDays: 14 };
  // valid through Tuesday 2026-12-01; the order may be done Tuesday to Thursday
  const licensed = tech({ licences: [{ skill: 'gas-safe', validUntil: '2026-12-01' }] });
  const week = demand({ preferredWindow: { from: '2026-12-01T08:00:00Z', to: '2026-12-03T17:00:00Z' } });

  it('books on or before the last valid day, never after it', () => {
    const decision = decideAssignment(week, [licensed], new Map(), NOW, settings);
    expect(decision).toMatchObject({ outcome: 'assign', day: '2026-12-01' });
  });

  it('does not use the days after it when the valid days are full', () => {
    const fullTuesday = new Map([
      ['T-1', new Map([['2026-12-01', [booking('X', '2026-12-01T08:00:00Z', 9 * 60, 0)]]])],
    ]);
    expect(decideAssignment(week, [licensed], fullTuesday, NOW, settings)).toEqual({
      outcome: 'unassignable',
      reason:
        'all 1 qualified technicians in region london are fully booked between 2026-12-01T08:00Z and 2026-12-03T17:00Z',
    });
    const expired = decideAssignment(
      demand({ preferredWindow: { from: '2026-12-02T08:00:00Z', to: '2026-12-03T17:00:00Z' } }),
      [licensed],
      new Map(),
      NOW,
      settings,
    );
    expect(expired).toEqual({
      outcome: 'unassignable',
      reason: 'no technician with a valid gas-safe licence in region london',
    });
  });

  it('keeps a booking valid however much time passes: the check of a booking does not read the clock', () => {
    const found = earliestSlot(licensed, new Map(), {
      requiredSkill: 'gas-safe',
      durationMinutes: 60,
      range: { from: NOW, to: Date.parse('2026-12-14T00:00:00Z') },
      bufferMinutes: 30,
    });
    if (!('slot' in found)) throw new Error('expected a slot');
    expect(dayKey(found.slot.from) <= '2026-12-01').toBe(true);
    const realNow = Date.now;
    try {
      // what roster-rebooking checks, asked long after the licence's last day
      Date.now = () => Date.parse('2030-01-01T00:00:00Z');
      expect(qualifiesFor(licensed, week, found.slot)).toEqual({ ok: true });
    } finally {
      Date.now = realNow;
    }
  });

  it('refuses a placement by hand on a later day unless the dispatcher overrides the licence check', () => {
    const wednesday = { from: Date.parse('2026-12-02T09:00:00Z'), to: Date.parse('2026-12-02T10:00:00Z') };
    expect(failedChecks(licensed, week, wednesday)).toEqual(['licence']);
    const tuesday = { from: Date.parse('2026-12-01T09:00:00Z'), to: Date.parse('2026-12-01T10:00:00Z') };
    expect(failedChecks(licensed, week, tuesday)).toEqual([]);
  });
});
