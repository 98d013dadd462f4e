import { addCalendarMonths } from '@appliance-care/kernel';

import { warrantyEndsAt, warrantyStatus } from './warranty.policy';

describe('warranty arithmetic', () => {
  it.each([
    ['2026-01-31T10:00:00Z', 1, '2026-02-28T10:00:00.000Z'],
    ['2028-01-31T10:00:00Z', 1, '2028-02-29T10:00:00.000Z'],
    ['2028-02-29T09:30:00Z', 12, '2029-02-28T09:30:00.000Z'],
    ['2028-02-29T09:30:00Z', 48, '2032-02-29T09:30:00.000Z'],
    ['2026-03-31T00:00:00Z', 1, '2026-04-30T00:00:00.000Z'],
    ['2026-11-28T10:15:00Z', 24, '2028-11-28T10:15:00.000Z'],
    ['2026-12-15T12:00:00Z', 1, '2027-01-15T12:00:00.000Z'],
    ['2026-08-31T08:00:00Z', 6, '2027-02-28T08:00:00.000Z'],
    ['2026-05-20T08:00:00Z', 120, '2036-05-20T08:00:00.000Z'],
  ])('%s + %i months = %s', (from, months, expected) => {
    expect(addCalendarMonths(from, months)).toBe(expected);
  });

  it('counts in the purchase time zone: 31 January late evening in New York is still January there', () => {
    // 2026-01-31T23:30-05:00 is 1 February in UTC; the customer bought on 31 January
    expect(warrantyEndsAt('2026-01-31T23:30:00-05:00', 1)).toBe('2026-03-01T04:30:00.000Z');
    expect(new Date(warrantyEndsAt('2026-01-31T23:30:00-05:00', 1)).getTime()).toBe(
      Date.parse('2026-02-28T23:30:00-05:00'),
    );
  });

  it('ends at purchase with 0 months', () => {
    expect(warrantyEndsAt('2026-11-28T10:15:00Z', 0)).toBe('2026-11-28T10:15:00.000Z');
  });

  it('refuses nonsense', () => {
    expect(() => addCalendarMonths('not a date', 1)).toThrow(RangeError);
    expect(() => warrantyEndsAt('2026-01-01T00:00:00Z', -1)).toThrow(RangeError);
    expect(() => addCalendarMonths('2026-01-01T00:00:00Z', 1.5)).toThrow(RangeError);
  });

  it('tells in- from out-of-warranty', () => {
    expect(warrantyStatus('2026-12-01T00:00:00Z', new Date('2026-11-30T23:59:59Z'))).toBe('in-warranty');
    expect(warrantyStatus('2026-12-01T00:00:00Z', new Date('2026-12-01T00:00:00Z'))).toBe('out-of-warranty');
  });
});
