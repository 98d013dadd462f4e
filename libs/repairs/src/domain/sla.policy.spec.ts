import { buildRepairsPolicy } from '../config/repairs-policy.config';
import { priorityFor } from './priority.policy';
import { isSlaBreached, resumedDueAt, slaDueAt } from './sla.policy';

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

  it('maps severity to priority', () => {
    expect([priorityFor('critical'), priorityFor('high'), priorityFor('medium'), priorityFor('low')]).toEqual([
      'urgent',
      'high',
      'normal',
      'normal',
    ]);
  });
});
