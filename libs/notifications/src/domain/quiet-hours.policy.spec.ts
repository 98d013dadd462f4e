import { deliveryTime, isQuiet, quietHoursEnd } from './quiet-hours.policy';

const night = { from: '22:00', to: '07:00', timezone: 'Europe/London' };

describe('quiet hours', () => {
  it('span midnight in the recipient’s time zone', () => {
    expect(isQuiet(new Date('2026-01-15T22:30:00Z'), night)).toBe(true);
    expect(isQuiet(new Date('2026-01-15T06:59:00Z'), night)).toBe(true);
    expect(isQuiet(new Date('2026-01-15T07:00:00Z'), night)).toBe(false);
    expect(isQuiet(new Date('2026-01-15T12:00:00Z'), night)).toBe(false);
    // British summer time: 21:30 UTC is 22:30 local
    expect(isQuiet(new Date('2026-07-15T21:30:00Z'), night)).toBe(true);
    expect(isQuiet(new Date('2026-07-15T20:30:00Z'), night)).toBe(false);
  });

  it('work within one day too, and an empty period is never quiet', () => {
    const lunch = { from: '12:00', to: '13:30', timezone: 'Asia/Tokyo' };
    expect(isQuiet(new Date('2026-03-01T03:15:00Z'), lunch)).toBe(true);
    expect(isQuiet(new Date('2026-03-01T04:30:00Z'), lunch)).toBe(false);
    expect(isQuiet(new Date('2026-03-01T03:15:00Z'), { ...lunch, to: '12:00' })).toBe(false);
  });

  it('end at the local end time, across a daylight-saving change', () => {
    expect(quietHoursEnd(new Date('2026-01-15T23:10:00Z'), night)?.toISOString()).toBe('2026-01-16T07:00:00.000Z');
    expect(quietHoursEnd(new Date('2026-07-15T22:10:00Z'), night)?.toISOString()).toBe('2026-07-16T06:00:00.000Z');
    // the night the clocks go forward in London (29 March 2026, 01:00 → 02:00)
    expect(quietHoursEnd(new Date('2026-03-28T23:00:00Z'), night)?.toISOString()).toBe('2026-03-29T06:00:00.000Z');
    expect(quietHoursEnd(new Date('2026-01-15T12:00:00Z'), night)).toBeUndefined();
  });

  it('delay only non-urgent SMS', () => {
    const at = new Date('2026-01-15T23:10:00Z');
    expect(deliveryTime(at, 'sms', 'normal', night)).toEqual({
      dueAt: new Date('2026-01-16T07:00:00.000Z'),
      delayed: true,
    });
    expect(deliveryTime(at, 'sms', 'urgent', night)).toEqual({ dueAt: at, delayed: false });
    expect(deliveryTime(at, 'email', 'normal', night)).toEqual({ dueAt: at, delayed: false });
    expect(deliveryTime(at, 'sms', 'normal', undefined)).toEqual({ dueAt: at, delayed: false });
    expect(deliveryTime(new Date('2026-01-15T12:00:00Z'), 'sms', 'normal', night).delayed).toBe(false);
  });
});
