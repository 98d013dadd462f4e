import { quietHoursStart } from './quiet-hours.policy';
import { dueReminderDecision, reminderTime } from './reminder-timing.policy';

const HOUR = 3_600_000;
const night = { from: '22:00', to: '07:00', timezone: 'Europe/London' };
const at = (iso: string) => new Date(iso);

describe('reminder time', () => {
  const now = at('2026-01-10T12:00:00Z');

  it('is the lead time before the start when that is outside quiet hours', () => {
    expect(reminderTime(at('2026-01-15T14:00:00Z'), 24 * HOUR, now, night)).toEqual({
      due: true,
      dueAt: at('2026-01-14T14:00:00Z'),
    });
    expect(reminderTime(at('2026-01-15T14:00:00Z'), 2 * HOUR, now)).toEqual({
      due: true,
      dueAt: at('2026-01-15T12:00:00Z'),
    });
  });

  it('moves earlier, to the minute before the quiet hours begin, when the lead time falls inside them', () => {
    // 24 h before an 08:00 visit is 08:00 the day before: fine; 2 h before is 06:00, in the night
    expect(reminderTime(at('2026-01-15T08:00:00Z'), 2 * HOUR, now, night)).toEqual({
      due: true,
      dueAt: at('2026-01-14T21:59:00Z'),
      movedBy: 'quiet-hours-earlier',
    });
    // British summer time: 05:30 UTC is 06:30 in London, and the night begins at 21:00 UTC
    expect(reminderTime(at('2026-07-15T05:30:00Z'), 24 * HOUR, at('2026-07-01T00:00:00Z'), night)).toEqual({
      due: true,
      dueAt: at('2026-07-13T20:59:00Z'),
      movedBy: 'quiet-hours-earlier',
    });
  });

  it('waits for the end of the quiet hours only when earlier has passed, and never reaches the start', () => {
    // booked at 23:00 for 09:00 with a 3 h lead: 06:00 is quiet, 21:59 has passed → 07:00
    expect(reminderTime(at('2026-01-15T09:00:00Z'), 3 * HOUR, at('2026-01-14T23:00:00Z'), night)).toEqual({
      due: true,
      dueAt: at('2026-01-15T07:00:00Z'),
      movedBy: 'quiet-hours-later',
    });
    // a visit at 06:30 booked in the night: the quiet hours last until it starts
    expect(reminderTime(at('2026-01-15T06:30:00Z'), 2 * HOUR, at('2026-01-14T23:00:00Z'), night)).toEqual({
      due: false,
      reason: "the recipient's quiet hours last until the appointment starts",
    });
  });

  it('is none for a booking made within the lead time or an appointment that has started', () => {
    expect(reminderTime(at('2026-01-10T20:00:00Z'), 24 * HOUR, now)).toMatchObject({ due: false });
    expect(reminderTime(at('2026-01-10T11:00:00Z'), HOUR, now)).toEqual({
      due: false,
      reason: 'the appointment has started',
    });
  });
});

describe('a due reminder', () => {
  it('is sent outside quiet hours before the start', () => {
    expect(dueReminderDecision(at('2026-01-14T14:00:00Z'), at('2026-01-15T14:00:00Z'), night)).toEqual({
      action: 'send',
    });
  });

  it('is dropped once the appointment started (a sweeper late after a restart)', () => {
    expect(dueReminderDecision(at('2026-01-15T14:00:00Z'), at('2026-01-15T14:00:00Z'))).toEqual({
      action: 'drop',
      reason: 'the appointment has started',
    });
  });

  it('waits for the end of quiet hours that began since it was planned, if that is before the start', () => {
    expect(dueReminderDecision(at('2026-01-14T23:30:00Z'), at('2026-01-15T10:00:00Z'), night)).toEqual({
      action: 'wait',
      until: at('2026-01-15T07:00:00Z'),
    });
    expect(dueReminderDecision(at('2026-01-14T23:30:00Z'), at('2026-01-15T06:00:00Z'), night)).toMatchObject({
      action: 'drop',
    });
  });
});

describe('quiet hours start', () => {
  it('is the local start time of the period around a moment, across a daylight-saving change', () => {
    expect(quietHoursStart(at('2026-01-15T03:00:00Z'), night)).toEqual(at('2026-01-14T22:00:00Z'));
    expect(quietHoursStart(at('2026-01-15T22:30:00Z'), night)).toEqual(at('2026-01-15T22:00:00Z'));
    // the night the clocks go forward in London (29 March 2026): 22:00 GMT the evening before
    expect(quietHoursStart(at('2026-03-29T05:00:00Z'), night)).toEqual(at('2026-03-28T22:00:00Z'));
    // the night they go back (25 October 2026): 22:00 BST is 21:00 UTC
    expect(quietHoursStart(at('2026-10-25T06:30:00Z'), night)).toEqual(at('2026-10-24T21:00:00Z'));
    expect(quietHoursStart(at('2026-01-15T12:00:00Z'), night)).toBeUndefined();
  });
});
