import { buildRepairsPolicy } from '../config/repairs-policy.config';
import { priorityFor } from './priority.policy';
import { isSlaBreached, pauseEndedAt, resumedDueAt, slaDueAt, slaElapsedShare, slaWarning } from './sla.policy';

const policy = buildRepairsPolicy().sla;
const opened = new Date('2027-03-01T10:00:00Z');

describe('SLA arithmetic', () => {
  it.each([
    ['critical', '2027-03-01T14:00:00.000Z'],
    ['high', '2027-03-02T10:00:00.000Z'],
    ['medium', '2027-03-04T10:00:00.000Z'],
    ['low', '2027-03-06T10:00:00.000Z'],
  ] as const)('a %s ticket is due at %s by the default policy', (severity, due) => {
    expect(slaDueAt(policy, severity, opened).toISOString()).toBe(due);
  });

  it('follows an overridden policy', () => {
    const fast = buildRepairsPolicy({ sla: { due: { critical: '90m' } } }).sla;
    expect(slaDueAt(fast, 'critical', opened).toISOString()).toBe('2027-03-01T11:30:00.000Z');
    expect(slaDueAt(fast, 'high', opened).toISOString()).toBe('2027-03-02T10:00:00.000Z');
  });

  it('pushes the due time back by exactly the paused duration', () => {
    const due = new Date('2027-03-01T14:00:00Z');
    const resumed = resumedDueAt(due, new Date('2027-03-01T12:00:00Z'), new Date('2027-03-03T09:15:00Z'));
    expect(resumed.toISOString()).toBe('2027-03-03T11:15:00.000Z');
  });

  it('never shortens the due time (clock skew)', () => {
    const due = new Date('2027-03-01T14:00:00Z');
    expect(resumedDueAt(due, new Date('2027-03-01T12:00:00Z'), new Date('2027-03-01T11:00:00Z'))).toEqual(due);
  });

  it('breaches at the due time while the clock runs, never while paused', () => {
    const due = new Date('2027-03-01T14:00:00Z');
    expect(isSlaBreached(due, new Date('2027-03-01T13:59:59Z'))).toBe(false);
    expect(isSlaBreached(due, due)).toBe(true);
    expect(isSlaBreached(due, new Date('2027-03-02T00:00:00Z'), new Date('2027-03-01T13:00:00Z'))).toBe(false);
  });

  it('ends a pause when the parts arrived, within the pause and never after now', () => {
    const pausedAt = new Date('2027-03-01T12:00:00Z');
    const now = new Date('2027-03-03T12:00:00Z');
    expect(pauseEndedAt(pausedAt, now)).toEqual(now);
    expect(pauseEndedAt(pausedAt, now, new Date('2027-03-02T12:00:00Z')).toISOString()).toBe(
      '2027-03-02T12:00:00.000Z',
    );
    expect(pauseEndedAt(pausedAt, now, new Date('2027-02-01T00:00:00Z'))).toEqual(pausedAt);
    expect(pauseEndedAt(pausedAt, now, new Date('2027-04-01T00:00:00Z'))).toEqual(now);
  });

  describe('the share of the allowed time used', () => {
    // 24 h allowed; a 10 h pause moved the due time on by 10 h
    const clock = { openedAt: opened, dueAt: new Date('2027-03-02T20:00:00Z'), pausedMs: 10 * 3600e3 };
    const at = (h: number) => new Date(opened.getTime() + h * 3600e3);

    it('counts the allowed time without the pauses', () => {
      expect(slaElapsedShare({ openedAt: opened, dueAt: at(24) }, at(6))).toBe(0.25);
      // 28 h after opening, 10 of them paused: 18 of 24 h used
      expect(slaElapsedShare(clock, at(28))).toBe(0.75);
      expect(slaElapsedShare(clock, at(100))).toBe(1);
      expect(slaElapsedShare(clock, at(-1))).toBe(0);
    });

    it('stops counting at a pause that has not ended', () => {
      expect(slaElapsedShare({ openedAt: opened, dueAt: at(24), pausedAt: at(12) }, at(20))).toBe(0.5);
    });

    it('warns from the warning share on, and says why not otherwise', () => {
      expect(slaWarning(clock, at(27.9), 0.75)).toEqual({
        atRisk: false,
        reason: 'below-warning-share',
        elapsedShare: 0.7458,
      });
      expect(slaWarning(clock, at(28), 0.75)).toEqual({ atRisk: true, elapsedShare: 0.75 });
      expect(slaWarning(clock, at(34), 0.75)).toMatchObject({ atRisk: false, reason: 'due', elapsedShare: 1 });
      expect(slaWarning({ ...clock, pausedAt: at(27) }, at(30), 0.75)).toMatchObject({
        atRisk: false,
        reason: 'paused',
      });
    });
  });

  it('maps severity to priority', () => {
    expect([priorityFor('critical'), priorityFor('high'), priorityFor('medium'), priorityFor('low')]).toEqual([
      'urgent',
      'high',
      'normal',
      'normal',
    ]);
  });
});
