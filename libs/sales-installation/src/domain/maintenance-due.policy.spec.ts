import { addCalendarMonths, ValidationFailedError } from '@appliance-care/kernel';

import {
  checkMaintenanceChecklist,
  dueVerdict,
  nextCheckAt,
  nextDueAt,
  overdueVerdict,
  ScheduleFacts,
  visitWindow,
} from './maintenance-due.policy';

const schedule = (overrides: Partial<ScheduleFacts> = {}): ScheduleFacts => ({
  status: 'active',
  dueAt: '2027-03-01T09:00:00.000Z',
  plan: { leadDays: 14 },
  ...overrides,
});
const at = (iso: string) => new Date(iso);

describe('maintenance due decisions', () => {
  it('adds calendar months, on the last day of a shorter month', () => {
    expect(addCalendarMonths('2026-01-31T10:00:00.000Z', 1)).toBe('2026-02-28T10:00:00.000Z');
    expect(addCalendarMonths('2028-01-31T10:00:00.000Z', 1)).toBe('2028-02-29T10:00:00.000Z');
    expect(addCalendarMonths('2026-08-15T10:00:00.000Z', 6)).toBe('2027-02-15T10:00:00.000Z');
    expect(addCalendarMonths('2026-12-01T00:00:00.000Z', 12)).toBe('2027-12-01T00:00:00.000Z');
  });

  it('sets the next due date one interval after the completion, not after the old due date', () => {
    expect(nextDueAt('2027-03-20T15:00:00.000Z', 12)).toBe('2028-03-20T15:00:00.000Z');
  });

  it('requests the visit leadDays before the due date, once', () => {
    expect(dueVerdict(schedule(), at('2027-02-14T08:59:00.000Z'))).toEqual({ act: false, reason: 'not-yet' });
    expect(dueVerdict(schedule(), at('2027-02-15T09:00:00.000Z'))).toEqual({ act: true, reason: 'due' });
    expect(dueVerdict(schedule({ requestedAt: '2027-02-15T09:00:00.000Z' }), at('2027-02-16T00:00:00.000Z'))).toEqual({
      act: false,
      reason: 'already-requested',
    });
    expect(dueVerdict(schedule({ status: 'opted-out' }), at('2027-02-16T00:00:00.000Z'))).toEqual({
      act: false,
      reason: 'opted-out',
    });
  });

  it('flags the cycle overdue once the due date has passed, once', () => {
    expect(overdueVerdict(schedule(), at('2027-03-01T09:00:00.000Z'))).toEqual({ act: false, reason: 'not-yet-due' });
    expect(overdueVerdict(schedule(), at('2027-03-01T09:00:01.000Z'))).toEqual({ act: true, reason: 'overdue' });
    expect(overdueVerdict(schedule({ overdueAt: '2027-03-02T00:00:00.000Z' }), at('2027-03-03T00:00:00.000Z'))).toEqual(
      { act: false, reason: 'already-flagged' },
    );
    expect(overdueVerdict(schedule({ status: 'opted-out' }), at('2027-04-01T00:00:00.000Z')).reason).toBe('opted-out');
  });

  it('tells the sweeper when it has something to decide next', () => {
    expect(nextCheckAt(schedule())).toBe('2027-02-15T09:00:00.000Z');
    expect(nextCheckAt(schedule({ requestedAt: '2027-02-15T09:00:00.000Z' }))).toBe('2027-03-01T09:00:00.000Z');
    expect(
      nextCheckAt(schedule({ requestedAt: '2027-02-15T09:00:00.000Z', overdueAt: '2027-03-01T10:00:00.000Z' })),
    ).toBeUndefined();
    // a cancelled request in an overdue cycle: requested again at once
    expect(nextCheckAt(schedule({ overdueAt: '2027-03-01T10:00:00.000Z' }))).toBe('2027-02-15T09:00:00.000Z');
    expect(nextCheckAt(schedule({ status: 'opted-out' }))).toBeUndefined();
  });

  it('offers a window from the request to leadDays after the due date, never in the past', () => {
    expect(visitWindow(schedule(), at('2027-02-15T09:00:00.000Z'))).toEqual({
      from: '2027-02-15T09:00:00.000Z',
      to: '2027-03-15T09:00:00.000Z',
    });
    // requested late (the plan attached after its due date): from now, still leadDays long
    expect(visitWindow(schedule(), at('2027-04-01T00:00:00.000Z'))).toEqual({
      from: '2027-04-01T00:00:00.000Z',
      to: '2027-04-15T00:00:00.000Z',
    });
  });
});

describe('maintenance checklist', () => {
  const template = [
    { item: 'filters-cleaned', label: 'Filters cleaned' },
    { item: 'coils-cleaned', label: 'Coils cleaned' },
  ];

  it('records every item in the plan order, with its note', () => {
    expect(
      checkMaintenanceChecklist(template, [
        { item: 'coils-cleaned', ok: false, note: 'corroded' },
        { item: 'filters-cleaned', ok: true },
      ]),
    ).toEqual([
      { item: 'filters-cleaned', ok: true },
      { item: 'coils-cleaned', ok: false, note: 'corroded' },
    ]);
  });

  const errorsOf = (answers: { item: string; ok: boolean }[]) => {
    try {
      checkMaintenanceChecklist(template, answers);
    } catch (err) {
      expect(err).toBeInstanceOf(ValidationFailedError);
      return (err as ValidationFailedError).errors;
    }
    throw new Error('accepted');
  };

  it('refuses a missing, unknown or repeated item with 400 naming the field', () => {
    expect(errorsOf([{ item: 'filters-cleaned', ok: true }])).toEqual([
      { field: 'checklist', message: 'items not answered: coils-cleaned' },
    ]);
    expect(
      errorsOf([
        { item: 'filters-cleaned', ok: true },
        { item: 'coils-cleaned', ok: true },
        { item: 'gas-tightness-test', ok: true },
      ]),
    ).toEqual([{ field: 'checklist.2.item', message: '"gas-tightness-test" is not on this plan\'s checklist' }]);
    expect(
      errorsOf([
        { item: 'filters-cleaned', ok: true },
        { item: 'filters-cleaned', ok: false },
        { item: 'coils-cleaned', ok: true },
      ]),
    ).toEqual([{ field: 'checklist.1.item', message: '"filters-cleaned" is answered twice' }]);
  });
});
