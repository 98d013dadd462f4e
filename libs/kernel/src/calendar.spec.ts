import { addCalendarMonths } from './calendar';

describe('addCalendarMonths', () => {
  it.each([
    ['2026-01-31T10:00:00.000Z', 1, '2026-02-28T10:00:00.000Z'],
    ['2028-01-31T10:00:00.000Z', 1, '2028-02-29T10:00:00.000Z'],
    ['2026-08-15T10:00:00.000Z', 6, '2027-02-15T10:00:00.000Z'],
    ['2026-12-01T00:00:00.000Z', 12, '2027-12-01T00:00:00.000Z'],
    ['2027-03-31T10:00:00.000Z', -1, '2027-02-28T10:00:00.000Z'],
    ['2027-01-15T10:00:00.000Z', -13, '2025-12-15T10:00:00.000Z'],
    // in the date-time's own zone: 31 January 00:30 in Berlin is 30 January in UTC
    ['2026-01-31T00:30:00+01:00', 1, '2026-02-27T23:30:00.000Z'],
  ])('%s %+d months → %s', (from, months, expected) => {
    expect(addCalendarMonths(from, months)).toBe(expected);
  });

  it('refuses what is not a date-time or a whole number of months', () => {
    expect(() => addCalendarMonths('not a date', 1)).toThrow(RangeError);
    expect(() => addCalendarMonths('2026-01-01T00:00:00Z', 1.5)).toThrow(RangeError);
  });
});
